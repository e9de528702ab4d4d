import { randomUUID } from 'node:crypto';
import { stories } from '@storytime/db';
import { JOB, QUEUE } from '@storytime/queue';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addDays,
  createDailyChallengeService,
} from '../src/modules/daily-challenges/daily-challenge.service';
import { todayIn } from '../src/modules/stories/seasons';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/** STORY-26..34 (api.md §4.8, rules.md §9): admin back office, owner-only kid routes (fix 16, 21). */

const MISSING = '00000000-0000-4000-8000-000000000000';
const TIMEZONE = 'Africa/Lagos';

type Method = 'GET' | 'POST';

describe('daily challenges', () => {
  let t: TestApp;
  let admin: TestUser;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let othersKid: string;

  const call = (method: Method, url: string, as?: TestUser, body?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      headers: as ? as.auth : {},
      ...(body !== undefined ? { payload: body as object } : {}),
    });

  async function sql<Row = Record<string, unknown>>(text: string, params: unknown[] = []): Promise<Row[]> {
    return (await t.deps.pool.query(text, params)).rows as Row[];
  }

  async function createStory(title = `challenge-${randomUUID().slice(0, 8)}`): Promise<string> {
    const [row] = await t.app.core.db
      .insert(stories)
      .values({ title, description: 'A story for a challenge.', language: 'English' })
      .returning({ id: stories.id });
    return row!.id;
  }

  /** A challenge row written straight to the database (the admin route is tested on its own). */
  async function seedChallenge(date: string, storyId?: string): Promise<string> {
    const [row] = await sql<{ id: string }>(
      `insert into daily_challenges (id, story_id, challenge_date, word_of_the_day, meaning)
       values ($1, $2, $3, 'Brave', 'Ready to face danger') returning id`,
      [randomUUID(), storyId ?? (await createStory()), date],
    );
    return row!.id;
  }

  async function seedAssignment(kid: string, date: string): Promise<string> {
    const challengeId = await seedChallenge(date);
    const [row] = await sql<{ id: string }>(
      `insert into daily_challenge_assignments (id, kid_id, challenge_id, challenge_date)
       values ($1, $2, $3, $4) returning id`,
      [randomUUID(), kid, challengeId, date],
    );
    return row!.id;
  }

  function expectError(
    response: { statusCode: number; json(): { code: string } },
    status: number,
    code?: string,
  ) {
    expect(response.statusCode).toBe(status);
    if (code) expect(response.json().code).toBe(code);
  }

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100', APP_TIMEZONE: TIMEZONE } });
    [admin, parent, other] = await Promise.all([
      createUser(t.app, { role: 'admin' }),
      createUser(t.app),
      createUser(t.app),
    ]);
    [kidId, othersKid] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, other.id)]);
  });
  afterAll(async () => t.close());

  describe('POST /stories/daily-challenge (STORY-26)', () => {
    it('creates a challenge for a date', async () => {
      const storyId = await createStory();
      const body = {
        storyId,
        challengeDate: '2030-01-05',
        wordOfTheDay: ' Brave ',
        meaning: 'Ready to face danger',
      };
      const res = await call('POST', '/stories/daily-challenge', admin, body);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({
        id: expect.any(String),
        storyId,
        challengeDate: '2030-01-05',
        wordOfTheDay: 'Brave',
        meaning: 'Ready to face danger',
        createdAt: expect.any(String),
      });
    });

    it('truncates a datetime to its day in APP_TIMEZONE', async () => {
      // 23:30 UTC is 00:30 the next day in Lagos (UTC+1).
      const late = await call('POST', '/stories/daily-challenge', admin, {
        storyId: await createStory(),
        challengeDate: '2030-01-05T23:30:00.000Z',
        wordOfTheDay: 'Late',
        meaning: 'After the hour',
      });
      expect(late.json().data.challengeDate).toBe('2030-01-06');
      const offset = await call('POST', '/stories/daily-challenge', admin, {
        storyId: await createStory(),
        challengeDate: '2030-01-05T23:30:00-08:00',
        wordOfTheDay: 'West',
        meaning: 'Far away',
      });
      expect(offset.json().data.challengeDate).toBe('2030-01-06');
    });

    it('answers 409 for a second challenge of the story on that date, and 404 for a missing story', async () => {
      const storyId = await createStory();
      const body = { storyId, challengeDate: '2030-01-07', wordOfTheDay: 'Once', meaning: 'One time' };
      expect((await call('POST', '/stories/daily-challenge', admin, body)).statusCode).toBe(201);
      expectError(
        await call('POST', '/stories/daily-challenge', admin, { ...body, wordOfTheDay: 'Twice' }),
        409,
        'RESOURCE_ALREADY_EXISTS',
      );
      // The same story on another day is fine.
      expect(
        (await call('POST', '/stories/daily-challenge', admin, { ...body, challengeDate: '2030-01-08' }))
          .statusCode,
      ).toBe(201);
      expectError(
        await call('POST', '/stories/daily-challenge', admin, { ...body, storyId: MISSING }),
        404,
        'RESOURCE_NOT_FOUND',
      );
    });

    it('answers 400 for bad input, 403 to parents and 401 without a token', async () => {
      const storyId = await createStory();
      const valid = { storyId, challengeDate: '2030-01-09', wordOfTheDay: 'Kind', meaning: 'Nice' };
      for (const body of [
        { ...valid, challengeDate: '2030-02-30' },
        { ...valid, challengeDate: 'tomorrow' },
        { ...valid, wordOfTheDay: '   ' },
        { ...valid, wordOfTheDay: 'x'.repeat(101) },
        { ...valid, meaning: 'x'.repeat(1001) },
        { ...valid, storyId: 'nope' },
        { ...valid, extra: true },
      ]) {
        expectError(await call('POST', '/stories/daily-challenge', admin, body), 400, 'VALIDATION_ERROR');
      }
      expectError(await call('POST', '/stories/daily-challenge', parent, valid), 403, 'FORBIDDEN');
      expectError(await call('POST', '/stories/daily-challenge', undefined, valid), 401);
    });
  });

  describe('GET /stories/daily-challenge?date= (STORY-27)', () => {
    it('lists the date’s challenges with their stories', async () => {
      const title = `listed-${randomUUID().slice(0, 8)}`;
      const storyId = await createStory(title);
      const challengeId = await seedChallenge('2030-02-01', storyId);
      await seedChallenge('2030-02-02', storyId);
      const res = await call('GET', '/stories/daily-challenge?date=2030-02-01', admin);
      expect(res.statusCode).toBe(200);
      const items = res.json().data as Array<{
        id: string;
        challengeDate: string;
        story: Record<string, unknown>;
      }>;
      expect(items.every((item) => item.challengeDate === '2030-02-01')).toBe(true);
      const mine = items.find((item) => item.id === challengeId);
      expect(mine).toMatchObject({
        storyId,
        wordOfTheDay: 'Brave',
        story: { id: storyId, title, categories: [] },
      });
      expect(mine!.story).not.toHaveProperty('textContent');
      expect(mine!.story).not.toHaveProperty('createdAtKey');
    });

    it('answers 400 without a valid date, 403 to parents and 401 without a token', async () => {
      expectError(await call('GET', '/stories/daily-challenge', admin), 400, 'VALIDATION_ERROR');
      expectError(
        await call('GET', '/stories/daily-challenge?date=2030-13-01', admin),
        400,
        'VALIDATION_ERROR',
      );
      expectError(await call('GET', '/stories/daily-challenge?date=2030-02-01', parent), 403, 'FORBIDDEN');
      expectError(await call('GET', '/stories/daily-challenge?date=2030-02-01'), 401);
    });
  });

  describe('POST /stories/daily-challenge/assign (STORY-28)', () => {
    it('assigns a challenge to the caller’s kid, once per day', async () => {
      const kid = await createKid(t.app, parent.id);
      const challengeId = await seedChallenge('2030-03-01');
      const res = await call('POST', '/stories/daily-challenge/assign', parent, { kidId: kid, challengeId });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({
        id: expect.any(String),
        kidId: kid,
        challengeId,
        challengeDate: '2030-03-01',
        completed: false,
        completedAt: null,
        assignedAt: expect.any(String),
      });
      // Another challenge of the same day: the kid already has one (unique (kid, date), fix 16).
      const second = await seedChallenge('2030-03-01');
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId: kid, challengeId: second }),
        409,
        'RESOURCE_ALREADY_EXISTS',
      );
      expect(
        (await call('POST', '/stories/daily-challenge/assign', parent, { kidId: kid, challengeId }))
          .statusCode,
      ).toBe(409);
    });

    it('answers 404 for another parent’s kid, a deleted kid and a missing challenge', async () => {
      const challengeId = await seedChallenge('2030-03-02');
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId: othersKid, challengeId }),
        404,
        'RESOURCE_NOT_FOUND',
      );
      const deleted = await createKid(t.app, parent.id);
      await sql('update kids set is_deleted = true, deleted_at = now() where id = $1', [deleted]);
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId: deleted, challengeId }),
        404,
      );
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId, challengeId: MISSING }),
        404,
        'RESOURCE_NOT_FOUND',
      );
      // Admins are owners of nobody's kids here (session+owner).
      expectError(await call('POST', '/stories/daily-challenge/assign', admin, { kidId, challengeId }), 404);
    });

    it('answers 400 for bad input and 401 without a token', async () => {
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId, challengeId: 'x' }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('POST', '/stories/daily-challenge/assign', parent, { kidId }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('POST', '/stories/daily-challenge/assign', undefined, { kidId, challengeId: MISSING }),
        401,
      );
    });
  });

  describe('POST /stories/daily-challenge/complete (STORY-29)', () => {
    it('completes once, feeding activity and points, and returns the row unchanged afterwards', async () => {
      const kid = await createKid(t.app, parent.id);
      const assignmentId = await seedAssignment(kid, '2030-04-01');
      const first = await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId });
      expect(first.statusCode).toBe(201);
      const row = first.json().data;
      expect(row).toMatchObject({
        id: assignmentId,
        kidId: kid,
        completed: true,
        completedAt: expect.any(String),
      });

      const again = await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId });
      expect(again.statusCode).toBe(201);
      expect(again.json().data).toEqual(row);

      // One challenge_completed activity and +5 points (rules.md §10.2, §11), however often it is called.
      const activity = await sql<{ n: number }>(
        `select count(*)::int as n from activity_logs where kid_id = $1 and action = 'challenge_completed'`,
        [kid],
      );
      expect(activity[0]!.n).toBe(1);
      const [balance] = await sql<{ points_balance: number }>(
        'select points_balance from kids where id = $1',
        [kid],
      );
      expect(balance!.points_balance).toBe(5);
    });

    it('rolls the completion back when its engagement effects fail (one transaction)', async () => {
      const kid = await createKid(t.app, parent.id);
      const assignmentId = await seedAssignment(kid, '2030-04-02');
      const failing = createDailyChallengeService(t.app.core, {
        recordEngagementEvent: async () => {
          throw new Error('badge store down');
        },
      });
      const caller = {
        userId: parent.id,
        sessionId: parent.sessionId,
        role: 'parent' as const,
        email: parent.email,
        deactivated: false,
      };
      await expect(failing.complete(caller, assignmentId)).rejects.toThrow('badge store down');
      const [row] = await sql<{ completed: boolean; completed_at: Date | null }>(
        'select completed, completed_at from daily_challenge_assignments where id = $1',
        [assignmentId],
      );
      expect(row).toEqual({ completed: false, completed_at: null });
    });

    it('answers 404 for another parent’s assignment or a missing one, 400 for bad input, 401 without a token', async () => {
      const assignmentId = await seedAssignment(othersKid, '2030-04-03');
      expectError(
        await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId }),
        404,
        'RESOURCE_NOT_FOUND',
      );
      const [row] = await sql<{ completed: boolean }>(
        'select completed from daily_challenge_assignments where id = $1',
        [assignmentId],
      );
      expect(row!.completed).toBe(false);
      expectError(
        await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId: MISSING }),
        404,
      );
      expectError(
        await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId: 'nope' }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('POST', '/stories/daily-challenge/complete', parent, { assignmentId, extra: 1 }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(await call('POST', '/stories/daily-challenge/complete', undefined, { assignmentId }), 401);
    });
  });

  describe('GET /stories/daily-challenge/kid/:kidId (STORY-30)', () => {
    it('pages the kid’s assignments by challenge date, newest first', async () => {
      const kid = await createKid(t.app, parent.id);
      const dates = ['2030-05-03', '2030-05-01', '2030-05-04', '2030-05-02', '2030-05-05'];
      for (const date of dates) await seedAssignment(kid, date);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const res = await call('GET', `/stories/daily-challenge/kid/${kid}${query}`, parent);
        expect(res.statusCode).toBe(200);
        const page = res.json().data as {
          items: Array<{ challengeDate: string }>;
          nextCursor: string | null;
          hasMore: boolean;
        };
        expect(page.items.length).toBeLessThanOrEqual(2);
        expect(page.hasMore).toBe(page.nextCursor !== null);
        seen.push(...page.items.map((item) => item.challengeDate));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(['2030-05-05', '2030-05-04', '2030-05-03', '2030-05-02', '2030-05-01']);
    });

    it('answers 404 for another parent’s kid, 400 for a bad cursor or limit, 401 without a token', async () => {
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${othersKid}`, parent),
        404,
        'RESOURCE_NOT_FOUND',
      );
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${kidId}?cursor=garbage`, parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${kidId}?limit=101`, parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('GET', '/stories/daily-challenge/kid/not-a-uuid', parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(await call('GET', `/stories/daily-challenge/kid/${kidId}`), 401);
    });
  });

  describe('GET /stories/daily-challenge/assignment/:id (STORY-31)', () => {
    it('returns the assignment with its challenge and story', async () => {
      const assignmentId = await seedAssignment(kidId, '2030-06-01');
      const res = await call('GET', `/stories/daily-challenge/assignment/${assignmentId}`, parent);
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({
        id: assignmentId,
        kidId,
        challengeDate: '2030-06-01',
        completed: false,
        challenge: {
          challengeDate: '2030-06-01',
          wordOfTheDay: 'Brave',
          story: { title: expect.any(String) },
        },
      });
      expect(data.challenge.story.id).toBe(data.challenge.storyId);
      expect(data.challenge.id).toBe(data.challengeId);
    });

    it('answers 404 for another parent’s assignment, 400 for a bad id, 401 without a token', async () => {
      const othersAssignment = await seedAssignment(othersKid, '2030-06-02');
      expectError(
        await call('GET', `/stories/daily-challenge/assignment/${othersAssignment}`, parent),
        404,
        'RESOURCE_NOT_FOUND',
      );
      expectError(await call('GET', `/stories/daily-challenge/assignment/${MISSING}`, parent), 404);
      expectError(
        await call('GET', '/stories/daily-challenge/assignment/nope', parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(await call('GET', `/stories/daily-challenge/assignment/${othersAssignment}`), 401);
    });
  });

  describe('POST /stories/daily-challenge/assign-all (STORY-32)', () => {
    it('records one assign-daily-challenges job for the date and answers 202 with its id', async () => {
      const res = await call('POST', '/stories/daily-challenge/assign-all', admin, { date: '2030-07-01' });
      expect(res.statusCode).toBe(202);
      const { jobId } = res.json().data as { jobId: string };
      const [row] = await sql<Record<string, unknown>>(
        'select kind, queue, job_name, status, params, user_id from job_requests where id = $1',
        [jobId],
      );
      expect(row).toEqual({
        kind: 'daily_challenges',
        queue: QUEUE.storyMaintenance,
        job_name: JOB.assignDailyChallenges,
        status: 'queued',
        params: { date: '2030-07-01' },
        user_id: admin.id,
      });
      const job = await t.app.core.producer.queue(QUEUE.storyMaintenance).getJob(jobId);
      expect(job?.name).toBe(JOB.assignDailyChallenges);
      expect(job?.data).toMatchObject({ jobRequestId: jobId });

      // Re-running for the same date joins the run: nothing new is recorded or enqueued.
      const again = await call('POST', '/stories/daily-challenge/assign-all', admin, { date: '2030-07-01' });
      expect(again.statusCode).toBe(202);
      expect(again.json().data).toEqual({ jobId });
      const [count] = await sql<{ n: number }>(
        `select count(*)::int as n from job_requests where kind = 'daily_challenges' and params->>'date' = '2030-07-01'`,
      );
      expect(count!.n).toBe(1);
      expect(
        await t.app.core.producer.queue(QUEUE.storyMaintenance).getJobCounts('waiting', 'prioritized'),
      ).toSatisfy((counts: Record<string, number>) => (counts.waiting ?? 0) + (counts.prioritized ?? 0) >= 1);
    });

    it('runs for today in APP_TIMEZONE without a date, and two concurrent requests share one job', async () => {
      const today = todayIn(TIMEZONE, new Date());
      const [a, b] = await Promise.all([
        call('POST', '/stories/daily-challenge/assign-all', admin, {}),
        call('POST', '/stories/daily-challenge/assign-all', admin, {}),
      ]);
      expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
      expect(a.json().data.jobId).toBe(b.json().data.jobId);
      const [row] = await sql<{ params: { date: string } }>('select params from job_requests where id = $1', [
        a.json().data.jobId,
      ]);
      expect(row!.params.date).toBe(today);
      // An empty request body is the same as `{}`.
      const bare = await t.app.inject({
        method: 'POST',
        url: '/api/v1/stories/daily-challenge/assign-all',
        headers: admin.auth,
      });
      expect(bare.statusCode, bare.body).toBe(202);
      expect(bare.json().data.jobId).toBe(a.json().data.jobId);
    });

    it('answers 400 for a bad date, 403 to parents and 401 without a token', async () => {
      expectError(
        await call('POST', '/stories/daily-challenge/assign-all', admin, { date: '2030-02-31' }),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('POST', '/stories/daily-challenge/assign-all', admin, { date: '2030-07-01', x: 1 }),
        400,
      );
      expectError(await call('POST', '/stories/daily-challenge/assign-all', parent, {}), 403, 'FORBIDDEN');
      expectError(await call('POST', '/stories/daily-challenge/assign-all', undefined, {}), 401);
    });
  });

  describe('GET /stories/daily-challenge/today?kidId= (STORY-33)', () => {
    it('returns today’s assignment with its challenge and story, or 404 when there is none', async () => {
      const kid = await createKid(t.app, parent.id);
      expectError(
        await call('GET', `/stories/daily-challenge/today?kidId=${kid}`, parent),
        404,
        'RESOURCE_NOT_FOUND',
      );
      const today = todayIn(TIMEZONE, new Date());
      const assignmentId = await seedAssignment(kid, today);
      await seedAssignment(kid, addDays(today, -1));
      const res = await call('GET', `/stories/daily-challenge/today?kidId=${kid}`, parent);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        id: assignmentId,
        challengeDate: today,
        challenge: { challengeDate: today, story: { id: expect.any(String) } },
      });
    });

    it('answers 404 for another parent’s kid, 400 without a kid id, 401 without a token', async () => {
      expectError(
        await call('GET', `/stories/daily-challenge/today?kidId=${othersKid}`, parent),
        404,
        'RESOURCE_NOT_FOUND',
      );
      expectError(await call('GET', '/stories/daily-challenge/today', parent), 400, 'VALIDATION_ERROR');
      expectError(
        await call('GET', '/stories/daily-challenge/today?kidId=nope', parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(await call('GET', `/stories/daily-challenge/today?kidId=${kidId}`), 401);
    });
  });

  describe('GET /stories/daily-challenge/kid/:kidId/week?weekStart= (STORY-34)', () => {
    it('returns the seven days from weekStart, ascending, with challenges and stories', async () => {
      const kid = await createKid(t.app, parent.id);
      for (const date of ['2030-08-09', '2030-08-03', '2030-08-02', '2030-08-10', '2030-08-05']) {
        await seedAssignment(kid, date);
      }
      const res = await call('GET', `/stories/daily-challenge/kid/${kid}/week?weekStart=2030-08-03`, parent);
      expect(res.statusCode).toBe(200);
      const items = res.json().data as Array<{ challengeDate: string; challenge: { story: { id: string } } }>;
      expect(items.map((item) => item.challengeDate)).toEqual(['2030-08-03', '2030-08-05', '2030-08-09']);
      expect(items.every((item) => typeof item.challenge.story.id === 'string')).toBe(true);
      // Across a month end.
      const across = await call(
        'GET',
        `/stories/daily-challenge/kid/${kid}/week?weekStart=2030-07-31`,
        parent,
      );
      expect(across.json().data.map((item: { challengeDate: string }) => item.challengeDate)).toEqual([
        '2030-08-02',
        '2030-08-03',
        '2030-08-05',
      ]);
    });

    it('answers 404 for another parent’s kid, 400 without a valid weekStart, 401 without a token', async () => {
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${othersKid}/week?weekStart=2030-08-03`, parent),
        404,
        'RESOURCE_NOT_FOUND',
      );
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${kidId}/week`, parent),
        400,
        'VALIDATION_ERROR',
      );
      expectError(
        await call('GET', `/stories/daily-challenge/kid/${kidId}/week?weekStart=08-03-2030`, parent),
        400,
      );
      expectError(await call('GET', `/stories/daily-challenge/kid/${kidId}/week?weekStart=2030-08-03`), 401);
    });
  });
});
