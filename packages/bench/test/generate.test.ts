import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verify } from '@node-rs/argon2';
import { testDatabaseUrl } from '@storytime/db/testing';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDatabaseUrl, ensureBenchDatabase } from '../src/database';
import { type GenerateResult, generateBenchData } from '../src/generate';
import { BENCH_PASSWORD, parentEmail, scaleFromArgs } from '../src/scale';

/**
 * The generator at a small scale (`--stories 200 --parents 10`) in the run's test database. The
 * database is this package's own for the run, so global counts are safe to assert here. No timing
 * assertions: the machine's speed is not what is tested.
 */

const scale = scaleFromArgs({ stories: '200', parents: '10' });
const GENERATED = "cover_image_url like 'https://media.storytime.invalid/bench/%'";
// Parents 1, 5 and 9 of 10 are premium (n % 4 = 1); the 7 others are free.
const PREMIUM_PARENTS = 3;
const FREE_PARENTS = 7;

let client: pg.Client;
let mediaDir: string;
let first: GenerateResult;

async function count(sql: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(`select (${sql})::int as n`);
  return rows[0]?.n ?? -1;
}

beforeAll(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), 'storytime-bench-media-'));
  first = await generateBenchData(testDatabaseUrl(), scale, { mediaDir });
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await rm(mediaDir, { recursive: true, force: true });
});

describe('generateBenchData', () => {
  it('creates the stories with ~2 KB of text, varied attributes and catalogue links', async () => {
    expect(first.skipped).toBe(false);
    expect(await count(`select count(*) from stories where ${GENERATED}`)).toBe(200);
    expect(
      await count(`select count(*) from stories where ${GENERATED}
        and is_deleted = false and is_published = true and owner_user_id is null`),
    ).toBe(200);
    const { rows } = await client.query(
      `select avg(octet_length(text_content))::int as "avgBytes", count(distinct title)::int as titles,
         count(distinct difficulty_level)::int as difficulties, min(difficulty_level) as "minDifficulty",
         max(difficulty_level) as "maxDifficulty", count(distinct (age_min, age_max))::int as "ageRanges",
         bool_and(age_min <= age_max) as "agesOrdered", count(distinct date_trunc('day', created_at))::int as days
       from stories where ${GENERATED}`,
    );
    const stats = rows[0];
    expect(stats.avgBytes).toBeGreaterThan(1800);
    expect(stats.avgBytes).toBeLessThan(2600);
    expect(stats.titles).toBe(200);
    expect(stats).toMatchObject({ difficulties: 10, minDifficulty: 1, maxDifficulty: 10, agesOrdered: true });
    expect(stats.ageRanges).toBeGreaterThan(5);
    expect(stats.days).toBeGreaterThan(100);

    for (const table of ['story_categories', 'story_themes']) {
      expect(
        await count(`select count(*) from stories s where ${GENERATED}
          and not exists (select 1 from ${table} l where l.story_id = s.id)`),
      ).toBe(0);
    }
    expect(
      await count(`select count(distinct l.story_id) from story_seasons l
      join stories s on s.id = l.story_id where ${GENERATED}`),
    ).toBe(50);
    expect(
      await count(`select count(*) from story_questions q
      join stories s on s.id = q.story_id where ${GENERATED}`),
    ).toBe(600);
  });

  it('stores the derived columns the application would compute, and time-ordered v7 ids', async () => {
    const { rows } = await client.query<{
      id: string;
      text: string;
      hash: string;
      words: number;
      duration: number;
      ms: string;
    }>(
      `select id, text_content as text, text_hash as hash, word_count as words, duration_seconds as duration,
         floor(extract(epoch from created_at) * 1000)::bigint::text as ms
       from stories where ${GENERATED} order by created_at limit 20`,
    );
    for (const row of rows) {
      // countWords / storyTextHash of @storytime/domain: the text is already in normalised form.
      const words = row.text.trim().split(/\s+/).length;
      expect(row.words).toBe(words);
      expect(row.duration).toBe(Math.ceil((words / 150) * 60));
      expect(row.hash).toBe(createHash('sha256').update(row.text, 'utf8').digest('hex'));
      expect(row.id[14]).toBe('7');
      expect(Number.parseInt(row.id.replaceAll('-', '').slice(0, 12), 16)).toBe(Number(row.ms));
    }
  });

  it('creates the families with their reading data and keeps favoriteCount consistent', async () => {
    const parents = `select id from users where email like 'bench-parent-%'`;
    expect(await count(`select count(*) from (${parents}) p`)).toBe(10);
    expect(await count(`select count(*) from profiles where user_id in (${parents})`)).toBe(10);
    expect(await count(`select count(*) from kids where parent_id in (${parents})`)).toBe(20);
    expect(await count('select count(*) from story_progress')).toBe(20 * scale.progressPerKid);
    expect(await count('select count(*) from story_progress where completed')).toBeGreaterThan(0);
    expect(await count('select count(*) from favorites')).toBe(20 * scale.favoritesPerKid);
    const parentFavorites = await count('select count(*) from parent_favorites');
    expect(parentFavorites).toBeGreaterThan(0);
    expect(parentFavorites).toBeLessThanOrEqual(10 * scale.favoritesPerParent);
    expect(await count('select sum(favorite_count) from stories')).toBe(parentFavorites);
    expect(await count(`select count(*) from subscriptions where user_id in (${parents})`)).toBe(
      PREMIUM_PARENTS,
    );
    expect(await count('select count(*) from story_access')).toBe(FREE_PARENTS * scale.readsPerFreeParent);
    expect(
      await count(`select count(*) from user_usages where unique_stories_read = ${scale.readsPerFreeParent}`),
    ).toBe(FREE_PARENTS);
  });

  it('gives every parent the known password (hashed once, verifiable by the API)', async () => {
    const { rows } = await client.query<{ hash: string }>(
      'select password_hash as hash from users where email = $1',
      [parentEmail(2)],
    );
    expect(await verify(rows[0]?.hash ?? '', BENCH_PASSWORD)).toBe(true);
    expect(
      await count(`select count(distinct password_hash) from users where email like 'bench-parent-%'`),
    ).toBe(1);
  });

  it('skips a second run at the same scale and refuses another scale without --force', async () => {
    const again = await generateBenchData(testDatabaseUrl(), scale, { mediaDir });
    expect(again.skipped).toBe(true);
    expect(again.counts).toEqual(first.counts);
    expect(await count(`select count(*) from stories where ${GENERATED}`)).toBe(200);
    await expect(
      generateBenchData(testDatabaseUrl(), { ...scale, stories: 300 }, { mediaDir }),
    ).rejects.toThrow(/--force/);
  });
});

describe('the benchmark database', () => {
  it('is always storytime_bench, whatever database the environment names', async () => {
    const url = benchDatabaseUrl({ DATABASE_URL: 'postgres://me:secret@db.example:6543/storytime' });
    expect(url).toBe('postgres://me:secret@db.example:6543/storytime_bench');
    await expect(ensureBenchDatabase(testDatabaseUrl(), { drop: true })).rejects.toThrow(/refusing/);
  });
});
