import type { FastifyRequest } from 'fastify';
import type { ApiEnv } from '../../config';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export type TierName =
  | 'default'
  | 'auth'
  | 'login-email'
  | 'login-ip'
  | 'register-email'
  | 'register-ip'
  | 'otp'
  | 'generation-minute'
  | 'generation-hour'
  | 'admin';

export interface RateLimitTier {
  /** Reported in `details.tier` of a 429. */
  label: string;
  windowMs: number;
  max: (request: FastifyRequest) => number | Promise<number>;
  /** The identity counted; undefined skips this tier for the request (e.g. no email in the body). */
  key: (request: FastifyRequest) => string | undefined;
  /** Keys read from the parsed body must wait until it is parsed. */
  needsBody?: boolean;
  /** Whether a 429 on this tier offers the upgrade path to free users. */
  offersUpgrade?: boolean;
}

export interface TierContext {
  /** The caller's identity: user id when a valid session is present, else undefined. */
  userId: (request: FastifyRequest) => string | undefined;
  /** Premium callers get the generation tier ×5; may look the status up (cached a minute). */
  isPremium: (request: FastifyRequest) => boolean | Promise<boolean>;
}

function bodyEmail(request: FastifyRequest): string | undefined {
  const email = (request.body as { email?: unknown } | undefined)?.email;
  return typeof email === 'string' && email.length > 0 ? email.trim().toLowerCase() : undefined;
}

/** The tiers of platform.md §5, each limit scaled by RATE_LIMIT_MULTIPLIER. */
export function buildTiers(env: ApiEnv, context: TierContext): Record<TierName, RateLimitTier> {
  const scaled = (limit: number) => () => limit * env.RATE_LIMIT_MULTIPLIER;
  const ip = (request: FastifyRequest) => `ip:${request.ip}`;
  const userOrIp = (request: FastifyRequest) => {
    const userId = context.userId(request);
    return userId ? `user:${userId}` : ip(request);
  };
  const generation = (limit: number) => async (request: FastifyRequest) =>
    limit *
    env.RATE_LIMIT_MULTIPLIER *
    ((await context.isPremium(request)) ? env.RATE_LIMIT_PREMIUM_MULTIPLIER : 1);

  return {
    default: {
      label: 'default',
      windowMs: MINUTE,
      max: scaled(env.RATE_LIMIT_DEFAULT_PER_MIN),
      key: userOrIp,
    },
    auth: { label: 'auth', windowMs: MINUTE, max: scaled(env.RATE_LIMIT_AUTH_PER_MIN), key: ip },
    'login-email': {
      label: 'login',
      windowMs: MINUTE,
      max: scaled(env.RATE_LIMIT_LOGIN_PER_MIN),
      key: (request) => {
        const email = bodyEmail(request);
        return email ? `email:${email}` : undefined;
      },
      needsBody: true,
    },
    'login-ip': { label: 'login', windowMs: MINUTE, max: scaled(env.RATE_LIMIT_LOGIN_IP_PER_MIN), key: ip },
    'register-email': {
      label: 'register',
      windowMs: HOUR,
      max: scaled(env.RATE_LIMIT_REGISTER_PER_HOUR),
      key: (request) => {
        const email = bodyEmail(request);
        return email ? `email:${email}` : undefined;
      },
      needsBody: true,
    },
    'register-ip': {
      label: 'register',
      windowMs: HOUR,
      max: scaled(env.RATE_LIMIT_REGISTER_IP_PER_HOUR),
      key: ip,
    },
    otp: {
      label: 'otp',
      windowMs: MINUTE,
      max: scaled(env.RATE_LIMIT_OTP_PER_MIN),
      key: (request) => {
        const email = bodyEmail(request);
        return email ? `email:${email}` : userOrIp(request);
      },
      needsBody: true,
    },
    'generation-minute': {
      label: 'generation',
      windowMs: MINUTE,
      max: generation(env.RATE_LIMIT_GENERATION_PER_MIN),
      key: userOrIp,
      offersUpgrade: true,
    },
    'generation-hour': {
      label: 'generation',
      windowMs: HOUR,
      max: generation(env.RATE_LIMIT_GENERATION_PER_HOUR),
      key: userOrIp,
      offersUpgrade: true,
    },
    admin: { label: 'admin', windowMs: MINUTE, max: scaled(env.RATE_LIMIT_ADMIN_PER_MIN), key: userOrIp },
  };
}
