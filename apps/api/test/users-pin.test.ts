import bcrypt from 'bcryptjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, emailJobs, query, RELAXED_LIMITS, setOnboarding } from './users-fixtures';

/** Parent PIN: set, verify with lockout (D12), reset by emailed code (USER-04..08). */
describe('parent PIN', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
  });
  afterAll(async () => t.close());

  async function userWithPin(pin = '123456'): Promise<TestUser> {
    const user = await createUser(t.app);
    await setOnboarding(t, user.id, 'profile_setup');
    const res = await call(t, 'POST', '/user/me/pin', { as: user, body: { pin } });
    expect(res.statusCode).toBe(201);
    return user;
  }

  const verify = (user: TestUser, pin: string) =>
    call(t, 'POST', '/user/me/pin/verify', { as: user, body: { pin } });

  async function pinRow(userId: string) {
    const [row] = await query<{
      pin_hash: string | null;
      pin_failed_count: number;
      pin_locked_until: Date | null;
    }>(t, 'select pin_hash, pin_failed_count, pin_locked_until from users where id = $1', [userId]);
    return row!;
  }

  async function requestCode(user: TestUser): Promise<string> {
    const res = await call(t, 'POST', '/user/me/pin/request-reset', { as: user });
    expect(res.statusCode).toBe(201);
    const [job] = await emailJobs(t, user.id, 'pin-reset');
    return String(job!.params.data.otp);
  }

  describe('POST /user/me/pin (USER-04)', () => {
    it('sets the PIN only from profile_setup and moves onboarding to pin_setup', async () => {
      const user = await createUser(t.app);
      const early = await call(t, 'POST', '/user/me/pin', { as: user, body: { pin: '111111' } });
      expect(early.statusCode).toBe(400);
      expect(early.json().code).toBe('ONBOARDING_ORDER');

      await setOnboarding(t, user.id, 'profile_setup');
      const res = await call(t, 'POST', '/user/me/pin', { as: user, body: { pin: '111111' } });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ success: true, message: expect.any(String) });
      const me = (await call(t, 'GET', '/user/me', { as: user })).json().data;
      expect(me).toMatchObject({ onboardingStatus: 'pin_setup', pinSet: true });
      expect((await pinRow(user.id)).pin_hash).toMatch(/^\$argon2id\$/);

      const again = await call(t, 'POST', '/user/me/pin', { as: user, body: { pin: '222222' } });
      expect(again.json().code).toBe('ONBOARDING_ORDER');
    });

    it('validates the PIN format and needs a token', async () => {
      const user = await createUser(t.app);
      for (const pin of ['12345', '1234567', 'abcdef']) {
        const res = await call(t, 'POST', '/user/me/pin', { as: user, body: { pin } });
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await call(t, 'POST', '/user/me/pin', { body: { pin: '123456' } })).statusCode).toBe(401);
    });
  });

  describe('POST /user/me/pin/verify (USER-05)', () => {
    it('accepts the right PIN and refuses a wrong one with the attempts left', async () => {
      const user = await userWithPin('123456');
      expect((await verify(user, '123456')).statusCode).toBe(201);
      const wrong = await verify(user, '654321');
      expect(wrong.statusCode).toBe(400);
      expect(wrong.json()).toMatchObject({ code: 'PIN_INCORRECT', details: { attemptsRemaining: 4 } });
    });

    it('answers PIN_NOT_SET without a PIN', async () => {
      const user = await createUser(t.app);
      const res = await verify(user, '123456');
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('PIN_NOT_SET');
    });

    it('locks the PIN for 15 minutes after 5 wrong attempts', async () => {
      const user = await userWithPin('123456');
      for (const remaining of [4, 3, 2, 1]) {
        const res = await verify(user, '000000');
        expect(res.statusCode).toBe(400);
        expect(res.json().details.attemptsRemaining).toBe(remaining);
      }
      const fifth = await verify(user, '000000');
      expect(fifth.statusCode).toBe(423);
      expect(fifth.json().code).toBe('PIN_LOCKED');
      expect(fifth.json().details.retryAfterSeconds).toBeGreaterThan(890);
      expect(fifth.json().details.retryAfterSeconds).toBeLessThanOrEqual(900);
      expect(Number(fifth.headers['retry-after'])).toBe(fifth.json().details.retryAfterSeconds);

      // Even the right PIN is refused while locked.
      const locked = await verify(user, '123456');
      expect(locked.statusCode).toBe(423);
      expect(locked.headers['retry-after']).toBeDefined();

      // Once the lock has ended the right PIN works and the counter starts again.
      await query(t, "update users set pin_locked_until = now() - interval '1 second' where id = $1", [
        user.id,
      ]);
      expect((await verify(user, '123456')).statusCode).toBe(201);
      expect(await pinRow(user.id)).toMatchObject({ pin_failed_count: 0, pin_locked_until: null });
    });

    it('starts counting afresh after a lock ends, even on a wrong PIN', async () => {
      const user = await userWithPin('123456');
      await query(
        t,
        "update users set pin_failed_count = 5, pin_locked_until = now() - interval '1 minute' where id = $1",
        [user.id],
      );
      const res = await verify(user, '999999');
      expect(res.json()).toMatchObject({ code: 'PIN_INCORRECT', details: { attemptsRemaining: 4 } });
    });

    it('resets the counter on success', async () => {
      const user = await userWithPin('123456');
      await verify(user, '000000');
      await verify(user, '000000');
      expect((await verify(user, '123456')).statusCode).toBe(201);
      const res = await verify(user, '000000');
      expect(res.json().details.attemptsRemaining).toBe(4);
    });

    it('re-hashes a legacy bcrypt PIN with argon2id on success', async () => {
      const user = await userWithPin('123456');
      await query(t, 'update users set pin_hash = $2 where id = $1', [
        user.id,
        await bcrypt.hash('246810', 4),
      ]);
      expect((await verify(user, '135790')).statusCode).toBe(400);
      expect((await verify(user, '246810')).statusCode).toBe(201);
      expect((await pinRow(user.id)).pin_hash).toMatch(/^\$argon2id\$/);
      expect((await verify(user, '246810')).statusCode).toBe(201);
    });

    it('validates the body and needs a token', async () => {
      const user = await userWithPin();
      expect((await verify(user, '12')).statusCode).toBe(400);
      expect((await call(t, 'POST', '/user/me/pin/verify', { body: { pin: '123456' } })).statusCode).toBe(
        401,
      );
    });
  });

  describe('PIN reset (USER-06..08)', () => {
    it('issues a 1-hour code, records the pin-reset email and replaces older codes', async () => {
      const user = await userWithPin();
      const first = await requestCode(user);
      const res = await call(t, 'POST', '/user/me/pin/request-reset', { as: user });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ message: expect.any(String) });
      const jobs = await emailJobs(t, user.id, 'pin-reset');
      expect(jobs).toHaveLength(2);
      expect(jobs[0]!.params).toMatchObject({
        to: user.email,
        data: {
          otp: expect.stringMatching(/^\d{6}$/),
          userName: 'Test Parent',
          email: user.email,
          expiresInHours: 1,
        },
      });
      const [token] = await query<{ minutes: number; count: string }>(
        t,
        `select extract(epoch from (expires_at - now())) / 60 as minutes, count(*) over () as count
           from tokens where user_id = $1 and type = 'pin_reset'`,
        [user.id],
      );
      expect(token!.count).toBe('1');
      expect(Number(token!.minutes)).toBeGreaterThan(58);
      expect(Number(token!.minutes)).toBeLessThanOrEqual(60);
      // The first code was replaced by the second request.
      const newest = String(jobs[0]!.params.data.otp);
      if (first !== newest) {
        const stale = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp: first } });
        expect(stale.json().code).toBe('CODE_INVALID');
      }
    });

    it('validates a code without consuming it', async () => {
      const user = await userWithPin();
      const otp = await requestCode(user);
      for (let i = 0; i < 2; i += 1) {
        const res = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp } });
        expect(res.statusCode).toBe(201);
        expect(res.json().data).toEqual({ valid: true });
      }
    });

    it('answers CODE_INVALID, CODE_EXPIRED and CODE_ATTEMPTS_EXCEEDED', async () => {
      const user = await userWithPin();
      const otp = await requestCode(user);
      const wrong = otp === '000000' ? '000001' : '000000';
      const invalid = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp: wrong } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json().code).toBe('CODE_INVALID');
      let last = invalid;
      for (let i = 0; i < 4; i += 1) {
        last = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp: wrong } });
      }
      expect(last.statusCode).toBe(429);
      expect(last.json().code).toBe('CODE_ATTEMPTS_EXCEEDED');

      const fresh = await requestCode(user);
      await query(t, "update tokens set expires_at = now() - interval '1 second' where user_id = $1", [
        user.id,
      ]);
      const expired = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp: fresh } });
      expect(expired.statusCode).toBe(400);
      expect(expired.json().code).toBe('CODE_EXPIRED');
    });

    it('resets the PIN with the code, clears the lock and consumes the code', async () => {
      const user = await userWithPin('123456');
      await query(
        t,
        "update users set pin_failed_count = 5, pin_locked_until = now() + interval '10 minutes' where id = $1",
        [user.id],
      );
      const otp = await requestCode(user);
      const res = await call(t, 'POST', '/user/me/pin/reset-with-otp', {
        as: user,
        body: { otp, newPin: '777777', confirmNewPin: '777777' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ success: true, message: expect.any(String) });
      expect(await pinRow(user.id)).toMatchObject({ pin_failed_count: 0, pin_locked_until: null });
      expect((await verify(user, '777777')).statusCode).toBe(201);
      expect((await verify(user, '123456')).statusCode).toBe(400);
      const reused = await call(t, 'POST', '/user/me/pin/reset-with-otp', {
        as: user,
        body: { otp, newPin: '888888', confirmNewPin: '888888' },
      });
      expect(reused.json().code).toBe('CODE_INVALID');
    });

    it('refuses a mismatched confirmation and the current PIN, keeping the code', async () => {
      const user = await userWithPin('123456');
      const otp = await requestCode(user);
      const mismatch = await call(t, 'POST', '/user/me/pin/reset-with-otp', {
        as: user,
        body: { otp, newPin: '777777', confirmNewPin: '777778' },
      });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().code).toBe('VALIDATION_ERROR');
      const same = await call(t, 'POST', '/user/me/pin/reset-with-otp', {
        as: user,
        body: { otp, newPin: '123456', confirmNewPin: '123456' },
      });
      expect(same.statusCode).toBe(400);
      expect(same.json().code).toBe('VALIDATION_ERROR');
      const valid = await call(t, 'POST', '/user/me/pin/validate-otp', { as: user, body: { otp } });
      expect(valid.statusCode).toBe(201);
    });

    it('needs a token on every reset route', async () => {
      expect((await call(t, 'POST', '/user/me/pin/request-reset')).statusCode).toBe(401);
      expect(
        (await call(t, 'POST', '/user/me/pin/validate-otp', { body: { otp: '123456' } })).statusCode,
      ).toBe(401);
      const reset = await call(t, 'POST', '/user/me/pin/reset-with-otp', {
        body: { otp: '123456', newPin: '111111', confirmNewPin: '111111' },
      });
      expect(reset.statusCode).toBe(401);
    });
  });
});
