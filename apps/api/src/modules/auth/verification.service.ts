import { findAccountByEmail, markEmailVerified } from '@storytime/db/repositories/accounts';
import { findOneTimeCodesByLookup } from '@storytime/db/repositories/one-time-codes';
import { emailIntent } from '@storytime/email-templates';
import type { CoreServices } from '../../composition';
import { oneTimeCodeLookupHash } from '../../lib/tokens';
import {
  CODE_TTL_MS,
  type CodeCheck,
  checkOneTimeCodeIn,
  codeError,
  issueOneTimeCode,
} from './one-time-codes';
import type { ClientInfo } from './session.service';

export type VerificationDeps = Pick<CoreServices, 'db' | 'outbox' | 'now'>;

/** One answer whatever the account's state, so the route reveals nothing (D12, fix 48). */
export const SEND_VERIFICATION_MESSAGE =
  'If an account with this email needs verification, a verification code has been sent.';

/** Email verification (AUTH-08, AUTH-09). */
export function createVerificationService(deps: VerificationDeps) {
  const { db, outbox } = deps;

  /**
   * AUTH-08. With an email the code is checked against that user only; without one (the reference
   * contract) the `type:code` lookup must find exactly one unexpired code, and the user-bound hash
   * still decides. Success marks the email verified and deletes the code in one transaction.
   */
  async function verifyEmail(input: { token: string; email?: string | undefined }) {
    const now = deps.now();
    let userId: string | undefined;
    if (input.email) {
      userId = (await findAccountByEmail(db, input.email))?.id;
      if (!userId) throw codeError('CODE_INVALID');
    }
    const outcome = await db.transaction(async (tx): Promise<CodeCheck> => {
      let owner = userId;
      if (!owner) {
        const lookup = oneTimeCodeLookupHash('verification', input.token);
        const matches = await findOneTimeCodesByLookup(tx, 'verification', lookup, now);
        if (matches.length !== 1) return { ok: false, reason: 'CODE_INVALID' };
        owner = matches[0]!.userId;
      }
      const check = await checkOneTimeCodeIn(tx, {
        userId: owner,
        type: 'verification',
        code: input.token,
        consume: true,
        now,
      });
      if (check.ok) await markEmailVerified(tx, owner);
      return check;
    });
    // Thrown after the commit, so the attempt count of a wrong code is kept.
    if (!outcome.ok) throw codeError(outcome.reason);
    return { message: 'Email verified successfully' };
  }

  /** AUTH-09. Unknown, deleted and verified accounts get the same answer and no email. */
  async function sendVerification(email: string, client: ClientInfo) {
    const account = await findAccountByEmail(db, email);
    if (account && !account.isDeleted && !account.isEmailVerified) {
      await outbox.transaction(async (tx, jobs) => {
        const code = await issueOneTimeCode(tx, {
          userId: account.id,
          type: 'verification',
          ip: client.ip,
          userAgent: client.userAgent,
          now: deps.now(),
        });
        await jobs.add(
          emailIntent(
            'email-verification',
            account.email,
            { code, email: account.email, expiresInHours: CODE_TTL_MS.verification / 3_600_000 },
            { userId: account.id },
          ),
        );
      });
    }
    return { message: SEND_VERIFICATION_MESSAGE };
  }

  return { verifyEmail, sendVerification };
}
