import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';

describe('query counting', () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await createUser(t.app);
  });
  afterAll(async () => t.close());

  it('counts the statements a request runs', async () => {
    await t.app.inject({ method: 'GET', url: '/api/v1/user/me', headers: user.auth });
    const { response, count } = await countQueries(t, {
      method: 'GET',
      url: '/api/v1/auth/kids',
      headers: user.auth,
    });
    expect(response.statusCode).toBe(200);
    // The session summary is cached by the warm-up request; the kid list may still be a miss.
    expect(count).toBeGreaterThanOrEqual(0);
    const health = await countQueries(t, { method: 'GET', url: '/api/v1/health/db' });
    expect(health.count).toBe(1);
  });
});
