import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { kids, rewards, stories, users } from '../schema';

export interface LiveCounts {
  userCount: number;
  storyCount: number;
  kidCount: number;
  rewardCount: number;
}

/** LOG-05 (api.md §19): live (not soft-deleted) row counts in one statement, so one round trip and one snapshot. */
export async function countLiveRows(tx: DbOrTx): Promise<LiveCounts> {
  const live = (table: typeof users | typeof stories | typeof kids | typeof rewards) =>
    sql`(select count(*) from ${table} where ${table.isDeleted} = false)::int`;
  const result = await tx.execute<{
    user_count: number;
    story_count: number;
    kid_count: number;
    reward_count: number;
  }>(
    sql`select ${live(users)} as user_count, ${live(stories)} as story_count, ${live(kids)} as kid_count, ${live(rewards)} as reward_count`,
  );
  const row = result.rows[0]!;
  return {
    userCount: Number(row.user_count),
    storyCount: Number(row.story_count),
    kidCount: Number(row.kid_count),
    rewardCount: Number(row.reward_count),
  };
}
