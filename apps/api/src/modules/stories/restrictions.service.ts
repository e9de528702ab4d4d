import { cacheKeys } from '@storytime/cache';
import {
  listRestrictedStories,
  removeRestriction,
  upsertRestriction,
} from '@storytime/db/repositories/restrictions';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { timeKeyset } from './favorites.cursor';

const keyset = timeKeyset('restrictions:created_at:desc');

/**
 * Restrictions, STORY-15..17 (api.md §4.4). The kid feed reads the restricted ids from the cached
 * `kid:{kidId}:profile`, so every write drops that key (platform.md §6): a restriction takes the
 * story out of the feed at once, even when it is recommended (rules.md §21).
 */
export function createRestrictionService(core: Pick<CoreServices, 'db' | 'cache'>) {
  const { db, cache } = core;

  return {
    /**
     * STORY-15: upsert on (kidId, storyId); a repeat replaces the reason. The story must exist for
     * the family (public or its own generated story): another family's private story is a 404 as
     * if it did not exist.
     */
    async restrict(
      caller: Principal,
      input: { kidId: string; storyId: string; reason?: string | undefined },
    ) {
      await requireOwnedKid(db, caller, input.kidId);
      if (!(await findVisibleStory(db, input.storyId, caller.userId))) throw new NotFoundError('Story');
      const row = await upsertRestriction(db, {
        kidId: input.kidId,
        storyId: input.storyId,
        userId: caller.userId,
        reason: input.reason ?? null,
      });
      await cache.del([cacheKeys.kidProfile(input.kidId)]);
      return row;
    },

    /** STORY-16: no restriction → 404. */
    async unrestrict(caller: Principal, kidId: string, storyId: string) {
      await requireOwnedKid(db, caller, kidId);
      if (!(await removeRestriction(db, kidId, storyId))) throw new NotFoundError('Restriction');
      await cache.del([cacheKeys.kidProfile(kidId)]);
      return { removed: true as const };
    },

    /** STORY-17: newest restriction first. */
    async list(caller: Principal, kidId: string, query: { cursor?: string | undefined; limit: number }) {
      const after = keyset.after(query.cursor);
      await requireOwnedKid(db, caller, kidId);
      const rows = await listRestrictedStories(db, kidId, caller.userId, { limit: query.limit, after });
      return keyset.page(rows, query.limit);
    },
  };
}
