import { cacheKeys, cacheTags } from '@storytime/cache';
import { countKidRecommendations } from '@storytime/db/repositories/kid-writes';
import {
  deleteRecommendation,
  findOwnRecommendation,
  findRecommendationView,
  listKidRecommendations,
  recommendOrRevive,
  softDeleteRecommendation,
} from '@storytime/db/repositories/recommendations';
import { isStoryRestricted } from '@storytime/db/repositories/restrictions';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { AlreadyExistsError, AppError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { timeKeyset } from './favorites.cursor';

const RESOURCE = 'Recommendation';
const keyset = timeKeyset('recommendations:recommended_at:desc');

/**
 * Parent recommendations, STORY-51..54 (api.md §4.13, rules.md §21). Writes drop the top-picks
 * cache (tag `top-picks`) and the kid's `kid:{kidId}:profile`, which holds the recommended ids and
 * the count (platform.md §6).
 */
export function createRecommendationService(core: Pick<CoreServices, 'db' | 'cache' | 'now'>) {
  const { db, cache } = core;

  async function forget(kidId: string): Promise<void> {
    await Promise.all([cache.invalidateTags([cacheTags.topPicks]), cache.del([cacheKeys.kidProfile(kidId)])]);
  }

  return {
    /**
     * STORY-51: a restricted story → 400 STORY_RESTRICTED; a soft-deleted recommendation of the same
     * (parent, kid, story) is revived with the new message; an active one → 409.
     */
    async recommend(
      caller: Principal,
      input: { kidId: string; storyId: string; message?: string | undefined },
    ) {
      await requireOwnedKid(db, caller, input.kidId);
      if (!(await findVisibleStory(db, input.storyId, caller.userId))) throw new NotFoundError('Story');
      const view = await db.transaction(async (tx) => {
        if (await isStoryRestricted(tx, input.kidId, input.storyId)) {
          throw new AppError('STORY_RESTRICTED', 'This story is restricted for the kid', {
            details: { kidId: input.kidId, storyId: input.storyId },
          });
        }
        const id = await recommendOrRevive(tx, {
          userId: caller.userId,
          kidId: input.kidId,
          storyId: input.storyId,
          message: input.message ?? null,
        });
        if (!id) throw new AlreadyExistsError(RESOURCE, ['userId', 'kidId', 'storyId']);
        return findRecommendationView(tx, id);
      });
      if (!view) throw new NotFoundError(RESOURCE);
      await forget(input.kidId);
      return view;
    },

    /** STORY-52: active recommendations, `recommendedAt` desc. */
    async list(caller: Principal, kidId: string, query: { cursor?: string | undefined; limit: number }) {
      const after = keyset.after(query.cursor);
      await requireOwnedKid(db, caller, kidId);
      const rows = await listKidRecommendations(db, kidId, caller.userId, { limit: query.limit, after });
      return keyset.page(rows, query.limit);
    },

    /**
     * STORY-53: only the recommending parent; anyone else gets 404. A soft delete of an already
     * deleted row is a 404; a permanent delete also removes a soft-deleted one.
     */
    async remove(caller: Principal, id: string, permanent: boolean) {
      const row = await findOwnRecommendation(db, id, caller.userId, { includeDeleted: permanent });
      if (!row) throw new NotFoundError(RESOURCE);
      const done = permanent
        ? await deleteRecommendation(db, id)
        : await softDeleteRecommendation(db, id, core.now());
      if (!done) throw new NotFoundError(RESOURCE);
      await forget(row.kidId);
      return { id, permanent };
    },

    /** STORY-54: non-deleted recommendations of the kid (the same figure as KID-07). */
    async stats(caller: Principal, kidId: string) {
      await requireOwnedKid(db, caller, kidId);
      return { totalCount: await countKidRecommendations(db, kidId) };
    },
  };
}
