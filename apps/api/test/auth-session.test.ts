import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  expectNoSecrets,
  pg,
  post,
  RELAXED_LIMITS,
  randomIp,
  registerParent,
  uniqueEmail,
  userRow,
} from './auth-fixtures';
import { createKid, createUser, TEST_PASSWORD } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** AUTH-01 login, AUTH-02 refresh, AUTH-06/07 logout (platform.md §3, D10–D12). */

describe('auth sessions', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
  });
  afterAll(async () => t.close());

  const login = (email: string, password = TEST_PASSWORD, headers: Record<string, string> = {}) =>
    post(t.app, '/auth/login', { email, password }, { 'user-agent': 'StorytimeTest/1.0', ...headers });

  describe('POST /auth/login (AUTH-01)', () => {
    it('signs in a verified parent: AuthResult with numberOfKids, a session and the user_ips row', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('login') });
      await createKid(t.app, user.id);
      const res = await login(` ${user.email.toUpperCase()} `);
      expect(res.statusCode).toBe(200);
      expectNoSecrets(res.body);
      const body = res.json();
      expect(body).toMatchObject({ success: true, statusCode: 200 });
      expect(body.data.user).toMatchObject({
        id: user.id,
        email: user.email,
        numberOfKids: 1,
        role: 'parent',
      });
      expect(body.data.refreshToken).toMatch(/^[0-9a-f]{128}$/);
      const claims = await t.app.core.jwt.verify(body.data.jwt);
      expect(claims.sub).toBe(user.id);
      const [session] = await pg(t.app, 'select * from sessions where id = $1', [claims.sid]);
      expect(session).toMatchObject({ user_id: user.id, revoked_at: null, user_agent: 'StorytimeTest/1.0' });

      const userIps = 'select * from user_ips where user_id = $1';
      const ips = await pg(t.app, userIps, [user.id]);
      expect(ips).toHaveLength(1);
      expect(ips[0]).toMatchObject({ ip_address: '127.0.0.1', user_agent: 'StorytimeTest/1.0' });
      // A second sign-in from the same IP refreshes the row instead of adding one.
      await login(user.email, TEST_PASSWORD, { 'user-agent': 'StorytimeTest/2.0' });
      const again = await pg(t.app, userIps, [user.id]);
      expect(again).toHaveLength(1);
      expect(again[0]?.user_agent).toBe('StorytimeTest/2.0');
    });

    it('answers the same 401 for a wrong password and an unknown email', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('login') });
      const wrong = await login(user.email, 'Not-The-Password-1!');
      const unknown = await login(uniqueEmail('nobody'), 'Not-The-Password-1!');
      for (const res of [wrong, unknown]) {
        expect(res.statusCode).toBe(401);
        expect(res.json()).toMatchObject({
          code: 'AUTH_INVALID_CREDENTIALS',
          message: 'Invalid email or password',
        });
      }
    });

    it('refuses an unverified email with 400 AUTH_EMAIL_NOT_VERIFIED after a correct password', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('unverified'), verified: false });
      const res = await login(user.email);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('AUTH_EMAIL_NOT_VERIFIED');
    });

    it('refuses a suspended account with 403 AUTH_ACCOUNT_SUSPENDED', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('suspended') });
      await pg(t.app, 'update users set is_suspended = true where id = $1', [user.id]);
      const res = await login(user.email);
      expect(res.statusCode).toBe(403);
      expect(res.json().code).toBe('AUTH_ACCOUNT_SUSPENDED');
    });

    it('re-hashes a legacy bcrypt password with argon2id in the same request (D11)', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('legacy') });
      const legacy = bcrypt.hashSync(TEST_PASSWORD, 4);
      await pg(t.app, 'update users set password_hash = $2 where id = $1', [user.id, legacy]);
      const res = await login(user.email);
      expect(res.statusCode).toBe(200);
      expect((await userRow(t.app, user.id)).password_hash).toMatch(/^\$argon2id\$/);
      expect((await login(user.email)).statusCode).toBe(200);
    });

    it('refuses accounts without a local password like a wrong password', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('oauthonly') });
      await pg(t.app, 'update users set has_local_password = false where id = $1', [user.id]);
      const res = await login(user.email);
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_INVALID_CREDENTIALS');
    });

    it('validates the body: bad email, missing password, unknown key', async () => {
      for (const payload of [
        { email: 'not-an-email', password: 'x' },
        { email: uniqueEmail() },
        { email: uniqueEmail(), password: 'x', remember: true },
        { email: uniqueEmail(), password: 'x'.repeat(129) },
      ]) {
        const res = await post(t.app, '/auth/login', payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });
  });

  describe('POST /auth/refresh (AUTH-02)', () => {
    it('rotates: 201 with a new pair; within the grace window the old token answers the same new pair', async () => {
      const user = await createUser(t.app);
      const first = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(first.statusCode).toBe(201);
      expectNoSecrets(first.body);
      const data = first.json().data;
      expect(first.json().statusCode).toBe(201);
      expect(data.user.id).toBe(user.id);
      expect(data.refreshToken).not.toBe(user.refreshToken);
      expect((await t.app.core.jwt.verify(data.jwt)).sid).toBe(user.sessionId);

      const late = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(late.statusCode).toBe(201);
      expect(late.json().data.refreshToken).toBe(data.refreshToken);

      const next = await post(t.app, '/auth/refresh', { token: data.refreshToken });
      expect(next.statusCode).toBe(201);
      expect(next.json().data.refreshToken).not.toBe(data.refreshToken);
    });

    it('answers 401 AUTH_INVALID_TOKEN for an unknown token and 400 for a missing one', async () => {
      const unknown = await post(t.app, '/auth/refresh', { token: 'f'.repeat(128) });
      expect(unknown.statusCode).toBe(401);
      expect(unknown.json().code).toBe('AUTH_INVALID_TOKEN');
      const missing = await post(t.app, '/auth/refresh', {});
      expect(missing.statusCode).toBe(400);
      expect(missing.json().code).toBe('VALIDATION_ERROR');
    });

    it('answers 401 AUTH_SESSION_REVOKED after logout', async () => {
      const user = await createUser(t.app);
      expect((await post(t.app, '/auth/logout', undefined, user.auth)).statusCode).toBe(201);
      const res = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(res.statusCode).toBe(401);
      expect(res.json().code).toBe('AUTH_SESSION_REVOKED');
    });

    it('still works for a deactivated account (api.md §0.1)', async () => {
      const user = await createUser(t.app);
      await pg(t.app, 'update users set is_deleted = true, deleted_at = now() where id = $1', [user.id]);
      const res = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(res.statusCode).toBe(201);
    });
  });

  describe('POST /auth/logout and /auth/logout-all (AUTH-06/07)', () => {
    it('logout revokes the current session at once and leaves the others alive', async () => {
      const user = await createUser(t.app);
      const other = await login(user.email);
      const otherJwt = other.json().data.jwt as string;
      // Warm the session cache so the test proves the revocation drops it.
      const profile = { method: 'PUT' as const, url: '/api/v1/auth/profile', payload: {} };
      expect((await t.app.inject({ ...profile, headers: user.auth })).statusCode).toBe(200);

      const res = await post(t.app, '/auth/logout', undefined, user.auth);
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({ statusCode: 201, message: 'Logged out successfully' });
      const after = await t.app.inject({ ...profile, headers: user.auth });
      expect(after.statusCode).toBe(401);
      expect(after.json().code).toBe('AUTH_SESSION_REVOKED');
      expect((await t.app.inject({ ...profile, headers: bearer(otherJwt) })).statusCode).toBe(200);
      const [row] = await pg(t.app, 'select revoked_reason from sessions where id = $1', [user.sessionId]);
      expect(row?.revoked_reason).toBe('logout');
    });

    it('logout-all revokes every session of the caller, the current one included', async () => {
      const user = await createUser(t.app);
      const other = await login(user.email);
      const res = await post(t.app, '/auth/logout-all', undefined, user.auth);
      expect(res.statusCode).toBe(201);
      for (const jwt of [user.jwt, other.json().data.jwt as string]) {
        const check = await post(t.app, '/auth/logout', undefined, bearer(jwt));
        expect(check.statusCode).toBe(401);
        expect(check.json().code).toBe('AUTH_SESSION_REVOKED');
      }
      const revoked = await pg(
        t.app,
        `select id from sessions where user_id = $1 and revoked_reason = 'logout_all'`,
        [user.id],
      );
      expect(revoked).toHaveLength(2);
    });

    it('needs a token (401) and works for a deactivated account', async () => {
      const anonymous = await post(t.app, '/auth/logout', undefined);
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().code).toBe('AUTH_INVALID_TOKEN');
      const user = await createUser(t.app);
      await pg(t.app, 'update users set is_deleted = true, deleted_at = now() where id = $1', [user.id]);
      expect((await post(t.app, '/auth/logout-all', undefined, user.auth)).statusCode).toBe(201);
    });
  });

  it('register then login with the new credentials once the email is verified', async () => {
    const parent = await registerParent(t.app, { email: uniqueEmail('flow') });
    const blocked = await post(t.app, '/auth/login', { email: parent.email, password: 'Bright-Moon-77!' });
    expect(blocked.json().code).toBe('AUTH_EMAIL_NOT_VERIFIED');
    await pg(t.app, 'update users set is_email_verified = true where id = $1', [parent.userId]);
    const ok = await post(t.app, '/auth/login', { email: parent.email, password: 'Bright-Moon-77!' });
    expect(ok.statusCode).toBe(200);
  });
});

describe('refresh rotation switches', () => {
  it('with no grace window a rotated token is reuse: 401 AUTH_REFRESH_REUSED and the session is revoked', async () => {
    const t = await createTestApp({ env: { ...RELAXED_LIMITS, REFRESH_REUSE_GRACE_SECONDS: '0' } });
    try {
      const user = await createUser(t.app);
      const first = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(first.statusCode).toBe(201);
      const rotated = first.json().data.refreshToken as string;

      const reused = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(reused.statusCode).toBe(401);
      expect(reused.json().code).toBe('AUTH_REFRESH_REUSED');

      const [row] = await pg(t.app, 'select revoked_reason from sessions where id = $1', [user.sessionId]);
      expect(row?.revoked_reason).toBe('refresh_reuse');
      const newest = await post(t.app, '/auth/refresh', { token: rotated });
      expect(newest.json().code).toBe('AUTH_SESSION_REVOKED');
      const access = await post(t.app, '/auth/logout', undefined, user.auth);
      expect(access.statusCode).toBe(401);
      expect(access.json().code).toBe('AUTH_SESSION_REVOKED');
    } finally {
      await t.close();
    }
  });

  it('with AUTH_REFRESH_ROTATION=off the same refresh token keeps working', async () => {
    const t = await createTestApp({ env: { ...RELAXED_LIMITS, AUTH_REFRESH_ROTATION: 'off' } });
    try {
      const user = await createUser(t.app);
      for (let i = 0; i < 3; i += 1) {
        const res = await post(t.app, '/auth/refresh', { token: user.refreshToken });
        expect(res.statusCode).toBe(201);
        expect(res.json().data.refreshToken).toBe(user.refreshToken);
      }
    } finally {
      await t.close();
    }
  });
});

describe('login rate limits (platform.md §5)', () => {
  it('allows 3 attempts per email per minute, then 429 RATE_LIMITED with tier login', async () => {
    const t = await createTestApp();
    try {
      const email = uniqueEmail('limited');
      const codes: number[] = [];
      for (let i = 0; i < 4; i += 1) {
        const res = await post(t.app, '/auth/login', { email, password: 'Wrong-Password-1!' }, {});
        codes.push(res.statusCode);
        if (res.statusCode === 429) {
          expect(res.json()).toMatchObject({ code: 'RATE_LIMITED', details: { tier: 'login' } });
          expect(res.headers['retry-after']).toBeDefined();
        }
      }
      expect(codes).toEqual([401, 401, 401, 429]);
      // Another email from another address is not affected.
      const other = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: uniqueEmail('free'), password: 'Wrong-Password-1!' },
        remoteAddress: randomIp(),
      });
      expect(other.statusCode).toBe(401);
    } finally {
      await t.close();
    }
  });
});
