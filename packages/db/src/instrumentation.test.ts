import { describe, expect, it } from 'vitest';
import { describeSql } from './instrumentation';

describe('describeSql', () => {
  it.each([
    ['select "id" from "users" where "email" = $1', 'select', 'users'],
    ['select "stories"."id" from "public"."stories" inner join "kids" on true', 'select', 'stories'],
    ['insert into "kids" ("id") values ($1)', 'insert', 'kids'],
    ['update "story_progress" set "progress" = $1', 'update', 'story_progress'],
    ['delete from "tokens" where "id" = $1', 'delete', 'tokens'],
    ['with "x" as (select 1) update "job_requests" set "status" = $1', 'update', 'job_requests'],
    ['with "x" as (select id from "kids") select * from x', 'select', 'kids'],
    ['select extract(epoch from now())', 'select', 'unknown'],
    ['select 1', 'select', 'unknown'],
    ['begin', 'other', 'unknown'],
    ['  /* comment */ SELECT * FROM Users', 'select', 'users'],
  ])('%s → %s %s', (sql, operation, table) => {
    expect(describeSql(sql)).toEqual({ operation, table });
  });
});
