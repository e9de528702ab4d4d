import { cacheTags } from '@storytime/cache';
import { feedPageQuery } from '@storytime/db/repositories/story-feed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKid, createUser, type TestUser } from './factories';
import { createTestApp, type TestApp } from './helpers';
import { countQueries } from './query-count';
import {
  type CursorPage,
  createCategory,
  createSeason,
  createStories,
  getData,
} from './stories-feed-fixtures';

/**
 * No N+1 and no OFFSET for the feed and catalogue: the statement count does not grow with the page
 * size or the page depth, and the feed statements are served by the partial indexes.
 */

describe('feed and catalogue statement counts', () => {
  let t: TestApp;
  let parent: TestUser;
  let category: string;
  let kidId: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_MULTIPLIER: '100' } });
    parent = await createUser(t.app);
    kidId = await createKid(t.app, parent.id);
    category = await createCategory(t);
    const season = await createSeason(t);
    await createStories(
      t,
      Array.from({ length: 60 }, (_, index) => ({
        categoryIds: [category],
        seasonIds: [season],
        favoriteCount: index % 4,
        difficultyLevel: 1 + (index % 3),
        createdAt: new Date(Date.UTC(2023, 0, 1, 0, index)),
      })),
    );
  });
  afterAll(async () => t.close());

  const count = async (url: string, headers: Record<string, string> = {}) => {
    // Warm the caches (session, seasons, kid profile) with an identical request first.
    await t.app.inject({ method: 'GET', url, headers });
    const result = await countQueries(t, { method: 'GET', url, headers });
    expect(result.response.statusCode).toBe(200);
    return result;
  };

  it('feed first page: one statement for limit 2 and limit 50', async () => {
    const small = await count(`/api/v1/stories?category=${category}&limit=2`);
    const large = await count(`/api/v1/stories?category=${category}&limit=50`);
    expect(small.count).toBe(1);
    expect(large.count).toBe(small.count);
  });

  it('a later cursor page: one statement, a keyset row comparison, no OFFSET', async () => {
    for (const sort of ['', '&isMostLiked=true']) {
      const base = `/api/v1/stories?category=${category}${sort}`;
      const page = await getData<CursorPage>(t, `${base}&limit=30`);
      const cursor = encodeURIComponent(page.nextCursor!);
      const small = await count(`${base}&limit=2&cursor=${cursor}`);
      const large = await count(`${base}&limit=50&cursor=${cursor}`);
      expect(small.count).toBe(1);
      expect(large.count).toBe(1);
      const statement = large.statements[0]!.toLowerCase();
      expect(statement).toMatch(/\) < \(/);
      expect(statement).not.toContain('offset');
    }
  });

  it('kid feed: the ownership probe plus the page, whatever the limit', async () => {
    const small = await count(`/api/v1/stories?category=${category}&kidId=${kidId}&limit=2`, parent.auth);
    const large = await count(`/api/v1/stories?category=${category}&kidId=${kidId}&limit=50`, parent.auth);
    expect(small.count).toBe(2);
    expect(large.count).toBe(small.count);
  });

  it('seasonal feed and offset pages stay constant too', async () => {
    const seasonal = await count(`/api/v1/stories?category=${category}&isSeasonal=true&limit=50`);
    expect(seasonal.count).toBe(1);
    const offsetSmall = await count(`/api/v1/stories?category=${category}&page=2&limit=2`);
    const offsetLarge = await count(`/api/v1/stories?category=${category}&page=1&limit=50`);
    expect(offsetSmall.count).toBe(2);
    expect(offsetLarge.count).toBe(2);
  });

  it('categories: one aggregate statement when cold, none when cached', async () => {
    await t.app.core.cache.invalidateTags([cacheTags.storyContent]);
    const cold = await countQueries(t, { method: 'GET', url: '/api/v1/stories/categories' });
    expect(cold.response.statusCode).toBe(200);
    expect(cold.count).toBe(1);
    const warm = await countQueries(t, { method: 'GET', url: '/api/v1/stories/categories' });
    expect(warm.count).toBe(0);
  });

  it('homepage: three statements (one per row) for limit 2 and limit 20', async () => {
    const small = await count(
      '/api/v1/stories/homepage/parent?limitRecommended=2&limitSeasonal=2&limitTopLiked=2',
      parent.auth,
    );
    const large = await count(
      '/api/v1/stories/homepage/parent?limitRecommended=20&limitSeasonal=20&limitTopLiked=20',
      parent.auth,
    );
    expect(small.count).toBe(3);
    expect(large.count).toBe(small.count);
  });

  it('top picks: one statement when cold, whatever the limit', async () => {
    await t.app.core.cache.invalidateTags([cacheTags.storyContent]);
    for (const limit of [2, 50]) {
      const cold = await countQueries(t, {
        method: 'GET',
        url: `/api/v1/stories/recommendations/top-picks?limit=${limit}`,
      });
      expect(cold.response.statusCode).toBe(200);
      expect(cold.count).toBe(1);
    }
  });
});

describe('feed statements use the partial indexes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** The plan with sequential scans and sorts priced out: an index must serve both filter and order. */
  async function plan(query: { toSQL(): { sql: string; params: unknown[] } }): Promise<string> {
    const { sql, params } = query.toSQL();
    const client = await t.deps.pool.connect();
    try {
      await client.query('begin');
      await client.query('set local enable_seqscan = off');
      await client.query('set local enable_bitmapscan = off');
      await client.query('set local enable_sort = off');
      const { rows } = await client.query(`explain (format json) ${sql}`, params);
      return JSON.stringify(rows[0]['QUERY PLAN']);
    } finally {
      await client.query('rollback');
      client.release();
    }
  }

  const after = {
    createdAt: '2024-01-01T00:00:00.000001Z',
    id: '0190c7d0-0000-7000-8000-000000000000',
    favoriteCount: 3,
  };

  it('recent: stories_feed_created_idx, the cursor as an index condition, no sort', async () => {
    const first = await plan(feedPageQuery(t.app.core.db, {}, 'recent', { fetch: 13 }));
    expect(first).toContain('"Index Name":"stories_feed_created_idx"');
    expect(first).not.toContain('"Node Type":"Sort"');
    const deep = await plan(feedPageQuery(t.app.core.db, {}, 'recent', { after, fetch: 13 }));
    expect(deep).toContain('"Index Name":"stories_feed_created_idx"');
    expect(deep).toMatch(/"Index Cond":"\(ROW\(created_at, id\) < ROW\(/);
    expect(deep).not.toContain('"Node Type":"Sort"');
  });

  it('most liked: stories_feed_favorites_idx with the three-key row comparison', async () => {
    const deep = await plan(feedPageQuery(t.app.core.db, {}, 'most-liked', { after, fetch: 13 }));
    expect(deep).toContain('"Index Name":"stories_feed_favorites_idx"');
    expect(deep).toMatch(/"Index Cond":"\(ROW\(favorite_count, created_at, id\) < ROW\(/);
    expect(deep).not.toContain('"Node Type":"Sort"');
  });

  it('a category filter keeps the ordered index scan (EXISTS probe on the join table)', async () => {
    const filtered = await plan(
      feedPageQuery(t.app.core.db, { categoryId: after.id, age: 5 }, 'recent', { after, fetch: 13 }),
    );
    expect(filtered).toContain('"Index Name":"stories_feed_created_idx"');
    expect(filtered).not.toContain('"Node Type":"Sort"');
  });
});
