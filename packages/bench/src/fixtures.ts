import pg from 'pg';
import { BENCH_PARENTS, BENCH_PASSWORD, parentEmail } from './scale';
import type { BenchContext } from './scenarios';

/**
 * What the scenarios need before the clock starts: real access tokens (signed in through the API),
 * the ids they act on, and the page-500 cursor. Problems (a route not built yet, a failed login)
 * become notes and placeholder values, so the affected scenarios still run and show their status
 * in the table instead of aborting the whole benchmark.
 */

export const DEEP_PAGE = 500;
export const PAGE_SIZE = 12;
const ROTATION_SIZE = 500;

const PUBLIC = 'is_deleted = false and is_published = true and owner_user_id is null';

interface Envelope<T> {
  data?: T;
  code?: string;
  message?: string;
}

async function getJson<T>(url: string, init?: RequestInit): Promise<{ status: number; body: Envelope<T> }> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as Envelope<T>;
  return { status: response.status, body };
}

async function login(apiUrl: string, email: string, notes: string[]): Promise<string> {
  const { status, body } = await getJson<{ jwt: string }>(`${apiUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: BENCH_PASSWORD }),
  });
  if (status === 200 && body.data?.jwt) return body.data.jwt;
  notes.push(`login of ${email} answered ${status} ${body.code ?? ''}: authenticated scenarios will fail`);
  // Unknown to the API (so those scenarios show 401), still mapped to the user by the baseline.
  return `login-failed-${email}`;
}

function cursorOf(sort: string, key: string, id: string): string {
  return Buffer.from(JSON.stringify({ v: 1, s: sort, k: [key], id }), 'utf8').toString('base64url');
}

/**
 * Follows `nextCursor` from the first page to page 500 with limit 12, as a client scrolling would:
 * the result is a cursor the API itself issued. Undefined (with a note) when the chain breaks.
 */
async function walkToDeepPage(
  apiUrl: string,
  expectedId: string,
  notes: string[],
): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let page = 1; page < DEEP_PAGE; page += 1) {
    const query = `limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const { status, body } = await getJson<{ nextCursor?: string | null }>(
      `${apiUrl}/api/v1/stories?${query}`,
    );
    const next = body.data?.nextCursor;
    if (status !== 200 || !next) {
      notes.push(`feed cursor walk stopped at page ${page} (HTTP ${status} ${body.code ?? ''})`);
      return undefined;
    }
    cursor = next;
  }
  try {
    const decoded = JSON.parse(Buffer.from(cursor ?? '', 'base64url').toString('utf8')) as { id?: string };
    if (decoded.id !== expectedId) {
      notes.push(
        `page-${DEEP_PAGE} cursor of the API points at ${decoded.id}, SQL order says ${expectedId}: feed order differs`,
      );
    }
  } catch {
    notes.push(`page-${DEEP_PAGE} cursor of the API is not base64url JSON`);
  }
  return cursor;
}

export async function prepareContext(
  databaseUrl: string,
  apiUrl: string,
): Promise<{ context: BenchContext; baselineTokens: Record<string, string>; notes: string[] }> {
  const notes: string[] = [];
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const premiumEmail = parentEmail(BENCH_PARENTS.premium);
    const freeEmail = parentEmail(BENCH_PARENTS.free);
    const { rows: parents } = await client.query<{ email: string; userId: string; kidId: string | null }>(
      `select u.email, u.id as "userId",
         (select k.id from kids k where k.parent_id = u.id and k.is_deleted = false
           order by k.created_at, k.id limit 1) as "kidId"
       from users u where u.email = any($1)`,
      [[premiumEmail, freeEmail]],
    );
    const premium = parents.find((row) => row.email === premiumEmail);
    const free = parents.find((row) => row.email === freeEmail);
    if (!premium?.kidId || !free) throw new Error('the generated parents are missing: run with --force');

    const { rows: read } = await client.query<{ storyId: string }>(
      'select story_id as "storyId" from story_access where user_id = $1 order by story_id',
      [free.userId],
    );
    // md5 order: a fixed sample spread over the whole feed rather than its newest corner.
    const { rows: sample } = await client.query<{ id: string }>(
      `select id from stories where ${PUBLIC} order by md5(id::text) limit ${ROTATION_SIZE}`,
    );
    // The last item of page 499 carries the keys of the page-500 cursor.
    const { rows: boundary } = await client.query<{ id: string; key: string }>(
      `select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as key
       from stories where ${PUBLIC} order by created_at desc, id desc offset $1 limit 1`,
      [(DEEP_PAGE - 1) * PAGE_SIZE - 1],
    );
    const deep = boundary[0];
    if (!deep) {
      throw new Error(`page ${DEEP_PAGE} needs ${DEEP_PAGE * PAGE_SIZE} public stories: generate more`);
    }
    if (read.length === 0) throw new Error('the free parent has read no story: run with --force');

    const premiumToken = await login(apiUrl, premiumEmail, notes);
    const freeToken = await login(apiUrl, freeEmail, notes);
    let ours = await walkToDeepPage(apiUrl, deep.id, notes);
    if (!ours) {
      // Only reached when the feed route is missing or broken: that scenario then reports its status.
      // The sort name of apps/api/src/modules/stories/feed.cursor.ts for the `recent` feed.
      ours = cursorOf('stories:created_at:desc', deep.key, deep.id);
      notes.push(`feed-deep for ours uses a cursor computed from SQL, not one the API issued`);
    }

    return {
      context: {
        premium: { token: premiumToken, userId: premium.userId, kidId: premium.kidId },
        free: { token: freeToken, userId: free.userId, readStoryIds: read.map((row) => row.storyId) },
        storyIds: sample.map((row) => row.id),
        deepCursor: { ours, baseline: cursorOf('baseline', deep.key, deep.id) },
      },
      baselineTokens: { [premiumToken]: premium.userId, [freeToken]: free.userId },
      notes,
    };
  } finally {
    await client.end();
  }
}
