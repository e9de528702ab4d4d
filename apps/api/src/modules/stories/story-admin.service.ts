import { cacheTags } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import {
  findKnownCatalogueIds,
  hardDeleteStory,
  insertStory,
  insertStoryBranches,
  insertStoryImages,
  insertStoryLinks,
  liveStory,
  lockLiveStory,
  replaceStoryLinks,
  restoreStory,
  type StoryFields,
  type StoryLinkIds,
  softDeleteStory,
  storyTextMetrics,
  updateLiveStory,
} from '@storytime/db/repositories/story-admin';
import { findStoryDetail, type StoryDetailRow } from '@storytime/db/repositories/story-detail';
import {
  ConflictError,
  type FieldIssue,
  fromDatabaseError,
  NotFoundError,
  ValidationError,
} from '@storytime/errors';
import type { CoreServices } from '../../composition';
import type { BranchBody, CreateStoryBody, ImageBody, UpdateStoryBody } from './story.schemas';

/** Column defaults the age check must see when a body omits them (data-model.md `stories`). */
const DEFAULT_AGE_MIN = 0;
const DEFAULT_AGE_MAX = 9;

/**
 * Story content administration, STORY-06..11 (api.md §4.2; admin-only, fix 20). Each write is one
 * transaction; after it commits, tag `story-content` is invalidated (platform.md §6).
 */
export function createStoryAdminService(core: Pick<CoreServices, 'db' | 'cache'>) {
  const { db, cache } = core;

  /** Runs a write, maps database errors, and drops the story-content caches once it committed. */
  async function write<T>(work: (tx: DbOrTx) => Promise<T>): Promise<T> {
    let result: T;
    try {
      result = await db.transaction(work);
    } catch (error) {
      throw fromDatabaseError(error, 'Story');
    }
    await cache.invalidateTags([cacheTags.storyContent]);
    return result;
  }

  function checkAgeRange(ageMin: number, ageMax: number): void {
    if (ageMax < ageMin) {
      throw new ValidationError('ageMax must be greater than or equal to ageMin', [
        { path: 'body.ageMax', message: `must be ≥ ageMin (${ageMin})` },
      ]);
    }
  }

  /** Every unknown (or deleted) theme, category or season id is reported; nothing is written. */
  async function checkLinks(tx: DbOrTx, ids: StoryLinkIds): Promise<void> {
    const known = await findKnownCatalogueIds(tx, ids);
    const issues: FieldIssue[] = [];
    const report = (field: keyof StoryLinkIds, list: readonly string[] | undefined, set: Set<string>) => {
      const missing = [...new Set(list ?? [])].filter((id) => !set.has(id));
      if (missing.length > 0)
        issues.push({ path: `body.${field}`, message: `unknown ids: ${missing.join(', ')}` });
    };
    report('themeIds', ids.themeIds, known.themes);
    report('categoryIds', ids.categoryIds, known.categories);
    report('seasonIds', ids.seasonIds, known.seasons);
    if (issues.length > 0) throw new ValidationError('Unknown theme, category or season', issues);
  }

  /** The stored text and its derived columns (rules.md §7.4, fix 39); blank text is no text. */
  function textFields(textContent: string): StoryFields {
    const text = textContent === '' ? null : textContent;
    return { textContent: text, ...storyTextMetrics(text) };
  }

  function scalarFields(body: UpdateStoryBody): StoryFields {
    return {
      title: body.title,
      description: body.description,
      language: body.language,
      coverImageUrl: body.coverImageUrl,
      audioUrl: body.audioUrl,
      isInteractive: body.isInteractive,
      ageMin: body.ageMin,
      ageMax: body.ageMax,
      difficultyLevel: body.difficultyLevel,
      backgroundColor: body.backgroundColor,
      ...(body.textContent === undefined ? {} : textFields(body.textContent)),
    };
  }

  async function detailOf(tx: DbOrTx, storyId: string): Promise<StoryDetailRow> {
    const story = await findStoryDetail(tx, storyId, liveStory);
    if (!story) throw new NotFoundError('Story');
    return story;
  }

  /** STORY-06. */
  async function create(body: CreateStoryBody): Promise<StoryDetailRow> {
    checkAgeRange(body.ageMin ?? DEFAULT_AGE_MIN, body.ageMax ?? DEFAULT_AGE_MAX);
    return write(async (tx) => {
      await checkLinks(tx, body);
      const storyId = await insertStory(tx, {
        ...scalarFields(body),
        title: body.title,
        description: body.description,
        language: body.language,
      });
      await insertStoryLinks(tx, storyId, body);
      await insertStoryImages(tx, storyId, body.images ?? []);
      await insertStoryBranches(tx, storyId, body.branches ?? []);
      return detailOf(tx, storyId);
    });
  }

  /** STORY-07: id lists replace their sets, images and branches are appended. */
  async function update(storyId: string, body: UpdateStoryBody): Promise<StoryDetailRow> {
    return write(async (tx) => {
      const stored = await lockLiveStory(tx, storyId);
      if (!stored) throw new NotFoundError('Story');
      checkAgeRange(body.ageMin ?? stored.ageMin, body.ageMax ?? stored.ageMax);
      await checkLinks(tx, body);
      await updateLiveStory(tx, storyId, scalarFields(body));
      await replaceStoryLinks(tx, storyId, body);
      await insertStoryImages(tx, storyId, body.images ?? []);
      await insertStoryBranches(tx, storyId, body.branches ?? []);
      return detailOf(tx, storyId);
    });
  }

  /** STORY-08: a soft delete needs a live story; a permanent one also purges soft-deleted rows. */
  async function remove(storyId: string, permanent: boolean) {
    return write(async (tx) => {
      const done = permanent ? await hardDeleteStory(tx, storyId) : await softDeleteStory(tx, storyId);
      if (!done) throw new NotFoundError('Story');
      return { id: storyId, permanent };
    });
  }

  /** STORY-09. */
  async function restore(storyId: string): Promise<StoryDetailRow> {
    return write(async (tx) => {
      const outcome = await restoreStory(tx, storyId);
      if (outcome === 'missing') throw new NotFoundError('Story');
      if (outcome === 'not-deleted') throw new ConflictError('INVALID_STATE', 'Story is not deleted');
      return detailOf(tx, storyId);
    });
  }

  /** STORY-10. Touching the story first checks (and locks) it is live. */
  async function addImage(storyId: string, body: ImageBody) {
    return write(async (tx) => {
      if (!(await updateLiveStory(tx, storyId, {}))) throw new NotFoundError('Story');
      const [image] = await insertStoryImages(tx, storyId, [body]);
      return image!;
    });
  }

  /** STORY-11. */
  async function addBranch(storyId: string, body: BranchBody) {
    return write(async (tx) => {
      if (!(await updateLiveStory(tx, storyId, {}))) throw new NotFoundError('Story');
      const [branch] = await insertStoryBranches(tx, storyId, [body]);
      return branch!;
    });
  }

  return { create, update, remove, restore, addImage, addBranch };
}
