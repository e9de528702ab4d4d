import { randomUUID } from 'node:crypto';
import { createDb, createPool } from '@storytime/db';
import {
  firstSentence,
  insertQueuedDailyChallengeJob,
  kidAgeOf,
  pickChallengeStory,
  STATEMENTS_PER_BATCH,
  STATEMENTS_PER_RUN,
} from '@storytime/db/repositories/daily-challenges';
import { findJobRecord } from '@storytime/db/repositories/job-requests';
import { testDatabaseConfig, withQueryCount } from '@storytime/db/testing';
import { createLogger } from '@storytime/observability';
import {
  createQueueProducer,
  createRedis,
  JOB,
  QUEUE,
  type QueueProducer,
  type Redis,
} from '@storytime/queue';
import { startWorkerRuntime, type WorkerRuntime } from '@storytime/worker-kit';
import type { Job } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBindings } from '../src/bindings';
import { loadWorkerEnv } from '../src/env';
import {
  type AssignDailyChallengesJob,
  createAssignDailyChallengesHandler,
  dayIn,
} from '../src/maintenance/assign-daily-challenges.processor';
import { DAILY_CHALLENGES_PATTERN, upsertStorySchedulers } from '../src/maintenance/schedulers';

/**
 * rules.md §9 and platform.md §10.4 (D8, fix 9): the batched, idempotent daily assignment, run by
 * real worker-story runtimes. The database is shared with the other test files of the package, so
 * every assertion is scoped to this file's own parents, kids and stories.
 */

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `bull-test-dc-${randomUUID().slice(0, 8)}`;
const run = randomUUID().slice(0, 8);
const logger = createLogger({ service: 'worker-story-test', level: 'silent' });
const pool = createPool({ ...testDatabaseConfig(), poolMax: 10 });
const db = createDb(pool);
const producerConnection = createRedis(redisUrl, 'producer');
const producer: QueueProducer = createQueueProducer(producerConnection, prefix);
const storyMaintenance = producer.queue(QUEUE.storyMaintenance);

const env = loadWorkerEnv({
  NODE_ENV: 'test',
  DATABASE_URL: process.env.DATABASE_URL,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  APP_TIMEZONE: 'Africa/Lagos',
});

async function sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
  return (await pool.query(text, params)).rows as Row[];
}

async function createParent(): Promise<string> {
  const [row] = await sql<{ id: string }>(
    `insert into users (id, email, name, password_hash) values ($1, $2, 'Challenge Parent', 'x') returning id`,
    [randomUUID(), `dc-${randomUUID().slice(0, 12)}@example.com`],
  );
  return row!.id;
}

async function createKids(parentId: string, count: number, ageRange = '4-6'): Promise<string[]> {
  const rows = await sql<{ id: string }>(
    `insert into kids (id, parent_id, name, age_range)
     select gen_random_uuid(), $1, 'Kid ' || g, $3 from generate_series(1, $2::int) g returning id`,
    [parentId, count, ageRange],
  );
  return rows.map((row) => row.id);
}

async function createStory(values: {
  title?: string;
  description?: string;
  ageMin?: number;
  ageMax?: number;
}) {
  const [row] = await sql<{ id: string }>(
    `insert into stories (id, title, description, language, age_min, age_max)
     values ($1, $2, $3, 'English', $4, $5) returning id`,
    [
      randomUUID(),
      values.title ?? `dc-${run}-${randomUUID().slice(0, 6)}`,
      values.description ?? 'A test story. With two sentences.',
      values.ageMin ?? 0,
      values.ageMax ?? 18,
    ],
  );
  return row!.id;
}

/** `(kid_id, challenge_date, story_id)` of the given kids' assignments. */
async function assignmentsOf(kidIds: string[]) {
  return sql<{ kid_id: string; challenge_date: string; story_id: string; challenge_id: string }>(
    `select a.kid_id, to_char(a.challenge_date, 'YYYY-MM-DD') as challenge_date, c.story_id, a.challenge_id
     from daily_challenge_assignments a join daily_challenges c on c.id = a.challenge_id
     where a.kid_id = any($1::uuid[])`,
    [kidIds],
  );
}

const jobFor = (data: { date?: string }, id = `direct-${randomUUID()}`): AssignDailyChallengesJob => ({
  id,
  data,
  attemptsMade: 0,
  opts: { attempts: 3 },
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Waits until every job finished; a failed one fails the test with its reason. */
async function waitForJobs(jobs: Job[]) {
  return waitFor(async () => {
    const states = await Promise.all(
      jobs.map(async (job) => {
        const state = await storyMaintenance.getJobState(job.id!);
        if (state === 'failed') {
          const failed = await storyMaintenance.getJob(job.id!);
          throw new Error(`job ${job.id} failed: ${failed?.failedReason}`);
        }
        return state;
      }),
    );
    return states.every((state) => state === 'completed') ? states : undefined;
  });
}

const handler = createAssignDailyChallengesHandler({
  db,
  logger,
  batchSize: env.DAILY_CHALLENGE_BATCH_SIZE,
  timezone: env.APP_TIMEZONE,
  recordWaitMs: 1_000,
});

afterAll(async () => {
  await storyMaintenance.obliterate({ force: true }).catch(() => {});
  await producer.close();
  producerConnection.disconnect();
  await pool.end();
});

describe('the pick (rules.md §9.1–9.4)', () => {
  it('reads the age as the first integer of the age range', () => {
    expect(kidAgeOf('4-6')).toBe(4);
    expect(kidAgeOf('ages 10 to 12')).toBe(10);
    expect(kidAgeOf('toddler')).toBe(0);
    expect(kidAgeOf(null)).toBe(0);
  });

  it('takes the first sentence of the description as the meaning', () => {
    expect(firstSentence('  Leo finds a star. Then he sleeps.')).toBe('Leo finds a star.');
    expect(firstSentence('Who is there? Nobody.')).toBe('Who is there?');
    expect(firstSentence('Version 2.0 of the tale! Ends')).toBe('Version 2.0 of the tale!');
    expect(firstSentence('  No terminator here  ')).toBe('No terminator here');
    expect(firstSentence('Ends here.')).toBe('Ends here.');
    expect(firstSentence('x'.repeat(600))).toHaveLength(500);
  });

  it('excludes restricted stories, prefers new ones, and falls back to all allowed ones', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    const first = () => 0;
    const last = () => 0.999_999;
    expect(pickChallengeStory([a, b, c], new Set(['a']), undefined, first)).toBe(b);
    expect(pickChallengeStory([a, b, c], undefined, new Set(['a', 'b']), last)).toBe(c);
    expect(pickChallengeStory([a, b, c], undefined, new Set(['a', 'b']), first)).toBe(c);
    // Every allowed story was had: the pool is all allowed ones again (never a restricted one).
    expect(pickChallengeStory([a, b], new Set(['b']), new Set(['a']), last)).toBe(a);
    expect(pickChallengeStory([a], new Set(['a']), undefined, first)).toBeUndefined();
    expect(pickChallengeStory([], undefined, undefined, first)).toBeUndefined();
    // Uniform: the RNG's value maps to an index of the pool.
    expect(pickChallengeStory([a, b, c], undefined, undefined, () => 0.5)).toBe(b);
  });
});

describe('assign-daily-challenges against the database', () => {
  const date = '2030-03-10';
  let parent: string;
  let stories: string[];

  beforeAll(async () => {
    parent = await createParent();
    stories = [
      await createStory({ title: `Moon ${run}`, description: 'The moon sings. Everyone listens.' }),
      await createStory({ title: `Sun ${run}` }),
    ];
  });

  it('assigns each eligible kid one challenge, idempotently, and creates the challenge rows', async () => {
    const kids = await createKids(parent, 3);
    const first = await handler(jobFor({ date }));
    expect(first).toMatchObject({ date });
    const rows = await assignmentsOf(kids);
    expect(rows).toHaveLength(3);
    expect(rows.every((row) => row.challenge_date === date)).toBe(true);

    // Each challenge of the date is unique per story and carries the story's title and first sentence.
    const challenges = await sql<{ story_id: string; word_of_the_day: string; meaning: string }>(
      `select story_id, word_of_the_day, meaning from daily_challenges
       where challenge_date = $1 and story_id = any($2::uuid[])`,
      [date, stories],
    );
    for (const challenge of challenges) {
      if (challenge.story_id === stories[0]) {
        expect(challenge).toMatchObject({ word_of_the_day: `Moon ${run}`, meaning: 'The moon sings.' });
      }
    }

    // A second run changes nothing for these kids.
    const again = await handler(jobFor({ date }));
    expect(again).toMatchObject({ date });
    expect(await assignmentsOf(kids)).toEqual(expect.arrayContaining(rows));
    expect(await assignmentsOf(kids)).toHaveLength(3);
  });

  it('skips deleted kids, kids of deleted parents and kids without a candidate', async () => {
    const deletedKid = (await createKids(parent, 1))[0]!;
    await sql('update kids set is_deleted = true, deleted_at = now() where id = $1', [deletedKid]);
    const goneParent = await createParent();
    const orphan = (await createKids(goneParent, 1))[0]!;
    await sql('update users set is_deleted = true, deleted_at = now() where id = $1', [goneParent]);
    // No story is meant for age 99.
    const tooOld = (await createKids(parent, 1, '99'))[0]!;
    await handler(jobFor({ date: '2030-03-11' }));
    expect(await assignmentsOf([deletedKid, orphan, tooOld])).toEqual([]);
  });

  it('never picks a restricted story and avoids stories the kid already had', async () => {
    // Age 77: only this test's two stories are candidates.
    const [only, other] = [
      await createStory({ ageMin: 77, ageMax: 77 }),
      await createStory({ ageMin: 77, ageMax: 77 }),
    ];
    const [restrictedKid, veteran] = await createKids(parent, 2, '77');
    await sql(`insert into restricted_stories (id, kid_id, story_id, user_id) values ($1, $2, $3, $4)`, [
      randomUUID(),
      restrictedKid,
      only,
      parent,
    ]);
    // The veteran already had `only` (through an earlier day's challenge).
    const [past] = await sql<{ id: string }>(
      `insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning)
       values ($1, $2, '2030-01-01', 'w', 'm') returning id`,
      [randomUUID(), only],
    );
    await sql(
      `insert into daily_challenge_assignments (id, kid_id, challenge_id, challenge_date) values ($1, $2, $3, '2030-01-01')`,
      [randomUUID(), veteran, past!.id],
    );
    for (const [index, day] of ['2030-04-01', '2030-04-02', '2030-04-03'].entries()) {
      const picky = createAssignDailyChallengesHandler({
        db,
        logger,
        batchSize: 500,
        timezone: env.APP_TIMEZONE,
        random: () => (index % 2 === 0 ? 0 : 0.99),
      });
      await picky(jobFor({ date: day }));
    }
    const rows = await assignmentsOf([restrictedKid!, veteran!]);
    expect(rows.filter((row) => row.kid_id === restrictedKid).map((row) => row.story_id)).toEqual([
      other,
      other,
      other,
    ]);
    const veteranDays = rows
      .filter((row) => row.kid_id === veteran && row.challenge_date >= '2030-04-01')
      .sort((x, y) => x.challenge_date.localeCompare(y.challenge_date));
    // Day 1: `only` was had, so `other`; from day 2 both were had, so the pool is both again.
    expect(veteranDays[0]!.story_id).toBe(other);
    expect(veteranDays).toHaveLength(3);
  });

  it('keeps a challenge an admin created for the story and date', async () => {
    const story = await createStory({ ageMin: 78, ageMax: 78 });
    const [kid] = await createKids(parent, 1, '78');
    const [admin] = await sql<{ id: string }>(
      `insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning)
       values ($1, $2, '2030-05-01', 'Curated', 'Chosen by hand') returning id`,
      [randomUUID(), story],
    );
    await handler(jobFor({ date: '2030-05-01' }));
    const [row] = await assignmentsOf([kid!]);
    expect(row).toMatchObject({ story_id: story, challenge_id: admin!.id });
  });

  it('uses today in APP_TIMEZONE when the job has no date', async () => {
    const [kid] = await createKids(parent, 1);
    // 23:30 UTC is already the next day in Lagos (UTC+1).
    const late = createAssignDailyChallengesHandler({
      db,
      logger,
      batchSize: 500,
      timezone: 'Africa/Lagos',
      now: () => new Date('2030-06-14T23:30:00Z'),
    });
    await late(jobFor({}));
    expect((await assignmentsOf([kid!])).map((row) => row.challenge_date)).toEqual(['2030-06-15']);
    expect(dayIn('Africa/Lagos', new Date('2030-06-14T22:59:00Z'))).toBe('2030-06-14');
  });

  it('completes the job record of an admin run and skips a finished one', async () => {
    const [kid] = await createKids(parent, 1);
    const id = randomUUID();
    await insertQueuedDailyChallengeJob(db, {
      id,
      queue: QUEUE.storyMaintenance,
      jobName: JOB.assignDailyChallenges,
      date: '2030-07-01',
      userId: parent,
      dedupeKey: `daily-challenges:test-${id}`,
      priority: 10,
      requestId: null,
    });
    // The record's params give the date when the payload has none.
    await handler({ id, data: {}, attemptsMade: 0, opts: { attempts: 3 } });
    expect(await findJobRecord(db, id)).toMatchObject({ status: 'completed', attempts: 1 });
    expect((await assignmentsOf([kid!])).map((row) => row.challenge_date)).toEqual(['2030-07-01']);
    expect(await handler({ id, data: { date: '2030-07-02' }, attemptsMade: 0, opts: {} })).toEqual({
      skipped: true,
    });
    expect(await assignmentsOf([kid!])).toHaveLength(1);
  });
});

describe('two worker-story processes over two days (D8, fix 9)', () => {
  let runtimes: WorkerRuntime[] = [];
  let connections: Redis[] = [];

  beforeAll(async () => {
    const start = async (name: string) => {
      const runtime = await startWorkerRuntime({
        service: name,
        logger,
        createWorkerConnection: () => {
          const connection = createRedis(redisUrl, 'worker');
          connections.push(connection);
          return connection;
        },
        queuePrefix: prefix,
        bindings: buildBindings(env, {
          db,
          producer,
          redis: {} as Redis,
          subscriber: {} as Redis,
          logger,
        }),
        httpPort: 0,
        httpHost: '127.0.0.1',
        shutdownTimeoutMs: 10_000,
        readiness: [],
      });
      // What main.ts does in runWorker's afterStart hook.
      await upsertStorySchedulers(producer.queue(QUEUE.storyMaintenance), env.APP_TIMEZONE);
      return runtime;
    };
    runtimes = await Promise.all([start('worker-story-a'), start('worker-story-b')]);
  });

  afterAll(async () => {
    await Promise.all(runtimes.map((runtime) => runtime.close()));
    for (const connection of connections) connection.disconnect();
    connections = [];
  });

  it('keeps one job scheduler however many workers upserted it', async () => {
    // A third upsert (a restart) still leaves one.
    await upsertStorySchedulers(storyMaintenance, env.APP_TIMEZONE);
    const schedulers = await storyMaintenance.getJobSchedulers();
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({
      key: 'daily-challenges',
      name: JOB.assignDailyChallenges,
      pattern: DAILY_CHALLENGES_PATTERN,
      tz: 'Africa/Lagos',
    });
    expect(await storyMaintenance.getJobSchedulersCount()).toBe(1);
  });

  it('assigns each kid exactly one challenge per day when every day runs twice, concurrently', async () => {
    const parent = await createParent();
    const kids = await createKids(parent, 120);
    await createStory({});
    const days = ['2031-02-01', '2031-02-02'];
    for (const date of days) {
      // The simulated clock: the date parameter. Two adds per day, one picked up by each worker.
      const jobs = await Promise.all([
        producer.enqueue(QUEUE.storyMaintenance, JOB.assignDailyChallenges, { date }),
        producer.enqueue(QUEUE.storyMaintenance, JOB.assignDailyChallenges, { date }),
      ]);
      await waitForJobs(jobs);
    }
    const rows = await assignmentsOf(kids);
    expect(rows).toHaveLength(kids.length * days.length);
    for (const date of days) {
      const ofDay = rows.filter((row) => row.challenge_date === date);
      expect(new Set(ofDay.map((row) => row.kid_id)).size).toBe(kids.length);
    }
    // One challenge per (story, day).
    const [dupes] = await sql<{ n: number }>(
      `select count(*)::int as n from (
         select story_id from daily_challenges where challenge_date = any($1::date[])
         group by story_id, challenge_date having count(*) > 1) d`,
      [days],
    );
    expect(dupes!.n).toBe(0);
  });

  it('runs an admin run (data { date }, job id = record id) to completion', async () => {
    const parent = await createParent();
    const kids = await createKids(parent, 3);
    const id = randomUUID();
    await insertQueuedDailyChallengeJob(db, {
      id,
      queue: QUEUE.storyMaintenance,
      jobName: JOB.assignDailyChallenges,
      date: '2031-02-03',
      userId: parent,
      dedupeKey: `daily-challenges:test-${id}`,
      priority: 10,
      requestId: null,
    });
    const job = await producer.enqueue(
      QUEUE.storyMaintenance,
      JOB.assignDailyChallenges,
      { date: '2031-02-03' },
      { jobId: id, priority: 10 },
    );
    await waitForJobs([job]);
    expect(await findJobRecord(db, id)).toMatchObject({ status: 'completed' });
    expect(await assignmentsOf(kids)).toHaveLength(3);
  });
});

describe('50,000 kids', () => {
  // The rows stay: the run's database is dropped at teardown (a cascade delete would cost ~10 s).
  const parents: string[] = [];

  it('assigns every kid once with a constant number of statements per batch', async () => {
    for (let i = 0; i < 5; i += 1) parents.push(await createParent());
    await createStory({});
    await sql(
      `insert into kids (id, parent_id, name, age_range)
       select gen_random_uuid(), ($1::uuid[])[1 + g % 5], 'Bulk ' || g, (1 + g % 10) || '-' || (3 + g % 10)
       from generate_series(1, 50000) g`,
      [parents],
    );
    const date = '2032-01-01';
    const started = Date.now();
    const { result, count } = await withQueryCount(() => handler(jobFor({ date })));
    const elapsed = Date.now() - started;
    console.log(
      `daily challenges for 50,000 kids: ${elapsed} ms, ${count} statements, ${JSON.stringify(result)}`,
    );
    if (!('batches' in result)) throw new Error('unexpected skip');
    expect(result.batches).toBeGreaterThanOrEqual(100);
    expect(count).toBe(STATEMENTS_PER_RUN + STATEMENTS_PER_BATCH * result.batches + result.emptyLoads);

    // Every kid of these families exactly once: one joined row per kid, each with an assignment.
    const [coverage] = await sql<{ rows: number; kids: number; assigned: number }>(
      `select count(*)::int as rows, count(distinct k.id)::int as kids, count(a.id)::int as assigned
       from kids k
       left join daily_challenge_assignments a on a.kid_id = k.id and a.challenge_date = $2
       where k.parent_id = any($1::uuid[])`,
      [parents, date],
    );
    expect(coverage).toEqual({ rows: 50_000, kids: 50_000, assigned: 50_000 });

    // A re-run for the date walks the same pages at the same constant cost and assigns none of them.
    const again = await withQueryCount(() => handler(jobFor({ date })));
    if (!('batches' in again.result)) throw new Error('unexpected skip');
    expect(again.count).toBe(
      STATEMENTS_PER_RUN + STATEMENTS_PER_BATCH * again.result.batches + again.result.emptyLoads,
    );
    const [after] = await sql<{ n: number }>(
      `select count(*)::int as n from daily_challenge_assignments a join kids k on k.id = a.kid_id
       where k.parent_id = any($1::uuid[])`,
      [parents],
    );
    expect(after!.n).toBe(50_000);
  }, 120_000);
});
