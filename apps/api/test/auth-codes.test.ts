import { findUserDto } from '@storytime/db/repositories/users';
import { AppError } from '@storytime/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oneTimeCodeHash } from '../src/lib/tokens';
import { CODE_TTL_MS, issueOneTimeCode, verifyOneTimeCode } from '../src/modules/auth/one-time-codes';
import { pg, wrongCode } from './auth-fixtures';
import { createUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** The shared one-time-code helpers (platform.md §3) as the users module uses them for PIN reset. */

describe('one-time codes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const codeError = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  };

  it('issues a 6-digit code hashed with the user id, one per user and type, with the type lifetime', async () => {
    const user = await createUser(t.app);
    const at = new Date('2030-01-01T00:00:00Z');
    const first = await issueOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset', now: at });
    const second = await issueOneTimeCode(t.app.core.db, {
      userId: user.id,
      type: 'pin_reset',
      ttlMs: CODE_TTL_MS.pin_reset,
      ip: '10.0.0.9',
      userAgent: 'Pin/1.0',
      now: at,
    });
    expect(first).toMatch(/^\d{6}$/);
    const rows = await pg<{ code_hash: string; expires_at: Date; request_ip: string }>(
      t.app,
      `select code_hash, expires_at, request_ip from tokens where user_id = $1 and type = 'pin_reset'`,
      [user.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.code_hash).toBe(oneTimeCodeHash(user.id, second));
    expect(new Date(rows[0]!.expires_at).toISOString()).toBe('2030-01-01T01:00:00.000Z');
    expect(rows[0]?.request_ip).toBe('10.0.0.9');
  });

  it('verifies without consuming, then consumes with onSuccess in the same transaction', async () => {
    const user = await createUser(t.app);
    const code = await issueOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset' });
    await verifyOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset', code, consume: false });
    const value = await verifyOneTimeCode(t.app.core.db, {
      userId: user.id,
      type: 'pin_reset',
      code,
      consume: true,
      onSuccess: async (tx) => (await findUserDto(tx, user.id))?.email,
    });
    expect(value).toBe(user.email);
    expect(
      await codeError(
        verifyOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset', code, consume: true }),
      ),
    ).toBe('CODE_INVALID');
  });

  it('keeps the code when onSuccess fails (the consumption rolls back with it)', async () => {
    const user = await createUser(t.app);
    const code = await issueOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset' });
    const failing = verifyOneTimeCode(t.app.core.db, {
      userId: user.id,
      type: 'pin_reset',
      code,
      consume: true,
      onSuccess: async () => {
        throw new AppError('VALIDATION_ERROR', 'same PIN');
      },
    });
    expect(await codeError(failing)).toBe('VALIDATION_ERROR');
    await verifyOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset', code, consume: true });
  });

  it('counts wrong attempts across calls and refuses an expired code', async () => {
    const user = await createUser(t.app);
    const code = await issueOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset' });
    const attempt = () =>
      codeError(
        verifyOneTimeCode(t.app.core.db, {
          userId: user.id,
          type: 'pin_reset',
          code: wrongCode(code),
          consume: false,
        }),
      );
    expect([await attempt(), await attempt(), await attempt(), await attempt(), await attempt()]).toEqual([
      'CODE_INVALID',
      'CODE_INVALID',
      'CODE_INVALID',
      'CODE_INVALID',
      'CODE_ATTEMPTS_EXCEEDED',
    ]);

    const fresh = await issueOneTimeCode(t.app.core.db, {
      userId: user.id,
      type: 'pin_reset',
      now: new Date(Date.now() - 2 * CODE_TTL_MS.pin_reset),
    });
    expect(
      await codeError(
        verifyOneTimeCode(t.app.core.db, { userId: user.id, type: 'pin_reset', code: fresh, consume: false }),
      ),
    ).toBe('CODE_EXPIRED');
  });
});
