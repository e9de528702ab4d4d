/**
 * The benchmark scenarios. Each one is the same request stream against our API and against the
 * baseline; only the deep-page cursor differs (each server gets a cursor in its own encoding for
 * the same keyset position). Requests that name a story rotate through a list of ids with one
 * counter shared by all connections, so the load spreads over many rows instead of hammering one
 * (a single hot row would measure lock waits, and a single cached key would measure the cache).
 */

export type Target = 'ours' | 'baseline';

export interface BenchContext {
  premium: { token: string; userId: string; kidId: string };
  free: { token: string; userId: string; readStoryIds: string[] };
  /** Public stories spread over the whole feed (deterministic sample). */
  storyIds: string[];
  deepCursor: Record<Target, string>;
}

export interface RequestSpec {
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  /** The n-th request of the stream (n counts across all connections). */
  next(n: number): { path: string; body?: string };
}

export interface Scenario {
  id: string;
  title: string;
  /** What the scenario measures, for the report and docs/performance.md. */
  measures: string;
  request(target: Target): RequestSpec;
}

const API = '/api/v1';

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function pick<T>(list: readonly T[], n: number): T {
  const item = list[n % list.length];
  if (item === undefined) throw new Error('empty rotation list');
  return item;
}

export function buildScenarios(context: BenchContext): Scenario[] {
  return [
    {
      id: 'health',
      title: 'GET /health',
      measures: 'the platform layer alone (request context, security headers, envelope); no database',
      request: () => ({ method: 'GET', headers: {}, next: () => ({ path: `${API}/health` }) }),
    },
    {
      id: 'feed-first',
      title: 'GET /stories?limit=12',
      measures: 'the public feed, first page: keyset scan of the partial feed index plus the list selection',
      request: () => ({ method: 'GET', headers: {}, next: () => ({ path: `${API}/stories?limit=12` }) }),
    },
    {
      id: 'feed-deep',
      title: 'GET /stories?limit=12&cursor=<page 500>',
      measures: 'the same feed 5,988 rows deep: a keyset cursor must cost what the first page costs',
      request: (target) => {
        const path = `${API}/stories?limit=12&cursor=${encodeURIComponent(context.deepCursor[target])}`;
        return { method: 'GET', headers: {}, next: () => ({ path }) };
      },
    },
    {
      id: 'detail-premium',
      title: 'GET /stories/:id (premium)',
      measures:
        'story detail with text, questions and links, as a premium parent (quota check short-circuits)',
      request: () => ({
        method: 'GET',
        headers: bearer(context.premium.token),
        next: (n) => ({ path: `${API}/stories/${pick(context.storyIds, n)}` }),
      }),
    },
    {
      id: 'detail-free-read',
      title: 'GET /stories/:id (free, already read)',
      measures:
        'story detail as a free parent re-opening a story already counted: the metered path without a write',
      request: () => ({
        method: 'GET',
        headers: bearer(context.free.token),
        next: (n) => ({ path: `${API}/stories/${pick(context.free.readStoryIds, n)}` }),
      }),
    },
    {
      id: 'categories',
      title: 'GET /stories/categories',
      measures:
        'the catalogue with per-category public story counts (cached 1 h by the API, recounted by the baseline)',
      request: () => ({ method: 'GET', headers: {}, next: () => ({ path: `${API}/stories/categories` }) }),
    },
    {
      id: 'user-me',
      title: 'GET /user/me',
      measures: 'an authenticated read: JWT + session check, the parent profile and premium status',
      request: () => ({
        method: 'GET',
        headers: bearer(context.premium.token),
        next: () => ({ path: `${API}/user/me` }),
      }),
    },
    {
      id: 'progress',
      title: 'POST /stories/progress',
      measures:
        "a write: a kid's progress upsert (ownership check, visibility check, upsert), never completing",
      request: () => ({
        method: 'POST',
        headers: { ...bearer(context.premium.token), 'content-type': 'application/json' },
        next: (n) => ({
          path: `${API}/stories/progress`,
          body: JSON.stringify({
            kidId: context.premium.kidId,
            storyId: pick(context.storyIds, n),
            progress: 5 + (n % 90),
            completed: false,
            sessionTime: 15,
          }),
        }),
      }),
    },
  ];
}
