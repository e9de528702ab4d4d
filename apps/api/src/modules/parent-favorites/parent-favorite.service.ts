import {
  addParentFavorite,
  findParentFavoriteView,
  listParentFavorites,
  removeParentFavorite,
} from '@storytime/db/repositories/parent-favorites';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { timeKeyset } from '../stories/favorites.cursor';

const RESOURCE = 'Favorite';
const keyset = timeKeyset('parent-favorites:created_at:desc');

/**
 * Parent favorites, PFAV-01..03 (api.md §15). The repository keeps `stories.favoriteCount` in the
 * same transaction as the row (platform.md §13), which orders the "most liked" feed.
 */
export function createParentFavoriteService(core: Pick<CoreServices, 'db'>) {
  const { db } = core;

  return {
    /** PFAV-01: the story must be visible and not deleted; an existing favorite is returned unchanged. */
    async add(userId: string, storyId: string) {
      if (!(await findVisibleStory(db, storyId, userId))) throw new NotFoundError('Story');
      const { id } = await addParentFavorite(db, userId, storyId);
      const view = await findParentFavoriteView(db, id, userId);
      // Only when the story was deleted between the check and the read.
      if (!view) throw new NotFoundError('Story');
      return view;
    },

    /** PFAV-02: newest first. */
    async list(userId: string, query: { cursor?: string | undefined; limit: number }) {
      const after = keyset.after(query.cursor);
      const rows = await listParentFavorites(db, userId, { limit: query.limit, after });
      return keyset.page(rows, query.limit);
    },

    /** PFAV-03: not a favorite → 404. */
    async remove(userId: string, storyId: string) {
      if (!(await removeParentFavorite(db, userId, storyId))) throw new NotFoundError(RESOURCE);
      return { removed: true as const };
    },
  };
}
