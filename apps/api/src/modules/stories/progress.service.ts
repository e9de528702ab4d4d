import { cacheKeys, cacheTags } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import {
  findExistingStory,
  findKidProgress,
  findUserProgress,
  lockKidReadingLevel,
  saveKidProgress,
  saveUserProgress,
  setKidReadingLevel,
} from '@storytime/db/repositories/progress';
import { findVisibleStory } from '@storytime/db/repositories/story-list';
import { fromDatabaseError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { applyEngagementEffects, type EngagementEffects } from '../achievements/events';
import type { QuotaService } from '../quota/quota.service';
import type { KidProgressBody, UserProgressBody } from './progress.schemas';
import { onStoryCompleted } from './progress-events';
import { adjustedReadingLevel, wordsPerMinute } from './reading-level';

/**
 * Reading progress, STORY-18..21 (api.md §4.5). A write and every effect of a first completion
 * (reading level, `story_read` event) commit in one transaction (platform.md §13); caches are
 * dropped after the commit.
 */
export function createProgressService(core: CoreServices, quota: QuotaService) {
  const { db, cache } = core;
  /** The completion's instant and zone, for the local-time badges and streak days (rules.md §10). */
  const completedAt = () => ({ at: core.now(), timeZone: core.config.env.APP_TIMEZONE });

  /**
   * rules.md §8 on the first completion: the kid's level is locked, recomputed by the pure rule and
   * written only when it moves. Returns whether it moved.
   */
  async function adjustReadingLevel(
    tx: DbOrTx,
    kidId: string,
    story: { wordCount: number; difficultyLevel: number },
    totalTimeSpent: number,
  ): Promise<boolean> {
    // Without words or timing data nothing can change (fix 12): not even the lock is taken.
    if (wordsPerMinute(story.wordCount, totalTimeSpent) === null) return false;
    const currentLevel = await lockKidReadingLevel(tx, kidId);
    if (currentLevel === undefined) return false;
    const level = adjustedReadingLevel({ currentLevel, story, totalTimeSpent });
    if (level === currentLevel) return false;
    await setKidReadingLevel(tx, kidId, level);
    return true;
  }

  /** STORY-18: upsert the kid's row; the caller must own the kid and see the story. */
  async function saveForKid(caller: Principal, body: KidProgressBody) {
    const kid = await requireOwnedKid(db, caller, body.kidId);
    const story = await findVisibleStory(db, body.storyId, caller.userId);
    if (!story) throw new NotFoundError('Story');
    const { row, levelChanged, effects } = await db
      .transaction(async (tx) => {
        const saved = await saveKidProgress(tx, kid.id, story.id, body);
        let changed = false;
        let completion: EngagementEffects | undefined;
        if (saved.firstCompletion) {
          changed = await adjustReadingLevel(tx, kid.id, story, saved.row.totalTimeSpent);
          completion = await onStoryCompleted(tx, {
            ...completedAt(),
            parentId: kid.parentId,
            kidId: kid.id,
            storyId: story.id,
          });
        }
        return { row: saved.row, levelChanged: changed, effects: completion };
      })
      // The kid or story vanishing between the checks and the write is a 400, never a 500.
      .catch((error: unknown) => {
        throw fromDatabaseError(error, 'Story progress');
      });
    const levelKeys = levelChanged ? [cacheKeys.kidProfile(kid.id), cacheKeys.userKids(kid.parentId)] : [];
    await applyEngagementEffects(cache, [
      { invalidate: levelKeys, tags: [cacheTags.progress(kid.parentId)] },
      ...(effects ? [effects] : []),
    ]);
    return row;
  }

  /** STORY-19: the kid's row for the story, or null. */
  async function findForKid(caller: Principal, kidId: string, storyId: string) {
    await requireOwnedKid(db, caller, kidId);
    if (!(await findExistingStory(db, storyId, caller.userId))) throw new NotFoundError('Story');
    return (await findKidProgress(db, kidId, storyId)) ?? null;
  }

  /**
   * STORY-20: the parent's own progress, metered by the free-tier quota inside the same transaction
   * (an exhausted quota answers 403 STORY_LIMIT_EXCEEDED and writes nothing).
   */
  async function saveForUser(userId: string, body: UserProgressBody) {
    const result = await db
      .transaction(async (tx) => {
        const story = await findVisibleStory(tx, body.storyId, userId);
        if (!story) throw new NotFoundError('Story');
        await quota.meter(tx, userId, story);
        const saved = await saveUserProgress(tx, userId, story.id, body);
        const effects = saved.firstCompletion
          ? await onStoryCompleted(tx, { ...completedAt(), parentId: userId, kidId: null, storyId: story.id })
          : undefined;
        return { row: saved.row, effects };
      })
      .catch((error: unknown) => {
        throw fromDatabaseError(error, 'Story progress');
      });
    await applyEngagementEffects(cache, [
      { invalidate: [], tags: [cacheTags.progress(userId)] },
      ...(result.effects ? [result.effects] : []),
    ]);
    return result.row;
  }

  /** STORY-21. */
  async function findForUser(userId: string, storyId: string) {
    if (!(await findExistingStory(db, storyId, userId))) throw new NotFoundError('Story');
    return (await findUserProgress(db, userId, storyId)) ?? null;
  }

  return { saveForKid, findForKid, saveForUser, findForUser };
}

export type ProgressService = ReturnType<typeof createProgressService>;
