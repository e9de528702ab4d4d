import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import type { Tx } from '@storytime/db';
import {
  type AgeGroupRecord,
  deleteAgeGroup,
  findAgeGroup,
  findOverlappingGroup,
  insertAgeGroup,
  listAgeGroups,
  lockAgeGroups,
  restoreAgeGroup,
  softDeleteAgeGroup,
  updateAgeGroup,
} from '@storytime/db/repositories/age-groups';
import { ConflictError, fromDatabaseError, NotFoundError, ValidationError } from '@storytime/errors';
import type { CoreServices } from '../../composition';

const RESOURCE = 'Age group';

function requireOrdered(range: { min: number; max: number }): void {
  if (range.min >= range.max) {
    throw new ValidationError('min must be less than max', [
      { path: 'body.min', message: 'must be less than max' },
      { path: 'body.max', message: 'must be greater than min' },
    ]);
  }
}

/** Overlap with a live group (rules.md §5.1) → 409 naming the group it collides with. */
async function requireNoOverlap(tx: Tx, range: { min: number; max: number }, exceptId?: string) {
  const other = await findOverlappingGroup(tx, range, exceptId);
  if (other) {
    throw new ConflictError(
      'RESOURCE_ALREADY_EXISTS',
      `Age range ${range.min}-${range.max} overlaps the age group ${other.name}`,
      { details: { fields: ['min', 'max'], conflictsWith: other } },
    );
  }
}

/** AGE-01..07 (api.md §18): public reads from the cached list, admin writes that keep groups disjoint. */
export function createAgeGroupService(core: CoreServices) {
  const { db, cache } = core;

  /**
   * Writes run under a transaction-scoped advisory lock, so the overlap check and the write are
   * atomic against concurrent writes; the cached list is dropped after commit.
   */
  async function write<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    try {
      const result = await db.transaction(async (tx) => {
        await lockAgeGroups(tx);
        return work(tx);
      });
      await cache.del([cacheKeys.ageGroupsAll]);
      return result;
    } catch (error) {
      throw fromDatabaseError(error, RESOURCE);
    }
  }

  function all(): Promise<AgeGroupRecord[]> {
    return cache.getOrSet(cacheKeys.ageGroupsAll, CACHE_TTL.ageGroupsAll, () => listAgeGroups(db), {
      tags: [cacheTags.catalogue],
    });
  }

  return {
    list: all,

    /** AGE-02: groups are disjoint, so at most one contains the age. */
    async byAge(age: number): Promise<AgeGroupRecord> {
      const group = (await all()).find((candidate) => candidate.min <= age && age <= candidate.max);
      if (!group) throw new NotFoundError(RESOURCE);
      return group;
    },

    async get(id: string): Promise<AgeGroupRecord> {
      const group = await findAgeGroup(db, id);
      if (!group) throw new NotFoundError(RESOURCE);
      return { id: group.id, name: group.name, min: group.min, max: group.max };
    },

    create(input: { name: string; min: number; max: number }): Promise<AgeGroupRecord> {
      requireOrdered(input);
      return write(async (tx) => {
        await requireNoOverlap(tx, input);
        return insertAgeGroup(tx, input);
      });
    },

    update(id: string, patch: { name?: string; min?: number; max?: number }): Promise<AgeGroupRecord> {
      return write(async (tx) => {
        const current = await findAgeGroup(tx, id);
        if (!current) throw new NotFoundError(RESOURCE);
        const range = { min: patch.min ?? current.min, max: patch.max ?? current.max };
        requireOrdered(range);
        if (range.min !== current.min || range.max !== current.max) await requireNoOverlap(tx, range, id);
        const updated = await updateAgeGroup(tx, id, patch);
        if (!updated) throw new NotFoundError(RESOURCE);
        return updated;
      });
    },

    /** AGE-06: a soft delete needs a live group; a permanent delete also takes a soft-deleted one. */
    remove(id: string, permanent: boolean): Promise<{ id: string; permanent: boolean }> {
      return write(async (tx) => {
        const group = await findAgeGroup(tx, id, { includeDeleted: permanent });
        if (!group) throw new NotFoundError(RESOURCE);
        if (permanent) await deleteAgeGroup(tx, id);
        else await softDeleteAgeGroup(tx, id);
        return { id, permanent };
      });
    },

    /** AGE-07: only a deleted group, and only if it would not overlap a live one. */
    restore(id: string): Promise<AgeGroupRecord> {
      return write(async (tx) => {
        const group = await findAgeGroup(tx, id, { includeDeleted: true });
        if (!group) throw new NotFoundError(RESOURCE);
        if (!group.isDeleted) throw new ConflictError('INVALID_STATE', 'Age group is not deleted');
        await requireNoOverlap(tx, group, id);
        const restored = await restoreAgeGroup(tx, id);
        if (!restored) throw new NotFoundError(RESOURCE);
        return restored;
      });
    },
  };
}
