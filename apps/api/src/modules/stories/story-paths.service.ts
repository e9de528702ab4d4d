import { findExistingStory } from '@storytime/db/repositories/progress';
import {
  findOwnedStoryPath,
  insertStoryPath,
  listKidStoryPaths,
  updateOwnedStoryPath,
} from '@storytime/db/repositories/story-paths';
import { fromDatabaseError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { keysetAfter, keysetPage } from './library.pagination';
import type { LibraryQuery } from './library.schemas';
import type { UpdatePathBody } from './story-paths.schemas';

const SORT = 'story-paths:started';

/** Story paths, STORY-35..38 (api.md §4.9): owner-only (fix 22). */
export function createStoryPathService(core: CoreServices) {
  const { db } = core;

  /** STORY-35: an empty path; the story must exist for the caller. */
  async function start(caller: Principal, kidId: string, storyId: string) {
    await requireOwnedKid(db, caller, kidId);
    if (!(await findExistingStory(db, storyId, caller.userId))) throw new NotFoundError('Story');
    return insertStoryPath(db, kidId, storyId).catch((error: unknown) => {
      throw fromDatabaseError(error, 'Story path');
    });
  }

  /** STORY-36: only the parent of the path's kid; anyone else gets 404. */
  async function update(caller: Principal, body: UpdatePathBody) {
    const row = await updateOwnedStoryPath(db, caller.userId, body.pathId, {
      path: body.path,
      completedAt: body.completedAt,
    });
    if (!row) throw new NotFoundError('Story path');
    return row;
  }

  /** STORY-37: `startedAt` desc. */
  async function listForKid(caller: Principal, kidId: string, query: LibraryQuery) {
    const after = keysetAfter(SORT, query.cursor);
    await requireOwnedKid(db, caller, kidId);
    const rows = await listKidStoryPaths(db, kidId, { limit: query.limit, after });
    return keysetPage(rows, query.limit, SORT, (row) => ({ key: row.startedAtKey, id: row.id }));
  }

  /** STORY-38: missing or not the caller's → 404 (the reference answered null). */
  async function find(caller: Principal, pathId: string) {
    const row = await findOwnedStoryPath(db, caller.userId, pathId);
    if (!row) throw new NotFoundError('Story path');
    return row;
  }

  return { start, update, listForKid, find };
}
