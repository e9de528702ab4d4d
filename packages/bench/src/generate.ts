import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { hash } from '@node-rs/argon2';
import { createDb, runMigrations } from '@storytime/db';
import { seedCatalogue } from '@storytime/db/seed';
import pg from 'pg';
import { benchDatabaseUrl, ensureBenchDatabase } from './database';
import { generateFamilies } from './generate-families';
import { generateStories } from './generate-stories';
import { BENCH_PASSWORD, DEFAULT_SCALE, type Scale, scaleFromArgs } from './scale';

/**
 * The benchmark data set, generated with set-based SQL (`insert … select … from generate_series`)
 * in one transaction, so 20,000 stories with their links take seconds. Arithmetic on the row
 * number picks words, links and targets, so two runs produce the same data set (only ids and
 * timestamps relative to now differ).
 */

export interface GenerateResult {
  skipped: boolean;
  durationMs: number;
  counts: Record<string, number>;
}

const DEFAULT_MEDIA_DIR = fileURLToPath(new URL('../.data/media', import.meta.url));

// The marker lives in the generated database itself: the data and the record of it go together.
const MARKER_TABLE = `create table if not exists bench_marker (
  id int primary key default 1 check (id = 1),
  scale jsonb not null,
  generated_at timestamptz not null default now()
)`;

/** Same parameters as the API (platform.md §3), hashed once: argon2 is deliberately slow. */
function hashPassword(): Promise<string> {
  return hash(BENCH_PASSWORD, { memoryCost: 19_456, timeCost: 2, parallelism: 1, outputLen: 32 });
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const { rows } = await client.query<Record<string, number>>(
    `select
       (select count(*)::int from stories
         where is_deleted = false and is_published = true and owner_user_id is null) as "publicStories",
       (select count(*)::int from users where email like 'bench-parent-%') as parents,
       (select count(*)::int from kids k join users u on u.id = k.parent_id
         where u.email like 'bench-parent-%') as kids,
       (select count(*)::int from story_progress) as "storyProgress",
       (select count(*)::int from favorites) as "kidFavorites",
       (select count(*)::int from parent_favorites) as "parentFavorites",
       (select count(*)::int from story_access) as "storyAccess",
       (select count(*)::int from subscriptions) as subscriptions`,
  );
  return rows[0] ?? {};
}

/** jsonb reorders keys, so the marker is compared field by field. */
function sameScale(a: Scale, b: Scale): boolean {
  const keys = Object.keys(b) as Array<keyof Scale>;
  return Object.keys(a).length === keys.length && keys.every((key) => a[key] === b[key]);
}

/**
 * Seeds the catalogue and generates the data set into the (migrated) database at `url`, unless
 * the marker says it is already there. A marker of another scale is an error: mixing two
 * generations would make the counts meaningless, so the caller must start from an empty database.
 */
export async function generateBenchData(
  url: string,
  scale: Scale = DEFAULT_SCALE,
  options: { mediaDir?: string } = {},
): Promise<GenerateResult> {
  const started = performance.now();
  const client = new pg.Client({ connectionString: url, application_name: 'storytime-bench-generate' });
  await client.connect();
  try {
    await client.query(MARKER_TABLE);
    const marker = await client.query<{ scale: Scale }>('select scale from bench_marker');
    const existing = marker.rows[0]?.scale;
    if (existing) {
      if (!sameScale(existing, scale)) {
        throw new Error(
          `the database holds data generated at another scale (${JSON.stringify(existing)}); run with --force`,
        );
      }
      return { skipped: true, durationMs: 0, counts: await countRows(client) };
    }

    // The seed is idempotent and brings the categories, themes and seasons the stories link to.
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await seedCatalogue(createDb(pool), {
        mediaDir: options.mediaDir ?? DEFAULT_MEDIA_DIR,
        mediaBaseUrl: 'http://127.0.0.1:3000',
      });
    } finally {
      await pool.end();
    }

    const passwordHash = await hashPassword();
    await client.query('begin');
    try {
      // Deterministic random(): the favourite distribution is the same on every run.
      await client.query('select setseed(0.2024)');
      await generateStories(client, scale);
      await generateFamilies(client, scale, passwordHash);
      await client.query('insert into bench_marker (scale) values ($1)', [JSON.stringify(scale)]);
      await client.query('commit');
    } catch (error) {
      await client.query('rollback');
      throw error;
    }
    // Fresh statistics, or the first benchmark minutes would run on plans made for empty tables.
    await client.query('analyze');
    return {
      skipped: false,
      durationMs: Math.round(performance.now() - started),
      counts: await countRows(client),
    };
  } finally {
    await client.end();
  }
}

/** `storytime_bench` created (or, with `force`, dropped and recreated), migrated and filled. */
export async function prepareBenchDatabase(
  options: { force?: boolean; scale?: Scale; env?: Record<string, string | undefined> } = {},
): Promise<GenerateResult & { url: string }> {
  const url = benchDatabaseUrl(options.env);
  await ensureBenchDatabase(url, { drop: options.force ?? false });
  await runMigrations(url);
  return { url, ...(await generateBenchData(url, options.scale ?? DEFAULT_SCALE)) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      force: { type: 'boolean', default: false },
      stories: { type: 'string' },
      parents: { type: 'string' },
    },
  });
  const result = await prepareBenchDatabase({ force: values.force, scale: scaleFromArgs(values) });
  const what = result.skipped
    ? 'already generated (use --force to regenerate)'
    : `generated in ${result.durationMs} ms`;
  console.log(`${new URL(result.url).pathname.slice(1)}: ${what}`);
  console.table(result.counts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
