import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import {
  createBuddy,
  createChallenge,
  createStory,
  interactionsOf,
  uniqueBuddyName,
} from './story-buddies-fixtures';

const URL = '/api/v1/story-buddies';

let t: TestApp;
let parent: TestUser;
let other: TestUser;
let admin: TestUser;
let otherKid: string;

beforeAll(async () => {
  t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
  [parent, other, admin] = await Promise.all([
    createUser(t.app),
    createUser(t.app),
    createUser(t.app, { role: 'admin' }),
  ]);
  otherKid = await createKid(t.app, other.id);
});
afterAll(async () => t.close());

const get = (url: string, user?: TestUser) =>
  t.app.inject({ method: 'GET', url, headers: user ? user.auth : {} });
const choose = (
  kidId: string,
  buddyId: string,
  user: TestUser | null = parent,
  method: 'POST' | 'PUT' = 'POST',
) =>
  t.app.inject({
    method,
    url: method === 'POST' ? `${URL}/kids/${kidId}/select` : `${URL}/kids/${kidId}/buddy`,
    headers: user ? user.auth : {},
    payload: { buddyId },
  });
const ids = (res: { json(): { data: Array<{ id: string }> } }) => res.json().data.map((buddy) => buddy.id);

describe('BUDDY-01 GET /story-buddies/active', () => {
  it('lists the active, non-deleted buddies with the Buddy fields', async () => {
    const [active, inactive, deleted] = await Promise.all([
      createBuddy(t),
      createBuddy(t, { isActive: false }),
      createBuddy(t, { deleted: true }),
    ]);
    const fresh = await createTestApp();
    try {
      const res = await fresh.app.inject({ method: 'GET', url: `${URL}/active` });
      expect(res.statusCode).toBe(200);
      const listed = res.json().data as Array<Record<string, unknown>>;
      const found = listed.find((buddy) => buddy.id === active.id);
      expect(found).toEqual({
        id: active.id,
        name: active.name,
        displayName: active.displayName,
        type: 'owl',
        description: 'A wise reading friend',
        imageUrl: active.imageUrl,
        profileAvatarUrl: null,
        isActive: true,
        themeColor: null,
        ageGroupMin: 3,
        ageGroupMax: 12,
        createdAt: active.createdAt.toISOString(),
        updatedAt: active.updatedAt.toISOString(),
      });
      expect(listed.map((buddy) => buddy.id)).not.toContain(inactive.id);
      expect(listed.map((buddy) => buddy.id)).not.toContain(deleted.id);
      expect(listed.every((buddy) => buddy.isActive === true)).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('serves the list from `story-buddies:all` (tag `buddies`) until a buddy write drops it', async () => {
    const cached = await createTestApp();
    try {
      const list = () => cached.app.inject({ method: 'GET', url: `${URL}/active` });
      await list();
      const warm = await countQueries(cached, { method: 'GET', url: `${URL}/active` });
      expect(warm.response.statusCode).toBe(200);
      expect(warm.count).toBe(0);
      const redis = cached.deps.redis;
      expect(await redis.ttl(`${cached.prefixes.cache}story-buddies:all`)).toBeGreaterThan(3500);
      expect(
        await redis.sismember(
          `${cached.prefixes.cache}tag:buddies`,
          `${cached.prefixes.cache}story-buddies:all`,
        ),
      ).toBe(1);

      // Written behind the API's back: the cached list does not know it yet.
      const hidden = await createBuddy(t);
      expect(ids(await list())).not.toContain(hidden.id);

      const boss = await createUser(cached.app, { role: 'admin' });
      const created = await cached.app.inject({
        method: 'POST',
        url: URL,
        headers: boss.auth,
        payload: {
          name: uniqueBuddyName('cache'),
          displayName: 'Cache Cat',
          type: 'cat',
          imageUrl: 'https://images.example.com/cat.png',
        },
      });
      expect(created.statusCode).toBe(201);
      const after = ids(await list());
      expect(after).toContain(hidden.id);
      expect(after).toContain(created.json().data.id);

      // Deactivating through the admin route drops the list again.
      const off = await cached.app.inject({
        method: 'PUT',
        url: `${URL}/${hidden.id}`,
        headers: boss.auth,
        payload: { isActive: false },
      });
      expect(off.statusCode).toBe(200);
      expect(ids(await list())).not.toContain(hidden.id);
    } finally {
      await cached.close();
    }
  });
});

describe('BUDDY-02 GET /story-buddies/:id', () => {
  it('answers an active buddy to anyone', async () => {
    const buddy = await createBuddy(t);
    const fresh = await createTestApp();
    try {
      const res = await fresh.app.inject({ method: 'GET', url: `${URL}/${buddy.id}` });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: buddy.id, name: buddy.name, isActive: true });
    } finally {
      await fresh.close();
    }
  });

  it('answers 404 for an inactive, deleted or missing buddy and 400 for a malformed id', async () => {
    const [inactive, deleted] = await Promise.all([
      createBuddy(t, { isActive: false }),
      createBuddy(t, { deleted: true }),
    ]);
    for (const id of [inactive.id, deleted.id, randomUUID()]) {
      const res = await get(`${URL}/${id}`);
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('RESOURCE_NOT_FOUND');
    }
    const bad = await get(`${URL}/not-a-uuid`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('VALIDATION_ERROR');
  });
});

describe('BUDDY-03/07 choosing a buddy', () => {
  it('sets the buddy, logs `buddy_selected` and drops the kid profile and kids list caches', async () => {
    const kid = await createKid(t.app, parent.id, 'Ada');
    const [first, second] = await Promise.all([createBuddy(t), createBuddy(t)]);
    // Warm `user:{id}:kids` and `kid:{id}:profile`.
    expect((await get('/api/v1/auth/kids', parent)).statusCode).toBe(200);
    expect((await get(`/api/v1/user/kids/${kid}`, parent)).statusCode).toBe(200);

    const res = await choose(kid, first.id);
    expect(res.statusCode, res.body).toBe(201);
    const data = res.json().data;
    expect(data.buddy).toMatchObject({ id: first.id, name: first.name, displayName: first.displayName });
    expect(data.kid).toMatchObject({ id: kid, storyBuddyId: first.id, buddySelectedAt: expect.any(String) });
    expect(data.message).toBe(`${first.displayName} is now Ada's story buddy!`);
    expect(res.json().message).toBe(data.message);

    const kids = (await get('/api/v1/auth/kids', parent)).json().data as Array<{
      id: string;
      storyBuddyId: string;
    }>;
    expect(kids.find((row) => row.id === kid)?.storyBuddyId).toBe(first.id);
    expect((await get(`/api/v1/user/kids/${kid}`, parent)).json().data.storyBuddyId).toBe(first.id);

    // BUDDY-07 changes it the same way, answering 200.
    const changed = await choose(kid, second.id, parent, 'PUT');
    expect(changed.statusCode).toBe(200);
    expect(changed.json().data.kid.storyBuddyId).toBe(second.id);
    expect((await get(`/api/v1/user/kids/${kid}`, parent)).json().data.storyBuddyId).toBe(second.id);

    expect(await interactionsOf(t, kid)).toEqual([
      { buddyId: first.id, interactionType: 'buddy_selected', context: null, contextId: null },
      { buddyId: second.id, interactionType: 'buddy_selected', context: null, contextId: null },
    ]);
  });

  it('answers 400 VALIDATION_ERROR for an inactive, deleted or missing buddy and changes nothing', async () => {
    const kid = await createKid(t.app, parent.id);
    const [inactive, deleted] = await Promise.all([
      createBuddy(t, { isActive: false }),
      createBuddy(t, { deleted: true }),
    ]);
    for (const buddyId of [inactive.id, deleted.id, randomUUID()]) {
      for (const method of ['POST', 'PUT'] as const) {
        const res = await choose(kid, buddyId, parent, method);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    }
    expect((await get(`${URL}/kids/${kid}/buddy`, parent)).statusCode).toBe(404);
    expect(await interactionsOf(t, kid)).toEqual([]);
  });

  it('answers 400 for a malformed body, 404 for another parent’s kid, 401 without a token', async () => {
    const kid = await createKid(t.app, parent.id);
    const buddy = await createBuddy(t);
    for (const payload of [{}, { buddyId: 'x' }, { buddyId: buddy.id, kidId: kid }]) {
      const res = await t.app.inject({
        method: 'POST',
        url: `${URL}/kids/${kid}/select`,
        headers: parent.auth,
        payload,
      });
      expect(res.statusCode).toBe(400);
      expect(res.json().code).toBe('VALIDATION_ERROR');
    }
    for (const method of ['POST', 'PUT'] as const) {
      const theirs = await choose(otherKid, buddy.id, parent, method);
      expect(theirs.statusCode).toBe(404);
      expect(theirs.json().code).toBe('RESOURCE_NOT_FOUND');
      // Admins act on their own kids only here (session+owner).
      expect((await choose(otherKid, buddy.id, admin, method)).statusCode).toBe(404);
      expect((await choose(kid, buddy.id, null, method)).statusCode).toBe(401);
    }
  });
});

describe('BUDDY-04 GET /story-buddies/kids/:kidId/buddy', () => {
  it('answers the kid’s buddy and when it was chosen; 404 without one', async () => {
    const kid = await createKid(t.app, parent.id);
    expect((await get(`${URL}/kids/${kid}/buddy`, parent)).statusCode).toBe(404);
    const buddy = await createBuddy(t);
    const chosen = (await choose(kid, buddy.id)).json().data.kid.buddySelectedAt;
    const res = await get(`${URL}/kids/${kid}/buddy`, parent);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({ buddy: { id: buddy.id, name: buddy.name }, selectedAt: chosen });
  });

  it('answers 404 for another parent’s kid, 400 for a malformed id, 401 without a token', async () => {
    expect((await get(`${URL}/kids/${otherKid}/buddy`, parent)).statusCode).toBe(404);
    expect((await get(`${URL}/kids/nope/buddy`, parent)).statusCode).toBe(400);
    expect((await get(`${URL}/kids/${otherKid}/buddy`)).statusCode).toBe(401);
  });
});

describe('BUDDY-05 GET /story-buddies/kids/:kidId/welcome', () => {
  it('answers the welcome line (kid name, else "friend") and logs a greeting', async () => {
    const kid = await createKid(t.app, parent.id, 'Zoe');
    const buddy = await createBuddy(t);
    await choose(kid, buddy.id);
    const res = await get(`${URL}/kids/${kid}/welcome`, parent);
    expect(res.statusCode).toBe(200);
    expect(res.json().data).toMatchObject({
      buddy: { id: buddy.id },
      message: `Hi Zoe! I'm ${buddy.displayName}, and I can't wait to read stories with you!`,
    });
    expect((await interactionsOf(t, kid)).map((row) => row.interactionType)).toEqual([
      'buddy_selected',
      'greeting',
    ]);

    const nameless = await createKid(t.app, parent.id, '');
    await choose(nameless, buddy.id);
    expect((await get(`${URL}/kids/${nameless}/welcome`, parent)).json().data.message).toMatch(/^Hi friend!/);
  });

  it('answers 404 without a buddy or for another parent’s kid, 401 without a token', async () => {
    const kid = await createKid(t.app, parent.id);
    expect((await get(`${URL}/kids/${kid}/welcome`, parent)).statusCode).toBe(404);
    expect((await get(`${URL}/kids/${otherKid}/welcome`, parent)).statusCode).toBe(404);
    expect((await get(`${URL}/kids/${kid}/welcome`)).statusCode).toBe(401);
  });
});

describe('BUDDY-06 POST /story-buddies/kids/:kidId/message', () => {
  let kid: string;
  let buddy: Awaited<ReturnType<typeof createBuddy>>;
  beforeAll(async () => {
    kid = await createKid(t.app, parent.id, 'Max');
    buddy = await createBuddy(t);
    await choose(kid, buddy.id);
  });
  const send = (payload: Record<string, unknown>, user: TestUser | null = parent, kidId = kid) =>
    t.app.inject({
      method: 'POST',
      url: `${URL}/kids/${kidId}/message`,
      headers: user ? user.auth : {},
      payload,
    });

  it('answers the context’s line with the buddy’s images and logs the context', async () => {
    const res = await send({ context: 'greeting' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data).toEqual({
      buddy: {
        id: buddy.id,
        name: buddy.name,
        displayName: buddy.displayName,
        imageUrl: buddy.imageUrl,
        profileAvatarUrl: null,
      },
      message: 'Hello Max! Shall we read a story?',
      imageUrl: buddy.imageUrl,
      profileAvatarUrl: null,
      context: 'greeting',
      contextData: {},
    });
    const last = (await interactionsOf(t, kid)).at(-1);
    expect(last).toEqual({
      buddyId: buddy.id,
      interactionType: 'greeting',
      context: 'greeting',
      contextId: null,
    });
  });

  it('adds the word of an existing challenge and the title of a visible story', async () => {
    const story = await createStory(t);
    const challengeId = await createChallenge(t, story.id, 'brave');
    const challenge = await send({ context: 'challenge', contextId: challengeId });
    expect(challenge.json().data).toMatchObject({
      message: "Hi Max! Today's word is waiting for you.",
      contextData: { challengeId, word: 'brave' },
    });
    const start = await send({ context: 'story_start', contextId: story.id });
    expect(start.json().data).toMatchObject({
      message: 'Have fun with this story, Max!',
      contextData: { storyId: story.id, storyTitle: story.title },
    });
    const own = await createStory(t, { ownerUserId: parent.id });
    const done = await send({ context: 'story_complete', contextId: own.id });
    expect(done.json().data).toMatchObject({
      message: 'Well done, Max! You finished the story!',
      contextData: { storyId: own.id, storyTitle: own.title },
    });
    expect((await interactionsOf(t, kid)).slice(-3)).toEqual([
      { buddyId: buddy.id, interactionType: 'challenge', context: 'challenge', contextId: challengeId },
      { buddyId: buddy.id, interactionType: 'story_start', context: 'story_start', contextId: story.id },
      { buddyId: buddy.id, interactionType: 'story_complete', context: 'story_complete', contextId: own.id },
    ]);
  });

  it('answers `{}` for another family’s story, a missing challenge or an unrelated context', async () => {
    const theirs = await createStory(t, { ownerUserId: other.id });
    expect((await send({ context: 'story_start', contextId: theirs.id })).json().data.contextData).toEqual(
      {},
    );
    expect((await send({ context: 'challenge', contextId: randomUUID() })).json().data.contextData).toEqual(
      {},
    );
    const story = await createStory(t);
    const unrelated = await send({ context: 'bedtime', contextId: story.id });
    expect(unrelated.json().data).toMatchObject({
      message: 'Hello Max!',
      context: 'bedtime',
      contextData: {},
    });
  });

  it('uses the client’s message instead of the template, without storing it', async () => {
    const res = await send({ context: 'greeting', message: 'Good night, Max!' });
    expect(res.statusCode).toBe(201);
    expect(res.json().data.message).toBe('Good night, Max!');
    const { rows } = await t.deps.pool.query(
      `select count(*)::int as n from buddy_interactions where kid_id = $1 and (context like '%Good night%')`,
      [kid],
    );
    expect(rows[0].n).toBe(0);
  });

  it.each([
    ['a missing context', {}],
    ['a context over 50 characters', { context: 'c'.repeat(51) }],
    ['a malformed contextId', { context: 'challenge', contextId: 'today' }],
    ['a message over 500 characters', { context: 'greeting', message: 'm'.repeat(501) }],
    ['an unknown field', { context: 'greeting', mood: 'happy' }],
  ])('answers 400 VALIDATION_ERROR for %s', async (_case, payload) => {
    const res = await send(payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_ERROR');
  });

  it('answers 404 without a buddy or for another parent’s kid, 401 without a token', async () => {
    const lonely = await createKid(t.app, parent.id);
    expect((await send({ context: 'greeting' }, parent, lonely)).statusCode).toBe(404);
    expect((await send({ context: 'greeting' }, other)).statusCode).toBe(404);
    expect((await send({ context: 'greeting' }, null)).statusCode).toBe(401);
  });
});
