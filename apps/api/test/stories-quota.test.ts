import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { insertStories, setUsage, subscribe, usageOf } from './stories-detail-fixtures';

/**
 * The free-tier story quota on STORY-50 and STORY-25 `GET /stories/user/quota` (rules.md §2):
 * ten stories for life, then one per full week; premium is unlimited; metering is atomic.
 */

const DAY = 86_400_000;
let t: TestApp;

const read = (id: string, user: TestUser) =>
  t.app.inject({ method: 'GET', url: `/api/v1/stories/${id}`, headers: user.auth });
const quota = (user: TestUser | null) =>
  t.app.inject({ method: 'GET', url: '/api/v1/stories/user/quota', headers: user ? user.auth : {} });

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t.close());

describe('GET /stories/user/quota', () => {
  it('answers the full allowance to a new free user', async () => {
    const user = await createUser(t.app);
    const response = await quota(user);
    expect(response.statusCode).toBe(200);
    expect(response.json().data).toEqual({
      isPremium: false,
      unlimited: false,
      used: 0,
      baseLimit: 10,
      bonusStories: 0,
      totalAllowed: 10,
      remaining: 10,
    });
  });

  it('answers unlimited for a premium user and for an admin', async () => {
    const user = await createUser(t.app);
    await subscribe(t, user.id, 'monthly');
    expect((await quota(user)).json().data).toEqual({ isPremium: true, unlimited: true });
    const admin = await createUser(t.app, { role: 'admin' });
    expect((await quota(admin)).json().data).toEqual({ isPremium: true, unlimited: true });
  });

  it('needs a session', async () => {
    const response = await quota(null);
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('AUTH_INVALID_TOKEN');
  });
});

describe('metering GET /stories/:id', () => {
  it('allows ten distinct stories, refuses the eleventh, keeps re-reads free, then grants the weekly bonus', async () => {
    const user = await createUser(t.app);
    const ids = await insertStories(t, 13);
    for (const id of ids.slice(0, 10)) expect((await read(id, user)).statusCode).toBe(200);

    const refused = await read(ids[10]!, user);
    expect(refused.statusCode).toBe(403);
    const body = refused.json();
    expect(body).toEqual({
      success: false,
      statusCode: 403,
      error: 'Forbidden',
      code: 'STORY_LIMIT_EXCEEDED',
      message: expect.any(String),
      details: { remaining: 0, totalAllowed: 10 },
      requestId: expect.any(String),
      path: `/api/v1/stories/${ids[10]}`,
      timestamp: expect.any(String),
    });

    // A story already read is free to read again, even with nothing left.
    expect((await read(ids[3]!, user)).statusCode).toBe(200);
    expect((await quota(user)).json().data).toMatchObject({ used: 10, totalAllowed: 10, remaining: 0 });
    const usage = await usageOf(t, user.id);
    expect(usage).toMatchObject({ unique_stories_read: 10, accessed: '10' });
    // The refused read set the bonus anchor (rules.md §2 step 2).
    expect(usage!.last_bonus_granted_at).not.toBeNull();

    // A full week (and a day) later: one more story; the partial day carries over.
    const anchor = new Date(Date.now() - 8 * DAY);
    await t.deps.pool.query('update user_usages set last_bonus_granted_at = $2 where user_id = $1', [
      user.id,
      anchor,
    ]);
    expect((await read(ids[10]!, user)).statusCode).toBe(200);
    const second = await read(ids[11]!, user);
    expect(second.statusCode).toBe(403);
    expect(second.json().details).toEqual({ remaining: 0, totalAllowed: 11 });
    expect((await quota(user)).json().data).toEqual({
      isPremium: false,
      unlimited: false,
      used: 11,
      baseLimit: 10,
      bonusStories: 1,
      totalAllowed: 11,
      remaining: 0,
    });
    const after = await usageOf(t, user.id);
    expect(after!.last_bonus_granted_at!.getTime()).toBe(anchor.getTime() + 7 * DAY);
  });

  it('reports the pending weekly bonus on the quota route', async () => {
    const user = await createUser(t.app);
    await setUsage(t, user.id, { read: 10, lastBonusGrantedAt: new Date(Date.now() - 15 * DAY) });
    expect((await quota(user)).json().data).toMatchObject({ used: 10, bonusStories: 2, remaining: 2 });
  });

  it('never meters a premium user', async () => {
    const user = await createUser(t.app);
    await subscribe(t, user.id, 'monthly');
    await setUsage(t, user.id, { read: 10 });
    const ids = await insertStories(t, 2);
    for (const id of ids) expect((await read(id, user)).statusCode).toBe(200);
    expect(await usageOf(t, user.id)).toMatchObject({ unique_stories_read: 10, accessed: '0' });
  });

  it('does not treat the $0 free plan or an ended paid plan as premium', async () => {
    const free = await createUser(t.app);
    await subscribe(t, free.id, 'free', new Date(Date.now() + 30 * DAY));
    await setUsage(t, free.id, { read: 10 });
    const ended = await createUser(t.app);
    await subscribe(t, ended.id, 'yearly', new Date(Date.now() - DAY));
    await setUsage(t, ended.id, { read: 10 });
    const [id] = await insertStories(t, 1);
    for (const user of [free, ended]) {
      expect((await quota(user)).json().data).toMatchObject({ isPremium: false, remaining: 0 });
      const response = await read(id!, user);
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe('STORY_LIMIT_EXCEEDED');
    }
  });

  it('lets exactly one of two parallel first reads use the last unit', async () => {
    const user = await createUser(t.app);
    await setUsage(t, user.id, { read: 9 });
    const [a, b] = await insertStories(t, 2);
    const responses = await Promise.all([read(a!, user), read(b!, user)]);
    expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 403]);
    expect(await usageOf(t, user.id)).toMatchObject({ unique_stories_read: 10, accessed: '1' });
  });

  it('records nothing when the story is not visible', async () => {
    const user = await createUser(t.app);
    const [deleted] = await insertStories(t, 1, { isDeleted: true, deletedAt: new Date() });
    expect((await read(deleted!, user)).statusCode).toBe(404);
    expect((await quota(user)).json().data).toMatchObject({ used: 0, remaining: 10 });
  });
});
