import { randomUUID } from 'node:crypto';
import { cacheKeys } from '@storytime/cache';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

/**
 * Age groups are global rows, so every test works in its own numeric band far above real ages
 * (seeded groups cover 1–12); only the by-age lookup uses 13–18, which nothing else claims.
 */
describe('age groups (AGE-01..07)', () => {
  let t: TestApp;
  let admin: TestUser;
  let parent: TestUser;
  let band = 1000;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DEFAULT_PER_MIN: '10000' } });
    [admin, parent] = await Promise.all([createUser(t.app, { role: 'admin' }), createUser(t.app)]);
  });
  afterAll(async () => t.close());

  /** A fresh range of 100 ages for one test. */
  const nextBand = () => {
    band += 100;
    return band;
  };
  const name = () => `g-${randomUUID().slice(0, 8)}`;

  const inject = (
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    url: string,
    user?: TestUser,
    payload?: unknown,
  ) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(user ? { headers: user.auth } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  async function createGroup(min: number, max: number) {
    const res = await inject('POST', '/age-group', admin, { name: name(), min, max });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().data as { id: string; name: string; min: number; max: number };
  }

  const listIds = async () =>
    ((await inject('GET', '/age-group')).json().data as Array<{ id: string }>).map((group) => group.id);

  describe('reads (AGE-01..03)', () => {
    it('lists live groups by min without a token, and a write is visible at once', async () => {
      const base = nextBand();
      const high = await createGroup(base + 50, base + 60);
      const low = await createGroup(base + 10, base + 20);
      const res = await inject('GET', '/age-group');
      expect(res.statusCode).toBe(200);
      const groups = res.json().data as Array<{ id: string; min: number }>;
      expect(groups.map((group) => group.min)).toEqual(
        [...groups.map((group) => group.min)].sort((a, b) => a - b),
      );
      const ids = groups.map((group) => group.id);
      expect(ids.indexOf(low.id)).toBeLessThan(ids.indexOf(high.id));
      expect(groups.find((group) => group.id === low.id)).toEqual(low);

      await inject('DELETE', `/age-group/${low.id}`, admin);
      expect(await listIds()).not.toContain(low.id);
    });

    it('serves the list from the cache with the catalogue tag', async () => {
      await inject('GET', '/age-group');
      expect(await t.app.core.cache.get(cacheKeys.ageGroupsAll)).toEqual(expect.any(Array));
      await t.app.core.cache.invalidateTags(['catalogue']);
      expect(await t.app.core.cache.get(cacheKeys.ageGroupsAll)).toBeUndefined();
    });

    it('finds the group containing an age, inclusive at both ends', async () => {
      const group = await createGroup(13, 18);
      for (const age of [13, 15, 18]) {
        const res = await inject('GET', `/age-group/lookup/by-age?age=${age}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().data).toEqual(group);
      }
      await inject('DELETE', `/age-group/${group.id}?permanent=true`, admin);
      const gone = await inject('GET', '/age-group/lookup/by-age?age=15');
      expect(gone.statusCode).toBe(404);
      expect(gone.json().code).toBe('RESOURCE_NOT_FOUND');
    });

    it('rejects ages outside 0–18 and non-integers', async () => {
      for (const age of ['-1', '19', '4.5', 'four', '']) {
        const res = await inject('GET', `/age-group/lookup/by-age?age=${age}`);
        expect(res.statusCode, age).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
      expect((await inject('GET', '/age-group/lookup/by-age')).statusCode).toBe(400);
    });

    it('reads one live group by id', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 5);
      const res = await inject('GET', `/age-group/${group.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual(group);
      expect((await inject('GET', `/age-group/${randomUUID()}`)).statusCode).toBe(404);
      expect((await inject('GET', '/age-group/not-a-uuid')).statusCode).toBe(400);
      await inject('DELETE', `/age-group/${group.id}`, admin);
      expect((await inject('GET', `/age-group/${group.id}`)).statusCode).toBe(404);
    });
  });

  describe('POST /age-group (AGE-04)', () => {
    it('creates a group', async () => {
      const base = nextBand();
      const groupName = name();
      const res = await inject('POST', '/age-group', admin, {
        name: ` ${groupName} `,
        min: base,
        max: base + 3,
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual({ id: expect.any(String), name: groupName, min: base, max: base + 3 });
    });

    it('rejects min ≥ max and bad fields with 400', async () => {
      const base = nextBand();
      for (const body of [
        { name: name(), min: base + 5, max: base + 5 },
        { name: name(), min: base + 6, max: base + 5 },
        { name: name(), min: -1, max: 5 },
        { name: name(), min: 0, max: 0 },
        { name: name(), min: 1.5, max: 5 },
        { name: '', min: base, max: base + 1 },
        { name: 'x'.repeat(21), min: base, max: base + 1 },
        { name: name(), min: base },
        { name: name(), min: base, max: 3_000_000_000 },
        { name: name(), min: base, max: base + 1, extra: true },
      ]) {
        const res = await inject('POST', '/age-group', admin, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 409 with conflictsWith for overlapping ranges, edges included', async () => {
      const base = nextBand();
      const existing = await createGroup(base + 10, base + 20);
      for (const [min, max] of [
        [base + 20, base + 30],
        [base + 5, base + 10],
        [base + 12, base + 15],
        [base + 5, base + 25],
      ] as const) {
        const res = await inject('POST', '/age-group', admin, { name: name(), min, max });
        expect(res.statusCode, `${min}-${max}`).toBe(409);
        expect(res.json().code).toBe('RESOURCE_ALREADY_EXISTS');
        expect(res.json().details.conflictsWith).toEqual(existing);
      }
      // Adjacent ranges do not overlap.
      await createGroup(base + 21, base + 30);
      await createGroup(base + 1, base + 9);
    });

    it('ignores soft-deleted groups in the overlap check', async () => {
      const base = nextBand();
      const deleted = await createGroup(base, base + 10);
      await inject('DELETE', `/age-group/${deleted.id}`, admin);
      await createGroup(base + 5, base + 15);
    });

    it('answers 409 for a duplicate name', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 1);
      const res = await inject('POST', '/age-group', admin, {
        name: group.name,
        min: base + 50,
        max: base + 60,
      });
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('RESOURCE_ALREADY_EXISTS');
    });

    it('answers 403 for a parent and 401 without a token', async () => {
      const base = nextBand();
      const body = { name: name(), min: base, max: base + 1 };
      const forbidden = await inject('POST', '/age-group', parent, body);
      expect(forbidden.statusCode).toBe(403);
      expect(forbidden.json().code).toBe('FORBIDDEN');
      expect((await inject('POST', '/age-group', undefined, body)).statusCode).toBe(401);
    });
  });

  describe('PATCH /age-group/:id (AGE-05)', () => {
    it('updates name and range, checked against the other groups only', async () => {
      const base = nextBand();
      const group = await createGroup(base + 10, base + 20);
      const neighbour = await createGroup(base + 30, base + 40);

      let res = await inject('PATCH', `/age-group/${group.id}`, admin, { min: base + 12, max: base + 25 });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toMatchObject({ id: group.id, min: base + 12, max: base + 25 });

      const newName = name();
      res = await inject('PATCH', `/age-group/${group.id}`, admin, { name: newName });
      expect(res.json().data).toEqual({ id: group.id, name: newName, min: base + 12, max: base + 25 });
      expect((await inject('GET', '/age-group')).json().data).toContainEqual(res.json().data);

      res = await inject('PATCH', `/age-group/${group.id}`, admin, { max: base + 30 });
      expect(res.statusCode).toBe(409);
      expect(res.json().details.conflictsWith).toEqual(neighbour);

      res = await inject('PATCH', `/age-group/${group.id}`, admin, { min: base + 25 });
      expect(res.statusCode).toBe(400);

      res = await inject('PATCH', `/age-group/${group.id}`, admin, { name: neighbour.name });
      expect(res.statusCode).toBe(409);
    });

    it('answers 404 for unknown or deleted groups, 400 for bad input, 403 for a parent, 401 without a token', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 5);
      expect((await inject('PATCH', `/age-group/${randomUUID()}`, admin, { name: name() })).statusCode).toBe(
        404,
      );
      expect((await inject('PATCH', `/age-group/${group.id}`, admin, { min: -3 })).statusCode).toBe(400);
      expect((await inject('PATCH', `/age-group/${group.id}`, admin, { label: 'x' })).statusCode).toBe(400);
      expect((await inject('PATCH', `/age-group/${group.id}`, parent, { name: name() })).statusCode).toBe(
        403,
      );
      expect((await inject('PATCH', `/age-group/${group.id}`, undefined, { name: name() })).statusCode).toBe(
        401,
      );
      await inject('DELETE', `/age-group/${group.id}`, admin);
      expect((await inject('PATCH', `/age-group/${group.id}`, admin, { name: name() })).statusCode).toBe(404);
    });
  });

  describe('DELETE and undo-delete (AGE-06, AGE-07)', () => {
    it('soft-deletes, restores and deletes permanently', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 5);

      let res = await inject('DELETE', `/age-group/${group.id}`, admin);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ id: group.id, permanent: false });
      expect((await inject('DELETE', `/age-group/${group.id}`, admin)).statusCode).toBe(404);

      res = await inject('POST', `/age-group/${group.id}/undo-delete`, admin);
      expect(res.statusCode).toBe(201);
      expect(res.json().data).toEqual(group);
      expect(await listIds()).toContain(group.id);

      res = await inject('POST', `/age-group/${group.id}/undo-delete`, admin);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('INVALID_STATE');

      res = await inject('DELETE', `/age-group/${group.id}?permanent=true`, admin);
      expect(res.json().data).toEqual({ id: group.id, permanent: true });
      expect(await listIds()).not.toContain(group.id);
      expect((await inject('POST', `/age-group/${group.id}/undo-delete`, admin)).statusCode).toBe(404);
    });

    it('refuses to restore a group that would overlap a live one', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 10);
      await inject('DELETE', `/age-group/${group.id}`, admin);
      const taker = await createGroup(base + 10, base + 20);
      const res = await inject('POST', `/age-group/${group.id}/undo-delete`, admin);
      expect(res.statusCode).toBe(409);
      expect(res.json().code).toBe('RESOURCE_ALREADY_EXISTS');
      expect(res.json().details.conflictsWith).toEqual(taker);
    });

    it('answers 403 for a parent, 401 without a token and 400 for bad input', async () => {
      const base = nextBand();
      const group = await createGroup(base, base + 5);
      expect((await inject('DELETE', `/age-group/${group.id}`, parent)).statusCode).toBe(403);
      expect((await inject('POST', `/age-group/${group.id}/undo-delete`, parent)).statusCode).toBe(403);
      expect((await inject('DELETE', `/age-group/${group.id}`)).statusCode).toBe(401);
      expect((await inject('POST', `/age-group/${group.id}/undo-delete`)).statusCode).toBe(401);
      expect((await inject('DELETE', `/age-group/${group.id}?permanent=1`, admin)).statusCode).toBe(400);
      expect((await inject('DELETE', '/age-group/nope', admin)).statusCode).toBe(400);
      expect(await listIds()).toContain(group.id);
    });
  });

  it('keeps groups disjoint under concurrent creates', async () => {
    const base = nextBand();
    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        inject('POST', '/age-group', admin, { name: name(), min: base, max: base + 10 }),
      ),
    );
    expect(results.map((res) => res.statusCode).sort()).toEqual([201, 409, 409, 409, 409]);
  });
});
