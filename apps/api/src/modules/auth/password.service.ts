import { findAccountByEmail } from '@storytime/db/repositories/accounts';
import { findCredentialsById, setPasswordHash } from '@storytime/db/repositories/users';
import { emailIntent } from '@storytime/email-templates';
import { ConflictError, NotFoundError, ValidationError, WrongCurrentPasswordError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { hashSecret, verifySecret } from '../../lib/passwords';
import type { Principal } from '../../plugins/principal';
import {
  CODE_TTL_MS,
  checkOneTimeCodeIn,
  codeError,
  issueOneTimeCode,
  verifyOneTimeCode,
} from './one-time-codes';
import type { ClientInfo } from './session.service';

export type PasswordDeps = Pick<CoreServices, 'db' | 'outbox' | 'sessions' | 'now'>;

export const PASSWORD_RESET_MESSAGE =
  'If an account with this email exists, a password reset code has been sent.';

/** Password change and reset (AUTH-11..14). */
export function createPasswordService(deps: PasswordDeps) {
  const { db, outbox, sessions } = deps;

  /** AUTH-11: new hash and every *other* session revoked in one transaction with the notice email. */
  async function changePassword(caller: Principal, input: { oldPassword: string; newPassword: string }) {
    const account = await findCredentialsById(db, caller.userId);
    if (!account) throw new NotFoundError('User');
    if (!account.hasLocalPassword) {
      throw new ConflictError(
        'NO_LOCAL_PASSWORD',
        'This account has no password; it signs in with Google or Apple',
      );
    }
    if (input.newPassword === input.oldPassword) {
      throw new ValidationError('The new password must differ from the current one', [
        { path: 'body.newPassword', message: 'must differ from the current password' },
      ]);
    }
    if (!(await verifySecret(account.passwordHash, input.oldPassword)).ok)
      throw new WrongCurrentPasswordError();
    const passwordHash = await hashSecret(input.newPassword);
    const revoked = await outbox.transaction(async (tx, jobs) => {
      await setPasswordHash(tx, account.id, passwordHash);
      const ids = await sessions.revokeIn(
        tx,
        { userId: account.id, exceptSessionId: caller.sessionId },
        'password_changed',
      );
      await jobs.add(
        emailIntent(
          'password-changed',
          account.email,
          { userName: account.name ?? account.email, email: account.email },
          { userId: account.id },
        ),
      );
      return ids;
    });
    await sessions.forgetSessions(revoked);
    return { message: 'Password changed successfully' };
  }

  /** AUTH-12: same answer for unknown accounts (D12); the new code replaces any older one. */
  async function requestReset(email: string, client: ClientInfo) {
    const account = await findAccountByEmail(db, email);
    if (account && !account.isDeleted) {
      await outbox.transaction(async (tx, jobs) => {
        const code = await issueOneTimeCode(tx, {
          userId: account.id,
          type: 'password_reset',
          ip: client.ip,
          userAgent: client.userAgent,
          now: deps.now(),
        });
        await jobs.add(
          emailIntent(
            'password-reset',
            account.email,
            { code, email: account.email, expiresInHours: CODE_TTL_MS.password_reset / 3_600_000 },
            { userId: account.id },
          ),
        );
      });
    }
    return { message: PASSWORD_RESET_MESSAGE };
  }

  /** The code is looked up through the email's own user only (fix 46). */
  async function resetOwner(email: string) {
    const account = await findAccountByEmail(db, email);
    if (!account || account.isDeleted) throw codeError('CODE_INVALID');
    return account;
  }

  /** AUTH-13: checks without consuming; a wrong code counts towards the 5 attempts. */
  async function validateResetToken(input: { token: string; email: string }) {
    const account = await resetOwner(input.email);
    await verifyOneTimeCode(db, {
      userId: account.id,
      type: 'password_reset',
      code: input.token,
      consume: false,
      now: deps.now(),
    });
    return { valid: true as const };
  }

  /**
   * AUTH-14. The code is checked first (counting attempts) so a wrong guess costs no password hash,
   * then consumed again under lock in the transaction that sets the password, revokes every session
   * and records the alert email.
   */
  async function resetPassword(
    input: { token: string; email: string; newPassword: string },
    client: ClientInfo,
  ) {
    const account = await resetOwner(input.email);
    const check = { userId: account.id, type: 'password_reset' as const, code: input.token };
    await verifyOneTimeCode(db, { ...check, consume: false, now: deps.now() });
    const passwordHash = await hashSecret(input.newPassword);
    const outcome = await outbox.transaction(async (tx, jobs) => {
      const result = await checkOneTimeCodeIn(tx, { ...check, consume: true, now: deps.now() });
      if (!result.ok) return { result, revoked: [] as string[] };
      await setPasswordHash(tx, account.id, passwordHash);
      const revoked = await sessions.revokeIn(tx, { userId: account.id }, 'password_reset');
      await jobs.add(
        emailIntent(
          'password-reset-alert',
          account.email,
          {
            userName: account.name ?? account.email,
            email: account.email,
            ipAddress: client.ip ?? 'unknown',
            userAgent: client.userAgent ?? 'unknown',
            timestamp: deps.now().toISOString(),
          },
          { userId: account.id },
        ),
      );
      return { result, revoked };
    });
    if (!outcome.result.ok) throw codeError(outcome.result.reason);
    await sessions.forgetSessions(outcome.revoked);
    return { message: 'Password reset successfully' };
  }

  return { changePassword, requestReset, validateResetToken, resetPassword };
}
