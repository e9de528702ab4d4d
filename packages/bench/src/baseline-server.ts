import Fastify, { type FastifyReply, type FastifyRequest } from 'fastify';
import pg from 'pg';
import { announceReady, onStop } from './child-protocol';
import { uuid7Sql } from './database';

/**
 * The baseline: bare Fastify and a `pg` pool running the same SQL as the API for each benchmarked
 * route, and nothing else — no validation, no envelope, no cache, no rate limiting, no request
 * logging, no transactions, and "auth" is a lookup of the bearer token in a map that run.ts
 * passes in (BASELINE_TOKENS, token → user id). The gap between the two is the price of the
 * API's platform layer; a ratio above 1 means our caching pays for more than that price.
 *
 * Feed cursors are base64url JSON `{ k: [created_at key], id }`, like the API's, so the baseline
 * walks the same keyset.
 */

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // Same pool size as the API (DB_POOL_MAX), or the comparison would measure the pool instead.
  max: Number(process.env.DB_POOL_MAX ?? 20),
  application_name: 'storytime-bench-baseline',
});
const tokens = new Map<string, string>(Object.entries(JSON.parse(process.env.BASELINE_TOKENS ?? '{}')));

const PUBLIC = 's.is_deleted = false and s.is_published = true and s.owner_user_id is null';

const linked = (join: string, table: string, column: string) => `coalesce((
    select json_agg(json_build_object('id', l.id, 'name', l.name) order by l.name)
    from ${join} j join ${table} l on l.id = j.${column}
    where j.story_id = s.id and l.is_deleted = false
  ), '[]'::json)`;

// The columns of StoryListItem, as storyListSelection in packages/db/src/repositories/story-list.ts.
const LIST_COLUMNS = `s.id, s.title, s.description, s.language, s.cover_image_url as "coverImageUrl",
  s.audio_url as "audioUrl", s.is_interactive as "isInteractive", s.age_min as "ageMin",
  s.age_max as "ageMax", s.background_color as "backgroundColor", s.recommended,
  s.ai_generated as "aiGenerated", s.difficulty_level as "difficultyLevel", s.word_count as "wordCount",
  s.duration_seconds as "durationSeconds", s.creator_kid_id as "creatorKidId",
  s.created_at as "createdAt", s.updated_at as "updatedAt",
  to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as "createdAtKey",
  ${linked('story_categories', 'categories', 'category_id')} as categories,
  ${linked('story_themes', 'themes', 'theme_id')} as themes,
  ${linked('story_seasons', 'seasons', 'season_id')} as seasons`;

const FEED_FIRST = `select ${LIST_COLUMNS} from stories s where ${PUBLIC}
  order by s.created_at desc, s.id desc limit $1`;
const FEED_AFTER = `select ${LIST_COLUMNS} from stories s
  where ${PUBLIC} and (s.created_at, s.id) < ($2::timestamptz, $3::uuid)
  order by s.created_at desc, s.id desc limit $1`;

// listCategoriesWithCounts in packages/db/src/repositories/catalogue.ts: one aggregate over the links.
const CATEGORIES = `select c.id, c.name, c.image, c.description, count(s.id)::int as "storyCount"
  from categories c
  left join story_categories sc on sc.category_id = c.id
  left join stories s on s.id = sc.story_id and ${PUBLIC}
  where c.is_deleted = false
  group by c.id order by c.name`;

const STORY_DETAIL = `select ${LIST_COLUMNS}, s.text_content as "textContent", s.owner_user_id as "ownerUserId",
    coalesce((select json_agg(json_build_object('id', i.id, 'url', i.url, 'caption', i.caption)
      order by i.created_at, i.id) from story_images i where i.story_id = s.id), '[]'::json) as images,
    coalesce((select json_agg(json_build_object('id', b.id, 'prompt', b.prompt, 'optionA', b.option_a,
      'optionB', b.option_b, 'nextA', b.next_a, 'nextB', b.next_b) order by b.created_at, b.id)
      from story_branches b where b.story_id = s.id), '[]'::json) as branches,
    coalesce((select json_agg(json_build_object('id', q.id, 'question', q.question, 'options', q.options,
      'correctOption', q.correct_option) order by q.position, q.id)
      from story_questions q where q.story_id = s.id), '[]'::json) as questions
  from stories s
  where s.id = $1 and s.is_deleted = false and s.is_published = true
    and (s.owner_user_id is null or s.owner_user_id = $2)`;

// rules.md §1.2 in SQL: admin, coupon premium, or a running paid subscription.
const IS_PREMIUM = `select (u.role = 'admin' or coalesce(u.premium_access_until > now(), false)
    or coalesce(sub.plan <> 'free' and sub.status in ('active', 'cancelled') and sub.ends_at > now(), false))
    as premium
  from users u left join subscriptions sub on sub.user_id = u.id where u.id = $1`;

// findParentProfile in packages/db/src/repositories/profiles.ts: the user row with joins, then the two sets.
const PROFILE = `select u.id, u.email, u.title, u.name, u.role, u.onboarding_status as "onboardingStatus",
    u.is_email_verified as "isEmailVerified", u.biometrics_enabled as "biometricsEnabled",
    (u.pin_hash is not null) as "pinSet", u.created_at as "createdAt", u.updated_at as "updatedAt",
    a.id as "avatarId", a.url as "avatarUrl", a.is_system_avatar as "avatarIsSystem",
    p.explicit_content as "explicitContent", p.max_screen_time_mins as "maxScreenTimeMins",
    p.language, p.language_code as "languageCode", p.country,
    (select count(*)::int from kids k where k.parent_id = u.id and k.is_deleted = false) as "numberOfKids"
  from users u left join avatars a on a.id = u.avatar_id left join profiles p on p.user_id = u.id
  where u.id = $1`;
const PREFERRED_CATEGORIES = `select c.id, c.name from user_preferred_categories upc
  join categories c on c.id = upc.category_id
  where upc.user_id = $1 and c.is_deleted = false order by c.name`;
const LEARNING_EXPECTATIONS = `select le.id, le.name from user_learning_expectations ule
  join learning_expectations le on le.id = ule.learning_expectation_id
  where ule.user_id = $1 and le.is_deleted = false order by le.name`;

const OWNED_KID = 'select 1 from kids where id = $1 and parent_id = $2 and is_deleted = false';
const VISIBLE_STORY = `select id from stories s where s.id = $1 and s.is_deleted = false and s.is_published = true
  and (s.owner_user_id is null or s.owner_user_id = $2)`;
const UPSERT_PROGRESS = `insert into story_progress as sp (id, kid_id, story_id, progress, completed, completed_at,
    last_accessed, total_time_spent)
  values (${uuid7Sql('now()')}, $1, $2, $3, $4, case when $4 then now() end, now(), $5)
  on conflict (kid_id, story_id) do update set
    progress = excluded.progress,
    completed = sp.completed or excluded.completed,
    completed_at = coalesce(sp.completed_at, excluded.completed_at),
    last_accessed = now(),
    total_time_spent = sp.total_time_spent + excluded.total_time_spent
  returning id, kid_id as "kidId", story_id as "storyId", progress, completed, last_accessed as "lastAccessed",
    total_time_spent as "totalTimeSpent"`;

function callerOf(request: FastifyRequest, reply: FastifyReply): string | undefined {
  const header = request.headers.authorization ?? '';
  const userId = tokens.get(header.replace(/^Bearer /, ''));
  if (!userId) void reply.code(401).send({ error: 'unauthorized' });
  return userId;
}

function decodeCursor(cursor: string): { key: string; id: string } {
  const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { k: string[]; id: string };
  return { key: String(body.k[0]), id: body.id };
}

function encodeCursor(key: string, id: string): string {
  return Buffer.from(JSON.stringify({ v: 1, s: 'baseline', k: [key], id }), 'utf8').toString('base64url');
}

const app = Fastify({ logger: false });

app.get('/api/v1/health', async () => ({ status: 'ok' }));

app.get('/api/v1/stories', async (request) => {
  const query = request.query as { limit?: string; cursor?: string };
  const limit = Number(query.limit ?? 12);
  const after = query.cursor ? decodeCursor(query.cursor) : undefined;
  const { rows } = after
    ? await pool.query(FEED_AFTER, [limit + 1, after.key, after.id])
    : await pool.query(FEED_FIRST, [limit + 1]);
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  return { items, hasMore, nextCursor: hasMore && last ? encodeCursor(last.createdAtKey, last.id) : null };
});

app.get('/api/v1/stories/categories', async () => (await pool.query(CATEGORIES)).rows);

app.get('/api/v1/stories/:id', async (request, reply) => {
  const userId = callerOf(request, reply);
  if (!userId) return reply;
  const { id } = request.params as { id: string };
  const premium = (await pool.query(IS_PREMIUM, [userId])).rows[0]?.premium === true;
  const story = (await pool.query(STORY_DETAIL, [id, userId])).rows[0];
  if (!story) return reply.code(404).send({ error: 'not found' });
  if (!premium && story.ownerUserId !== userId) {
    // The "already read" path of the quota (rules.md §2 step 3); the benchmark never spends quota.
    const access = await pool.query('select 1 from story_access where user_id = $1 and story_id = $2', [
      userId,
      id,
    ]);
    if (access.rowCount === 0) return reply.code(403).send({ error: 'story limit exceeded' });
  }
  return story;
});

app.get('/api/v1/user/me', async (request, reply) => {
  const userId = callerOf(request, reply);
  if (!userId) return reply;
  const [profile, categories, expectations, premium] = await Promise.all([
    pool.query(PROFILE, [userId]),
    pool.query(PREFERRED_CATEGORIES, [userId]),
    pool.query(LEARNING_EXPECTATIONS, [userId]),
    pool.query(IS_PREMIUM, [userId]),
  ]);
  return {
    ...profile.rows[0],
    preferredCategories: categories.rows,
    learningExpectations: expectations.rows,
    isPremium: premium.rows[0]?.premium === true,
  };
});

app.post('/api/v1/stories/progress', async (request, reply) => {
  const userId = callerOf(request, reply);
  if (!userId) return reply;
  const body = request.body as {
    kidId: string;
    storyId: string;
    progress: number;
    completed?: boolean;
    sessionTime?: number;
  };
  const [kid, story] = await Promise.all([
    pool.query(OWNED_KID, [body.kidId, userId]),
    pool.query(VISIBLE_STORY, [body.storyId, userId]),
  ]);
  if (kid.rowCount === 0 || story.rowCount === 0) return reply.code(404).send({ error: 'not found' });
  const { rows } = await pool.query(UPSERT_PROGRESS, [
    body.kidId,
    body.storyId,
    body.progress,
    body.completed ?? false,
    body.sessionTime ?? 0,
  ]);
  return reply.code(201).send(rows[0]);
});

await app.listen({ port: 0, host: '127.0.0.1' });
onStop(async () => {
  await app.close();
  await pool.end();
});
announceReady(app.server.address());
