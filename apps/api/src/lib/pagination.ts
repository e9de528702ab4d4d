import { ValidationError } from '@storytime/errors';
import { z } from 'zod';

/** Cursor lists (platform.md §7): `cursor?`, `limit?` 1–100 (validated, not clamped). */
export const cursorQuery = (defaultLimit = 20) =>
  z.object({
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  });

/** Offset lists (admin): `page?` ≥ 1, `limit?` 1–100. */
export const offsetQuery = (defaultLimit = 10) =>
  z.object({
    page: z.coerce.number().int().min(1).default(1),
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
  });

export const cursorPage = <Item extends z.ZodType>(item: Item) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), hasMore: z.boolean() });

export const offsetPage = <Item extends z.ZodType>(item: Item) =>
  z.object({
    items: z.array(item),
    pagination: z.object({
      page: z.number().int(),
      limit: z.number().int(),
      total: z.number().int(),
      totalPages: z.number().int(),
    }),
  });

type SortValue = string | number | boolean | null;

interface CursorBody {
  v: 1;
  /** The sort it belongs to: a cursor of another list or order is refused. */
  s: string;
  k: SortValue[];
  id: string;
}

/** base64url of `{"v":1,"k":[sort values],"id":"last id"}` plus the sort name. */
export function encodeCursor(sort: string, keys: SortValue[], id: string): string {
  const body: CursorBody = { v: 1, s: sort, k: keys, id };
  return Buffer.from(JSON.stringify(body), 'utf8').toString('base64url');
}

export function decodeCursor(sort: string, cursor: string): { keys: SortValue[]; id: string } {
  try {
    const body = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Partial<CursorBody>;
    if (body.v === 1 && body.s === sort && Array.isArray(body.k) && typeof body.id === 'string') {
      return { keys: body.k, id: body.id };
    }
  } catch {
    // fall through to the validation error
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'malformed or for another list' },
  ]);
}

/**
 * Shapes `limit + 1` fetched rows into a cursor page: the extra row only says whether more exist.
 */
export function toCursorPage<Row extends { id: string }>(
  rows: Row[],
  limit: number,
  sort: string,
  keysOf: (row: Row) => SortValue[],
) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return {
    items,
    hasMore,
    nextCursor: hasMore && last ? encodeCursor(sort, keysOf(last), last.id) : null,
  };
}

export function toOffsetPage<Item>(items: Item[], total: number, page: number, limit: number) {
  return { items, pagination: { page, limit, total, totalPages: Math.ceil(total / limit) } };
}

const TIMESTAMP_KEY = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A keyset position on (timestamp, row id) desc; the timestamp is the database's microsecond text. */
export interface TimePosition {
  key: string;
  id: string;
}

/**
 * Decodes a cursor of the lists keyed on (timestamp, id): the timestamp travels as microsecond text,
 * because a JS Date keeps only milliseconds and would skip rows written in the same millisecond.
 * A cursor of another list, or with keys that are not a timestamp and a UUID, is a 400 before SQL.
 */
export function decodeTimeCursor(sort: string, cursor: string | undefined): TimePosition | undefined {
  if (cursor === undefined) return undefined;
  const { keys, id } = decodeCursor(sort, cursor);
  const [key] = keys;
  if (keys.length === 1 && typeof key === 'string' && TIMESTAMP_KEY.test(key) && UUID_KEY.test(id)) {
    return { key, id };
  }
  throw new ValidationError('Invalid cursor', [
    { path: 'query.cursor', message: 'malformed or for another list' },
  ]);
}

/**
 * Shapes `limit + 1` rows into a page whose cursor is the last row's (timestamp, id) position; the
 * position may belong to the joined row (a progress or download row) rather than the item shown.
 */
export function toTimePage<Row>(
  rows: Row[],
  limit: number,
  sort: string,
  positionOf: (row: Row) => TimePosition,
) {
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  const position = hasMore && last !== undefined ? positionOf(last) : undefined;
  return { items, hasMore, nextCursor: position ? encodeCursor(sort, [position.key], position.id) : null };
}
