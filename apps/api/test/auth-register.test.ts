import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeCodeHash, oneTimeCodeLookupHash } from '../src/lib/tokens';
import {
  emailCount,
  expectNoSecrets,
  latestEmail,
  OTHER_PASSWORD,
  pg,
  post,
  RELAXED_LIMITS,
  registerParent,
  STRONG_PASSWORD,
  uniqueEmail,
  userRow,
  wrongCode,
} from './auth-fixtures';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** AUTH-03 register, AUTH-08 verify-email, AUTH-09 send-verification. */

const ADMIN_SECRET = 'let-me-in-as-admin-please';

describe('registration and email verification', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { ...RELAXED_LIMITS, ADMIN_SECRET } });
  });
  afterAll(async () => t.close());

  describe('POST /auth/register (AUTH-03)', () => {
    it('creates user, profile NG, 12 preferences, a verification email and a session; answers 200 AuthResult', async () => {
      const email = uniqueEmail('Register').toUpperCase();
      const res = await post(
        t.app,
        '/auth/register',
        { fullName: '  Grace   Brewster Hopper ', email, password: STRONG_PASSWORD },
        { 'user-agent': 'RegisterTest/1.0' },
      );
      expect(res.statusCode).toBe(200);
      expectNoSecrets(res.body);
      const { data, statusCode } = res.json();
      expect(statusCode).toBe(200);
      expect(data.user).toMatchObject({
        email: email.toLowerCase(),
        name: 'Grace Brewster Hopper',
        role: 'parent',
        isEmailVerified: false,
        onboardingStatus: 'account_created',
        numberOfKids: 0,
        avatar: null,
        profile: { country: 'NG', explicitContent: true },
      });
      expect(data.refreshToken).toMatch(/^[0-9a-f]{128}$/);
      const userId = data.user.id as string;
      expect((await t.app.core.jwt.verify(data.jwt)).sub).toBe(userId);

      const user = await userRow(t.app, userId);
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const prefs = await pg<{ category: string; type: string; enabled: boolean }>(
        t.app,
        'select category, type, enabled from notification_preferences where user_id = $1',
        [userId],
      );
      expect(prefs).toHaveLength(12);
      expect(prefs.every((row) => row.enabled)).toBe(true);
      expect(new Set(prefs.map((row) => row.category))).toEqual(
        new Set([
          'SUBSCRIPTION_REMINDER',
          'SUBSCRIPTION_ALERT',
          'NEW_STORY',
          'STORY_FINISHED',
          'INCOMPLETE_STORY_REMINDER',
          'DAILY_LISTENING_REMINDER',
        ]),
      );
      expect(new Set(prefs.map((row) => row.type))).toEqual(new Set(['in_app', 'push']));

      const mail = await latestEmail(t.app, userId, 'email-verification');
      expect(mail).toMatchObject({ to: email.toLowerCase(), category: 'EMAIL_VERIFICATION' });
      expect(mail.data).toMatchObject({ email: email.toLowerCase(), expiresInHours: 24 });
      expect(String(mail.data.code)).toMatch(/^\d{6}$/);
      const [token] = await pg<{
        code_hash: string;
        lookup_hash: string;
        expires_at: Date;
        request_ip: string;
      }>(
        t.app,
        `select code_hash, lookup_hash, expires_at, request_ip from tokens where user_id = $1 and type = 'verification'`,
        [userId],
      );
      expect(token?.code_hash).toBe(oneTimeCodeHash(userId, String(mail.data.code)));
      expect(token?.lookup_hash).toBe(oneTimeCodeLookupHash('verification', String(mail.data.code)));
      const lifetimeHours = (new Date(token!.expires_at).getTime() - Date.now()) / 3_600_000;
      expect(lifetimeHours).toBeGreaterThan(23.9);
      expect(lifetimeHours).toBeLessThanOrEqual(24);
      const [job] = await pg<{ priority: number; queue: string }>(
        t.app,
        `select priority, queue from job_requests where user_id = $1`,
        [userId],
      );
      expect(job).toMatchObject({ priority: 1, queue: 'email-queue' });
    });

    it('answers 409 RESOURCE_ALREADY_EXISTS for a taken email, soft-deleted accounts included', async () => {
      const taken = await createUser(t.app, { email: uniqueEmail('taken') });
      const dup = await post(t.app, '/auth/register', {
        fullName: 'Ada Lovelace',
        email: taken.email.toUpperCase(),
        password: STRONG_PASSWORD,
      });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'RESOURCE_ALREADY_EXISTS', details: { fields: ['email'] } });

      const deleted = await createUser(t.app, { email: uniqueEmail('deleted') });
      await pg(t.app, 'update users set is_deleted = true, deleted_at = now() where id = $1', [deleted.id]);
      const again = await post(t.app, '/auth/register', {
        fullName: 'Ada Lovelace',
        email: deleted.email,
        password: STRONG_PASSWORD,
      });
      expect(again.statusCode).toBe(409);
    });

    it('validates name, email and password strength and rejects unknown keys', async () => {
      const base = { fullName: 'Ada Lovelace', email: uniqueEmail(), password: STRONG_PASSWORD };
      for (const payload of [
        { ...base, fullName: 'Ada' },
        { ...base, fullName: 'Ada L0velace' },
        { ...base, email: 'nope' },
        { ...base, password: 'short1!' },
        { ...base, password: 'alllowercase1!' },
        { ...base, password: 'NoDigits!!' },
        { ...base, password: 'NoSymbols123' },
        { ...base, numberOfKids: 3 },
      ]) {
        const res = await post(t.app, '/auth/register', payload);
        expect(res.statusCode, JSON.stringify(payload)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
        expect(res.json().details.fields.length).toBeGreaterThan(0);
      }
    });

    it('answers 400 INVALID_ROLE for a role other than parent or admin', async () => {
      const res = await post(t.app, '/auth/register', {
        fullName: 'Ada Lovelace',
        email: uniqueEmail(),
        password: STRONG_PASSWORD,
        role: 'kid',
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('INVALID_ROLE');
    });

    it('creates an admin only with the right ADMIN_SECRET (403 AUTH_INVALID_ADMIN_SECRET otherwise)', async () => {
      const base = { fullName: 'Ada Lovelace', password: STRONG_PASSWORD, role: 'admin' };
      for (const adminSecret of [undefined, 'wrong-secret', `${ADMIN_SECRET}x`]) {
        const res = await post(t.app, '/auth/register', { ...base, email: uniqueEmail(), adminSecret });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('AUTH_INVALID_ADMIN_SECRET');
      }
      const admin = await registerParent(t.app, { ...base, adminSecret: ADMIN_SECRET });
      expect((admin.body.data as { user: { role: string } }).user.role).toBe('admin');
    });

    it('refuses admin self-registration entirely when ADMIN_SECRET is unset', async () => {
      const plain = await createTestApp({ env: RELAXED_LIMITS });
      try {
        const res = await post(plain.app, '/auth/register', {
          fullName: 'Ada Lovelace',
          email: uniqueEmail(),
          password: STRONG_PASSWORD,
          role: 'admin',
          adminSecret: '',
        });
        expect(res.statusCode).toBe(403);
        expect(res.json().code).toBe('AUTH_INVALID_ADMIN_SECRET');
      } finally {
        await plain.close();
      }
    });
  });

  describe('POST /auth/verify-email (AUTH-08)', () => {
    it('verifies with email and code: status moves to email_verified and the code is gone', async () => {
      const parent = await registerParent(t.app);
      const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
      const res = await post(t.app, '/auth/verify-email', { token: String(data.code), email: parent.email });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ statusCode: 200, message: 'Email verified successfully' });
      const user = await userRow(t.app, parent.userId);
      expect(user).toMatchObject({ is_email_verified: true, onboarding_status: 'email_verified' });
      expect(await pg(t.app, 'select id from tokens where user_id = $1', [parent.userId])).toHaveLength(0);
      const reuse = await post(t.app, '/auth/verify-email', {
        token: String(data.code),
        email: parent.email,
      });
      expect(reuse.statusCode).toBe(400);
      expect(reuse.json().code).toBe('CODE_INVALID');
    });

    it('verifies without email through the lookup hash (reference contract)', async () => {
      const parent = await registerParent(t.app);
      const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
      const res = await post(t.app, '/auth/verify-email', { token: String(data.code) });
      expect(res.statusCode).toBe(200);
      expect((await userRow(t.app, parent.userId)).is_email_verified).toBe(true);
    });

    it('without email, an ambiguous code (two users hold it) answers CODE_INVALID', async () => {
      const [a, b] = [await registerParent(t.app), await registerParent(t.app)];
      const shared = '424242';
      for (const userId of [a.userId, b.userId]) {
        await pg(t.app, `update tokens set code_hash = $2, lookup_hash = $3 where user_id = $1`, [
          userId,
          oneTimeCodeHash(userId, shared),
          oneTimeCodeLookupHash('verification', shared),
        ]);
      }
      const res = await post(t.app, '/auth/verify-email', { token: shared });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CODE_INVALID');
      // With the email the same code is unambiguous.
      expect((await post(t.app, '/auth/verify-email', { token: shared, email: a.email })).statusCode).toBe(
        200,
      );
    });

    it('does not move a user past account_created backwards (fix 50)', async () => {
      const parent = await registerParent(t.app);
      await pg(t.app, `update users set onboarding_status = 'pin_setup' where id = $1`, [parent.userId]);
      const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
      expect(
        (await post(t.app, '/auth/verify-email', { token: String(data.code), email: parent.email }))
          .statusCode,
      ).toBe(200);
      expect(await userRow(t.app, parent.userId)).toMatchObject({
        is_email_verified: true,
        onboarding_status: 'pin_setup',
      });
    });

    it('counts wrong codes: 4 × 400 CODE_INVALID, the 5th deletes the code with 429 CODE_ATTEMPTS_EXCEEDED', async () => {
      const parent = await registerParent(t.app);
      const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
      const wrong = wrongCode(String(data.code));
      const codes: Array<[number, string]> = [];
      for (let i = 0; i < 5; i += 1) {
        const res = await post(t.app, '/auth/verify-email', { token: wrong, email: parent.email });
        codes.push([res.statusCode, res.json().code]);
      }
      expect(codes).toEqual([
        [400, 'CODE_INVALID'],
        [400, 'CODE_INVALID'],
        [400, 'CODE_INVALID'],
        [400, 'CODE_INVALID'],
        [429, 'CODE_ATTEMPTS_EXCEEDED'],
      ]);
      // The real code no longer works: it was deleted with the 5th failure.
      const late = await post(t.app, '/auth/verify-email', { token: String(data.code), email: parent.email });
      expect(late.json().code).toBe('CODE_INVALID');
      expect((await userRow(t.app, parent.userId)).is_email_verified).toBe(false);
    });

    it('answers 400 CODE_EXPIRED for a code past its lifetime and deletes it', async () => {
      const parent = await registerParent(t.app);
      const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
      await pg(t.app, `update tokens set expires_at = now() - interval '1 minute' where user_id = $1`, [
        parent.userId,
      ]);
      const res = await post(t.app, '/auth/verify-email', { token: String(data.code), email: parent.email });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('CODE_EXPIRED');
      expect(await pg(t.app, 'select id from tokens where user_id = $1', [parent.userId])).toHaveLength(0);
      // Without the email an expired code is simply not found.
      const again = await post(t.app, '/auth/verify-email', { token: String(data.code) });
      expect(again.json().code).toBe('CODE_INVALID');
    });

    it('answers CODE_INVALID for an unknown email and 400 VALIDATION_ERROR for a malformed code', async () => {
      const unknown = await post(t.app, '/auth/verify-email', {
        token: '123456',
        email: uniqueEmail('ghost'),
      });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().code).toBe('CODE_INVALID');
      for (const token of ['12345', '12345a', 123456]) {
        const res = await post(t.app, '/auth/verify-email', { token });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });
  });

  describe('POST /auth/send-verification (AUTH-09)', () => {
    it('replaces the code, records IP and User-Agent, and answers the same text for every account state', async () => {
      const parent = await registerParent(t.app);
      const first = await latestEmail(t.app, parent.userId, 'email-verification');
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/send-verification',
        payload: { email: parent.email },
        headers: { 'user-agent': 'Resend/2.0' },
        remoteAddress: '10.9.8.7',
      });
      expect(res.statusCode).toBe(200);
      const message = res.json().message;
      expect(await emailCount(t.app, parent.userId, 'email-verification')).toBe(2);
      const second = await latestEmail(t.app, parent.userId, 'email-verification');
      const tokens = await pg<{ request_ip: string; request_user_agent: string; attempts: number }>(
        t.app,
        'select request_ip, request_user_agent, attempts from tokens where user_id = $1',
        [parent.userId],
      );
      expect(tokens).toEqual([{ request_ip: '10.9.8.7', request_user_agent: 'Resend/2.0', attempts: 0 }]);
      if (first.data.code !== second.data.code) {
        const old = await post(t.app, '/auth/verify-email', {
          token: String(first.data.code),
          email: parent.email,
        });
        expect(old.json().code).toBe('CODE_INVALID');
      }
      expect(
        (await post(t.app, '/auth/verify-email', { token: String(second.data.code), email: parent.email }))
          .statusCode,
      ).toBe(200);

      // Verified, unknown and deleted accounts: same answer, nothing sent.
      const verified = await post(t.app, '/auth/send-verification', { email: parent.email });
      const unknown = await post(t.app, '/auth/send-verification', { email: uniqueEmail('ghost') });
      for (const other of [verified, unknown]) {
        expect(other.statusCode).toBe(200);
        expect(other.json().message).toBe(message);
      }
      expect(await emailCount(t.app, parent.userId, 'email-verification')).toBe(2);
    });

    it('rejects a malformed email with 400', async () => {
      const res = await post(t.app, '/auth/send-verification', { email: 'x' });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });
  });

  it('stores only hashes: the password and the code never appear in the database in clear', async () => {
    const parent = await registerParent(t.app, { password: OTHER_PASSWORD });
    const { data } = await latestEmail(t.app, parent.userId, 'email-verification');
    const [row] = await pg<{ text: string }>(
      t.app,
      `select (u.*)::text || (t.*)::text as text from users u join tokens t on t.user_id = u.id where u.id = $1`,
      [parent.userId],
    );
    expect(row?.text).not.toContain(OTHER_PASSWORD);
    expect(row?.text).not.toContain(`,${data.code},`);
  });
});
