import { sql } from 'drizzle-orm';
import { boolean, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { v4 as uuidv4, v7 as uuidv7 } from 'uuid';

/**
 * Shared column builders (data-model.md §0). Columns carry no explicit names: the db client and
 * drizzle-kit both use `casing: 'snake_case'`, so `parentId` is stored as `parent_id`.
 */

/** Time-ordered ids (D22) keep btree inserts append-only and make `id desc` a creation-order tie-breaker. */
export const newId = (): string => uuidv7();

export const id = () => uuid().primaryKey().$defaultFn(newId);

/** avatars keep legacy cuids (D24), so their key is text; new rows still get a v7 string. */
export const textId = () => text().primaryKey().$defaultFn(newId);

/** Guest ids travel in a header and must not leak creation time, hence random v4 (data-model.md §8). */
export const randomId = () =>
  uuid()
    .primaryKey()
    .$defaultFn(() => uuidv4());

/** timestamptz; every timestamp is stored in UTC. */
export const tstz = () => timestamp({ withTimezone: true });

/** timestamptz not null default now(). */
export const tstzNow = () => tstz().notNull().defaultNow();

export const createdAt = () => tstzNow();

export const timestamps = () => ({
  createdAt: tstzNow(),
  // The repository layer sets it on every update (data-model.md §0); the default covers inserts.
  updatedAt: tstzNow(),
});

/** SD columns: reads exclude `is_deleted = true`; feeds use partial indexes on `notDeleted`. */
export const softDelete = () => ({
  isDeleted: boolean().notNull().default(false),
  deletedAt: tstz(),
});

/** Predicate of the "where not deleted" partial indexes. Raw column name: index predicates are not casing-mapped. */
export const notDeleted = sql`is_deleted = false`;
