import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

describe('health routes', () => {
  let t: TestApp;
  let draining = false;
  beforeAll(async () => {
    t = await createTestApp({ isShuttingDown: () => draining });
  });
  afterAll(async () => t.close());

  it('GET /health is liveness only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.status).toBe('ok');
  });

  it('GET /health/ready reports database, redis and queues', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(res.statusCode).toBe(200);
    const { data } = res.json();
    expect(data.status).toBe('ok');
    expect(data.checks.database.status).toBe('up');
    expect(data.checks.redis.status).toBe('up');
    expect(data.checks.queues.status).toBe('up');
    expect(Object.keys(data.checks.queues.queues)).toContain('story-generation');
  });

  it('GET /health/ready answers 503 while draining', async () => {
    draining = true;
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      expect(res.json().details.checks.shutdown.draining).toBe(true);
    } finally {
      draining = false;
    }
  });

  it('GET /health/db measures SELECT 1', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/db' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.checks.database.responseTimeMs).toBeGreaterThanOrEqual(0);
  });

  it('GET /health/redis reports memory', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/redis' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.checks.redis.usedMemory).toBeTruthy();
  });

  it('GET /health/queue marks a queue with too many failed jobs unhealthy', async () => {
    const queue = t.deps.producer.queue('media');
    const ok = await t.app.inject({ method: 'GET', url: '/api/v1/health/queue' });
    expect(ok.statusCode).toBe(200);
    await queue.pause();
    try {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/queue' });
      expect(res.statusCode).toBe(503);
      expect(res.json().details.checks.queues.queues.media).toMatchObject({ status: 'down', paused: true });
    } finally {
      await queue.resume();
    }
  });

  it('GET /health/smtp reads the status worker-email publishes', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/api/v1/health/smtp' });
    expect(missing.statusCode).toBe(503);
    await t.deps.redis.set(
      `${t.prefixes.cache}health:smtp`,
      JSON.stringify({ ok: true, mode: 'outbox', checkedAt: new Date().toISOString() }),
      'EX',
      180,
    );
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/smtp' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.checks.smtp).toMatchObject({ status: 'up', mode: 'outbox' });
  });

  it('GET /health/system reports memory and disks', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/system' });
    expect([200, 503]).toContain(res.statusCode);
    const system = res.statusCode === 200 ? res.json().data.checks.system : res.json().details.checks.system;
    expect(system.heapUsedMb).toBeGreaterThan(0);
    expect(system.disks.length).toBeGreaterThan(0);
  });

  it('GET /health/full includes every check and the breaker states', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/full' });
    const checks = res.statusCode === 200 ? res.json().data.checks : res.json().details.checks;
    expect(Object.keys(checks).sort()).toEqual([
      'circuitBreakers',
      'database',
      'queues',
      'redis',
      'smtp',
      'system',
    ]);
  });
});

describe('health with Redis down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
  });
  afterAll(async () => t.close());

  it('keeps /health/ready at 200 but degraded: the API serves through a Redis outage', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/health/ready' });
    expect(res.statusCode).toBe(200);
    expect(res.json().data.status).toBe('degraded');
    expect(res.json().data.checks.redis.status).toBe('down');
  });

  it('still rate-limits through the in-process fallback', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-route' });
    expect(res.statusCode).toBe(404);
    expect(res.headers['x-ratelimit-limit']).toBe('100');
  });
});
