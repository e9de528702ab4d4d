import type pg from 'pg';
import { uuid7Sql as uuid7 } from './database';
import type { Scale } from './scale';

/**
 * Parents (profiles, subscriptions), kids, reading progress, favorites and quota usage. Runs in the
 * generator's transaction after generate-stories.ts, whose `bench_story` table it joins.
 */
export async function generateFamilies(client: pg.Client, scale: Scale, passwordHash: string): Promise<void> {
  // Parent n is premium when n % 4 = 1 (one in four), as BENCH_PARENTS in scale.ts expects.
  await client.query(
    `create temp table bench_parent on commit drop as
     select t.g as n, ${uuid7('t.created_at')} as id, t.created_at, t.g % 4 = 1 as premium
     from (
       select g, now() - interval '1 day' - make_interval(secs => ($1::int - g) * 31536000.0 / $1::int) as created_at
       from generate_series(1, $1::int) g
     ) t`,
    [scale.parents],
  );
  await client.query(
    `insert into users (id, email, password_hash, name, is_email_verified, onboarding_status, role,
       created_at, updated_at)
     select id, format('bench-parent-%s@bench.storytime.test', lpad(n::text, 5, '0')), $1,
       'Bench Parent ' || n, true, 'pin_setup', 'parent', created_at, created_at
     from bench_parent`,
    [passwordHash],
  );
  await client.query(
    `insert into profiles (id, user_id, language, language_code, country, created_at, updated_at)
     select ${uuid7('created_at')}, id, 'English', 'en', 'NG', created_at, created_at from bench_parent`,
  );
  await client.query(
    `insert into subscriptions (id, user_id, plan, status, source, platform, auto_renew, started_at,
       ends_at, created_at, updated_at)
     select ${uuid7('created_at')}, id, 'yearly', 'active', 'admin', 'admin', false, created_at,
       now() + interval '1 year', created_at, created_at
     from bench_parent where premium`,
  );

  await client.query(
    `create temp table bench_kid on commit drop as
     select (p.n - 1) * $1::int + k as n, p.id as parent_id, ${uuid7("p.created_at + k * interval '1 minute'")} as id,
       p.created_at + k * interval '1 minute' as created_at
     from bench_parent p cross join generate_series(1, $1::int) k`,
    [scale.kidsPerParent],
  );
  await client.query(
    `insert into kids (id, parent_id, name, age_range, current_reading_level, created_at, updated_at)
     select id, parent_id, 'Bench Kid ' || n, (array['1-3', '4-6', '7-9', '10-12'])[1 + n % 4],
       1 + n % 10, created_at, created_at
     from bench_kid`,
  );

  // One row in four is finished (progress 100); the others are "continue reading" rows.
  await client.query(
    `insert into story_progress (id, kid_id, story_id, progress, completed, completed_at, last_accessed,
       total_time_spent)
     select ${uuid7('t.at')}, k.id, b.id, t.progress, t.progress = 100,
       case when t.progress = 100 then t.at end, t.at, (t.progress * 6)::int
     from bench_kid k
     cross join generate_series(1, $1::int) i
     join bench_story b on b.n = 1 + (k.n * 37 + i * 101) % $2::int
     cross join lateral (
       select case when (k.n + i) % 4 = 0 then 100 else 5 + (k.n * 13 + i * 7) % 90 end::real as progress,
         now() - make_interval(mins => (k.n * 17 + i * 131) % 43200) as at
     ) t
     on conflict (kid_id, story_id) do nothing`,
    [scale.progressPerKid, scale.stories],
  );
  await client.query(
    `insert into favorites (id, kid_id, story_id, created_at)
     select ${uuid7("k.created_at + i * interval '1 hour'")}, k.id, b.id, k.created_at + i * interval '1 hour'
     from bench_kid k
     cross join generate_series(1, $1::int) i
     join bench_story b on b.n = 1 + (k.n * 53 + i * 211) % $2::int
     on conflict (kid_id, story_id) do nothing`,
    [scale.favoritesPerKid, scale.stories],
  );

  // Parent favorites lean towards the newest stories (n = S - floor(S·r³)), so favorite_count has a
  // long tail like a real "most liked" list instead of a flat 0/1.
  await client.query(
    `insert into parent_favorites (id, user_id, story_id, created_at)
     select ${uuid7('f.at')}, f.user_id, b.id, f.at
     from (
       select distinct on (x.user_id, x.n) x.user_id, x.n, x.at
       from (
         select p.id as user_id, p.created_at + i * interval '1 day' as at,
           $2::int - floor($2::int * power(random(), 3))::int as n
         from bench_parent p cross join generate_series(1, $1::int) i
       ) x
     ) f
     join bench_story b on b.n = f.n
     on conflict (user_id, story_id) do nothing`,
    [scale.favoritesPerParent, scale.stories],
  );
  // The invariant of stories.favoriteCount: equal to its parent_favorites rows.
  await client.query(
    `update stories s set favorite_count = f.count
     from (select story_id, count(*)::int as count from parent_favorites group by story_id) f
     where s.id = f.story_id`,
  );

  // Free parents have already opened a few stories: story_access rows and the matching usage counter.
  await client.query(
    `insert into story_access (user_id, story_id, first_accessed_at)
     select p.id, b.id, p.created_at + i * interval '1 hour'
     from bench_parent p
     cross join generate_series(1, $1::int) i
     join bench_story b on b.n = 1 + (p.n * 97 + i * 131) % $2::int
     where not p.premium
     on conflict do nothing`,
    [scale.readsPerFreeParent, scale.stories],
  );
  await client.query(
    `insert into user_usages (id, user_id, current_month, unique_stories_read)
     select ${uuid7('now()')}, a.user_id, to_char(now() at time zone 'UTC', 'YYYY-MM'), count(*)::int
     from story_access a join bench_parent p on p.id = a.user_id
     group by a.user_id`,
  );
}
