import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('Bull Board at /admin/queues', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it('refuses requests without credentials, for pages and assets alike', async () => {
    for (const url of ['/admin/queues', '/admin/queues/api/queues']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(401);
      expect(res.headers['www-authenticate']).toContain('Basic');
    }
  });

  it('refuses wrong credentials', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { authorization: basic('ops', 'nope') },
    });
    expect(res.statusCode).toBe(401);
  });

  it('shows every queue to the operator', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { authorization: basic('ops', 'queue-secret') },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const api = await t.app.inject({
      method: 'GET',
      url: '/admin/queues/api/queues',
      headers: { authorization: basic('ops', 'queue-secret') },
    });
    expect(api.statusCode).toBe(200);
    const names = (api.json().queues as Array<{ name: string }>).map((q) => q.name).sort();
    expect(names).toEqual(
      [
        'email-maintenance',
        'email-queue',
        'media',
        'push-queue',
        'story-generation',
        'story-maintenance',
        'voice-synthesis',
      ].sort(),
    );
  });
});
