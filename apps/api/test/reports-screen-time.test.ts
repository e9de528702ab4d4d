import { randomUUID } from 'node:crypto';
import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { at, closedSession, openSession, softDeleteKid, sql } from './reports-fixtures';

const env = { RATE_LIMIT_DEFAULT_PER_MIN: '10000' };

describe('reports: screen time (REPORT-03..05)', () => {
  let t: TestApp;
  let parent: TestUser;
  let stranger: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env });
    [parent, stranger] = await Promise.all([createUser(t.app), createUser(t.app)]);
  });
  afterAll(async () => t.close());

  const post = (url: string, payload: unknown, user?: TestUser) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/reports/screen-time/${url}`,
      payload: payload as object,
      ...(user ? { headers: user.auth } : {}),
    });
  const start = (kidId: string, user: TestUser = parent) => post('start', { kidId }, user);
  const end = (sessionId: string, user: TestUser = parent) => post('end', { sessionId }, user);
  const dailyLimit = (kidId: string, user?: TestUser) =>
    t.app.inject({
      method: 'GET',
      url: `/api/v1/reports/daily-limit/${kidId}`,
      ...(user ? { headers: user.auth } : {}),
    });
  const sessionsOf = async (kidId: string) =>
    (
      await sql(
        t,
        'select id, start_time, end_time, duration, date::text as date from screen_time_sessions where kid_id = $1 order by start_time',
        [kidId],
      )
    ).rows;

  describe('POST /reports/screen-time/start (REPORT-03)', () => {
    it('opens a session stamped with the clock and today, then returns it while open', async () => {
      const kid = await createKid(t.app, parent.id);
      const first = await at(t, '2025-06-04T10:00:00Z', () => start(kid));
      expect(first.statusCode).toBe(201);
      const { sessionId } = first.json().data;
      expect(first.json().data).toEqual({ sessionId });
      const again = await at(t, '2025-06-04T10:05:00Z', () => start(kid));
      expect(again.json().data.sessionId).toBe(sessionId);
      const rows = await sessionsOf(kid);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ id: sessionId, end_time: null, date: '2025-06-04' });
      expect(new Date(rows[0].start_time).toISOString()).toBe('2025-06-04T10:00:00.000Z');
    });

    it('opens exactly one session under parallel starts', async () => {
      const kid = await createKid(t.app, parent.id);
      const responses = await Promise.all(Array.from({ length: 8 }, () => start(kid)));
      expect(responses.map((res) => res.statusCode)).toEqual(Array(8).fill(201));
      const ids = new Set(responses.map((res) => res.json().data.sessionId));
      expect(ids.size).toBe(1);
      expect(await sessionsOf(kid)).toHaveLength(1);
    });

    it('opens a new session once the previous one ended', async () => {
      const kid = await createKid(t.app, parent.id);
      const first = (await start(kid)).json().data.sessionId;
      expect((await end(first)).statusCode).toBe(201);
      const second = (await start(kid)).json().data.sessionId;
      expect(second).not.toBe(first);
    });

    it('answers 400 for a missing, malformed or extra field', async () => {
      const kid = await createKid(t.app, parent.id);
      for (const body of [{}, { kidId: 'nope' }, { kidId: kid, extra: true }]) {
        const res = await post('start', body, parent);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's kid and a deleted kid, 401 without a token", async () => {
      const kid = await createKid(t.app, parent.id);
      expect((await start(kid, stranger)).statusCode).toBe(404);
      expect((await start(randomUUID())).statusCode).toBe(404);
      expect((await post('start', { kidId: kid })).statusCode).toBe(401);
      await softDeleteKid(t, kid);
      expect((await start(kid)).statusCode).toBe(404);
      expect(await sessionsOf(kid)).toHaveLength(0);
    });
  });

  describe('POST /reports/screen-time/end (REPORT-04)', () => {
    it('closes the session with its duration in seconds, and a second end answers 409', async () => {
      const kid = await createKid(t.app, parent.id);
      const { sessionId } = (await at(t, '2025-06-04T10:00:00Z', () => start(kid))).json().data;
      const res = await at(t, '2025-06-04T10:01:30.900Z', () => end(sessionId));
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ sessionId, duration: 90 });
      const [row] = await sessionsOf(kid);
      expect(row).toMatchObject({ duration: 90 });
      expect(new Date(row.end_time).toISOString()).toBe('2025-06-04T10:01:30.900Z');

      const twice = await at(t, '2025-06-04T10:05:00Z', () => end(sessionId));
      expect(twice.statusCode).toBe(409);
      expect(twice.json().code).toBe('INVALID_STATE');
      expect((await sessionsOf(kid))[0]).toMatchObject({ duration: 90 });
    });

    it('caps a session at SCREEN_TIME_MAX_SESSION_SECONDS (4 h by default)', async () => {
      const kid = await createKid(t.app, parent.id);
      const { sessionId } = (await at(t, '2025-06-04T08:00:00Z', () => start(kid))).json().data;
      const res = await at(t, '2025-06-04T13:00:00Z', () => end(sessionId));
      expect(res.json().data.duration).toBe(14_400);
    });

    it('lets exactly one of two parallel ends win', async () => {
      const kid = await createKid(t.app, parent.id);
      const { sessionId } = (await start(kid)).json().data;
      const codes = (await Promise.all([end(sessionId), end(sessionId), end(sessionId)])).map(
        (r) => r.statusCode,
      );
      expect(codes.sort()).toEqual([201, 409, 409]);
    });

    it("drops the caller's progress caches", async () => {
      const kid = await createKid(t.app, parent.id);
      const { sessionId } = (await start(kid)).json().data;
      const key = cacheKeys.progressHome(parent.id, kid);
      let loads = 0;
      const load = () =>
        t.app.core.cache.getOrSet(key, CACHE_TTL.progressHome, async () => ++loads, {
          tags: [cacheTags.progress(parent.id)],
        });
      await load();
      await load();
      expect(loads).toBe(1);
      await end(sessionId);
      await load();
      expect(loads).toBe(2);
    });

    it('answers 400 for a bad body', async () => {
      for (const body of [{}, { sessionId: 'x' }, { sessionId: randomUUID(), kidId: randomUUID() }]) {
        const res = await post('end', body, parent);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it("answers 404 for another parent's or an unknown session, 401 without a token", async () => {
      const kid = await createKid(t.app, parent.id);
      const { sessionId } = (await start(kid)).json().data;
      expect((await end(sessionId, stranger)).statusCode).toBe(404);
      expect((await end(randomUUID())).statusCode).toBe(404);
      expect((await post('end', { sessionId })).statusCode).toBe(401);
      // The refusals did not close it.
      expect((await sessionsOf(kid))[0]).toMatchObject({ end_time: null });
      await softDeleteKid(t, kid);
      expect((await end(sessionId)).statusCode).toBe(404);
    });
  });

  describe('GET /reports/daily-limit/:kidId (REPORT-05)', () => {
    const NOW = '2025-06-04T12:00:00Z';
    const setParentLimit = (limit: number | null) =>
      sql(t, 'update profiles set max_screen_time_mins = $2 where user_id = $1', [parent.id, limit]);
    const setKidLimit = (kidId: string, limit: number | null) =>
      sql(t, 'update kids set daily_screen_time_limit_mins = $2 where id = $1', [kidId, limit]);

    it("counts today's closed sessions and the open one, against the kid's, the parent's or no limit", async () => {
      const kid = await createKid(t.app, parent.id);
      await closedSession(t, kid, '2025-06-04', 1_500);
      await closedSession(t, kid, '2025-06-03', 9_000); // yesterday
      await openSession(t, kid, '2025-06-04T11:40:00Z', '2025-06-04'); // 20 min so far
      const read = async () => {
        const res = await at(t, NOW, () => dailyLimit(kid, parent));
        expect(res.statusCode).toBe(200);
        return res.json().data;
      };

      await setParentLimit(null);
      expect(await read()).toEqual({
        kidId: kid,
        dailyLimitMins: null,
        todayScreenTimeMins: 45,
        remainingMins: null,
        limitReached: false,
      });
      await setParentLimit(60);
      expect(await read()).toMatchObject({ dailyLimitMins: 60, remainingMins: 15, limitReached: false });
      await setKidLimit(kid, 30);
      expect(await read()).toMatchObject({ dailyLimitMins: 30, remainingMins: 0, limitReached: true });
      // 0 is a real limit in both places (fix 62).
      await setKidLimit(kid, null);
      await setParentLimit(0);
      expect(await read()).toMatchObject({ dailyLimitMins: 0, remainingMins: 0, limitReached: true });
      await setParentLimit(null);
    });

    it('caps an open session and ignores one opened on an earlier day', async () => {
      const kid = await createKid(t.app, parent.id);
      await openSession(t, kid, '2025-06-04T01:00:00Z', '2025-06-04'); // 11 h ago, capped at 4 h
      expect((await at(t, NOW, () => dailyLimit(kid, parent))).json().data.todayScreenTimeMins).toBe(240);
      const other = await createKid(t.app, parent.id);
      await openSession(t, other, '2025-06-03T23:00:00Z', '2025-06-03');
      expect((await at(t, NOW, () => dailyLimit(other, parent))).json().data.todayScreenTimeMins).toBe(0);
    });

    it('answers 400 for a malformed id', async () => {
      const res = await dailyLimit('abc', parent);
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    });

    it("answers 404 for another parent's or a deleted kid, 401 without a token", async () => {
      const kid = await createKid(t.app, parent.id);
      expect((await dailyLimit(kid, stranger)).statusCode).toBe(404);
      expect((await dailyLimit(kid)).statusCode).toBe(401);
      await softDeleteKid(t, kid);
      expect((await dailyLimit(kid, parent)).statusCode).toBe(404);
    });
  });
});

describe('reports: screen time with a configured cap and zone', () => {
  let t: TestApp;
  let parent: TestUser;

  beforeAll(async () => {
    t = await createTestApp({
      env: { ...env, APP_TIMEZONE: 'Pacific/Auckland', SCREEN_TIME_MAX_SESSION_SECONDS: '600' },
    });
    parent = await createUser(t.app);
  });
  afterAll(async () => t.close());

  it("dates sessions in the app's zone and caps them at the configured maximum", async () => {
    const kid = await createKid(t.app, parent.id);
    const inject = (url: string, payload: object) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/reports/screen-time/${url}`,
        headers: parent.auth,
        payload,
      });
    // 20:00 UTC on 06-04 is 08:00 on 06-05 in Auckland (UTC+12).
    const { sessionId } = (await at(t, '2025-06-04T20:00:00Z', () => inject('start', { kidId: kid }))).json()
      .data;
    const [row] = (
      await sql(t, 'select date::text as date from screen_time_sessions where id = $1', [sessionId])
    ).rows;
    expect(row.date).toBe('2025-06-05');
    const res = await at(t, '2025-06-04T21:00:00Z', () => inject('end', { sessionId }));
    expect(res.json().data.duration).toBe(600);
  });
});
