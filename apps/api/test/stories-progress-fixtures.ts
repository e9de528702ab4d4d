import { randomUUID } from 'node:crypto';
import { stories } from '@storytime/db';
import type { TestApp } from './helpers';
import { query } from './users-fixtures';

/** Shared set-up of the reading tests (progress, libraries, downloads, story paths). */

export interface StoryOptions {
  title?: string;
  wordCount?: number;
  difficultyLevel?: number;
  ownerUserId?: string | null;
  creatorKidId?: string | null;
  deleted?: boolean;
  published?: boolean;
}

/** A story of the test's own, public unless an owner is given. */
export async function createStory(t: TestApp, options: StoryOptions = {}): Promise<string> {
  const [row] = await t.app.core.db
    .insert(stories)
    .values({
      title: options.title ?? `reading-${randomUUID().slice(0, 8)}`,
      description: 'A test story',
      language: 'English',
      wordCount: options.wordCount ?? 0,
      difficultyLevel: options.difficultyLevel ?? 1,
      ownerUserId: options.ownerUserId ?? null,
      creatorKidId: options.creatorKidId ?? null,
      isDeleted: options.deleted ?? false,
      isPublished: options.published ?? true,
    })
    .returning({ id: stories.id });
  return row!.id;
}

export async function createStories(t: TestApp, count: number, options: StoryOptions = {}) {
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) ids.push(await createStory(t, options));
  return ids;
}

/**
 * A kid progress row written straight to the database, `minutesAgo` setting `last_accessed` so
 * orderings are deterministic.
 */
export async function seedKidProgress(
  t: TestApp,
  kidId: string,
  storyId: string,
  values: { progress: number; completed?: boolean; minutesAgo: number; totalTimeSpent?: number },
) {
  await query(
    t,
    `insert into story_progress (id, kid_id, story_id, progress, completed, completed_at, last_accessed, total_time_spent)
     values ($1, $2, $3, $4, $5, case when $5 then now() end, now() - make_interval(mins => $6), $7)`,
    [
      randomUUID(),
      kidId,
      storyId,
      values.progress,
      values.completed ?? false,
      values.minutesAgo,
      values.totalTimeSpent ?? 0,
    ],
  );
}

export async function seedUserProgress(
  t: TestApp,
  userId: string,
  storyId: string,
  values: { progress: number; completed?: boolean; minutesAgo: number; totalTimeSpent?: number },
) {
  await query(
    t,
    `insert into user_story_progress (id, user_id, story_id, progress, completed, completed_at, last_accessed, total_time_spent)
     values ($1, $2, $3, $4, $5, case when $5 then now() end, now() - make_interval(mins => $6), $7)`,
    [
      randomUUID(),
      userId,
      storyId,
      values.progress,
      values.completed ?? false,
      values.minutesAgo,
      values.totalTimeSpent ?? 0,
    ],
  );
}

/** Follows `nextCursor` to the end, returning every page's item ids. */
export async function collectPages(
  fetchPage: (
    cursor?: string,
  ) => Promise<{ items: Array<{ id: string }>; nextCursor: string | null; hasMore: boolean }>,
) {
  const pages: string[][] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 50; guard += 1) {
    const page = await fetchPage(cursor);
    pages.push(page.items.map((item) => item.id));
    if (!page.hasMore) {
      if (page.nextCursor !== null) throw new Error('nextCursor set on the last page');
      return pages;
    }
    cursor = page.nextCursor ?? undefined;
  }
  throw new Error('too many pages');
}

/**
 * Holds a row lock from another connection so a request's transaction blocks on it, then cancels
 * the blocked statement: whatever the request wrote before must roll back with it.
 */
export async function cancelWhileBlocked(
  t: TestApp,
  lockSql: string,
  lockParams: unknown[],
  request: () => Promise<{ statusCode: number }>,
) {
  const client = await t.deps.pool.connect();
  try {
    await client.query('begin');
    await client.query(lockSql, lockParams);
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const holder = rows[0]!.pid;
    const pending = request();
    let cancelled = false;
    for (let attempt = 0; attempt < 200 && !cancelled; attempt += 1) {
      const blocked = await query<{ cancelled: boolean }>(
        t,
        'select pg_cancel_backend(pid) as cancelled from pg_stat_activity where $1 = any(pg_blocking_pids(pid))',
        [holder],
      );
      cancelled = blocked.some((row) => row.cancelled);
      if (!cancelled) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const response = await pending;
    return { response, cancelled };
  } finally {
    await client.query('rollback');
    client.release();
  }
}
