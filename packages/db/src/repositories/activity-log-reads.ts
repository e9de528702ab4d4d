import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { activityLogs, kids } from '../schema';
import type { ActivityLogItem } from './activity-logs';

/**
 * Reads of the activity log routes (api.md §19, LOG-02..04); the writes live in activity-logs.ts.
 * Lists are newest first, keyset on (created_at, id) over the `(user_id|kid_id, created_at desc,
 * id desc)` indexes (platform.md §7).
 */

export interface ActivityLogPageRow extends ActivityLogItem {
  /** `created_at` with its microseconds, ISO 8601 UTC: the keyset key (a JS Date keeps only ms). */
  sortKey: string;
}

const logColumns = {
  id: activityLogs.id,
  userId: activityLogs.userId,
  kidId: activityLogs.kidId,
  action: activityLogs.action,
  status: activityLogs.status,
  deviceName: activityLogs.deviceName,
  deviceModel: activityLogs.deviceModel,
  os: activityLogs.os,
  ipAddress: activityLogs.ipAddress,
  details: activityLogs.details,
  createdAt: activityLogs.createdAt,
};

const sortKey = sql<string>`to_char(${activityLogs.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface LogPageOptions {
  limit: number;
  after?: { key: string; id: string } | undefined;
}

/** One page (`limit + 1` rows) of the user's or the kid's log. */
export async function listActivityLogs(
  tx: DbOrTx,
  owner: { userId: string } | { kidId: string },
  options: LogPageOptions,
): Promise<ActivityLogPageRow[]> {
  const conditions: SQL[] = [
    'userId' in owner ? eq(activityLogs.userId, owner.userId) : eq(activityLogs.kidId, owner.kidId),
  ];
  if (options.after) {
    conditions.push(
      sql`(${activityLogs.createdAt}, ${activityLogs.id}) < (${options.after.key}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  return tx
    .select({ ...logColumns, sortKey })
    .from(activityLogs)
    .where(and(...conditions))
    .orderBy(desc(activityLogs.createdAt), desc(activityLogs.id))
    .limit(options.limit + 1);
}

/** One entry with the parent of its kid, for the owner check of LOG-04. */
export async function findActivityLog(
  tx: DbOrTx,
  id: string,
): Promise<(ActivityLogItem & { kidParentId: string | null }) | undefined> {
  const [row] = await tx
    .select({ ...logColumns, kidParentId: kids.parentId })
    .from(activityLogs)
    .leftJoin(kids, eq(kids.id, activityLogs.kidId))
    .where(eq(activityLogs.id, id));
  return row;
}
