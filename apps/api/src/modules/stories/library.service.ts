import { cacheTags } from '@storytime/cache';
import {
  type LibraryRow,
  listKidCreatedStories,
  listKidShelf,
  listUserShelf,
  removeFromKidLibrary,
  removeFromUserLibrary,
  type Shelf,
} from '@storytime/db/repositories/library';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { keysetAfter, keysetPage } from './library.pagination';
import type { LibraryQuery } from './library.schemas';

/** The cursor sorts: a cursor of one list is refused by every other (platform.md §7). */
const SHELF_SORT: Record<'kid' | 'user', Record<Shelf, string>> = {
  kid: { 'continue-reading': 'kid-library:continue', completed: 'kid-library:completed' },
  user: { 'continue-reading': 'user-library:continue', completed: 'user-library:completed' },
};
const CREATED_SORT = 'kid-library:created';

const shelfPosition = (row: LibraryRow) => ({ key: row.lastAccessedKey, id: row.progressId });

/** Libraries (api.md §4.6, STORY-22..24, STORY-40..42, STORY-46). */
export function createLibraryService(core: CoreServices) {
  const { db, cache } = core;

  /** STORY-22/23: the caller's own shelves, `lastAccessed` desc. */
  async function userShelf(userId: string, shelf: Shelf, query: LibraryQuery) {
    const sort = SHELF_SORT.user[shelf];
    const after = keysetAfter(sort, query.cursor);
    const rows = await listUserShelf(db, userId, shelf, { limit: query.limit, after });
    return keysetPage(rows, query.limit, sort, shelfPosition);
  }

  /** STORY-40/41. */
  async function kidShelf(caller: Principal, kidId: string, shelf: Shelf, query: LibraryQuery) {
    const sort = SHELF_SORT.kid[shelf];
    const after = keysetAfter(sort, query.cursor);
    await requireOwnedKid(db, caller, kidId);
    const rows = await listKidShelf(db, kidId, shelf, { limit: query.limit, after });
    return keysetPage(rows, query.limit, sort, shelfPosition);
  }

  /** STORY-42: stories the kid created, newest first. */
  async function kidCreated(caller: Principal, kidId: string, query: LibraryQuery) {
    const after = keysetAfter(CREATED_SORT, query.cursor);
    await requireOwnedKid(db, caller, kidId);
    const rows = await listKidCreatedStories(db, kidId, { limit: query.limit, after });
    return keysetPage(rows, query.limit, CREATED_SORT, (row) => ({ key: row.createdAtKey, id: row.id }));
  }

  /** STORY-24: parent favorite (and its count) and progress go together; the quota record stays. */
  async function removeFromUser(userId: string, storyId: string) {
    await db.transaction((tx) => removeFromUserLibrary(tx, userId, storyId));
    await cache.invalidateTags([cacheTags.progress(userId)]);
    return { message: 'Story removed from your library' };
  }

  /** STORY-46: the kid's favorite, download and progress go together (rules.md §17). */
  async function removeFromKid(caller: Principal, kidId: string, storyId: string) {
    const kid = await requireOwnedKid(db, caller, kidId);
    await db.transaction((tx) => removeFromKidLibrary(tx, kid.id, storyId));
    await cache.invalidateTags([cacheTags.progress(kid.parentId)]);
    return { message: 'Story removed from the library' };
  }

  return { userShelf, kidShelf, kidCreated, removeFromUser, removeFromKid };
}

export type LibraryService = ReturnType<typeof createLibraryService>;
