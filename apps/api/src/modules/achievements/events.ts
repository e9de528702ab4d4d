import { type Cache, cacheKeys, cacheTags } from '@storytime/cache';
import type { DbOrTx } from '@storytime/db';
import {
  type ActivityScope,
  findActiveDays,
  logEngagementActivity,
} from '@storytime/db/repositories/achievement-stats';
import { unlockBadges, upsertBadgeProgress } from '@storytime/db/repositories/badges';
import type { PointEntry } from '@storytime/db/repositories/points';
import { currentWorkContext } from '@storytime/observability';
import { currentStreak, dayIn, lookbackStart } from './streak';

/**
 * The engagement events of rules.md §10.2, the one place that turns a first story completion, a
 * first challenge completion or a quiz answer into activity, badge progress, unlocks and points.
 * Everything is written in the caller's transaction with a fixed number of statements (log with
 * the event's points, active days, one badge upsert for both scopes, one bulk unlock), and nothing
 * is invalidated here: the caller drops the returned keys and tags after its commit.
 */

export interface EngagementEvent {
  type: 'story_read' | 'challenge_completed' | 'quiz_answered';
  /** The parent account: `activity_logs.userId` and the owner of both badge scopes. */
  parentId: string;
  /** Null for the parent's own progress: the parent aggregate only, no points. */
  kidId: string | null;
  /** Story, assignment or question id. */
  refId: string;
  /** Quiz answers: whether the answer was correct. */
  correct?: boolean;
  at: Date;
}

export interface EngagementEffects {
  /** Cache keys to delete after the commit (the kid's cached profile and list carry its points). */
  invalidate: string[];
  /** Cache tags to invalidate after the commit (`progress:{parentId}`). */
  tags: string[];
  /** False when the event had already been recorded (nothing was written). */
  recorded: boolean;
  /** Badge rows unlocked by this event, kid and parent scopes. */
  unlocked: Array<{ key: string; kidId: string | null }>;
  /** Points credited to the kid by this event and its unlocks. */
  pointsAwarded: number;
}

/** rules.md §11. */
export const POINTS = {
  story_read: 10,
  challenge_completed: 5,
  quiz_answered: 1,
  badgeUnlocked: 20,
} as const;

const REASONS = {
  story_read: 'story_completed',
  challenge_completed: 'challenge_completed',
  quiz_answered: 'quiz_correct',
} as const;

const SUBJECTS = { story_read: 'storyId', challenge_completed: 'assignmentId', quiz_answered: 'questionId' };

let defaultTimeZone = 'UTC';

/**
 * The zone used when a caller does not pass one: the achievements module sets `APP_TIMEZONE` here
 * when the API starts, so callers that only hold a transaction still get local days right.
 */
export function setEngagementTimeZone(timeZone: string): void {
  defaultTimeZone = timeZone;
}

const NOTHING: EngagementEffects = {
  invalidate: [],
  tags: [],
  recorded: false,
  unlocked: [],
  pointsAwarded: 0,
};

/**
 * Records one engagement event. Idempotent per event: a story read or challenge completion already
 * logged for the same (parent, kid, subject) writes nothing; a quiz answer is always logged (each
 * answer is activity) but counts towards Quiz Whiz and earns its point only as the kid's first
 * correct answer to the question, which the ledger's unique (kid, reason, refId) decides.
 */
export async function recordEngagementEvent(
  tx: DbOrTx,
  event: EngagementEvent,
  options: { timeZone?: string; requestId?: string | null } = {},
): Promise<EngagementEffects> {
  const timeZone = options.timeZone ?? defaultTimeZone;
  const isQuiz = event.type === 'quiz_answered';
  const details = JSON.stringify(
    isQuiz
      ? { [SUBJECTS[event.type]]: event.refId, correct: event.correct === true }
      : { [SUBJECTS[event.type]]: event.refId },
  );
  const earns = event.kidId !== null && (!isQuiz || event.correct === true);
  const entry: PointEntry = { delta: POINTS[event.type], reason: REASONS[event.type], refId: event.refId };

  const { logged, credited } = await logEngagementActivity(
    tx,
    {
      userId: event.parentId,
      kidId: event.kidId,
      action: event.type,
      details,
      at: event.at,
      requestId: options.requestId ?? currentWorkContext()?.requestId ?? null,
      once: !isQuiz,
    },
    earns && event.kidId ? { kidId: event.kidId, entry } : undefined,
  );
  if (!logged) return NOTHING;

  const streaks = await scopeStreaks(tx, event, timeZone);
  const rows = await upsertBadgeProgress(tx, {
    parentId: event.parentId,
    kidId: event.kidId,
    eventType: event.type,
    // Only the kid's first correct answer to a question counts (the ledger entry was new).
    countsCorrect: isQuiz && credited,
    at: event.at,
    timeZone,
    streaks,
  });
  const unlock = await unlockBadges(tx, {
    parentId: event.parentId,
    ids: rows.filter((row) => !row.unlocked).map((row) => row.id),
    at: event.at,
    pointsPerBadge: POINTS.badgeUnlocked,
  });

  const pointsAwarded = (credited ? entry.delta : 0) + unlock.pointsCredited;
  return {
    invalidate:
      event.kidId && pointsAwarded !== 0
        ? [cacheKeys.kidProfile(event.kidId), cacheKeys.userKids(event.parentId)]
        : [],
    tags: [cacheTags.progress(event.parentId)],
    recorded: true,
    unlocked: unlock.unlocked.map((badge) => ({ key: badge.key, kidId: badge.kidId })),
    pointsAwarded,
  };
}

/** The current streak of the parent aggregate and of the kid, as of the event, in one query. */
async function scopeStreaks(
  tx: DbOrTx,
  event: EngagementEvent,
  timeZone: string,
): Promise<{ parent: number; kid: number }> {
  const scopes: ActivityScope[] = [{ userId: event.parentId, kidId: null }];
  if (event.kidId) scopes.push({ userId: event.parentId, kidId: event.kidId });
  const days = await findActiveDays(tx, scopes, {
    timeZone,
    since: lookbackStart(timeZone, event.at),
    until: event.at,
  });
  const today = dayIn(timeZone, event.at);
  const of = (scope: number) =>
    currentStreak(new Set(days.filter((row) => row.scope === scope).map((row) => row.day)), today);
  return { parent: of(0), kid: event.kidId ? of(1) : 0 };
}

/** Drops what a committed event invalidated (call after the transaction, never inside it). */
export async function applyEngagementEffects(
  cache: Cache,
  effects: ReadonlyArray<Pick<EngagementEffects, 'invalidate' | 'tags'>>,
): Promise<void> {
  const keys = [...new Set(effects.flatMap((effect) => effect.invalidate))];
  const tags = [...new Set(effects.flatMap((effect) => effect.tags))];
  if (keys.length > 0) await cache.del(keys);
  if (tags.length > 0) await cache.invalidateTags(tags);
}
