import type { DbOrTx } from '@storytime/db';
import { findKidForAdmin, findOwnedKid } from '@storytime/db/repositories/kids';
import { NotFoundError } from '@storytime/errors';
import type { Principal } from '../plugins/principal';

/**
 * The one ownership check for kids (api.md §0.1): a kid of another parent, a missing kid and a
 * soft-deleted kid all answer 404, so nothing reveals that someone else's kid exists (fix 31).
 */
export async function requireOwnedKid(
  db: DbOrTx,
  caller: Principal,
  kidId: string,
  options: { includeDeleted?: boolean; adminPasses?: boolean } = {},
) {
  if (options.adminPasses && caller.role === 'admin') {
    const kid = await findKidForAdmin(db, kidId, options);
    if (kid) return kid;
    throw new NotFoundError('Kid');
  }
  const kid = await findOwnedKid(db, caller.userId, kidId, options);
  if (!kid) throw new NotFoundError('Kid');
  return kid;
}

/** `session+owner/admin` on a user id in the path: anyone else gets 404 (fix 18). */
export function requireSelfOrAdmin(caller: Principal, userId: string): void {
  if (caller.userId !== userId && caller.role !== 'admin') throw new NotFoundError('User');
}

/** `session+owner` on a user id in the body or path: it must be the caller. */
export function requireSelf(caller: Principal, userId: string): void {
  if (caller.userId !== userId) throw new NotFoundError('User');
}
