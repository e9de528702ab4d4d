import {
  baseEnv,
  ConfigError,
  databaseEnv,
  envBoolean,
  envInt,
  optionalString,
  parseEnv,
  redisEnv,
  toDatabaseConfig,
} from '@storytime/config';
import { z } from 'zod';

const apiEnvShape = {
  ...baseEnv,
  ...databaseEnv(20),
  ...redisEnv,
  PORT: envInt(0, 65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  METRICS_PORT: envInt(0, 65535).default(9464),
  TRUST_PROXY: z.string().default('false'),
  CORS_ORIGINS: optionalString,
  BODY_LIMIT_BYTES: envInt(1024).default(10 * 1024 * 1024),
  DOCS_ENABLED: envBoolean.optional(),
  SHUTDOWN_TIMEOUT_MS: envInt(0).default(10_000),
  JWT_SECRET: z.string().min(32, 'JWT_SECRET must be at least 32 characters'),
  JWT_ISSUER: z.string().default('storytime'),
  JWT_ACCESS_TTL_SECONDS: envInt(60).default(3600),
  REFRESH_TOKEN_TTL_DAYS: envInt(1).default(30),
  AUTH_REFRESH_ROTATION: z.enum(['on', 'off']).default('on'),
  REFRESH_REUSE_GRACE_SECONDS: envInt(0, 3600).default(30),
  ADMIN_SECRET: optionalString,
  WEB_APP_BASE_URL: optionalString,
  GOOGLE_CLIENT_ID: optionalString,
  GOOGLE_WEB_CLIENT_ID: optionalString,
  GOOGLE_ANDROID_CLIENT_ID: optionalString,
  GOOGLE_IOS_CLIENT_ID: optionalString,
  GOOGLE_CLIENT_SECRET: optionalString,
  GOOGLE_OAUTH_CLIENT_ID: optionalString,
  GOOGLE_JWKS_URL: z.string().url().default('https://www.googleapis.com/oauth2/v3/certs'),
  GOOGLE_AUTH_URL: z.string().url().default('https://accounts.google.com/o/oauth2/v2/auth'),
  GOOGLE_OAUTH_TOKEN_URL: z.string().url().default('https://oauth2.googleapis.com/token'),
  APPLE_CLIENT_ID: optionalString,
  APPLE_SERVICE_ID: optionalString,
  APPLE_JWKS_URL: z.string().url().default('https://appleid.apple.com/auth/keys'),
  MEDIA_TMP_DIR: optionalString,
  UPLOAD_REMOTE_TIMEOUT_MS: envInt(100).default(8_000),
  UPLOAD_INLINE_MAX_BYTES: envInt(1024).default(5 * 1024 * 1024),
  CLOUDINARY_CLOUD_NAME: optionalString,
  CLOUDINARY_API_KEY: optionalString,
  CLOUDINARY_API_SECRET: optionalString,
  CLOUDINARY_BASE_URL: z.string().url().default('https://api.cloudinary.com'),
  ELEVEN_LABS_KEY: optionalString,
  ELEVENLABS_BASE_URL: z.string().url().default('https://api.elevenlabs.io'),
  ELEVENLABS_TTS_MODEL: z.string().default('eleven_multilingual_v2'),
  ELEVENLABS_STT_MODEL: z.string().default('scribe_v2'),
  DEEPGRAM_API_KEY: optionalString,
  DEEPGRAM_BASE_URL: z.string().url().default('https://api.deepgram.com'),
  DEEPGRAM_SSML: envBoolean.default(true),
  GENERATION_WAIT_TIMEOUT_MS: envInt(0).default(60_000),
  AUDIO_WAIT_TIMEOUT_MS: envInt(0).default(30_000),
  RATE_LIMIT_DEFAULT_PER_MIN: envInt(1).default(100),
  RATE_LIMIT_AUTH_PER_MIN: envInt(1).default(10),
  RATE_LIMIT_LOGIN_PER_MIN: envInt(1).default(3),
  RATE_LIMIT_LOGIN_IP_PER_MIN: envInt(1).default(10),
  RATE_LIMIT_REGISTER_PER_HOUR: envInt(1).default(3),
  RATE_LIMIT_REGISTER_IP_PER_HOUR: envInt(1).default(10),
  RATE_LIMIT_OTP_PER_MIN: envInt(1).default(5),
  RATE_LIMIT_GENERATION_PER_MIN: envInt(1).default(5),
  RATE_LIMIT_GENERATION_PER_HOUR: envInt(1).default(10),
  RATE_LIMIT_PREMIUM_MULTIPLIER: envInt(1).default(5),
  RATE_LIMIT_ADMIN_PER_MIN: envInt(1).default(200),
  RATE_LIMIT_MULTIPLIER: envInt(1).default(1),
};

export type ApiEnv = z.infer<z.ZodObject<typeof apiEnvShape>>;

/** Trust-proxy setting as Fastify takes it: false, a hop count, or a list of addresses/CIDRs. */
function parseTrustProxy(value: string): boolean | number | string[] {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'false' || trimmed === '') return false;
  if (trimmed === 'true') return true;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return value.split(',').map((entry) => entry.trim());
}

const DEV_ORIGINS = ['/^http:\\/\\/localhost(:\\d+)?$/', '/^http:\\/\\/127\\.0\\.0\\.1(:\\d+)?$/'];
const PROD_ORIGINS = ['/^https?:\\/\\/([a-z0-9-]+\\.)*storytimeapp\\.me$/'];

/** `CORS_ORIGINS` entries: exact origins, or `/regex/` (platform.md §11). */
export function parseCorsOrigins(value: string | undefined, production: boolean): Array<string | RegExp> {
  const entries = value
    ? value.split(',').map((entry) => entry.trim())
    : production
      ? PROD_ORIGINS
      : DEV_ORIGINS;
  return entries
    .filter((entry) => entry.length > 0)
    .map((entry) =>
      entry.length > 2 && entry.startsWith('/') && entry.endsWith('/')
        ? new RegExp(entry.slice(1, -1))
        : entry,
    );
}

export function loadApiConfig(source: Record<string, string | undefined> = process.env) {
  const env = parseEnv(apiEnvShape, source);
  const production = env.NODE_ENV === 'production';
  if (production && !env.WEB_APP_BASE_URL) {
    throw new ConfigError(['WEB_APP_BASE_URL: required in production (OAuth redirect target)']);
  }
  return {
    env,
    production,
    database: toDatabaseConfig(env),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    corsOrigins: parseCorsOrigins(env.CORS_ORIGINS, production),
    docsEnabled: env.DOCS_ENABLED ?? !production,
    publicMediaBaseUrl: env.PUBLIC_MEDIA_BASE_URL ?? env.BACKEND_BASE_URL,
  };
}

export type ApiConfig = ReturnType<typeof loadApiConfig>;
