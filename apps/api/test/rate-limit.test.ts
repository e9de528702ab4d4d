import { renderMetrics } from '@storytime/observability';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from './helpers';

function limitedRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/api/v1/__test/open', { config: { access: 'public' } }, async () => ({ ok: true }));
  typed.post(
    '/api/v1/__test/login',
    {
      config: { access: 'public', rateLimitTiers: ['login-email', 'login-ip'] },
      schema: { body: z.object({ email: z.string(), password: z.string() }).strict() },
    },
    async () => ({ ok: true }),
  );
  typed.get('/api/v1/admin/__test', { config: { access: 'public' } }, async () => ({ ok: true }));
  typed.post(
    '/api/v1/__test/generate',
    { config: { access: 'public', rateLimitTiers: ['generation-minute'] } },
    async () => ({
      ok: true,
    }),
  );
}

const limits = {
  RATE_LIMIT_DEFAULT_PER_MIN: '3',
  RATE_LIMIT_LOGIN_PER_MIN: '2',
  RATE_LIMIT_LOGIN_IP_PER_MIN: '4',
  RATE_LIMIT_ADMIN_PER_MIN: '5',
  RATE_LIMIT_GENERATION_PER_MIN: '1',
};

describe('rate limits (Redis)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: limitedRoutes, env: limits });
  });
  afterAll(async () => t.close());

  it('limits the default tier per IP and answers 429 RATE_LIMITED with Retry-After', async () => {
    const answers = [];
    for (let i = 0; i < 4; i += 1) {
      answers.push(
        await t.app.inject({ method: 'GET', url: '/api/v1/__test/open', remoteAddress: '10.0.0.1' }),
      );
    }
    expect(answers.slice(0, 3).map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(answers[0]?.headers['x-ratelimit-limit']).toBe('3');
    expect(answers[0]?.headers['x-ratelimit-remaining']).toBe('2');
    const limited = answers[3]!;
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'RATE_LIMITED', details: { tier: 'default' } });
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    const other = await t.app.inject({
      method: 'GET',
      url: '/api/v1/__test/open',
      remoteAddress: '10.0.0.2',
    });
    expect(other.statusCode).toBe(200);
  });

  it('counts the login tier per email and per IP', async () => {
    const login = (email: string, ip: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/v1/__test/login',
        remoteAddress: ip,
        payload: { email, password: 'x' },
      });
    expect((await login('Kid@Example.com', '10.1.0.1')).statusCode).toBe(200);
    expect((await login('kid@example.com', '10.1.0.2')).statusCode).toBe(200);
    const third = await login('kid@example.com', '10.1.0.3');
    expect(third.statusCode).toBe(429);
    expect(third.json().details.tier).toBe('login');
    expect((await login('other@example.com', '10.1.0.3')).statusCode).toBe(200);
  });

  it('uses the admin tier under /admin', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/admin/__test', remoteAddress: '10.2.0.1' });
    expect(res.headers['x-ratelimit-limit']).toBe('5');
  });

  it('offers the upgrade path on the generation tier to free users', async () => {
    await t.app.inject({ method: 'POST', url: '/api/v1/__test/generate', remoteAddress: '10.3.0.1' });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/__test/generate',
      remoteAddress: '10.3.0.1',
    });
    expect(res.statusCode).toBe(429);
    expect(res.json().details).toMatchObject({ tier: 'generation', upgradeUrl: '/subscription/plans' });
  });

  it('does not limit health checks', async () => {
    for (let i = 0; i < 5; i += 1) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health', remoteAddress: '10.4.0.1' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['x-ratelimit-limit']).toBeUndefined();
    }
  });

  it('keeps the counters in Redis so every instance shares them', async () => {
    const keys = await t.deps.redis.keys(`${t.prefixes.cache}rl:default:*`);
    expect(keys.length).toBeGreaterThan(0);
  });
});

describe('rate limits (Redis unavailable)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: limitedRoutes, env: { ...limits, REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => t.close());

  it('falls back to the in-process limiter with the same limits and counts the fallback', async () => {
    const statuses = [];
    for (let i = 0; i < 4; i += 1) {
      statuses.push(
        (await t.app.inject({ method: 'GET', url: '/api/v1/__test/open', remoteAddress: '10.9.0.1' }))
          .statusCode,
      );
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
    const { body } = await renderMetrics();
    const fallbacks = Number(/rate_limiter_fallback_total(?:\{[^}]*\})? (\d+)/.exec(body)?.[1] ?? 0);
    expect(fallbacks).toBeGreaterThanOrEqual(4);
  });
});
