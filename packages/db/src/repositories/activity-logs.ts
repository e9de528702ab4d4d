import { desc, eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { activityLogs } from '../schema';

/** Activity logs (data-model.md `activity_logs`): audit entries and the streak source. */

export interface NewActivityLog {
  userId: string | null;
  kidId?: string | null;
  action: string;
  status: 'SUCCESS' | 'FAILED';
  deviceName?: string | null;
  deviceModel?: string | null;
  os?: string | null;
  ipAddress?: string | null;
  /** JSON text for system actions. */
  details?: string | null;
  requestId?: string | null;
}

export async function insertActivityLog(tx: DbOrTx, values: NewActivityLog): Promise<{ id: string }> {
  const [row] = await tx
    .insert(activityLogs)
    .values({
      userId: values.userId,
      kidId: values.kidId ?? null,
      action: values.action,
      status: values.status,
      deviceName: values.deviceName ?? null,
      deviceModel: values.deviceModel ?? null,
      os: values.os ?? null,
      ipAddress: values.ipAddress ?? null,
      details: values.details ?? null,
      requestId: values.requestId ?? null,
    })
    .returning({ id: activityLogs.id });
  return row!;
}

export interface ActivityLogItem {
  id: string;
  userId: string | null;
  kidId: string | null;
  action: string;
  status: string;
  deviceName: string | null;
  deviceModel: string | null;
  os: string | null;
  ipAddress: string | null;
  details: string | null;
  createdAt: Date;
}

/** The kid's latest entries, newest first (index `(kid_id, created_at desc, id desc)`). */
export async function findRecentKidActivity(
  tx: DbOrTx,
  kidId: string,
  limit: number,
): Promise<ActivityLogItem[]> {
  return tx
    .select({
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
    })
    .from(activityLogs)
    .where(eq(activityLogs.kidId, kidId))
    .orderBy(desc(activityLogs.createdAt), desc(activityLogs.id))
    .limit(limit);
}
