import { randomUUID } from 'node:crypto';
import type { TestApp } from './helpers';

/**
 * Rows of the report tests written straight to the database with fixed timestamps, so week and
 * day boundaries are exact. Every row belongs to kids the test created itself.
 */

export const sql = (t: TestApp, text: string, params: unknown[] = []) => t.deps.pool.query(text, params);

export async function createStory(t: TestApp, options: { ownerUserId?: string; deleted?: boolean } = {}) {
  const id = randomUUID();
  await sql(
    t,
    `insert into stories (id, title, description, language, owner_user_id, is_deleted)
     values ($1, $2, 'A report test story', 'English', $3, $4)`,
    [id, `report-${id.slice(0, 8)}`, options.ownerUserId ?? null, options.deleted ?? false],
  );
  return id;
}

export async function createQuestion(t: TestApp, storyId: string, options: string[], correctOption: number) {
  const id = randomUUID();
  await sql(
    t,
    `insert into story_questions (id, story_id, question, options, correct_option) values ($1, $2, 'Who?', $3, $4)`,
    [id, storyId, options, correctOption],
  );
  return id;
}

/** A completed progress row (a story per call, so the (kid, story) unique never collides). */
export async function completeStory(t: TestApp, kidId: string, completedAt: string) {
  const storyId = await createStory(t);
  await sql(
    t,
    `insert into story_progress (id, kid_id, story_id, progress, completed, completed_at, last_accessed)
     values (gen_random_uuid(), $1, $2, 100, true, $3, $3)`,
    [kidId, storyId, completedAt],
  );
}

export async function inProgressStory(t: TestApp, kidId: string, progress: number) {
  const storyId = await createStory(t);
  await sql(
    t,
    'insert into story_progress (id, kid_id, story_id, progress) values (gen_random_uuid(), $1, $2, $3)',
    [kidId, storyId, progress],
  );
}

export async function closedSession(t: TestApp, kidId: string, date: string, durationSeconds: number) {
  await sql(
    t,
    `insert into screen_time_sessions (id, kid_id, start_time, end_time, duration, date)
     values (gen_random_uuid(), $1, $2::date + time '10:00', $2::date + time '10:00' + make_interval(secs => $3::int), $3::int, $2::date)`,
    [kidId, date, durationSeconds],
  );
}

export async function openSession(t: TestApp, kidId: string, startTime: string, date: string) {
  const { rows } = await sql(
    t,
    'insert into screen_time_sessions (id, kid_id, start_time, date) values (gen_random_uuid(), $1, $2, $3) returning id',
    [kidId, startTime, date],
  );
  return rows[0].id as string;
}

/** A completed daily-challenge assignment (its own challenge and date, so uniques never collide). */
export async function completeChallenge(
  t: TestApp,
  kidId: string,
  completedAt: string,
  challengeDate: string,
) {
  const storyId = await createStory(t);
  const challengeId = randomUUID();
  await sql(
    t,
    `insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning) values ($1, $2, $3, 'brave', 'bold')`,
    [challengeId, storyId, challengeDate],
  );
  await sql(
    t,
    `insert into daily_challenge_assignments (id, kid_id, challenge_id, challenge_date, completed, completed_at)
     values (gen_random_uuid(), $1, $2, $3, true, $4)`,
    [kidId, challengeId, challengeDate, completedAt],
  );
}

/** An unlocked kid badge (a badge of its own per call, so the (user, kid, badge) unique never collides). */
export async function unlockBadge(t: TestApp, parentId: string, kidId: string | null, unlockedAt: string) {
  const badgeId = randomUUID();
  await sql(
    t,
    `insert into badges (id, key, title, unlock_condition, badge_type) values ($1, $2, 'Report badge', 'test', 'count')`,
    [badgeId, `report-test-${badgeId}`],
  );
  await sql(
    t,
    `insert into user_badges (id, user_id, kid_id, badge_id, count, unlocked, unlocked_at) values (gen_random_uuid(), $1, $2, $3, 1, true, $4)`,
    [parentId, kidId, badgeId, unlockedAt],
  );
}

export async function redeem(
  t: TestApp,
  parentId: string,
  kidId: string,
  status: 'pending' | 'approved' | 'rejected' | 'completed',
  redeemedAt: string,
) {
  const rewardId = randomUUID();
  await sql(
    t,
    `insert into rewards (id, user_id, kid_id, name, points) values ($1, $2, $3, 'Ice cream', 5)`,
    [rewardId, parentId, kidId],
  );
  await sql(
    t,
    `insert into reward_redemptions (id, reward_id, kid_id, points_cost, status, redeemed_at, decided_at)
     values (gen_random_uuid(), $1, $2, 5, $3::redemption_status, $4::timestamptz, case when $3::redemption_status <> 'pending' then $4::timestamptz end)`,
    [rewardId, kidId, status, redeemedAt],
  );
}

export async function answered(t: TestApp, kidId: string, isCorrect: boolean, answeredAt: string) {
  const storyId = await createStory(t);
  const questionId = await createQuestion(t, storyId, ['a', 'b'], 0);
  await sql(
    t,
    `insert into question_answers (id, kid_id, question_id, story_id, selected_option, is_correct, answered_at)
     values (gen_random_uuid(), $1, $2, $3, $4, $5, $6)`,
    [kidId, questionId, storyId, isCorrect ? 0 : 1, isCorrect, answeredAt],
  );
}

export async function favorite(t: TestApp, kidId: string) {
  const storyId = await createStory(t);
  await sql(t, 'insert into favorites (id, kid_id, story_id) values (gen_random_uuid(), $1, $2)', [
    kidId,
    storyId,
  ]);
}

export async function activity(t: TestApp, parentId: string, kidId: string, createdAt: string) {
  await sql(
    t,
    `insert into activity_logs (id, user_id, kid_id, action, status, created_at) values (gen_random_uuid(), $1, $2, 'story_read', 'SUCCESS', $3)`,
    [parentId, kidId, createdAt],
  );
}

export async function softDeleteKid(t: TestApp, kidId: string) {
  await sql(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [kidId]);
}

/** Replaces the app clock for the duration of `run`. */
export async function at<T>(t: TestApp, iso: string, run: () => Promise<T>): Promise<T> {
  const real = t.app.core.now;
  t.app.core.now = () => new Date(iso);
  try {
    return await run();
  } finally {
    t.app.core.now = real;
  }
}
