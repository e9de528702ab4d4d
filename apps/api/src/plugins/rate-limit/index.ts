import rateLimit from '@fastify/rate-limit';
import { RateLimitedError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import type { Redis } from '@storytime/queue';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { ApiEnv } from '../../config';
import { createFallbackStore } from './fallback-store';
import { buildTiers, type TierContext, type TierName } from './tiers';

export type { TierName } from './tiers';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's tiers (platform.md §5); false exempts it; absent = default (admin under /admin). */
    rateLimitTiers?: TierName[] | false;
  }
}

export interface RateLimitOptions {
  env: ApiEnv;
  redis: Redis;
  prefix: string;
  logger: Logger;
  context: TierContext;
}

const EXEMPT_PREFIXES = ['/api/v1/health', '/metrics', '/media/', '/docs'];

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

function tiersFor(request: FastifyRequest): TierName[] {
  const configured = request.routeOptions.config?.rateLimitTiers;
  if (configured === false) return [];
  if (configured) return configured;
  if (EXEMPT_PREFIXES.some((prefix) => request.url.startsWith(prefix))) return [];
  const adminRoute =
    request.url.startsWith('/api/v1/admin') || request.routeOptions.config?.access === 'admin';
  return adminRoute ? ['admin'] : ['default'];
}

/**
 * Tiered rate limits on @fastify/rate-limit's limiter (custom Redis store with in-process
 * fallback). A route may have several tiers (login: per email and per IP); every tier counts and
 * the tightest one decides the headers. Body-keyed tiers run once the body is parsed.
 */
async function rateLimitPlugin(app: FastifyInstance, options: RateLimitOptions) {
  await app.register(rateLimit, {
    global: false,
    store: createFallbackStore(options.redis, options.prefix, options.logger),
  });

  const tiers = buildTiers(options.env, options.context);
  const limiters = new Map<TierName, Limiter>();
  for (const [name, tier] of Object.entries(tiers) as Array<[TierName, (typeof tiers)[TierName]]>) {
    limiters.set(
      name,
      app.createRateLimit({
        timeWindow: tier.windowMs,
        max: async (request) => tier.max(request),
        keyGenerator: (request) => `${name}:${tier.key(request) ?? 'none'}`,
      }),
    );
  }

  const enforce = async (request: FastifyRequest, reply: FastifyReply, phase: 'early' | 'body') => {
    const names = tiersFor(request).filter((name) => Boolean(tiers[name].needsBody) === (phase === 'body'));
    let tightest: { limit: number; remaining: number; resetSeconds: number } | undefined;
    for (const name of names) {
      const tier = tiers[name];
      if (tier.key(request) === undefined) continue;
      const result = await limiters.get(name)!(request);
      if (result.isAllowed) continue;
      const resetSeconds = Math.max(1, result.ttlInSeconds);
      if (!tightest || result.remaining < tightest.remaining) {
        tightest = { limit: result.max, remaining: result.remaining, resetSeconds };
      }
      if (result.isExceeded) {
        reply.header('x-ratelimit-limit', result.max);
        reply.header('x-ratelimit-remaining', 0);
        reply.header('x-ratelimit-reset', resetSeconds);
        const upgrade =
          tier.offersUpgrade && !(await options.context.isPremium(request))
            ? { upgradeUrl: '/subscription/plans' }
            : {};
        throw new RateLimitedError(tier.label, resetSeconds, upgrade);
      }
    }
    if (tightest) {
      reply.header('x-ratelimit-limit', tightest.limit);
      reply.header('x-ratelimit-remaining', tightest.remaining);
      reply.header('x-ratelimit-reset', tightest.resetSeconds);
    }
  };

  app.addHook('onRequest', (request, reply) => enforce(request, reply, 'early'));
  app.addHook('preValidation', (request, reply) => enforce(request, reply, 'body'));
}

export const rateLimiting = fp(rateLimitPlugin, { name: 'rate-limiting', fastify: '5.x' });
