import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../src/lib/pagination';
import { createInAppNotification } from '../src/modules/notifications/in-app';
import { createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';

describe('notifications inbox (NOTIF-01..03) and in-app delivery', () => {
  let t: TestApp;
  let other: TestUser;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_DEFAULT_PER_MIN: '10000' } });
    other = await createUser(t.app);
  });
  afterAll(async () => t.close());

  const inject = (method: 'GET' | 'PATCH', url: string, user?: TestUser, payload?: unknown) =>
    t.app.inject({
      method,
      url: `/api/v1${url}`,
      ...(user ? { headers: user.auth } : {}),
      ...(payload === undefined ? {} : { payload: payload as object }),
    });

  /** `count` rows in one statement: equal created_at, so the id tie-breaker orders them. */
  async function seed(userId: string, count: number, isRead = false): Promise<string[]> {
    const values: string[] = [];
    const params: unknown[] = [userId, isRead];
    for (let i = 0; i < count; i += 1) {
      params.push(`Title ${i}`);
      values.push(
        `(gen_random_uuid(), $1::uuid, 'NEW_STORY', $${params.length}, 'Body', '{"storyId":"s"}', $2::boolean)`,
      );
    }
    const { rows } = await t.deps.pool.query(
      `insert into notifications (id, user_id, category, title, body, data, is_read)
       values ${values.join(', ')} returning id`,
      params,
    );
    return rows.map((row) => row.id as string);
  }

  describe('GET /notifications (NOTIF-01)', () => {
    it('pages newest first across 3 pages with limit 2, with the unread count', async () => {
      const user = await createUser(t.app);
      // Different timestamps for the first rows, then three with the same timestamp.
      const first = await seed(user.id, 1);
      await t.deps.pool.query(
        `update notifications set created_at = now() - interval '1 hour' where id = $1`,
        [first[0]],
      );
      const second = await seed(user.id, 1, true);
      await t.deps.pool.query(
        `update notifications set created_at = now() - interval '1 minute' where id = $1`,
        [second[0]],
      );
      const tied = await seed(user.id, 3);

      const seen: string[] = [];
      let cursor: string | null = null;
      const pages: Array<{ items: Array<{ id: string }>; hasMore: boolean; unreadCount: number }> = [];
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const res = await inject('GET', `/notifications${query}`, user);
        expect(res.statusCode).toBe(200);
        const data = res.json().data;
        pages.push(data);
        seen.push(...data.items.map((item: { id: string }) => item.id));
        cursor = data.nextCursor;
        expect(Boolean(cursor)).toBe(data.hasMore);
      } while (cursor);

      expect(pages.map((page) => page.items.length)).toEqual([2, 2, 1]);
      expect(pages.map((page) => page.hasMore)).toEqual([true, true, false]);
      expect(pages.every((page) => page.unreadCount === 4)).toBe(true);
      // Tied rows by id descending, then the older ones.
      const tiedOrder = [...tied].sort().reverse();
      expect(seen).toEqual([...tiedOrder, second[0], first[0]]);

      const item = pages[0]!.items[0] as Record<string, unknown>;
      expect(item).toEqual({
        id: tiedOrder[0],
        category: 'NEW_STORY',
        title: expect.any(String),
        body: 'Body',
        data: { storyId: 's' },
        isRead: false,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T.*Z$/),
      });
    });

    it('filters unread rows with unreadOnly=true', async () => {
      const user = await createUser(t.app);
      await seed(user.id, 2, true);
      const unread = await seed(user.id, 1);
      const res = await inject('GET', '/notifications?unreadOnly=true', user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({
        items: [expect.objectContaining({ id: unread[0] })],
        nextCursor: null,
        hasMore: false,
        unreadCount: 1,
      });
      const all = await inject('GET', '/notifications?unreadOnly=false', user);
      expect(all.json().data.items).toHaveLength(3);
    });

    it("never shows another user's notifications", async () => {
      const user = await createUser(t.app);
      await seed(other.id, 2);
      const res = await inject('GET', '/notifications', user);
      expect(res.json().data).toEqual({ items: [], nextCursor: null, hasMore: false, unreadCount: 0 });
    });

    it('answers 400 for a malformed cursor, a foreign cursor and limits out of range', async () => {
      const user = await createUser(t.app);
      for (const query of [
        'cursor=not-a-cursor',
        `cursor=${encodeCursor('stories:created_at:desc', ['2026-01-01T00:00:00.000Z'], randomUUID())}`,
        `cursor=${encodeCursor('notifications:created_at:desc', ['yesterday'], randomUUID())}`,
        `cursor=${encodeCursor('notifications:created_at:desc', ['2026-01-01T00:00:00.000Z'], 'abc')}`,
        'limit=101',
        'limit=0',
        'limit=abc',
        'unreadOnly=yes',
      ]) {
        const res = await inject('GET', `/notifications?${query}`, user);
        expect(res.statusCode, query).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 401 without a token', async () => {
      expect((await inject('GET', '/notifications')).statusCode).toBe(401);
    });
  });

  describe('PATCH /notifications/mark-read (NOTIF-02)', () => {
    it("marks only the caller's rows and ignores others'", async () => {
      const user = await createUser(t.app);
      const mine = await seed(user.id, 3);
      const theirs = await seed(other.id, 1);
      const res = await inject('PATCH', '/notifications/mark-read', user, {
        notificationIds: [mine[0], mine[1], theirs[0], randomUUID()],
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ success: true, updated: 2 });
      const list = await inject('GET', '/notifications?unreadOnly=true', user);
      expect(list.json().data.items.map((item: { id: string }) => item.id)).toEqual([mine[2]]);
      const { rows } = await t.deps.pool.query('select is_read from notifications where id = $1', [
        theirs[0],
      ]);
      expect(rows[0].is_read).toBe(false);

      const again = await inject('PATCH', '/notifications/mark-read', user, { notificationIds: [mine[0]] });
      expect(again.json().data.updated).toBe(0);
    });

    it('rejects a missing, empty, oversized or malformed list', async () => {
      const user = await createUser(t.app);
      const tooMany = Array.from({ length: 101 }, () => randomUUID());
      for (const payload of [
        {},
        { notificationIds: [] },
        { notificationIds: tooMany },
        { notificationIds: ['nope'] },
        { notificationIds: [randomUUID()], extra: 1 },
      ]) {
        const res = await inject('PATCH', '/notifications/mark-read', user, payload);
        expect(res.statusCode).toBe(400);
        expect(res.json().code).toBe('VALIDATION_ERROR');
      }
    });

    it('answers 401 without a token', async () => {
      const res = await inject('PATCH', '/notifications/mark-read', undefined, {
        notificationIds: [randomUUID()],
      });
      expect(res.statusCode).toBe(401);
    });
  });

  describe('PATCH /notifications/mark-all-read (NOTIF-03)', () => {
    it("marks every unread row of the caller and nobody else's", async () => {
      const user = await createUser(t.app);
      await seed(user.id, 3);
      await seed(user.id, 1, true);
      const theirs = await seed(other.id, 1);
      const res = await inject('PATCH', '/notifications/mark-all-read', user);
      expect(res.statusCode).toBe(200);
      expect(res.json().data).toEqual({ success: true, updated: 3 });
      expect((await inject('GET', '/notifications', user)).json().data.unreadCount).toBe(0);
      const { rows } = await t.deps.pool.query('select is_read from notifications where id = $1', [
        theirs[0],
      ]);
      expect(rows[0].is_read).toBe(false);
    });

    it('answers 401 without a token', async () => {
      expect((await inject('PATCH', '/notifications/mark-all-read')).statusCode).toBe(401);
    });
  });

  describe('createInAppNotification', () => {
    it('creates the row by default and when the in_app channel is enabled', async () => {
      const user = await createUser(t.app);
      const created = await t.app.core.db.transaction((tx) =>
        createInAppNotification(tx, {
          userId: user.id,
          category: 'BADGE_EARNED',
          title: 'New badge',
          body: 'You earned a badge',
          data: { badgeKey: 'first-story' },
        }),
      );
      expect(created).toBe(true);
      const list = (await inject('GET', '/notifications', user)).json().data;
      expect(list.items).toEqual([
        expect.objectContaining({
          category: 'BADGE_EARNED',
          title: 'New badge',
          data: { badgeKey: 'first-story' },
        }),
      ]);
    });

    it('respects an opt-out of the in_app channel, and a soft-deleted opt-out means enabled again', async () => {
      const user = await createUser(t.app);
      const { rows } = await t.deps.pool.query(
        `insert into notification_preferences (id, type, category, enabled, user_id)
         values (gen_random_uuid(), 'in_app', 'BADGE_EARNED', false, $1),
                (gen_random_uuid(), 'push', 'STREAK_MILESTONE', false, $1)
         returning id, category`,
        [user.id],
      );
      const create = (category: 'BADGE_EARNED' | 'STREAK_MILESTONE') =>
        createInAppNotification(t.app.core.db, { userId: user.id, category, title: 't', body: 'b' });

      expect(await create('BADGE_EARNED')).toBe(false);
      // Only the push channel is off for this category.
      expect(await create('STREAK_MILESTONE')).toBe(true);

      const badgeRow = rows.find((row) => row.category === 'BADGE_EARNED');
      await t.deps.pool.query('update notification_preferences set is_deleted = true where id = $1', [
        badgeRow.id,
      ]);
      expect(await create('BADGE_EARNED')).toBe(true);

      const list = (await inject('GET', '/notifications', user)).json().data;
      expect(list.items.map((item: { category: string }) => item.category).sort()).toEqual([
        'BADGE_EARNED',
        'STREAK_MILESTONE',
      ]);
    });

    it('writes nothing when the surrounding transaction rolls back', async () => {
      const user = await createUser(t.app);
      await expect(
        t.app.core.db.transaction(async (tx) => {
          await createInAppNotification(tx, {
            userId: user.id,
            category: 'SYSTEM_ALERT',
            title: 't',
            body: 'b',
          });
          throw new Error('rollback');
        }),
      ).rejects.toThrow('rollback');
      expect((await inject('GET', '/notifications', user)).json().data.items).toEqual([]);
    });
  });
});
