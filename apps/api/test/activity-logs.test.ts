import { randomUUID } from 'node:crypto';
import { countLiveRows } from '@storytime/db/repositories/analytics';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';

const URL = '/api/v1/activity-logs';
const IPHONE_UA =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1';

let t: TestApp;
let parent: TestUser;
let other: TestUser;
let admin: TestUser;
let kid: string;
let otherKid: string;

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
  [parent, other, admin] = await Promise.all([
    createUser(t.app),
    createUser(t.app),
    createUser(t.app, { role: 'admin' }),
  ]);
  [kid, otherKid] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, other.id)]);
});
afterAll(async () => t.close());

const write = (user: TestUser, payload: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: URL, headers: { ...user.auth, ...headers }, payload });

async function pageAll(user: TestUser, path: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `?limit=${limit}&cursor=${cursor}` : `?limit=${limit}`;
    const res = await t.app.inject({ method: 'GET', url: `${URL}${path}${query}`, headers: user.auth });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json().data;
    expect(page.items.length).toBeLessThanOrEqual(limit);
    expect(page.hasMore).toBe(page.nextCursor !== null);
    ids.push(...page.items.map((item: { id: string }) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('LOG-01 POST /activity-logs', () => {
  it('writes an entry of the caller with the server-side IP and device fields parsed from the User-Agent', async () => {
    const res = await write(
      parent,
      { kidId: kid, action: 'opened_library', status: 'SUCCESS', details: '{"tab":"favorites"}' },
      { 'user-agent': IPHONE_UA },
    );
    expect(res.statusCode, res.body).toBe(201);
    const log = res.json().data;
    expect(log).toEqual({
      id: expect.any(String),
      userId: parent.id,
      kidId: kid,
      action: 'opened_library',
      status: 'SUCCESS',
      deviceName: 'Safari',
      deviceModel: 'iPhone',
      os: 'iOS 17.2',
      ipAddress: '127.0.0.1',
      details: '{"tab":"favorites"}',
      createdAt: expect.any(String),
    });
    const { rows } = await t.deps.pool.query('select user_id, request_id from activity_logs where id = $1', [
      log.id,
    ]);
    expect(rows[0]).toEqual({ user_id: parent.id, request_id: res.headers['x-request-id'] });
  });

  it('keeps the device fields the client sends and parses only the missing ones', async () => {
    const res = await write(
      parent,
      { action: 'settings_opened', status: 'FAILED', deviceName: 'Storytime', os: 'iPadOS 18' },
      { 'user-agent': IPHONE_UA },
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toMatchObject({
      kidId: null,
      status: 'FAILED',
      deviceName: 'Storytime',
      deviceModel: 'iPhone',
      os: 'iPadOS 18',
      details: null,
    });
  });

  it('takes the first X-Forwarded-For hop only when TRUST_PROXY is on', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' };
    const direct = await write(parent, { action: 'ping', status: 'SUCCESS' }, forwarded);
    expect(direct.json().data.ipAddress).toBe('127.0.0.1');

    const proxied = await createTestApp({ env: { TRUST_PROXY: 'true' } });
    try {
      const user = await createUser(proxied.app);
      const res = await proxied.app.inject({
        method: 'POST',
        url: URL,
        headers: { ...user.auth, ...forwarded },
        payload: { action: 'ping', status: 'SUCCESS' },
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data.ipAddress).toBe('203.0.113.7');
    } finally {
      await proxied.close();
    }
  });

  it.each([
    'story_read',
    'challenge_completed',
    'quiz_answered',
    'AI_GENERATION',
    'ACCESS_KID_ACCOUNT',
    'SESSION_TERMINATION',
    'Story_Read',
  ])('refuses the reserved action %s with 400', async (action) => {
    const res = await write(parent, { action, status: 'SUCCESS' });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it.each([
    ['a userId (the user is always the caller)', { action: 'x', status: 'SUCCESS', userId: randomUUID() }],
    ['a missing action', { status: 'SUCCESS' }],
    ['an action over 100 characters', { action: 'a'.repeat(101), status: 'SUCCESS' }],
    ['an unknown status', { action: 'x', status: 'OK' }],
    ['a malformed kidId', { action: 'x', status: 'SUCCESS', kidId: 'kid-1' }],
    ['details over 5000 characters', { action: 'x', status: 'SUCCESS', details: 'd'.repeat(5001) }],
    ['a deviceName over 100 characters', { action: 'x', status: 'SUCCESS', deviceName: 'd'.repeat(101) }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, payload) => {
    const res = await write(parent, payload as Record<string, unknown>);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it("answers 404 for another parent's kid or a deleted kid, even to an admin, and writes nothing", async () => {
    const action = `probe_${randomUUID().slice(0, 8)}`;
    const deleted = await createKid(t.app, parent.id);
    await t.deps.pool.query('update kids set is_deleted = true, deleted_at = now() where id = $1', [deleted]);
    for (const [user, kidId] of [
      [parent, otherKid],
      [parent, deleted],
      [admin, kid],
    ] as const) {
      const res = await write(user, { kidId, action, status: 'SUCCESS' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
    }
    const { rows } = await t.deps.pool.query('select 1 from activity_logs where action = $1', [action]);
    expect(rows).toHaveLength(0);
  });

  it('answers 401 without a token', async () => {
    const res = await t.app.inject({ method: 'POST', url: URL, payload: { action: 'x', status: 'SUCCESS' } });
    expect(res.statusCode).toBe(401);
  });
});

describe('LOG-02 GET /activity-logs/user/:userId', () => {
  it('pages through the user’s log newest first, to the user and to an admin', async () => {
    const user = await createUser(t.app);
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await write(user, { action: `step_${i}`, status: 'SUCCESS' })).json().data.id);
    const expected = [...ids].reverse();
    expect(await pageAll(user, `/user/${user.id}`, 2)).toEqual(expected);
    expect(await pageAll(admin, `/user/${user.id}`, 3)).toEqual(expected);
  });

  it('answers 404 to another parent, 400 for bad input and 401 without a token', async () => {
    const other404 = await t.app.inject({
      method: 'GET',
      url: `${URL}/user/${parent.id}`,
      headers: other.auth,
    });
    expect(other404.statusCode).toBe(404);
    expect(other404.json().code).toBe('RESOURCE_NOT_FOUND');
    for (const url of [
      `${URL}/user/not-a-uuid`,
      `${URL}/user/${parent.id}?limit=101`,
      `${URL}/user/${parent.id}?cursor=x`,
    ]) {
      const res = await t.app.inject({ method: 'GET', url, headers: parent.auth });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    }
    expect((await t.app.inject({ method: 'GET', url: `${URL}/user/${parent.id}` })).statusCode).toBe(401);
  });
});

describe('LOG-03 GET /activity-logs/kid/:kidId', () => {
  it('pages through the kid’s log newest first, to the parent and to an admin', async () => {
    const owner = await createUser(t.app);
    const child = await createKid(t.app, owner.id);
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1)
      ids.push(
        (await write(owner, { kidId: child, action: `kid_step_${i}`, status: 'SUCCESS' })).json().data.id,
      );
    await write(owner, { action: 'not_about_the_kid', status: 'SUCCESS' });
    expect(await pageAll(owner, `/kid/${child}`, 2)).toEqual([...ids].reverse());
    expect(await pageAll(admin, `/kid/${child}`, 20)).toEqual([...ids].reverse());
  });

  it("answers 404 for another parent's kid, 400 for a cursor of another list, 401 without a token", async () => {
    const res = await t.app.inject({ method: 'GET', url: `${URL}/kid/${kid}`, headers: other.auth });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('RESOURCE_NOT_FOUND');

    await write(parent, { action: 'a', status: 'SUCCESS' });
    await write(parent, { action: 'b', status: 'SUCCESS' });
    const userPage = await t.app.inject({
      method: 'GET',
      url: `${URL}/user/${parent.id}?limit=1`,
      headers: parent.auth,
    });
    const cursor = userPage.json().data.nextCursor;
    expect(cursor).toEqual(expect.any(String));
    const foreign = await t.app.inject({
      method: 'GET',
      url: `${URL}/kid/${kid}?cursor=${cursor}`,
      headers: parent.auth,
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().code).toBe('VALIDATION_ERROR');
    expect((await t.app.inject({ method: 'GET', url: `${URL}/kid/${kid}` })).statusCode).toBe(401);
  });
});

describe('LOG-04 GET /activity-logs/:id', () => {
  it('answers the entry to its user and to an admin, 404 to another parent', async () => {
    const id = (await write(parent, { kidId: kid, action: 'one', status: 'SUCCESS' })).json().data.id;
    for (const user of [parent, admin]) {
      const res = await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: user.auth });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id, userId: parent.id, kidId: kid, action: 'one' });
    }
    const res = await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: other.auth });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
  });

  it('answers an entry about the caller’s kid written without a user (system entries)', async () => {
    const { rows } = await t.deps.pool.query<{ id: string }>(
      `insert into activity_logs (id, user_id, kid_id, action, status) values ($1, null, $2, 'system_note', 'SUCCESS') returning id`,
      [randomUUID(), kid],
    );
    const id = rows[0]!.id;
    expect(
      (await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: parent.auth })).statusCode,
    ).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `${URL}/${id}`, headers: other.auth })).statusCode).toBe(
      404,
    );
  });

  it('answers 404 for a missing entry, 400 for a malformed id, 401 without a token', async () => {
    expect(
      (await t.app.inject({ method: 'GET', url: `${URL}/${randomUUID()}`, headers: parent.auth })).statusCode,
    ).toBe(404);
    const bad = await t.app.inject({ method: 'GET', url: `${URL}/nope`, headers: parent.auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_ERROR');
    expect((await t.app.inject({ method: 'GET', url: `${URL}/${randomUUID()}` })).statusCode).toBe(401);
  });
});

describe('LOG-05 GET /analytics/stats', () => {
  const STATS = '/api/v1/analytics/stats';
  const LIVE_COUNTS = `select (select count(*) from users where is_deleted = false)::int as "userCount",
      (select count(*) from stories where is_deleted = false)::int as "storyCount",
      (select count(*) from kids where is_deleted = false)::int as "kidCount",
      (select count(*) from rewards where is_deleted = false)::int as "rewardCount"`;

  it('answers the four live counts to an admin, in one SQL statement', async () => {
    // Warms the session cache, so only the route's own statements are counted.
    await t.app.inject({ method: 'GET', url: STATS, headers: admin.auth });
    const { response, count, statements } = await countQueries(t, {
      method: 'GET',
      url: STATS,
      headers: admin.auth,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual({
      userCount: expect.any(Number),
      storyCount: expect.any(Number),
      kidCount: expect.any(Number),
      rewardCount: expect.any(Number),
    });
    expect(response.json().data.userCount).toBeGreaterThanOrEqual(3);
    expect(count, statements.join('\n')).toBe(1);
  });

  it('counts exactly the rows that are not soft-deleted (one snapshot, other files write concurrently)', async () => {
    const owner = await createUser(t.app);
    const child = await createKid(t.app, owner.id);
    await t.app.core.db
      .transaction(async (tx) => {
        // Repeatable read: the reference counts and the repository's counts see the same snapshot.
        await tx.execute(sql`set transaction isolation level repeatable read`);
        const reference = (await tx.execute(sql.raw(LIVE_COUNTS))).rows[0];
        expect(await countLiveRows(tx)).toEqual(reference);
        await tx.execute(sql`update users set is_deleted = true where id = ${owner.id}`);
        await tx.execute(sql`update kids set is_deleted = true where id = ${child}`);
        const after = await countLiveRows(tx);
        expect(after.userCount).toBe((reference as { userCount: number }).userCount - 1);
        expect(after.kidCount).toBe((reference as { kidCount: number }).kidCount - 1);
        throw new Rollback();
      })
      .catch((error: unknown) => {
        if (!(error instanceof Rollback)) throw error;
      });
  });

  it('answers 403 to a parent and 401 without a token', async () => {
    const res = await t.app.inject({ method: 'GET', url: STATS, headers: parent.auth });
    expect(res.statusCode).toBe(403);
    expect(res.json().code).toBe('FORBIDDEN');
    expect((await t.app.inject({ method: 'GET', url: STATS })).statusCode).toBe(401);
  });
});

class Rollback extends Error {}
