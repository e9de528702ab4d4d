import { and, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, stories, storyProgress, userStoryProgress } from '../schema';

/**
 * Reading progress of kids (`story_progress`) and of the parent account (`user_story_progress`),
 * api.md §4.5. Writes run inside the caller's transaction, which also holds the effects of a first
 * completion (rules.md §8, §10.2).
 */

export interface ProgressInput {
  /** Percent, 0–100. */
  progress: number;
  completed: boolean;
  /** Seconds read in this session, added to `totalTimeSpent`. */
  sessionTime: number;
}

interface ProgressFields {
  id: string;
  storyId: string;
  progress: number;
  completed: boolean;
  completedAt: Date | null;
  lastAccessed: Date;
  totalTimeSpent: number;
}

export interface KidProgressRow extends ProgressFields {
  kidId: string;
}

export interface UserProgressRow extends ProgressFields {
  userId: string;
}

export interface ProgressWrite<Row> {
  row: Row;
  /** This write moved the row to completed for the first time (sets `completedAt`). */
  firstCompletion: boolean;
}

const kidColumns = {
  id: storyProgress.id,
  kidId: storyProgress.kidId,
  storyId: storyProgress.storyId,
  progress: storyProgress.progress,
  completed: storyProgress.completed,
  completedAt: storyProgress.completedAt,
  lastAccessed: storyProgress.lastAccessed,
  totalTimeSpent: storyProgress.totalTimeSpent,
};

const userColumns = {
  id: userStoryProgress.id,
  userId: userStoryProgress.userId,
  storyId: userStoryProgress.storyId,
  progress: userStoryProgress.progress,
  completed: userStoryProgress.completed,
  completedAt: userStoryProgress.completedAt,
  lastAccessed: userStoryProgress.lastAccessed,
  totalTimeSpent: userStoryProgress.totalTimeSpent,
};

/**
 * The update of an existing row whose previous `completed` is known (the row is locked): completed
 * never goes back to false (decision) and `completedAt` is stamped only at the first transition.
 */
function changes(
  table: typeof storyProgress | typeof userStoryProgress,
  wasCompleted: boolean,
  input: ProgressInput,
) {
  return {
    progress: input.progress,
    completed: wasCompleted || input.completed,
    ...(!wasCompleted && input.completed ? { completedAt: sql`now()` } : {}),
    lastAccessed: sql`now()`,
    totalTimeSpent: sql`${table.totalTimeSpent} + ${input.sessionTime}`,
  };
}

export async function findKidProgress(
  tx: DbOrTx,
  kidId: string,
  storyId: string,
): Promise<KidProgressRow | undefined> {
  const [row] = await tx
    .select(kidColumns)
    .from(storyProgress)
    .where(and(eq(storyProgress.kidId, kidId), eq(storyProgress.storyId, storyId)));
  return row;
}

export async function findUserProgress(
  tx: DbOrTx,
  userId: string,
  storyId: string,
): Promise<UserProgressRow | undefined> {
  const [row] = await tx
    .select(userColumns)
    .from(userStoryProgress)
    .where(and(eq(userStoryProgress.userId, userId), eq(userStoryProgress.storyId, storyId)));
  return row;
}

/**
 * Upsert on (kidId, storyId) in two statements whatever the path: the existing row is locked first,
 * so its previous `completed` is known exactly and two parallel completions cannot both count as the
 * first. Call inside a transaction.
 */
export async function saveKidProgress(
  tx: DbOrTx,
  kidId: string,
  storyId: string,
  input: ProgressInput,
): Promise<ProgressWrite<KidProgressRow>> {
  const where = and(eq(storyProgress.kidId, kidId), eq(storyProgress.storyId, storyId));
  const [current] = await tx
    .select({ completed: storyProgress.completed })
    .from(storyProgress)
    .where(where)
    .for('update');
  if (!current) {
    const [inserted] = await tx
      .insert(storyProgress)
      .values({
        kidId,
        storyId,
        progress: input.progress,
        completed: input.completed,
        completedAt: input.completed ? sql`now()` : null,
        totalTimeSpent: input.sessionTime,
      })
      .onConflictDoNothing({ target: [storyProgress.kidId, storyProgress.storyId] })
      .returning(kidColumns);
    if (inserted) return { row: inserted, firstCompletion: input.completed };
    // A parallel first write inserted the row after the probe (and has committed: the insert waited
    // for it); the next statement sees it, so this second pass takes the update path.
    return saveKidProgress(tx, kidId, storyId, input);
  }
  const [row] = await tx
    .update(storyProgress)
    .set(changes(storyProgress, current.completed, input))
    .where(where)
    .returning(kidColumns);
  return { row: row!, firstCompletion: !current.completed && input.completed };
}

/** The parent-account twin of `saveKidProgress`, on (userId, storyId). */
export async function saveUserProgress(
  tx: DbOrTx,
  userId: string,
  storyId: string,
  input: ProgressInput,
): Promise<ProgressWrite<UserProgressRow>> {
  const where = and(eq(userStoryProgress.userId, userId), eq(userStoryProgress.storyId, storyId));
  const [current] = await tx
    .select({ completed: userStoryProgress.completed })
    .from(userStoryProgress)
    .where(where)
    .for('update');
  if (!current) {
    const [inserted] = await tx
      .insert(userStoryProgress)
      .values({
        userId,
        storyId,
        progress: input.progress,
        completed: input.completed,
        completedAt: input.completed ? sql`now()` : null,
        totalTimeSpent: input.sessionTime,
      })
      .onConflictDoNothing({ target: [userStoryProgress.userId, userStoryProgress.storyId] })
      .returning(userColumns);
    if (inserted) return { row: inserted, firstCompletion: input.completed };
    return saveUserProgress(tx, userId, storyId, input);
  }
  const [row] = await tx
    .update(userStoryProgress)
    .set(changes(userStoryProgress, current.completed, input))
    .where(where)
    .returning(userColumns);
  return { row: row!, firstCompletion: !current.completed && input.completed };
}

/**
 * The kid's reading level, locked for the rest of the transaction so two stories completed at once
 * both see the other's adjustment.
 */
export async function lockKidReadingLevel(tx: DbOrTx, kidId: string): Promise<number | undefined> {
  const [row] = await tx
    .select({ level: kids.currentReadingLevel })
    .from(kids)
    .where(eq(kids.id, kidId))
    .for('no key update');
  return row?.level;
}

export async function setKidReadingLevel(tx: DbOrTx, kidId: string, level: number): Promise<void> {
  await tx.update(kids).set({ currentReadingLevel: level, updatedAt: sql`now()` }).where(eq(kids.id, kidId));
}

/**
 * A story that exists for this caller: not deleted and not private to another family. For routes
 * whose rule is "story must exist" (reads of progress, story paths).
 */
export async function findExistingStory(
  tx: DbOrTx,
  storyId: string,
  userId: string,
): Promise<{ id: string } | undefined> {
  const [row] = await tx
    .select({ id: stories.id })
    .from(stories)
    .where(
      and(
        eq(stories.id, storyId),
        eq(stories.isDeleted, false),
        or(isNull(stories.ownerUserId), eq(stories.ownerUserId, userId)),
      ),
    );
  return row;
}
