import {
  clearPinFailures,
  lockPinState,
  replacePinHash,
  savePin,
  setFirstPin,
  setPinFailures,
} from '@storytime/db/repositories/profiles';
import { findAccountState } from '@storytime/db/repositories/user-admin';
import { emailIntent } from '@storytime/email-templates';
import { AppError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { hashSecret, verifySecret } from '../../lib/passwords';
import { CODE_TTL_MS, issueOneTimeCode, verifyOneTimeCode } from '../auth/one-time-codes';

/** Parent PIN (api.md USER-04..08) with the lockout of D12 and the re-hash of D11 (platform.md §3). */

export const PIN_MAX_FAILURES = 5;
export const PIN_LOCK_MS = 15 * 60_000;

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

type VerifyOutcome =
  | { kind: 'ok' }
  | { kind: 'not_set' }
  | { kind: 'locked'; until: Date }
  | { kind: 'wrong'; attemptsRemaining: number };

function pinLockedError(until: Date, now: Date): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('PIN_LOCKED', 'Too many wrong PIN attempts; try again later', {
    details: { retryAfterSeconds },
    headers: { 'Retry-After': String(retryAfterSeconds) },
  });
}

export function createPinService(core: CoreServices) {
  const { db, outbox } = core;

  /** USER-04: only from `profile_setup`, which it moves to `pin_setup` (rules.md §14). */
  async function setPin(userId: string, pin: string) {
    const pinHash = await hashSecret(pin);
    if (!(await setFirstPin(db, userId, pinHash))) {
      throw new AppError('ONBOARDING_ORDER', 'A PIN can only be set right after the profile setup step');
    }
    return { success: true as const, message: 'PIN set successfully' };
  }

  /**
   * USER-05. The row lock serialises attempts on one account, and outcomes are committed before any
   * error is thrown, so a wrong guess always counts.
   */
  async function verifyPin(userId: string, pin: string) {
    const at = core.now();
    const outcome = await db.transaction(async (tx): Promise<VerifyOutcome> => {
      const state = await lockPinState(tx, userId);
      if (!state) throw new NotFoundError('User');
      if (!state.pinHash) return { kind: 'not_set' };
      if (state.pinLockedUntil && state.pinLockedUntil.getTime() > at.getTime()) {
        return { kind: 'locked', until: state.pinLockedUntil };
      }
      // A lock that has ended starts the count again (platform.md §3).
      const failedSoFar = state.pinLockedUntil ? 0 : state.pinFailedCount;
      const check = await verifySecret(state.pinHash, pin);
      if (check.ok) {
        if (check.needsRehash) await replacePinHash(tx, userId, await hashSecret(pin));
        await clearPinFailures(tx, userId);
        return { kind: 'ok' };
      }
      const failures = failedSoFar + 1;
      if (failures >= PIN_MAX_FAILURES) {
        const until = new Date(at.getTime() + PIN_LOCK_MS);
        await setPinFailures(tx, userId, failures, until);
        return { kind: 'locked', until };
      }
      await setPinFailures(tx, userId, failures, null);
      return { kind: 'wrong', attemptsRemaining: PIN_MAX_FAILURES - failures };
    });

    switch (outcome.kind) {
      case 'ok':
        return { success: true as const, message: 'PIN verified successfully' };
      case 'not_set':
        throw new AppError('PIN_NOT_SET', 'No PIN has been set for this account');
      case 'locked':
        throw pinLockedError(outcome.until, at);
      case 'wrong':
        throw new AppError('PIN_INCORRECT', 'Incorrect PIN', {
          details: { attemptsRemaining: outcome.attemptsRemaining },
        });
    }
  }

  /** USER-06: a new 1-hour code replaces older ones; the email is recorded in the same transaction. */
  async function requestReset(userId: string, client: ClientInfo) {
    await outbox.transaction(async (tx, jobs) => {
      const account = await findAccountState(tx, userId);
      if (!account) throw new NotFoundError('User');
      const otp = await issueOneTimeCode(tx, {
        userId,
        type: 'pin_reset',
        ttlMs: CODE_TTL_MS.pin_reset,
        ip: client.ip ?? null,
        userAgent: client.userAgent ?? null,
        now: core.now(),
      });
      await jobs.add(
        emailIntent(
          'pin-reset',
          account.email,
          {
            otp,
            userName: account.name ?? account.email.split('@')[0] ?? account.email,
            email: account.email,
            expiresInHours: 1,
          },
          { userId },
        ),
      );
    });
    return { message: 'A PIN reset code has been sent to your email' };
  }

  /** USER-07: checks without consuming (a wrong code still counts an attempt). */
  async function validateOtp(userId: string, otp: string) {
    await verifyOneTimeCode(db, { userId, type: 'pin_reset', code: otp, consume: false, now: core.now() });
    return { valid: true as const };
  }

  /** USER-08: the new PIN, the consumed code and the cleared lockout commit together. */
  async function resetWithOtp(userId: string, otp: string, newPin: string) {
    const newHash = await hashSecret(newPin);
    await verifyOneTimeCode(db, {
      userId,
      type: 'pin_reset',
      code: otp,
      consume: true,
      now: core.now(),
      onSuccess: async (tx) => {
        const state = await lockPinState(tx, userId);
        if (!state) throw new NotFoundError('User');
        if (state.pinHash && (await verifySecret(state.pinHash, newPin)).ok) {
          // Thrown inside the transaction: the code is not consumed, so the user can try another PIN.
          throw new ValidationError('The new PIN must differ from the current one', [
            { path: 'body.newPin', message: 'must differ from the current PIN' },
          ]);
        }
        await savePin(tx, userId, newHash);
      },
    });
    return { success: true as const, message: 'PIN reset successfully' };
  }

  return { setPin, verifyPin, requestReset, validateOtp, resetWithOtp };
}

export type PinService = ReturnType<typeof createPinService>;
