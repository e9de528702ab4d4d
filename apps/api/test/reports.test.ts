import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWeeklyReports } from '../src/modules/reports/weekly-report';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import {
  activity,
  answered,
  at,
  closedSession,
  completeChallenge,
  completeStory,
  favorite,
  inProgressStory,
  openSession,
  redeem,
  softDeleteKid,
  sql,
  unlockBadge,
} from './reports-fixtures';

const env = { RATE_LIMIT_DEFAULT_PER_MIN: '10000' };

describe('reports: weekly and kid reports (REPORT-01, REPORT-02)', () => {
  let t: TestApp;
  let admin: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env });
    [admin, stranger] = await Promise.all([createUser(t.app, { role: 'admin' }), createUser(t.app)]);
  });
  afterAll(async () => t.close());

  const get = (url: string, user?: TestUser) =>
    t.app.inject({ method: 'GET', url: `/api/v1${url}`, ...(user ? { headers: user.auth } : {}) });

  describe('GET /reports/weekly/:parentId (REPORT-01)', () => {
    let parent: TestUser;
    let kids: Record<'bella' | 'adam' | 'zed' | 'gone', string>;

    beforeAll(async () => {
      parent = await createUser(t.app);
      kids = {
        bella: await createKid(t.app, parent.id, 'Bella'),
        adam: await createKid(t.app, parent.id, 'Adam'),
        zed: await createKid(t.app, parent.id, 'Zed'),
        gone: await createKid(t.app, parent.id, 'Gone'),
      };
      // Week of Monday 2025-06-02 (UTC app): [2025-06-02T00:00Z, 2025-06-09T00:00Z).
      for (const when of ['2025-06-02T00:00:00Z', '2025-06-08T23:59:59Z'])
        await completeStory(t, kids.bella, when);
      await completeStory(t, kids.bella, '2025-06-01T23:59:59Z'); // the week before
      await completeStory(t, kids.bella, '2025-06-09T00:00:00Z'); // the week after
      for (const when of ['2025-06-03T10:00:00Z', '2025-06-04T10:00:00Z'])
        await completeStory(t, kids.adam, when);
      for (const day of ['03', '04', '05']) await completeStory(t, kids.zed, `2025-06-${day}T10:00:00Z`);
      for (const day of ['03', '04', '05', '06', '07'])
        await completeStory(t, kids.gone, `2025-06-${day}T10:00:00Z`);
      await inProgressStory(t, kids.zed, 50); // not completed: never counted

      await closedSession(t, kids.bella, '2025-06-02', 600);
      await closedSession(t, kids.bella, '2025-06-08', 1_030);
      await closedSession(t, kids.bella, '2025-06-01', 3_000);
      await closedSession(t, kids.bella, '2025-06-09', 3_000);
      await openSession(t, kids.bella, '2025-06-03T09:00:00Z', '2025-06-03'); // open: not counted
      await closedSession(t, kids.zed, '2025-06-05', 125);

      await completeChallenge(t, kids.bella, '2025-06-03T08:00:00Z', '2025-06-03');
      await completeChallenge(t, kids.bella, '2025-05-30T08:00:00Z', '2025-05-30');
      await completeChallenge(t, kids.adam, '2025-06-07T08:00:00Z', '2025-06-07');

      await unlockBadge(t, parent.id, kids.bella, '2025-06-04T08:00:00Z');
      await unlockBadge(t, parent.id, kids.bella, '2025-05-20T08:00:00Z');
      await unlockBadge(t, parent.id, null, '2025-06-04T08:00:00Z'); // parent aggregate: no kid's

      await redeem(t, parent.id, kids.bella, 'pending', '2025-06-03T08:00:00Z');
      await redeem(t, parent.id, kids.bella, 'approved', '2025-06-04T08:00:00Z');
      await redeem(t, parent.id, kids.bella, 'completed', '2025-06-05T08:00:00Z');
      await redeem(t, parent.id, kids.bella, 'rejected', '2025-06-05T08:00:00Z');
      await redeem(t, parent.id, kids.bella, 'approved', '2025-05-31T08:00:00Z');

      await softDeleteKid(t, kids.gone);
    });

    it('counts each live kid over the week and ranks by stories, ties by name', async () => {
      const res = await get(`/reports/weekly/${parent.id}?weekStart=2025-06-02`, parent);
      expect(res.statusCode).toBe(200);
      const data = res.json().data;
      expect(data).toMatchObject({ weekStartDate: '2025-06-02', weekEndDate: '2025-06-08' });
      expect(data.kids).toEqual([
        {
          kidId: kids.zed,
          kidName: 'Zed',
          avatarUrl: null,
          rank: 1,
          storiesCompleted: 3,
          screenTimeMins: 2,
          starsEarned: 0,
          badgesEarned: 0,
          rewardsRedeemed: 0,
        },
        {
          kidId: kids.adam,
          kidName: 'Adam',
          avatarUrl: null,
          rank: 2,
          storiesCompleted: 2,
          screenTimeMins: 0,
          starsEarned: 1,
          badgesEarned: 0,
          rewardsRedeemed: 0,
        },
        {
          kidId: kids.bella,
          kidName: 'Bella',
          avatarUrl: null,
          rank: 3,
          storiesCompleted: 2,
          screenTimeMins: 27, // floor((600 + 1030) / 60)
          starsEarned: 1,
          badgesEarned: 1,
          rewardsRedeemed: 3,
        },
      ]);
      expect(data.totalStoriesCompleted).toBe(7);
      expect(data.totalScreenTimeMins).toBe(29);
    });

    it('reads another week when asked, and an empty week as zeros', async () => {
      const previous = (await get(`/reports/weekly/${parent.id}?weekStart=2025-05-26`, parent)).json().data;
      const bella = previous.kids.find((kid: { kidId: string }) => kid.kidId === kids.bella);
      expect(bella).toMatchObject({
        storiesCompleted: 1,
        screenTimeMins: 50,
        starsEarned: 1,
        rewardsRedeemed: 1,
      });
      const empty = (await get(`/reports/weekly/${parent.id}?weekStart=2020-01-06`, parent)).json().data;
      expect(empty.kids.map((kid: { rank: number }) => kid.rank)).toEqual([1, 2, 3]);
      expect(empty).toMatchObject({ totalStoriesCompleted: 0, totalScreenTimeMins: 0 });
    });

    it("defaults to the current week of the app's time zone", async () => {
      const res = await at(t, '2025-06-08T23:30:00Z', () => get(`/reports/weekly/${parent.id}`, parent));
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({
        weekStartDate: '2025-06-02',
        weekEndDate: '2025-06-08',
        totalStoriesCompleted: 7,
      });
    });

    it('answers 400 when weekStart is not a Monday or not a date', async () => {
      for (const weekStart of ['2025-06-03', '2025-13-01', 'monday', '2025-06-02T00:00:00Z']) {
        const res = await get(`/reports/weekly/${parent.id}?weekStart=${weekStart}`, parent);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await get('/reports/weekly/not-a-uuid', parent)).statusCode).toBe(400);
    });

    it("lets an admin read any live parent's report", async () => {
      const res = await get(`/reports/weekly/${parent.id}?weekStart=2025-06-02`, admin);
      expect(res.statusCode).toBe(200);
      expect(res.json().data.totalStoriesCompleted).toBe(7);
      expect((await get(`/reports/weekly/${randomUUID()}`, admin)).statusCode).toBe(404);
    });

    it("answers 404 for another parent's report and 401 without a token", async () => {
      const res = await get(`/reports/weekly/${parent.id}`, stranger);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
      expect((await get(`/reports/weekly/${parent.id}`)).statusCode).toBe(401);
    });

    it('builds the reports of several parents at once for the weekly email', async () => {
      const reports = await buildWeeklyReports(t.app.core.db, {
        weekStart: '2025-06-02',
        parentIds: [stranger.id, parent.id],
        timeZone: 'UTC',
      });
      expect(reports.map((report) => report.parentId)).toEqual([stranger.id, parent.id]);
      expect(reports[0]).toMatchObject({ kids: [], totalStoriesCompleted: 0, weekEndDate: '2025-06-08' });
      expect(reports[1]!.kids.map((kid) => kid.kidName)).toEqual(['Zed', 'Adam', 'Bella']);
    });

    it('runs the same number of statements for 2 and for 10 kids', async () => {
      const measure = async (kidCount: number) => {
        const owner = await createUser(t.app);
        for (let i = 0; i < kidCount; i += 1) {
          const kid = await createKid(t.app, owner.id, `Kid ${i}`);
          await completeStory(t, kid, '2025-06-03T10:00:00Z');
          await closedSession(t, kid, '2025-06-03', 120);
        }
        const request = {
          method: 'GET' as const,
          url: `/api/v1/reports/weekly/${owner.id}?weekStart=2025-06-02`,
          headers: owner.auth,
        };
        await t.app.inject(request); // warms the session cache
        const { response, count } = await countQueries(t, request);
        expect(response.json().data.kids).toHaveLength(kidCount);
        return count;
      };
      const two = await measure(2);
      const ten = await measure(10);
      expect(ten).toBe(two);
      expect(two).toBeLessThanOrEqual(2);
    });
  });

  describe('GET /reports/kid/:kidId (REPORT-02)', () => {
    let parent: TestUser;
    let kid: string;
    const NOW = '2025-06-04T12:00:00Z'; // a Wednesday; week 2025-06-02..08, UTC app

    beforeAll(async () => {
      parent = await createUser(t.app);
      kid = await createKid(t.app, parent.id, 'Mia');
      await sql(t, 'update profiles set max_screen_time_mins = 45 where user_id = $1', [parent.id]);
      await completeStory(t, kid, '2025-06-02T08:00:00Z');
      await completeStory(t, kid, '2025-05-30T08:00:00Z'); // last week
      await inProgressStory(t, kid, 40);
      await inProgressStory(t, kid, 0); // opened, not started: not "in progress"
      await closedSession(t, kid, '2025-06-04', 1_200);
      await closedSession(t, kid, '2025-06-03', 5_000); // yesterday: not today's
      await openSession(t, kid, '2025-06-04T11:30:00Z', '2025-06-04'); // 30 min so far
      for (const correct of [true, true, true, false])
        await answered(t, kid, correct, '2025-06-03T09:00:00Z');
      await answered(t, kid, false, '2025-05-28T09:00:00Z'); // last week
      await completeChallenge(t, kid, '2025-06-02T09:00:00Z', '2025-06-02');
      await unlockBadge(t, parent.id, kid, '2025-06-03T09:00:00Z');
      await redeem(t, parent.id, kid, 'pending', '2025-06-03T09:00:00Z');
      await favorite(t, kid);
      await favorite(t, kid);
      await activity(t, parent.id, kid, '2025-06-03T09:00:00Z');
      await activity(t, parent.id, kid, '2025-06-04T07:15:00Z');
    });

    it("reports today's screen time against the effective limit and the week's figures", async () => {
      const res = await at(t, NOW, () => get(`/reports/kid/${kid}`, parent));
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        kidId: kid,
        kidName: 'Mia',
        avatarUrl: null,
        screenTimeMins: 50, // 1200 s closed + 1800 s open
        screenTimeLimitMins: 45,
        screenTimeRemainingMins: 0,
        storiesCompleted: 1,
        storiesInProgress: 1,
        rightAnswers: 3,
        totalAnswers: 4,
        accuracyPercentage: 75,
        starsEarned: 1,
        badgesEarned: 1,
        rewardsRedeemed: 1,
        favoritesCount: 2,
        lastActiveAt: '2025-06-04T07:15:00.000Z',
      });
    });

    it('prefers the kid limit, and reports no limit and no answers as null and 0', async () => {
      const fresh = await createKid(t.app, parent.id, 'Leo');
      await sql(t, 'update kids set daily_screen_time_limit_mins = 90 where id = $1', [fresh]);
      const limited = (await at(t, NOW, () => get(`/reports/kid/${fresh}`, parent))).json().data;
      expect(limited).toMatchObject({
        screenTimeMins: 0,
        screenTimeLimitMins: 90,
        screenTimeRemainingMins: 90,
        accuracyPercentage: 0,
        totalAnswers: 0,
        lastActiveAt: null,
      });
      const owner = await createUser(t.app);
      const free = await createKid(t.app, owner.id);
      const unlimited = (await get(`/reports/kid/${free}`, owner)).json().data;
      expect(unlimited).toMatchObject({ screenTimeLimitMins: null, screenTimeRemainingMins: null });
    });

    it('answers 400 for a malformed id', async () => {
      const res = await get('/reports/kid/123', parent);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });

    it("answers 404 for another parent's kid, a deleted kid and an admin; 401 without a token", async () => {
      expect((await get(`/reports/kid/${kid}`, stranger)).statusCode).toBe(404);
      expect((await get(`/reports/kid/${kid}`, admin)).statusCode).toBe(404);
      const gone = await createKid(t.app, parent.id);
      await softDeleteKid(t, gone);
      expect((await get(`/reports/kid/${gone}`, parent)).statusCode).toBe(404);
      expect((await get(`/reports/kid/${kid}`)).statusCode).toBe(401);
    });
  });
});
