import { cacheKeys } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import { insertActivityLog } from '@storytime/db/repositories/activity-logs';
import { deleteOneTimeCodesOfUser } from '@storytime/db/repositories/one-time-codes';
import { kidIdsOfParent } from '@storytime/db/repositories/profiles';
import { sessionIdsOfUser } from '@storytime/db/repositories/sessions';
import { insertSupportTicket } from '@storytime/db/repositories/support-tickets';
import {
  deactivateUser,
  deleteUserRow,
  findAccountState,
  findPasswordHash,
  findRemoteMediaOfUser,
  reactivateUser,
} from '@storytime/db/repositories/user-admin';
import { setPasswordHash } from '@storytime/db/repositories/users';
import { ConflictError, NotFoundError, WrongCurrentPasswordError } from '@storytime/errors';
import { JOB, PRIORITY, QUEUE } from '@storytime/queue';
import type { CoreServices } from '../../composition';
import { hashSecret, verifySecret } from '../../lib/passwords';
import { parseUserAgent } from '../../lib/user-agent';

/** Deactivation, deletion requests, restore and permanent deletion (rules.md §16, USER-09..11/16/17). */

export interface RequestClient {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export const TICKET_SUBJECTS = {
  deleteRequest: 'Delete Account Request',
  selfRestore: 'Account Self-Restoration',
  adminRestore: 'Account Restoration',
} as const;

export function createAccountDeletion(core: CoreServices) {
  const { db, cache, sessions, outbox } = core;

  /** A user's cached session summaries carry `userDeleted`: drop them so the 410 rule bites at once. */
  async function forgetUserSessions(tx: DbOrTx, userId: string): Promise<void> {
    await sessions.forgetSessions(await sessionIdsOfUser(tx, userId));
  }

  /** Soft delete (rules.md §16): sessions stay valid, every other route answers 410. */
  async function deactivate(userId: string) {
    const account = await findAccountState(db, userId);
    if (!account) throw new NotFoundError('User');
    if (!(await deactivateUser(db, userId, core.now()))) {
      throw new ConflictError('INVALID_STATE', 'The account is already deactivated');
    }
    await forgetUserSessions(db, userId);
    return {
      id: account.id,
      email: account.email,
      permanent: false,
      message: 'Account deactivated. You can restore it from the app.',
    };
  }

  /**
   * Permanent delete: revoke sessions, delete one-time codes, log SESSION_TERMINATION without a user
   * (the cascade would take a user-linked log with it), delete the row (cascades), and record the
   * remote media clean-up jobs in the same transaction, so none is lost if the process dies.
   */
  async function erase(userId: string, actorId: string, client: RequestClient) {
    const device = parseUserAgent(client.userAgent);
    const result = await outbox.transaction(async (tx, jobs) => {
      const account = await findAccountState(tx, userId);
      if (!account) throw new NotFoundError('User');
      const media = await findRemoteMediaOfUser(tx, userId);
      const kidIds = await kidIdsOfParent(tx, userId);
      const revoked = await sessions.revokeIn(tx, { userId }, 'account_deleted');
      await deleteOneTimeCodesOfUser(tx, userId);
      await insertActivityLog(tx, {
        userId: null,
        action: 'SESSION_TERMINATION',
        status: 'SUCCESS',
        ...device,
        ipAddress: client.ip ?? null,
        requestId: client.requestId ?? null,
        details: JSON.stringify({
          userId,
          reason: 'account_deleted',
          deletedBy: actorId === userId ? 'self' : 'admin',
          actorId,
          sessionsRevoked: revoked.length,
        }),
      });
      await deleteUserRow(tx, userId);
      // One job per file (each retries on its own); an account holds a handful at most.
      for (const item of media) {
        await jobs.add({
          kind: 'media_delete',
          queue: QUEUE.media,
          jobName: JOB.mediaDelete,
          params: { publicId: item.publicId, resourceType: item.resourceType },
          priority: PRIORITY.low,
        });
      }
      return { account, revoked, kidIds };
    });
    await sessions.forgetSessions(result.revoked);
    await cache.del([
      cacheKeys.userKids(userId),
      cacheKeys.userPreferences(userId),
      cacheKeys.userSubscription(userId),
      ...result.kidIds.map((kidId) => cacheKeys.kidProfile(kidId)),
    ]);
    return {
      id: result.account.id,
      email: result.account.email,
      permanent: true,
      message: 'Account permanently deleted',
    };
  }

  /** USER-09 / USER-16. */
  function deleteAccount(
    userId: string,
    options: { permanent: boolean; actorId: string; client: RequestClient },
  ) {
    return options.permanent ? erase(userId, options.actorId, options.client) : deactivate(userId);
  }

  /** USER-10: checks the password and files a ticket; nothing is deleted. */
  async function requestDeletion(
    userId: string,
    body: { password: string; reasons?: string[] | undefined; notes?: string | undefined },
    permanent: boolean,
  ) {
    const stored = await findPasswordHash(db, userId);
    const check = await verifySecret(stored, body.password);
    if (!check.ok) throw new WrongCurrentPasswordError();
    await db.transaction(async (tx) => {
      if (check.needsRehash) await setPasswordHash(tx, userId, await hashSecret(body.password));
      await insertSupportTicket(tx, {
        userId,
        subject: TICKET_SUBJECTS.deleteRequest,
        message: body.notes || 'The account holder asked for their account to be deleted.',
        metadata: {
          reasons: body.reasons ?? [],
          ...(body.notes ? { notes: body.notes } : {}),
          isPermanent: permanent,
        },
      });
    });
    return { verified: true as const, message: 'Your deletion request has been received' };
  }

  async function restore(userId: string, subject: string, message: string): Promise<void> {
    await db.transaction(async (tx) => {
      const account = await findAccountState(tx, userId);
      if (!account) throw new NotFoundError('User');
      if (!(await reactivateUser(tx, userId))) {
        throw new ConflictError('INVALID_STATE', 'The account is not deactivated');
      }
      await insertSupportTicket(tx, { userId, subject, message });
    });
    await forgetUserSessions(db, userId);
  }

  /** USER-11. */
  function restoreSelf(userId: string) {
    return restore(userId, TICKET_SUBJECTS.selfRestore, 'The account holder restored their account.');
  }

  /** USER-17. */
  function restoreByAdmin(userId: string, adminId: string) {
    return restore(
      userId,
      TICKET_SUBJECTS.adminRestore,
      `An administrator (${adminId}) restored the account.`,
    );
  }

  return { deleteAccount, requestDeletion, restoreSelf, restoreByAdmin };
}

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;
