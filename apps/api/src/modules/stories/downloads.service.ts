import { deleteDownload, listKidDownloads, upsertDownload } from '@storytime/db/repositories/downloads';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { fromDatabaseError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { keysetAfter, keysetPage } from './library.pagination';
import type { LibraryQuery } from './library.schemas';

const SORT = 'kid-library:downloads';

/**
 * Kid downloads, STORY-43..45. Bookkeeping only (rules.md §17): the offline files are the client's
 * business, built from the story text and audio URLs.
 */
export function createDownloadService(core: CoreServices) {
  const { db } = core;

  /** STORY-43: `downloadedAt` desc. */
  async function list(caller: Principal, kidId: string, query: LibraryQuery) {
    const after = keysetAfter(SORT, query.cursor);
    await requireOwnedKid(db, caller, kidId);
    const rows = await listKidDownloads(db, kidId, { limit: query.limit, after });
    return keysetPage(rows, query.limit, SORT, (row) => ({ key: row.downloadedAtKey, id: row.downloadId }));
  }

  /** STORY-44: upsert; a repeat refreshes `downloadedAt`. The story must be visible to the caller. */
  async function add(caller: Principal, kidId: string, storyId: string) {
    await requireOwnedKid(db, caller, kidId);
    if (!(await findVisibleStory(db, storyId, caller.userId))) throw new NotFoundError('Story');
    return upsertDownload(db, kidId, storyId).catch((error: unknown) => {
      throw fromDatabaseError(error, 'Download');
    });
  }

  /** STORY-45: idempotent. */
  async function remove(caller: Principal, kidId: string, storyId: string) {
    await requireOwnedKid(db, caller, kidId);
    return { removed: await deleteDownload(db, kidId, storyId) };
  }

  return { list, add, remove };
}

export type DownloadService = ReturnType<typeof createDownloadService>;
