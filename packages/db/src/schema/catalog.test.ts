import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseUrl } from '../testing';
import { EXPECTED_COLUMNS, EXPECTED_ENUMS } from './catalog-expected-columns';
import {
  EXPECTED_CHECK_COUNTS,
  EXPECTED_FOREIGN_KEYS,
  EXPECTED_TABLES,
  EXPECTED_UNIQUE_KEYS,
} from './catalog-expected-keys';

/** Compares the migrated database (pg_catalog) with data-model.md. */

let client: pg.Client;

beforeAll(async () => {
  client = new pg.Client({ connectionString: testDatabaseUrl() });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

async function rows<T>(sql: string, values: unknown[] = []): Promise<T[]> {
  return (await client.query(sql, values)).rows as T[];
}

const sorted = (values: string[]) => [...values].sort();

/** One row per index: table, ordered key columns, flags and the predicate of partial indexes. */
const INDEXES_SQL = `
  select t.relname as "table", i.relname as "name", x.indisunique as "unique", x.indisprimary as "primary",
         x.indnullsnotdistinct as "nullsNotDistinct", pg_get_expr(x.indpred, x.indrelid) as "predicate",
         pg_get_indexdef(x.indexrelid) as "definition",
         array(select a.attname from unnest(x.indkey) with ordinality k(attnum, n)
               join pg_attribute a on a.attrelid = x.indrelid and a.attnum = k.attnum order by k.n)::text[] as "columns"
  from pg_index x
  join pg_class t on t.oid = x.indrelid
  join pg_class i on i.oid = x.indexrelid
  where t.relnamespace = 'public'::regnamespace`;

interface IndexRow {
  table: string;
  name: string;
  unique: boolean;
  primary: boolean;
  nullsNotDistinct: boolean;
  predicate: string | null;
  definition: string;
  columns: string[];
}

describe('schema catalog (data-model.md)', () => {
  it('has exactly the tables of the spec', async () => {
    const tables = await rows<{ name: string }>(
      `select tablename as name from pg_tables where schemaname = 'public'`,
    );
    expect(sorted(tables.map((t) => t.name))).toEqual(sorted(EXPECTED_TABLES));
  });

  it('has every enum with its values in order', async () => {
    const enums = await rows<{ name: string; values: string[] }>(`
      select t.typname as name, array_agg(e.enumlabel order by e.enumsortorder)::text[] as values
      from pg_type t join pg_enum e on e.enumtypid = t.oid
      where t.typnamespace = 'public'::regnamespace group by t.typname`);
    expect(Object.fromEntries(enums.map((e) => [e.name, e.values]))).toEqual(EXPECTED_ENUMS);
  });

  it.each(Object.entries(EXPECTED_COLUMNS))(
    '%s has every column, type, nullability and default',
    async (table, columns) => {
      const actual = await rows<{ name: string; type: string; nullable: string; default: string | null }>(
        `select column_name as name, udt_name as type, is_nullable as nullable, column_default as default
       from information_schema.columns where table_schema = 'public' and table_name = $1 order by ordinal_position`,
        [table],
      );
      expect(actual.map((c) => [c.name, c.type, c.nullable === 'YES', c.default])).toEqual(columns);
    },
  );

  it('has every foreign key with its ON DELETE rule', async () => {
    const fks = await rows<{ table: string; column: string; ref: string; rule: string; keys: number }>(`
      select t.relname as "table", a.attname as "column", r.relname as ref, cardinality(c.conkey) as keys,
             case c.confdeltype when 'c' then 'CASCADE' when 'n' then 'SET NULL' when 'r' then 'RESTRICT'
                                when 'd' then 'SET DEFAULT' else 'NO ACTION' end as rule
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_class r on r.oid = c.confrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
    expect(fks.every((fk) => fk.keys === 1)).toBe(true);
    const actual = fks.map((fk) => `${fk.table}.${fk.column} -> ${fk.ref} (${fk.rule})`);
    const expected = EXPECTED_FOREIGN_KEYS.map(([t, c, r, rule]) => `${t}.${c} -> ${r} (${rule})`);
    expect(sorted(actual)).toEqual(sorted(expected));
  });

  it('indexes every foreign key column with a non-partial index that starts with it', async () => {
    const fks = await rows<{ table: string; column: string }>(`
      select t.relname as "table", a.attname as "column"
      from pg_constraint c
      join pg_class t on t.oid = c.conrelid
      join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
      where c.contype = 'f' and c.connamespace = 'public'::regnamespace`);
    const indexes = await rows<IndexRow>(INDEXES_SQL);
    // Partial indexes do not count: ON DELETE lookups by the FK column cannot use them.
    const leading = new Set(
      indexes.filter((i) => i.predicate === null).map((i) => `${i.table}.${i.columns[0]}`),
    );
    const unindexed = fks.map((fk) => `${fk.table}.${fk.column}`).filter((key) => !leading.has(key));
    expect(fks.length).toBe(EXPECTED_FOREIGN_KEYS.length);
    expect(unindexed).toEqual([]);
  });

  it('has every unique key, with NULLS NOT DISTINCT and partial where the spec says', async () => {
    const indexes = await rows<IndexRow>(INDEXES_SQL);
    const actual = indexes
      .filter((i) => i.unique && !i.primary)
      .map(
        (i) =>
          `${i.table}(${i.columns.join(',')})${i.nullsNotDistinct ? ' nulls not distinct' : ''}${
            i.predicate ? ' partial' : ''
          }`,
      );
    expect(sorted(actual)).toEqual(sorted(EXPECTED_UNIQUE_KEYS));
  });

  it('restricts the partial unique indexes to the rows the spec names', async () => {
    const indexes = await rows<IndexRow>(INDEXES_SQL);
    const predicateOf = (table: string, first: string) =>
      indexes.find((i) => i.unique && i.table === table && i.columns[0] === first && i.predicate)?.predicate;
    expect(predicateOf('screen_time_sessions', 'kid_id')).toBe('(end_time IS NULL)');
    expect(predicateOf('job_requests', 'dedupe_key')).toBe(
      "(status = ANY (ARRAY['pending'::job_status, 'queued'::job_status, 'running'::job_status]))",
    );
    expect(predicateOf('kid_point_transactions', 'kid_id')).toBe("(reason <> 'adjustment'::point_reason)");
    expect(predicateOf('voices', 'user_id')).toBe(
      "((type <> 'system'::voice_type) AND (eleven_labs_voice_id IS NOT NULL))",
    );
  });

  it('has the story feed indexes, partial on public stories, in keyset order', async () => {
    const indexes = await rows<IndexRow>(INDEXES_SQL);
    const publicStory = '((is_deleted = false) AND (is_published = true) AND (owner_user_id IS NULL))';
    const feeds = indexes
      .filter((i) => i.table === 'stories' && i.predicate?.startsWith(publicStory.slice(0, -1)))
      .map((i) => `${i.definition.replace(/^.* USING btree /, '')}`);
    // DESC here means DESC NULLS FIRST, the order a plain `order by x desc` asks for.
    expect(sorted(feeds)).toEqual(
      sorted([
        `(created_at DESC, id DESC) WHERE ${publicStory}`,
        `(difficulty_level, created_at DESC, id DESC) WHERE ${publicStory}`,
        `(favorite_count DESC, created_at DESC, id DESC) WHERE ${publicStory}`,
        `(age_min, age_max) WHERE ${publicStory}`,
        `(recommended, created_at DESC) WHERE ${publicStory.slice(0, -1)} AND (recommended = true))`,
      ]),
    );
    const language = indexes.find((i) => i.table === 'stories' && i.columns[0] === 'language');
    expect(language?.predicate).toBe('(is_deleted = false)');
  });

  it('has the check constraints of the spec', async () => {
    const checks = await rows<{ table: string; count: number }>(`
      select t.relname as "table", count(*)::int as count
      from pg_constraint c join pg_class t on t.oid = c.conrelid
      where c.contype = 'c' and c.connamespace = 'public'::regnamespace group by t.relname`);
    expect(Object.fromEntries(checks.map((c) => [c.table, c.count]))).toEqual(EXPECTED_CHECK_COUNTS);
  });
});
