import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  emailCount,
  latestEmail,
  OTHER_PASSWORD,
  pg,
  post,
  RELAXED_LIMITS,
  uniqueEmail,
  userRow,
  wrongCode,
} from './auth-fixtures';
import { createUser, TEST_PASSWORD, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** AUTH-11 change-password, AUTH-12..14 password reset. */

describe('passwords', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
  });
  afterAll(async () => t.close());

  const signIn = async (email: string, password: string) => post(t.app, '/auth/login', { email, password });

  /** A second live session of the user, opened through the login route. */
  async function secondSession(user: TestUser): Promise<string> {
    const res = await signIn(user.email, TEST_PASSWORD);
    expect(res.statusCode).toBe(200);
    return res.json().data.jwt;
  }

  const isLive = async (jwt: string) =>
    (await t.app.inject({ method: 'PUT', url: '/api/v1/auth/profile', payload: {}, headers: bearer(jwt) }))
      .statusCode;

  describe('POST /auth/change-password (AUTH-11)', () => {
    it('sets the new password, revokes the other sessions only and records the password-changed email', async () => {
      const user = await createUser(t.app, { email: uniqueEmail('change'), name: 'Mary Shelley' });
      const other = await secondSession(user);
      const res = await post(
        t.app,
        '/auth/change-password',
        { oldPassword: TEST_PASSWORD, newPassword: OTHER_PASSWORD },
        user.auth,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ statusCode: 200, message: 'Password changed successfully' });
      expect(await isLive(user.jwt)).toBe(200);
      expect(await isLive(other)).toBe(401);
      const mail = await latestEmail(t.app, user.id, 'password-changed');
      expect(mail).toMatchObject({ to: user.email, data: { userName: 'Mary Shelley', email: user.email } });
      expect((await signIn(user.email, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await signIn(user.email, OTHER_PASSWORD)).statusCode).toBe(200);
    });

    it('answers 400 AUTH_INVALID_CREDENTIALS (not 401) for a wrong current password', async () => {
      const user = await createUser(t.app);
      const res = await post(
        t.app,
        '/auth/change-password',
        { oldPassword: 'Wrong-Password-9!', newPassword: OTHER_PASSWORD },
        user.auth,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ statusCode: 400, code: 'AUTH_INVALID_CREDENTIALS' });
      expect(await emailCount(t.app, user.id, 'password-changed')).toBe(0);
    });

    it('rejects a new password equal to the old one and a weak new password with 400 VALIDATION_ERROR', async () => {
      const user = await createUser(t.app);
      for (const newPassword of [TEST_PASSWORD, 'weakpass']) {
        const res = await post(
          t.app,
          '/auth/change-password',
          { oldPassword: TEST_PASSWORD, newPassword },
          user.auth,
        );
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 409 NO_LOCAL_PASSWORD for accounts without a local password', async () => {
      const user = await createUser(t.app);
      await pg(t.app, 'update users set has_local_password = false where id = $1', [user.id]);
      const res = await post(
        t.app,
        '/auth/change-password',
        { oldPassword: TEST_PASSWORD, newPassword: OTHER_PASSWORD },
        user.auth,
      );
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('NO_LOCAL_PASSWORD');
    });

    it('needs a session (401 without a token)', async () => {
      const res = await post(t.app, '/auth/change-password', {
        oldPassword: 'a',
        newPassword: OTHER_PASSWORD,
      });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('password reset (AUTH-12..14)', () => {
    async function requestCode(user: TestUser, headers: Record<string, string> = {}) {
      const res = await post(t.app, '/auth/request-password-reset', { email: user.email }, headers);
      expect(res.statusCode).toBe(200);
      return String((await latestEmail(t.app, user.id, 'password-reset')).data.code);
    }

    it('request: same 200 for unknown and deleted accounts; a new code replaces the old one with IP and UA', async () => {
      const user = await createUser(t.app);
      const known = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/request-password-reset',
        payload: { email: user.email },
        headers: { 'user-agent': 'ResetAgent/1.0' },
        remoteAddress: '10.1.2.3',
      });
      const unknown = await post(t.app, '/auth/request-password-reset', { email: uniqueEmail('ghost') });
      const deleted = await createUser(t.app);
      await pg(t.app, 'update users set is_deleted = true, deleted_at = now() where id = $1', [deleted.id]);
      const gone = await post(t.app, '/auth/request-password-reset', { email: deleted.email });
      for (const res of [known, unknown, gone]) {
        expect(res.statusCode).toBe(200);
        expect(res.json().message).toBe(known.json().message);
      }
      expect(await emailCount(t.app, deleted.id, 'password-reset')).toBe(0);
      const mail = await latestEmail(t.app, user.id, 'password-reset');
      expect(mail).toMatchObject({
        to: user.email,
        category: 'PASSWORD_RESET',
        data: { expiresInHours: 24 },
      });
      const [token] = await pg(t.app, `select * from tokens where user_id = $1 and type = 'password_reset'`, [
        user.id,
      ]);
      expect(token).toMatchObject({
        request_ip: '10.1.2.3',
        request_user_agent: 'ResetAgent/1.0',
        attempts: 0,
      });

      await requestCode(user);
      expect(await pg(t.app, `select id from tokens where user_id = $1`, [user.id])).toHaveLength(1);
    });

    it('validate: 201 { valid: true } without consuming; wrong codes count towards the 5 attempts', async () => {
      const user = await createUser(t.app);
      const code = await requestCode(user);
      const ok = await post(t.app, '/auth/validate-reset-token', { token: code, email: user.email });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ statusCode: 201, data: { valid: true } });
      expect(
        (await post(t.app, '/auth/validate-reset-token', { token: code, email: user.email })).statusCode,
      ).toBe(201);

      const statuses: string[] = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await post(t.app, '/auth/validate-reset-token', {
          token: wrongCode(code),
          email: user.email,
        });
        statuses.push(`${res.statusCode} ${res.json().code}`);
      }
      expect(statuses).toEqual([
        '400 CODE_INVALID',
        '400 CODE_INVALID',
        '400 CODE_INVALID',
        '400 CODE_INVALID',
        '429 CODE_ATTEMPTS_EXCEEDED',
      ]);
      const after = await post(t.app, '/auth/validate-reset-token', { token: code, email: user.email });
      expect(after.json().code).toBe('CODE_INVALID');
    });

    it('validate: the code must belong to the email; unknown email and expired code are refused', async () => {
      const [owner, stranger] = [await createUser(t.app), await createUser(t.app)];
      const code = await requestCode(owner);
      const foreign = await post(t.app, '/auth/validate-reset-token', { token: code, email: stranger.email });
      expect(foreign.json().code).toBe('CODE_INVALID');
      const unknown = await post(t.app, '/auth/validate-reset-token', {
        token: code,
        email: uniqueEmail('ghost'),
      });
      expect(unknown.json().code).toBe('CODE_INVALID');
      await pg(t.app, `update tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
        owner.id,
      ]);
      const expired = await post(t.app, '/auth/validate-reset-token', { token: code, email: owner.email });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('CODE_EXPIRED');
      const bad = await post(t.app, '/auth/validate-reset-token', { token: 'abcdef', email: owner.email });
      expect(bad.json().code).toBe('VALIDATION_ERROR');
    });

    it('reset: sets the password, revokes every session, deletes the code and records the alert email', async () => {
      const user = await createUser(t.app, { name: 'Ada Byron' });
      const other = await secondSession(user);
      const code = await requestCode(user);
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/reset-password',
        payload: { token: code, email: user.email, newPassword: OTHER_PASSWORD },
        headers: { 'user-agent': 'ResetBrowser/3.0' },
        remoteAddress: '10.4.5.6',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ statusCode: 200, message: 'Password reset successfully' });
      expect(await isLive(user.jwt)).toBe(401);
      expect(await isLive(other)).toBe(401);
      const refreshed = await post(t.app, '/auth/refresh', { token: user.refreshToken });
      expect(refreshed.json().code).toBe('AUTH_SESSION_REVOKED');
      expect(await pg(t.app, 'select id from tokens where user_id = $1', [user.id])).toHaveLength(0);
      expect((await userRow(t.app, user.id)).has_local_password).toBe(true);

      const alert = await latestEmail(t.app, user.id, 'password-reset-alert');
      expect(alert).toMatchObject({
        category: 'PASSWORD_RESET_ALERT',
        data: {
          userName: 'Ada Byron',
          email: user.email,
          ipAddress: '10.4.5.6',
          userAgent: 'ResetBrowser/3.0',
        },
      });
      expect(Number.isNaN(Date.parse(String(alert.data.timestamp)))).toBe(false);
      expect((await signIn(user.email, OTHER_PASSWORD)).statusCode).toBe(200);
      const again = await post(t.app, '/auth/reset-password', {
        token: code,
        email: user.email,
        newPassword: 'Another-Pass-5%',
      });
      expect(again.json().code).toBe('CODE_INVALID');
    });

    it("reset: another account's code is refused (fix 46) and counts as a wrong attempt for that email", async () => {
      const [owner, attacker] = [await createUser(t.app), await createUser(t.app)];
      const ownerCode = await requestCode(owner);
      await requestCode(attacker);
      const res = await post(t.app, '/auth/reset-password', {
        token: ownerCode,
        email: attacker.email,
        newPassword: OTHER_PASSWORD,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CODE_INVALID');
      const [token] = await pg<{ attempts: number }>(
        t.app,
        'select attempts from tokens where user_id = $1',
        [attacker.id],
      );
      expect(token?.attempts).toBe(1);
      expect((await signIn(owner.email, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('reset: weak password → 400 VALIDATION_ERROR; expired code → CODE_EXPIRED', async () => {
      const user = await createUser(t.app);
      const code = await requestCode(user);
      const weak = await post(t.app, '/auth/reset-password', {
        token: code,
        email: user.email,
        newPassword: 'weak',
      });
      expect(weak.json().code).toBe('VALIDATION_ERROR');
      await pg(t.app, `update tokens set expires_at = now() - interval '1 second' where user_id = $1`, [
        user.id,
      ]);
      const expired = await post(t.app, '/auth/reset-password', {
        token: code,
        email: user.email,
        newPassword: OTHER_PASSWORD,
      });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('CODE_EXPIRED');
    });
  });
});
