import { z } from 'zod';
import { envInt, optionalString } from './primitives';

/** A zone the runtime knows; checked at boot so a typo cannot turn every date computation into a 500. */
function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const nodeEnvSchema = z.enum(['development', 'test', 'staging', 'production']).default('development');

export const baseEnv = {
  NODE_ENV: nodeEnvSchema,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APP_TIMEZONE: z
    .string()
    .default('UTC')
    .refine(isTimeZone, 'must be an IANA time zone such as UTC or Africa/Lagos'),
  OTEL_EXPORTER_OTLP_ENDPOINT: optionalString,
  OTEL_SERVICE_NAME: optionalString,
  BACKEND_BASE_URL: z.string().url().default('http://localhost:3000'),
  PUBLIC_MEDIA_BASE_URL: optionalString,
  MEDIA_LOCAL_DIR: z.string().default('./.data/media'),
  OUTBOX_POLL_MS: envInt(50).default(1000),
  /** Screen-time session cap (rules.md §18), used by the API and the worker-story clean-up. */
  SCREEN_TIME_MAX_SESSION_SECONDS: envInt(60).default(14_400),
};

export const databaseEnv = (defaultPoolMax: number) => ({
  DATABASE_URL: z.string().min(1, 'DATABASE_URL is required'),
  DB_POOL_MAX: envInt(1, 500).default(defaultPoolMax),
  DB_POOL_TIMEOUT_MS: envInt(0).default(30_000),
  DB_IDLE_TIMEOUT_MS: envInt(0).default(30_000),
  DB_STATEMENT_TIMEOUT_MS: envInt(0).default(15_000),
  DB_SLOW_QUERY_MS: envInt(0).default(100),
});

export const redisEnv = {
  REDIS_URL: z.string().default('redis://localhost:6379'),
  CACHE_PREFIX: z.string().default('st:'),
  /** Prefix of BullMQ keys; tests give each run its own so runs never collide. */
  QUEUE_PREFIX: z.string().default('bull'),
};

export interface DatabaseConfig {
  url: string;
  poolMax: number;
  poolTimeoutMs: number;
  idleTimeoutMs: number;
  statementTimeoutMs: number;
  slowQueryMs: number;
}

export function toDatabaseConfig(env: {
  DATABASE_URL: string;
  DB_POOL_MAX: number;
  DB_POOL_TIMEOUT_MS: number;
  DB_IDLE_TIMEOUT_MS: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  DB_SLOW_QUERY_MS: number;
}): DatabaseConfig {
  return {
    url: env.DATABASE_URL,
    poolMax: env.DB_POOL_MAX,
    poolTimeoutMs: env.DB_POOL_TIMEOUT_MS,
    idleTimeoutMs: env.DB_IDLE_TIMEOUT_MS,
    statementTimeoutMs: env.DB_STATEMENT_TIMEOUT_MS,
    slowQueryMs: env.DB_SLOW_QUERY_MS,
  };
}
