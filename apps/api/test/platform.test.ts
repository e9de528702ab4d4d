import { gunzipSync } from 'node:zlib';
import { Validator } from '@seriousme/openapi-schema-validator';
import { NotFoundError } from '@storytime/errors';
import { renderMetrics } from '@storytime/observability';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createTestApp, type TestApp } from './helpers';

const BIG_TEXT = 'once upon a time '.repeat(200);

/** Throwaway routes that exercise the platform: validation, errors, large bodies. */
function platformRoutes(app: FastifyInstance) {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post(
    '/api/v1/__test/echo',
    {
      config: { access: 'public' },
      schema: {
        body: z.object({ name: z.string().min(1).max(20) }).strict(),
        response: { 201: z.object({ name: z.string() }) },
      },
    },
    async (request, reply) => {
      reply.code(201);
      return { name: request.body.name, secret: 'must never leak' } as { name: string };
    },
  );
  typed.get('/api/v1/__test/big', { config: { access: 'public' } }, async () => ({ text: BIG_TEXT }));
  typed.get('/api/v1/__test/message', { config: { access: 'public' } }, async () => ({
    message: 'Password changed successfully',
  }));
  typed.get('/api/v1/__test/missing', { config: { access: 'public' } }, async () => {
    throw new NotFoundError('Kid');
  });
  typed.get('/api/v1/__test/boom', { config: { access: 'public' } }, async () => {
    throw new Error('database exploded with SELECT secret FROM users');
  });
}

describe('platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ routes: platformRoutes, env: { BODY_LIMIT_BYTES: '4096' } });
  });
  afterAll(async () => t.close());

  describe('envelope and errors', () => {
    it('wraps success answers and strips fields outside the response schema', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/__test/echo',
        payload: { name: 'Ada' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({
        success: true,
        statusCode: 201,
        message: 'Request completed successfully.',
        data: { name: 'Ada' },
      });
    });

    it("uses the handler's own message as the envelope message", async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/__test/message' });
      expect(res.json().message).toBe('Password changed successfully');
    });

    it('answers 400 VALIDATION_ERROR with the failing fields', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/__test/echo',
        payload: { name: '', extra: true },
      });
      expect(res.statusCode).toBe(400);
      const body = res.json();
      expect(body).toMatchObject({
        success: false,
        statusCode: 400,
        error: 'Bad Request',
        code: 'VALIDATION_ERROR',
      });
      expect(body.details.fields.length).toBeGreaterThan(0);
      expect(body.details.fields[0]).toHaveProperty('path');
      expect(body.requestId).toBe(res.headers['x-request-id']);
    });

    it('answers 400 for malformed JSON', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/__test/echo',
        headers: { 'content-type': 'application/json' },
        payload: '{"name":',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });

    it('answers 413 when the body is over the limit', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/__test/echo',
        payload: { name: 'x'.repeat(10_000) },
      });
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('PAYLOAD_TOO_LARGE');
    });

    it('shapes unknown routes as ROUTE_NOT_FOUND with request id, path and timestamp', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/nope?x=1' });
      expect(res.statusCode).toBe(404);
      const body = res.json();
      expect(body).toMatchObject({
        success: false,
        code: 'ROUTE_NOT_FOUND',
        error: 'Not Found',
        path: '/api/v1/nope?x=1',
      });
      expect(body.requestId).toMatch(/^[0-9a-f-]{36}$/);
      expect(new Date(body.timestamp).toString()).not.toBe('Invalid Date');
    });

    it('passes domain errors through with their code', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/__test/missing' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'RESOURCE_NOT_FOUND', message: 'Kid not found' });
    });

    it('hides unexpected errors behind INTERNAL_ERROR and logs them with the request id', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/__test/boom',
        headers: { 'x-request-id': 'boom-1' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL_ERROR', requestId: 'boom-1' });
      expect(res.body).not.toContain('SELECT');
      expect(t.logs.some((line) => line.requestId === 'boom-1' && line.level === 'error')).toBe(true);
    });
  });

  describe('request ids and logs', () => {
    it('echoes a valid X-Request-ID and logs it on the request line', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/unknown-for-log',
        headers: { 'x-request-id': 'abc' },
      });
      expect(res.headers['x-request-id']).toBe('abc');
      const line = t.logs.find((entry) => entry.requestId === 'abc' && entry.msg === 'request rejected');
      expect(line).toMatchObject({ method: 'GET', statusCode: 404, level: 'warn', service: 'api' });
      expect(line).toHaveProperty('durationMs');
    });

    it('replaces an unsafe X-Request-ID with a generated one', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'x-request-id': 'bad id\n' },
      });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
    });

    it('does not log health checks', async () => {
      await t.app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-request-id': 'quiet-1' } });
      expect(t.logs.some((line) => line.requestId === 'quiet-1')).toBe(false);
    });

    it('redacts secrets from logged objects', async () => {
      t.deps.logger.info({ body: { password: 'hunter2', email: 'a@b.c' }, token: 'tok' }, 'redaction probe');
      const line = t.logs.find((entry) => entry.msg === 'redaction probe') as {
        body: Record<string, unknown>;
        token: unknown;
      };
      expect(line.body.password).toBe('[redacted]');
      expect(line.token).toBe('[redacted]');
      expect(line.body.email).toBe('a@b.c');
    });
  });

  describe('compression', () => {
    it('gzips answers over 1 KB', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/__test/big',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(res.headers['content-encoding']).toBe('gzip');
      const body = JSON.parse(gunzipSync(res.rawPayload).toString('utf8'));
      expect(body.data.text).toBe(BIG_TEXT);
    });

    it('leaves small answers alone', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/health',
        headers: { 'accept-encoding': 'gzip' },
      });
      expect(res.headers['content-encoding']).toBeUndefined();
    });

    it('honours the x-no-compression opt-out', async () => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/__test/big',
        headers: { 'accept-encoding': 'gzip', 'x-no-compression': '1' },
      });
      expect(res.headers['content-encoding']).toBeUndefined();
      expect(res.json().data.text).toBe(BIG_TEXT);
    });
  });

  describe('HTTP hardening', () => {
    it('sends Helmet headers', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    });

    it('answers an allowed preflight with a 24 h cache', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/health',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('http://localhost:5173');
      expect(res.headers['access-control-max-age']).toBe('86400');
      expect(res.headers['access-control-allow-credentials']).toBe('true');
    });

    it('refuses a preflight from a disallowed origin with 403 FORBIDDEN', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: '/api/v1/health',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('FORBIDDEN');
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('serves requests without an Origin (mobile apps)', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-expose-headers']).toContain('X-Request-ID');
    });
  });

  describe('metrics and docs', () => {
    it('records request durations by route pattern', async () => {
      await t.app.inject({ method: 'GET', url: '/api/v1/health' });
      const { body } = await renderMetrics();
      expect(body).toMatch(/http_server_request_duration_seconds_bucket\{[^}]*route="\/api\/v1\/health"/);
      expect(body).toContain('db_pool_connections');
    });

    it('serves an OpenAPI 3 document generated from the schemas', async () => {
      const res = await t.app.inject({ method: 'GET', url: '/docs/json' });
      expect(res.statusCode).toBe(200);
      const doc = res.json();
      expect(doc.openapi).toMatch(/^3\./);
      expect(doc.info.title).toBe('Storytime API');
      expect(doc.paths['/api/v1/health/ready'].get.responses['200']).toBeDefined();
      expect(doc.paths['/api/v1/__test/echo'].post.requestBody).toBeDefined();
      const result = await new Validator().validate(doc);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
    });
  });
});

describe('local media store', () => {
  let t: TestApp;
  let mediaDir: string;
  beforeAll(async () => {
    const { mkdtemp, mkdir, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    mediaDir = await mkdtemp(join(tmpdir(), 'st-media-'));
    await mkdir(join(mediaDir, 'avatars'));
    await writeFile(join(mediaDir, 'avatars', 'a.png'), Buffer.alloc(4096, 1));
    t = await createTestApp({ env: { MEDIA_LOCAL_DIR: mediaDir } });
  });
  afterAll(async () => t.close());

  it('serves files raw, uncompressed and cacheable for a year', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/media/avatars/a.png',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.rawPayload.length).toBe(4096);
  });

  it('answers 404 in the error shape for a missing file and refuses path traversal', async () => {
    const missing = await t.app.inject({ method: 'GET', url: '/media/avatars/none.png' });
    expect(missing.statusCode).toBe(404);
    const traversal = await t.app.inject({ method: 'GET', url: '/media/../package.json' });
    expect(traversal.statusCode).toBe(404);
  });
});
