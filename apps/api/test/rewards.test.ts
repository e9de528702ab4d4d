import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantPoints, pointsOf } from './achievements-fixtures';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { call, query, RELAXED_LIMITS } from './users-fixtures';

type Status = 'pending' | 'approved' | 'rejected' | 'completed';

/** REWARD-01..10 (api.md §8, rules.md §11, fix 25). */
describe('rewards', () => {
  let t: TestApp;
  let parent: TestUser;
  let other: TestUser;
  let kidId: string;
  let othersKid: string;

  beforeAll(async () => {
    t = await createTestApp({ env: RELAXED_LIMITS });
    [parent, other] = await Promise.all([createUser(t.app), createUser(t.app)]);
    [kidId, othersKid] = await Promise.all([createKid(t.app, parent.id), createKid(t.app, other.id)]);
  });
  afterAll(async () => t.close());

  const createReward = async (
    as: TestUser,
    kid: string,
    fields: Record<string, unknown> = {},
  ): Promise<{ id: string; points: number; kidId: string }> => {
    const response = await call(t, 'POST', '/rewards', {
      as,
      body: { kidId: kid, name: 'Ice cream', points: 20, ...fields },
    });
    expect(response.statusCode).toBe(201);
    return response.json().data;
  };
  /** A redemption row in any state, written directly (set-up for transitions and races). */
  const seedRedemption = async (
    rewardId: string,
    kid: string,
    pointsCost: number,
    status: Status = 'pending',
  ) => {
    const [row] = await query<{ id: string }>(
      t,
      `insert into reward_redemptions (id, reward_id, kid_id, points_cost, status)
       values (gen_random_uuid(), $1, $2, $3, $4) returning id`,
      [rewardId, kid, pointsCost, status],
    );
    return row!.id;
  };
  const decide = (redemptionId: string, status: string, as: TestUser = parent) =>
    call(t, 'PATCH', '/rewards/redemption/status', { as, body: { redemptionId, status } });
  const redeem = (rewardId: string, kid: string, as: TestUser = parent) =>
    call(t, 'POST', '/rewards/redeem', { as, body: { rewardId, kidId: kid } });

  describe('rewards CRUD (REWARD-01..06)', () => {
    it('creates, reads, lists, updates and deletes a reward', async () => {
      const kid = await createKid(t.app, parent.id);
      const created = await call(t, 'POST', '/rewards', {
        as: parent,
        body: {
          kidId: kid,
          name: '  Trip to the zoo ',
          description: 'A whole day',
          points: 500,
          imageUrl: 'https://cdn.example.com/zoo.png',
        },
      });
      expect(created.statusCode).toBe(201);
      const reward = created.json().data;
      expect(reward).toEqual({
        id: expect.any(String),
        name: 'Trip to the zoo',
        description: 'A whole day',
        points: 500,
        imageUrl: 'https://cdn.example.com/zoo.png',
        kidId: kid,
        userId: parent.id,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const second = await createReward(parent, kid, { name: 'Sticker', points: 5 });

      expect((await call(t, 'GET', `/rewards/${reward.id}`, { as: parent })).json().data).toEqual(reward);
      const forKid = (await call(t, 'GET', `/rewards/kid/${kid}`, { as: parent })).json().data;
      expect(forKid.map((row: { id: string }) => row.id)).toEqual([second.id, reward.id]);
      const mine = (await call(t, 'GET', '/rewards', { as: parent })).json().data;
      expect(mine.slice(0, 2).map((row: { id: string }) => row.id)).toEqual([second.id, reward.id]);
      expect(mine.every((row: { userId: string }) => row.userId === parent.id)).toBe(true);

      const patched = await call(t, 'PATCH', `/rewards/${reward.id}`, {
        as: parent,
        body: { points: 450, description: null },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().data).toMatchObject({
        id: reward.id,
        name: 'Trip to the zoo',
        points: 450,
        description: null,
      });

      const removed = await call(t, 'DELETE', `/rewards/${reward.id}`, { as: parent });
      expect(removed.statusCode).toBe(200);
      expect(removed.json().data).toEqual({ id: reward.id });
      expect((await call(t, 'GET', `/rewards/${reward.id}`, { as: parent })).statusCode).toBe(404);
      expect((await call(t, 'DELETE', `/rewards/${reward.id}`, { as: parent })).statusCode).toBe(404);
      const [row] = await query<{ is_deleted: boolean }>(t, 'select is_deleted from rewards where id = $1', [
        reward.id,
      ]);
      expect(row!.is_deleted).toBe(true);
      expect(
        (await call(t, 'GET', `/rewards/kid/${kid}`, { as: parent }))
          .json()
          .data.map((r: { id: string }) => r.id),
      ).toEqual([second.id]);
    });

    it('keeps the cost of existing redemptions when the points change', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 100);
      const reward = await createReward(parent, kid, { points: 30 });
      const redemption = (await redeem(reward.id, kid)).json().data;
      await call(t, 'PATCH', `/rewards/${reward.id}`, { as: parent, body: { points: 90 } });
      expect(
        (await call(t, 'GET', `/rewards/redemption/${redemption.id}`, { as: parent })).json().data.pointsCost,
      ).toBe(30);
    });

    it('rejects the pending redemptions of a deleted reward with reason reward_deleted', async () => {
      const kid = await createKid(t.app, parent.id);
      const reward = await createReward(parent, kid, { points: 10 });
      const pending = await seedRedemption(reward.id, kid, 10);
      const approved = await seedRedemption(reward.id, kid, 10, 'approved');
      expect((await call(t, 'DELETE', `/rewards/${reward.id}`, { as: parent })).statusCode).toBe(200);
      const rows = await query<{
        id: string;
        status: Status;
        reject_reason: string | null;
        decided_at: Date | null;
      }>(t, 'select id, status, reject_reason, decided_at from reward_redemptions where reward_id = $1', [
        reward.id,
      ]);
      expect(rows.find((row) => row.id === pending)).toMatchObject({
        status: 'rejected',
        reject_reason: 'reward_deleted',
        decided_at: expect.any(Date),
      });
      expect(rows.find((row) => row.id === approved)).toMatchObject({
        status: 'approved',
        reject_reason: null,
      });
      // A deleted reward cannot be redeemed.
      expect((await redeem(reward.id, kid)).statusCode).toBe(404);
    });

    it('answers 400 for invalid bodies and ids', async () => {
      const bad: Array<Record<string, unknown>> = [
        { kidId, points: 10 },
        { kidId, name: '', points: 10 },
        { kidId, name: 'x'.repeat(101), points: 10 },
        { kidId, name: 'Toy', points: 0 },
        { kidId, name: 'Toy', points: 100_001 },
        { kidId, name: 'Toy', points: 1.5 },
        { kidId, name: 'Toy', points: 10, imageUrl: 'ftp://example.com/a.png' },
        { kidId, name: 'Toy', points: 10, description: 'x'.repeat(1001) },
        { kidId, name: 'Toy', points: 10, userId: parent.id },
        { kidId: 'nope', name: 'Toy', points: 10 },
      ];
      for (const body of bad) {
        const response = await call(t, 'POST', '/rewards', { as: parent, body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      }
      const reward = await createReward(parent, kidId);
      for (const body of [{}, { kidId }, { points: -1 }, { name: null }]) {
        const response = await call(t, 'PATCH', `/rewards/${reward.id}`, { as: parent, body });
        expect(response.statusCode, JSON.stringify(body)).toBe(400);
      }
      expect((await call(t, 'GET', '/rewards/nope', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'GET', '/rewards/kid/nope', { as: parent })).statusCode).toBe(400);
      expect((await call(t, 'DELETE', '/rewards/nope', { as: parent })).statusCode).toBe(400);
    });

    it('answers 404 for another parent’s kid or reward and for a deleted kid', async () => {
      const notMine = await call(t, 'POST', '/rewards', {
        as: parent,
        body: { kidId: othersKid, name: 'Toy', points: 10 },
      });
      expect(notMine.statusCode).toBe(404);
      expect(notMine.json().code).toBe('RESOURCE_NOT_FOUND');
      const theirs = await createReward(other, othersKid);
      expect((await call(t, 'GET', `/rewards/${theirs.id}`, { as: parent })).statusCode).toBe(404);
      expect(
        (await call(t, 'PATCH', `/rewards/${theirs.id}`, { as: parent, body: { name: 'Mine now' } }))
          .statusCode,
      ).toBe(404);
      expect((await call(t, 'DELETE', `/rewards/${theirs.id}`, { as: parent })).statusCode).toBe(404);
      expect((await call(t, 'GET', `/rewards/kid/${othersKid}`, { as: parent })).statusCode).toBe(404);
      expect(
        (await call(t, 'GET', '/rewards', { as: parent })).json().data.map((r: { id: string }) => r.id),
      ).not.toContain(theirs.id);
      expect((await call(t, 'GET', `/rewards/${theirs.id}`, { as: other })).json().data.name).toBe(
        'Ice cream',
      );

      const gone = await createKid(t.app, parent.id);
      const orphan = await createReward(parent, gone);
      await query(t, 'update kids set is_deleted = true, deleted_at = now() where id = $1', [gone]);
      expect((await call(t, 'GET', `/rewards/kid/${gone}`, { as: parent })).statusCode).toBe(404);
      expect((await call(t, 'GET', `/rewards/${orphan.id}`, { as: parent })).statusCode).toBe(404);
      expect(
        (await call(t, 'POST', '/rewards', { as: parent, body: { kidId: gone, name: 'Toy', points: 1 } }))
          .statusCode,
      ).toBe(404);
    });

    it('answers 401 without a token', async () => {
      const id = randomUUID();
      for (const [method, url] of [
        ['POST', '/rewards'],
        ['GET', '/rewards'],
        ['GET', `/rewards/kid/${kidId}`],
        ['GET', `/rewards/${id}`],
        ['PATCH', `/rewards/${id}`],
        ['DELETE', `/rewards/${id}`],
        ['POST', '/rewards/redeem'],
        ['PATCH', '/rewards/redemption/status'],
        ['GET', `/rewards/redemption/kid/${kidId}`],
        ['GET', `/rewards/redemption/${id}`],
      ] as const) {
        expect(
          (await call(t, method, url, { body: method === 'GET' ? undefined : {} })).statusCode,
          url,
        ).toBe(401);
      }
    });
  });

  describe('redemptions (REWARD-07..10)', () => {
    it('requests a redemption when the available points cover it', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 50);
      const reward = await createReward(parent, kid, { points: 30 });
      const response = await redeem(reward.id, kid);
      expect(response.statusCode).toBe(201);
      expect(response.json().data).toEqual({
        id: expect.any(String),
        rewardId: reward.id,
        kidId: kid,
        pointsCost: 30,
        status: 'pending',
        redeemedAt: expect.any(String),
        decidedAt: null,
      });
      // Pending costs are reserved: 50 − 30 = 20 available for another 30.
      const refused = await redeem(reward.id, kid);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'INSUFFICIENT_POINTS',
        details: { available: 20, required: 30 },
      });
      // Nothing moved in the ledger yet.
      expect((await pointsOf(t, kid)).balance).toBe(50);
    });

    it('answers 400 INSUFFICIENT_POINTS for a kid without points, and for a reward of another kid', async () => {
      const kid = await createKid(t.app, parent.id);
      const reward = await createReward(parent, kid, { points: 1 });
      const refused = await redeem(reward.id, kid);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'INSUFFICIENT_POINTS',
        details: { available: 0, required: 1 },
      });
      const sibling = await createKid(t.app, parent.id);
      await grantPoints(t, sibling, 10);
      const mismatch = await redeem(reward.id, sibling);
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().code).toBe('VALIDATION_ERROR');
      for (const body of [
        { rewardId: 'nope', kidId: kid },
        { rewardId: reward.id },
        { rewardId: reward.id, kidId: kid, x: 1 },
      ]) {
        expect((await call(t, 'POST', '/rewards/redeem', { as: parent, body })).statusCode).toBe(400);
      }
    });

    it('answers 404 when redeeming another parent’s reward or for another parent’s kid', async () => {
      const theirs = await createReward(other, othersKid);
      expect((await redeem(theirs.id, othersKid)).statusCode).toBe(404);
      expect((await redeem(theirs.id, kidId)).statusCode).toBe(404);
      const mine = await createReward(parent, kidId);
      expect((await redeem(mine.id, kidId, other)).statusCode).toBe(404);
    });

    it('approves: debits the ledger, stamps decidedAt and refreshes the cached kid', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 40);
      const reward = await createReward(parent, kid, { points: 25 });
      const redemption = (await redeem(reward.id, kid)).json().data;
      // Warm the kid profile cache, which carries pointsBalance.
      expect((await call(t, 'GET', `/user/kids/${kid}`, { as: parent })).json().data.pointsBalance).toBe(40);
      const approved = await decide(redemption.id, 'approved');
      expect(approved.statusCode).toBe(200);
      expect(approved.json().data).toMatchObject({
        id: redemption.id,
        status: 'approved',
        decidedAt: expect.any(String),
      });
      const points = await pointsOf(t, kid);
      expect(points.balance).toBe(15);
      expect(points.ledger.at(-1)).toEqual({ delta: -25, reason: 'redemption', ref_id: redemption.id });
      expect((await call(t, 'GET', `/user/kids/${kid}`, { as: parent })).json().data.pointsBalance).toBe(15);
      const completed = await decide(redemption.id, 'completed');
      expect(completed.statusCode).toBe(200);
      expect(completed.json().data.status).toBe('completed');
      const [row] = await query<{ completed_at: Date | null; decided_by: string }>(
        t,
        'select completed_at, decided_by from reward_redemptions where id = $1',
        [redemption.id],
      );
      expect(row).toEqual({ completed_at: expect.any(Date), decided_by: parent.id });
      expect((await pointsOf(t, kid)).balance).toBe(15);
    });

    it('re-checks the balance on approval and leaves the redemption pending when short', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 30);
      const reward = await createReward(parent, kid, { points: 30 });
      const redemption = (await redeem(reward.id, kid)).json().data;
      await grantPoints(t, kid, -10);
      const refused = await decide(redemption.id, 'approved');
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({
        code: 'INSUFFICIENT_POINTS',
        details: { available: 20, required: 30 },
      });
      expect(
        (await call(t, 'GET', `/rewards/redemption/${redemption.id}`, { as: parent })).json().data.status,
      ).toBe('pending');
      expect((await pointsOf(t, kid)).balance).toBe(20);
      // Rejecting moves no points.
      const rejected = await decide(redemption.id, 'rejected');
      expect(rejected.json().data).toMatchObject({ status: 'rejected', decidedAt: expect.any(String) });
      expect((await pointsOf(t, kid)).balance).toBe(20);
    });

    it('allows exactly the transitions of rules.md §11', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 1000);
      const reward = await createReward(parent, kid, { points: 10 });
      const table: Array<[Status, 'approved' | 'rejected' | 'completed', number]> = [
        ['pending', 'approved', 200],
        ['pending', 'rejected', 200],
        ['pending', 'completed', 409],
        ['approved', 'completed', 200],
        ['approved', 'approved', 409],
        ['approved', 'rejected', 409],
        ['rejected', 'approved', 409],
        ['rejected', 'rejected', 409],
        ['rejected', 'completed', 409],
        ['completed', 'approved', 409],
        ['completed', 'rejected', 409],
        ['completed', 'completed', 409],
      ];
      for (const [from, to, status] of table) {
        const id = await seedRedemption(reward.id, kid, 10, from);
        const response = await decide(id, to);
        expect(response.statusCode, `${from} → ${to}`).toBe(status);
        if (status === 409) {
          expect(response.json().code).toBe('INVALID_STATE_TRANSITION');
          const [row] = await query<{ status: Status }>(
            t,
            'select status from reward_redemptions where id = $1',
            [id],
          );
          expect(row!.status).toBe(from);
        } else {
          expect(response.json().data.status).toBe(to);
        }
      }
      // Only the one pending → approved debited points.
      expect((await pointsOf(t, kid)).balance).toBe(990);
    });

    it('lets only one of two racing approvals through when together they exceed the balance', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 30);
      const reward = await createReward(parent, kid, { points: 20 });
      // Two pending requests of 20 (written directly: the request check would refuse the second).
      const [first, second] = [
        await seedRedemption(reward.id, kid, 20),
        await seedRedemption(reward.id, kid, 20),
      ];
      const responses = await Promise.all([decide(first, 'approved'), decide(second, 'approved')]);
      expect(responses.map((response) => response.statusCode).sort()).toEqual([200, 400]);
      expect(responses.find((response) => response.statusCode === 400)!.json()).toMatchObject({
        code: 'INSUFFICIENT_POINTS',
        details: { available: 10, required: 20 },
      });
      const points = await pointsOf(t, kid);
      expect(points.balance).toBe(10);
      expect(points.ledger.filter((entry) => entry.reason === 'redemption')).toHaveLength(1);
      const statuses = await query<{ status: Status }>(
        t,
        'select status from reward_redemptions where id = any($1) order by status',
        [[first, second]],
      );
      expect(statuses.map((row) => row.status)).toEqual(['pending', 'approved']);
    });

    it('answers 400 for a bad decision body and 404 for another parent’s or a missing redemption', async () => {
      for (const body of [
        { redemptionId: 'nope', status: 'approved' },
        { redemptionId: randomUUID(), status: 'pending' },
        {},
      ]) {
        const response = await call(t, 'PATCH', '/rewards/redemption/status', { as: parent, body });
        expect(response.statusCode).toBe(400);
        expect(response.json().code).toBe('VALIDATION_ERROR');
      }
      const theirs = await createReward(other, othersKid);
      const redemption = await seedRedemption(theirs.id, othersKid, 20);
      expect((await decide(redemption, 'rejected')).statusCode).toBe(404);
      expect((await call(t, 'GET', `/rewards/redemption/${redemption}`, { as: parent })).statusCode).toBe(
        404,
      );
      expect((await decide(randomUUID(), 'rejected')).statusCode).toBe(404);
      expect((await call(t, 'GET', `/rewards/redemption/${randomUUID()}`, { as: parent })).statusCode).toBe(
        404,
      );
      expect((await call(t, 'GET', '/rewards/redemption/nope', { as: parent })).statusCode).toBe(400);
      expect((await decide(redemption, 'rejected', other)).statusCode).toBe(200);
    });

    it('lists a kid’s redemptions newest first with cursors', async () => {
      const kid = await createKid(t.app, parent.id);
      await grantPoints(t, kid, 100);
      const reward = await createReward(parent, kid, { points: 10 });
      const ids: string[] = [];
      for (let i = 0; i < 3; i += 1) ids.push((await redeem(reward.id, kid)).json().data.id);
      const first = await call(t, 'GET', `/rewards/redemption/kid/${kid}?limit=2`, { as: parent });
      expect(first.statusCode).toBe(200);
      const page = first.json().data;
      expect(page.items.map((row: { id: string }) => row.id)).toEqual([ids[2], ids[1]]);
      expect(page.hasMore).toBe(true);
      const next = (
        await call(t, 'GET', `/rewards/redemption/kid/${kid}?limit=2&cursor=${page.nextCursor}`, {
          as: parent,
        })
      ).json().data;
      expect(next).toEqual({
        items: [expect.objectContaining({ id: ids[0] })],
        nextCursor: null,
        hasMore: false,
      });
      expect(Object.keys(page.items[0]).sort()).toEqual(
        ['decidedAt', 'id', 'kidId', 'pointsCost', 'redeemedAt', 'rewardId', 'status'].sort(),
      );
      expect(
        (await call(t, 'GET', `/rewards/redemption/kid/${kid}?cursor=bad`, { as: parent })).statusCode,
      ).toBe(400);
      expect(
        (await call(t, 'GET', `/rewards/redemption/kid/${kid}?limit=101`, { as: parent })).statusCode,
      ).toBe(400);
      expect((await call(t, 'GET', `/rewards/redemption/kid/${othersKid}`, { as: parent })).statusCode).toBe(
        404,
      );
      const single = await call(t, 'GET', `/rewards/redemption/${ids[0]}`, { as: parent });
      expect(single.statusCode).toBe(200);
      expect(single.json().data).toMatchObject({ id: ids[0], status: 'pending', pointsCost: 10 });
    });
  });
});
