import { cacheKeys } from '@storytime/cache';
import {
  applyLimitToKidsWithout,
  ensureSettings,
  findKidLimits,
  findKidLimitsOfParent,
  findParentLimit,
  type SettingsPatch,
  type SettingsRecord,
  setKidLimit,
  upsertSettings,
} from '@storytime/db/repositories/settings';
import { isLiveUser } from '@storytime/db/repositories/users';
import { NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid, requireSelfOrAdmin } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';

export type LimitSource = 'kid' | 'parent' | 'none';

/**
 * The effective daily screen-time limit (rules.md §18): the kid's own limit, else the parent's
 * default, else none. 0 is a real limit in both places (fix 62), so only `null` falls through.
 */
export function effectiveLimit(
  kidLimit: number | null,
  parentLimit: number | null,
): { limitMins: number | null; source: LimitSource } {
  if (kidLimit !== null) return { limitMins: kidLimit, source: 'kid' };
  if (parentLimit !== null) return { limitMins: parentLimit, source: 'parent' };
  return { limitMins: null, source: 'none' };
}

export function createSettingsService(core: CoreServices) {
  const { db, cache } = core;

  /** `session+owner/admin` on a user in the path; an admin naming a missing or deleted user gets 404. */
  async function requireUser(caller: Principal, userId: string): Promise<void> {
    requireSelfOrAdmin(caller, userId);
    if (caller.userId !== userId && !(await isLiveUser(db, userId))) throw new NotFoundError('User');
  }

  async function dropPreferences(userId: string): Promise<void> {
    await cache.del([cacheKeys.userPreferences(userId)]);
  }

  async function dropKids(parentId: string, kidIds: string[]): Promise<void> {
    await cache.del([cacheKeys.userKids(parentId), ...kidIds.map((id) => cacheKeys.kidProfile(id))]);
  }

  return {
    /** SET-01: the profile, created with the defaults when missing. */
    async get(caller: Principal, userId: string): Promise<SettingsRecord> {
      await requireUser(caller, userId);
      const { settings, created } = await ensureSettings(db, userId);
      if (created) await dropPreferences(userId);
      return settings;
    },

    /** SET-02: an empty body changes nothing (and does not touch `updatedAt`). */
    async update(caller: Principal, userId: string, patch: SettingsPatch): Promise<SettingsRecord> {
      await requireUser(caller, userId);
      const fields = Object.fromEntries(
        Object.entries(patch).filter(([, value]) => value !== undefined),
      ) as SettingsPatch;
      if (Object.keys(fields).length === 0) {
        const { settings, created } = await ensureSettings(db, userId);
        if (created) await dropPreferences(userId);
        return settings;
      }
      const settings = await upsertSettings(db, userId, fields);
      await dropPreferences(userId);
      return settings;
    },

    /** SET-03: `null` clears the kid's own limit. */
    async setKidLimit(caller: Principal, kidId: string, limitMins: number | null) {
      const kid = await requireOwnedKid(db, caller, kidId);
      await setKidLimit(db, kidId, limitMins);
      await dropKids(kid.parentId, [kidId]);
      return { success: true as const, kidId, limitMins };
    },

    /** SET-04. */
    async kidLimit(caller: Principal, kidId: string) {
      await requireOwnedKid(db, caller, kidId);
      const limits = await findKidLimits(db, kidId);
      if (!limits) throw new NotFoundError('Kid');
      return { kidId, ...effectiveLimit(limits.kidLimit, limits.parentLimit) };
    },

    /** SET-05: every live kid of the parent with its own and its effective limit. */
    async kidsLimits(caller: Principal, parentId: string) {
      await requireUser(caller, parentId);
      const [parentLimit, kidRows] = await Promise.all([
        findParentLimit(db, parentId),
        findKidLimitsOfParent(db, parentId),
      ]);
      return kidRows.map((kid) => ({
        ...kid,
        effectiveLimit: effectiveLimit(kid.customLimit, parentLimit).limitMins,
        isCustom: kid.customLimit !== null,
      }));
    },

    /** SET-06: copies the parent's default into the live kids that have no limit of their own. */
    async applyDefault(caller: Principal, parentId: string) {
      await requireUser(caller, parentId);
      const { appliedLimit, kidIds } = await db.transaction(async (tx) => {
        const limit = await findParentLimit(tx, parentId);
        if (limit === null) {
          throw new ValidationError('The parent has no default screen-time limit to apply', [
            { path: 'profile.maxScreenTimeMins', message: 'not set' },
          ]);
        }
        return { appliedLimit: limit, kidIds: await applyLimitToKidsWithout(tx, parentId, limit) };
      });
      if (kidIds.length > 0) await dropKids(parentId, kidIds);
      return { success: true as const, appliedLimit, kidsUpdated: kidIds.length };
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
