import {
  addKidFavorite,
  listKidFavorites,
  removeKidFavorite,
} from '@storytime/db/repositories/kid-favorites';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { timeKeyset } from './favorites.cursor';

const keyset = timeKeyset('kid-favorites:created_at:desc');

/** Kid favorites, STORY-12..14 (api.md §4.3): every route checks the kid's owner (fix 24). */
export function createKidFavoriteService(core: Pick<CoreServices, 'db'>) {
  const { db } = core;

  return {
    /** STORY-12: idempotent on (kidId, storyId) (fix 16); the story must be visible to the family. */
    async add(caller: Principal, input: { kidId: string; storyId: string }) {
      await requireOwnedKid(db, caller, input.kidId);
      if (!(await findVisibleStory(db, input.storyId, caller.userId))) throw new NotFoundError('Story');
      return addKidFavorite(db, input.kidId, input.storyId);
    },

    /** STORY-13. */
    async remove(caller: Principal, kidId: string, storyId: string) {
      await requireOwnedKid(db, caller, kidId);
      return { removed: await removeKidFavorite(db, kidId, storyId) };
    },

    /** STORY-14: newest first; deleted (or no longer visible) stories are omitted. */
    async list(caller: Principal, kidId: string, query: { cursor?: string | undefined; limit: number }) {
      const after = keyset.after(query.cursor);
      await requireOwnedKid(db, caller, kidId);
      const rows = await listKidFavorites(db, kidId, caller.userId, { limit: query.limit, after });
      return keyset.page(rows, query.limit);
    },
  };
}
