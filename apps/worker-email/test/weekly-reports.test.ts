import { randomUUID } from 'node:crypto';
import { createDb, createPool } from '@storytime/db';
import { testDatabaseConfig } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import { createQueueProducer, createRedis, JOB, QUEUE, SCHEDULER } from '@storytime/queue';
import { UnrecoverableError } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWeeklyReportsHandler, previousWeekStart } from '../src/maintenance/weekly-reports.processor';
import { upsertEmailSchedulers, WEEKLY_REPORTS_PATTERN } from '../src/schedulers';

/**
 * rules.md §15 weekly email and platform.md §10.4: batched, opt-out aware, idempotent per week.
 * The database is shared with other test files, so assertions are on this file's parents only.
 */

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-wr-${randomUUID().slice(0, 8)}`;
const logger = createLogger({ service: 'worker-email-test', level: 'silent' });
const pool = createPool({ ...testDatabaseConfig(), poolMax: 4 });
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer = createQueueProducer(producerConnection, prefix);
const TZ = 'Africa/Lagos';
const WEEK = '2031-03-03'; // a Monday

async function sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await pool.query(text, params)).rows as Row[];
}

async function one(text: string, params: unknown[] = []): Promise<string> {
  const [row] = await sql<{ id: string }>(text, params);
  return row!.id;
}

const parent = (name: string) =>
  one(
    `insert into users (id, email, name, password_hash, is_email_verified)
     values (gen_random_uuid(), $1, $2, 'x', true) returning id`,
    [`wr-${randomUUID().slice(0, 12)}@example.com`, name],
  );
const kid = (parentId: string, name: string) =>
  one(
    `insert into kids (id, parent_id, name, age_range) values (gen_random_uuid(), $1, $2, '4-6') returning id`,
    [parentId, name],
  );

/** Completes `count` new stories for the kid at `at`. */
async function complete(kidId: string, count: number, at: string) {
  for (let i = 0; i < count; i += 1) {
    const story = await one(
      `insert into stories (id, title, description, language, age_min, age_max)
       values (gen_random_uuid(), $1, 'd', 'English', 0, 18) returning id`,
      [`wr-${randomUUID().slice(0, 8)}`],
    );
    await sql(
      `insert into story_progress (id, kid_id, story_id, progress, completed, completed_at)
       values (gen_random_uuid(), $1, $2, 100, true, $3::timestamptz)`,
      [kidId, story, at],
    );
  }
}

async function emailJobsOf(userIds: string[]) {
  return sql<{ user_id: string; status: string; params: { to: string; template: string; data: unknown } }>(
    `select user_id, status, params from job_requests
     where kind = 'email' and params->>'template' = 'weekly-report' and user_id = any($1::uuid[])`,
    [userIds],
  );
}

afterAll(async () => {
  await producer
    .queue(QUEUE.email)
    .obliterate({ force: true })
    .catch(() => {});
  await producer
    .queue(QUEUE.emailMaintenance)
    .obliterate({ force: true })
    .catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  await pool.end();
});

describe('weekly-reports', () => {
  let active: string;
  let optedOut: string;
  let deletedKidOnly: string;
  let maya: string;

  beforeAll(async () => {
    active = await parent('Ada');
    maya = await kid(active, 'Maya');
    const ben = await kid(active, 'Ben');
    const gone = await kid(active, 'Gone');
    await sql(`update kids set is_deleted = true, deleted_at = now() where id = $1`, [gone]);
    await complete(maya, 2, '2031-03-04T10:00:00+01:00');
    await complete(ben, 1, '2031-03-09T23:30:00+01:00'); // Sunday night, still in the week
    await complete(ben, 1, '2031-03-10T00:30:00+01:00'); // next Monday: outside
    await complete(gone, 3, '2031-03-05T10:00:00+01:00'); // deleted kid: not reported
    await sql(
      `insert into screen_time_sessions (id, kid_id, start_time, end_time, duration, date)
       values (gen_random_uuid(), $1, '2031-03-05T10:00:00+01:00', '2031-03-05T10:30:00+01:00', 1830, '2031-03-05')`,
      [maya],
    );

    optedOut = await parent('Opted Out');
    const kidB = await kid(optedOut, 'Zed');
    await complete(kidB, 1, '2031-03-04T10:00:00+01:00');
    await sql(
      `insert into notification_preferences (id, type, category, enabled, user_id)
       values (gen_random_uuid(), 'email', 'WEEKLY_REPORT', false, $1)`,
      [optedOut],
    );

    // A parent whose only kid is deleted gets no email.
    deletedKidOnly = await parent('No Kids');
    const k = await kid(deletedKidOnly, 'Was');
    await sql(`update kids set is_deleted = true where id = $1`, [k]);
  });

  it('records one email per opted-in parent with the week figures, and nothing twice', async () => {
    // A batch size of 1 walks every parent by keyset, one transaction each.
    const handler = createWeeklyReportsHandler({ db, logger, producer, timezone: TZ, batchSize: 1 });
    const first = await handler({ id: 'wr-1', data: { weekStart: WEEK } });
    expect(first.weekStart).toBe(WEEK);
    expect(first.batches).toBeGreaterThanOrEqual(2);

    const jobs = await emailJobsOf([active, optedOut, deletedKidOnly]);
    expect(jobs).toHaveLength(1);
    const [job] = jobs;
    expect(job!.user_id).toBe(active);
    expect(job!.params.to).toMatch(/^wr-.*@example\.com$/);
    expect(job!.params.data).toEqual({
      userName: 'Ada',
      weekStartDate: WEEK,
      weekEndDate: '2031-03-09',
      kids: [
        { kidName: 'Maya', storiesCompleted: 2, screenTimeMins: 30, starsEarned: 0, badgesEarned: 0 },
        { kidName: 'Ben', storiesCompleted: 1, screenTimeMins: 0, starsEarned: 0, badgesEarned: 0 },
      ],
      totalStoriesCompleted: 3,
      totalScreenTimeMins: 30,
    });
    // Recorded through the outbox and enqueued after commit.
    const [row] = await sql<{ id: string; status: string }>(
      `select id, status from job_requests where kind = 'email' and user_id = $1`,
      [active],
    );
    expect(row!.status).toBe('queued');
    expect(await producer.queue(QUEUE.email).getJob(row!.id)).toBeTruthy();

    // A second run of the same week (a retry, or an admin re-run) records nothing new.
    const second = await handler({ id: 'wr-2', data: { weekStart: WEEK } });
    expect(second.alreadyRecorded).toBeGreaterThanOrEqual(1);
    expect(await emailJobsOf([active, optedOut, deletedKidOnly])).toHaveLength(1);
  });

  it('refuses a weekStart that is not a Monday', async () => {
    const handler = createWeeklyReportsHandler({ db, logger, timezone: TZ, batchSize: 500 });
    await expect(handler({ id: 'wr-bad', data: { weekStart: '2031-03-04' } })).rejects.toBeInstanceOf(
      UnrecoverableError,
    );
  });

  it('reports on the previous week by default', () => {
    // Monday 2031-03-10 08:00 in Lagos → the week of 2031-03-03.
    expect(previousWeekStart(TZ, new Date('2031-03-10T07:00:00Z'))).toBe(WEEK);
    // Sunday 2031-03-09 23:30 Lagos (22:30 UTC) is still in the week of 03-03 → the week before.
    expect(previousWeekStart(TZ, new Date('2031-03-09T22:30:00Z'))).toBe('2031-02-24');
  });

  it('keeps one weekly-reports scheduler, Mondays 08:00 in APP_TIMEZONE', async () => {
    const queue = producer.queue(QUEUE.emailMaintenance);
    await upsertEmailSchedulers(queue, TZ);
    await upsertEmailSchedulers(queue, TZ);
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: SCHEDULER.weeklyReports,
      name: JOB.weeklyReports,
      pattern: WEEKLY_REPORTS_PATTERN,
      tz: TZ,
    });
  });
});
