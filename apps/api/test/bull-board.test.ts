import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

describe('Bull Board at /admin/queues', () => {
  let t: TestApp;
  let admin: TestUser;
  let parent: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await createUser(t.app, { role: 'admin' });
    parent = await createUser(t.app);
  });
  afterAll(async () => t.close());

  it('refuses requests without an admin session, for pages and assets alike', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues' });
    expect(api.statusCode).toBe(401);
    expect(api.json().code).toBe('AUTH_INVALID_TOKEN');
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { accept: 'text/html' },
    });
    expect(page.statusCode).toBe(302);
    expect(page.headers.location).toBe('/admin/queues/login');
  });

  it('refuses a parent with 403', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: parent.auth });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
  });

  it('shows every queue to an admin bearer', async () => {
    const api = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: admin.auth });
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

  it('lets an admin open the board in a browser through the bb_session cookie', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `token=${encodeURIComponent(admin.jwt)}`,
    });
    expect(login.statusCode).toBe(303);
    const cookie = String(login.headers['set-cookie']);
    expect(cookie).toContain('bb_session=');
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/admin/queues');
    const page = await t.app.inject({
      method: 'GET',
      url: '/admin/queues',
      headers: { cookie: cookie.split(';')[0]!, accept: 'text/html' },
    });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('refuses to set the cookie for a non-admin token', async () => {
    const login = await t.app.inject({
      method: 'POST',
      url: '/admin/queues/login',
      payload: { token: parent.jwt },
    });
    expect(login.statusCode).toBe(403);
    expect(login.headers['set-cookie']).toBeUndefined();
  });

  it('closes the board as soon as the admin session is revoked', async () => {
    const other = await createUser(t.app, { role: 'admin' });
    await t.app.core.sessions.revoke({ sessionIds: [other.sessionId] }, 'logout');
    const res = await t.app.inject({ method: 'GET', url: '/admin/queues/api/queues', headers: other.auth });
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('AUTH_SESSION_REVOKED');
  });
});
