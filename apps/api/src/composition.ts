import type { Cache } from '@storytime/cache';
import type { Db } from '@storytime/db';
import type { Logger } from '@storytime/observability';
import { createOutbox, type Outbox, type QueueProducer, type Redis } from '@storytime/queue';
import type { ApiConfig } from './config';
import { createJwtCodec, type JwtCodec } from './lib/jwt';
import { type Authenticate, createAuthenticator } from './modules/auth/authenticator';
import { createSessionService, type SessionService } from './modules/auth/session.service';

/**
 * The services every module shares, wired once per app. Modules build their own services from
 * these in their route plugin, so adding a module never touches this file.
 */
export interface CoreServices {
  config: ApiConfig;
  logger: Logger;
  db: Db;
  cache: Cache;
  redis: Redis;
  producer: QueueProducer;
  outbox: Outbox;
  jwt: JwtCodec;
  sessions: SessionService;
  authenticate: Authenticate;
  /** The clock; tests replace it to move time. */
  now: () => Date;
}

export function createCoreServices(deps: {
  config: ApiConfig;
  logger: Logger;
  db: Db;
  cache: Cache;
  redis: Redis;
  producer: QueueProducer;
  now?: () => Date;
}): CoreServices {
  const now = deps.now ?? (() => new Date());
  const { env } = deps.config;
  const jwt = createJwtCodec(
    { secret: env.JWT_SECRET, issuer: env.JWT_ISSUER, ttlSeconds: env.JWT_ACCESS_TTL_SECONDS },
    now,
  );
  const sessions = createSessionService({
    db: deps.db,
    cache: deps.cache,
    redis: deps.redis,
    jwt,
    logger: deps.logger,
    now,
    settings: {
      refreshTtlDays: env.REFRESH_TOKEN_TTL_DAYS,
      rotation: env.AUTH_REFRESH_ROTATION === 'on',
      reuseGraceSeconds: env.REFRESH_REUSE_GRACE_SECONDS,
      cachePrefix: env.CACHE_PREFIX,
      secret: env.JWT_SECRET,
    },
  });
  return {
    ...deps,
    now,
    outbox: createOutbox(deps.db, deps.producer, deps.logger),
    jwt,
    sessions,
    authenticate: createAuthenticator(jwt, sessions),
  };
}

/** What each module's route plugin receives. */
export interface ModuleOptions {
  core: CoreServices;
}
