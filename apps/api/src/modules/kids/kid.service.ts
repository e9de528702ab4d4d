import { CACHE_TTL, cacheKeys } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import { findCategoryIds } from '@storytime/db/repositories/accounts';
import {
  countKidRecommendations,
  deleteKid,
  insertKidCategories,
  insertKids,
  type KidPatch,
  replaceKidCategories,
  restoreKid,
  softDeleteKid,
  updateKid,
} from '@storytime/db/repositories/kid-writes';
import { findKidDto, findKidsOfParent } from '@storytime/db/repositories/kids';
import { findAssignableAvatarIds } from '@storytime/db/repositories/profiles';
import { ConflictError, type FieldIssue, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import type { UpdateKidBody } from './kid.schemas';
import type { VoicePreference } from './voice-preference';

/** Kid profiles (api.md §2, KID-01/02/04..07). Every write drops the keys platform.md §6 lists. */

export interface NewKidInput {
  name: string;
  ageRange: string;
  avatarId?: string | undefined;
  preferredCategoryIds?: string[] | undefined;
}

const unique = <T>(values: readonly T[]) => [...new Set(values)];

export function createKidService(core: CoreServices, voices: VoicePreference) {
  const { db, cache } = core;

  async function forgetKid(parentId: string, kidId: string): Promise<void> {
    await cache.del([cacheKeys.kidProfile(kidId), cacheKeys.userKids(parentId)]);
  }

  /**
   * Avatars must be system avatars or the parent's own, not deleted; categories must exist. Every
   * bad id is reported with its position, and nothing is written.
   */
  async function checkReferences(
    tx: DbOrTx,
    parentId: string,
    items: ReadonlyArray<{ path: string; avatarId?: string | undefined; categoryIds?: string[] | undefined }>,
  ): Promise<void> {
    const avatarIds = unique(items.flatMap((item) => (item.avatarId ? [item.avatarId] : [])));
    const categoryIds = unique(items.flatMap((item) => item.categoryIds ?? []));
    const avatars = await findAssignableAvatarIds(tx, parentId, avatarIds);
    const categories = await findCategoryIds(tx, categoryIds);
    const usableAvatars = new Set(avatars);
    const knownCategories = new Set(categories);
    const issues: FieldIssue[] = [];
    for (const item of items) {
      if (item.avatarId && !usableAvatars.has(item.avatarId)) {
        issues.push({ path: `${item.path}avatarId`, message: 'unknown avatar' });
      }
      const missing = (item.categoryIds ?? []).filter((id) => !knownCategories.has(id));
      if (missing.length > 0) {
        issues.push({
          path: `${item.path}preferredCategoryIds`,
          message: `unknown ids: ${missing.join(', ')}`,
        });
      }
    }
    if (issues.length > 0) throw new ValidationError('Unknown avatar or category', issues);
  }

  /** KID-01: live kids, newest first, cached 5 minutes. */
  function listKids(parentId: string) {
    return cache.getOrSet(cacheKeys.userKids(parentId), CACHE_TTL.userKids, () =>
      findKidsOfParent(db, parentId),
    );
  }

  /** KID-02: the whole batch or nothing, then every kid of the parent. */
  async function createKids(parentId: string, items: readonly NewKidInput[]) {
    await db.transaction(async (tx) => {
      await checkReferences(
        tx,
        parentId,
        items.map((item, index) => ({
          path: `body.${index}.`,
          avatarId: item.avatarId,
          categoryIds: item.preferredCategoryIds,
        })),
      );
      const ids = await insertKids(
        tx,
        items.map((item) => ({
          parentId,
          name: item.name,
          ageRange: item.ageRange,
          avatarId: item.avatarId,
        })),
      );
      await insertKidCategories(
        tx,
        items.flatMap((item, index) =>
          unique(item.preferredCategoryIds ?? []).map((categoryId) => ({ kidId: ids[index]!, categoryId })),
        ),
      );
    });
    await cache.del([cacheKeys.userKids(parentId)]);
    return listKids(parentId);
  }

  /** KID-04: a full update in one transaction, voice rules included (rules.md §7.2). */
  async function update(caller: Principal, kidId: string, body: UpdateKidBody) {
    const kid = await requireOwnedKid(db, caller, kidId);
    // The ElevenLabs lookup (network) happens before the transaction opens.
    const voice = body.preferredVoiceId
      ? await voices.choose(caller.userId, body.preferredVoiceId)
      : undefined;
    await db.transaction(async (tx) => {
      await checkReferences(tx, caller.userId, [
        { path: 'body.', avatarId: body.avatarId, categoryIds: body.preferredCategoryIds },
      ]);
      const { preferredCategoryIds, preferredVoiceId: _requested, ...fields } = body;
      const patch: KidPatch = {
        ...fields,
        ...(fields.excludedTags ? { excludedTags: unique(fields.excludedTags) } : {}),
      };
      if (voice) patch.preferredVoiceId = await voices.apply(tx, caller.userId, voice);
      if (preferredCategoryIds) await replaceKidCategories(tx, kidId, unique(preferredCategoryIds));
      await updateKid(tx, kidId, patch);
    });
    await forgetKid(kid.parentId, kidId);
    const updated = await findKidDto(db, kidId);
    if (!updated) throw new NotFoundError('Kid');
    return updated;
  }

  /** KID-05. */
  async function remove(caller: Principal, kidId: string, permanent: boolean) {
    const kid = await requireOwnedKid(db, caller, kidId);
    if (permanent) await deleteKid(db, kidId);
    else await softDeleteKid(db, kidId, core.now());
    await forgetKid(kid.parentId, kidId);
    return { id: kidId, permanent, message: permanent ? 'Kid deleted permanently' : 'Kid deleted' };
  }

  /** KID-06: the one kid route that reaches a deleted kid. */
  async function undoDelete(caller: Principal, kidId: string) {
    const kid = await requireOwnedKid(db, caller, kidId, { includeDeleted: true });
    if (!kid.isDeleted || !(await restoreKid(db, kidId))) {
      throw new ConflictError('INVALID_STATE', 'The kid is not deleted');
    }
    await forgetKid(kid.parentId, kidId);
    const restored = await findKidDto(db, kidId);
    if (!restored) throw new NotFoundError('Kid');
    return restored;
  }

  /** KID-07. */
  async function recommendationStats(caller: Principal, kidId: string) {
    const kid = await requireOwnedKid(db, caller, kidId);
    return {
      kidId: kid.id,
      kidName: kid.name,
      recommendationStats: { total: await countKidRecommendations(db, kidId) },
    };
  }

  return { listKids, createKids, update, remove, undoDelete, recommendationStats };
}

export type KidService = ReturnType<typeof createKidService>;
