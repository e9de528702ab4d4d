import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { supportTickets } from '../schema';

/**
 * Reads of the help-support ticket routes (api.md §16, HELP-06..08); inserts live in
 * support-tickets.ts. A user sees only their own tickets.
 */

export interface TicketRecord {
  id: string;
  userId: string;
  subject: string;
  message: string;
  status: 'open' | 'in_progress' | 'resolved' | 'closed';
  createdAt: Date;
  updatedAt: Date;
}

const ticketColumns = {
  id: supportTickets.id,
  userId: supportTickets.userId,
  subject: supportTickets.subject,
  message: supportTickets.message,
  status: supportTickets.status,
  createdAt: supportTickets.createdAt,
  updatedAt: supportTickets.updatedAt,
};

/** The user's ticket, or undefined for a missing one or someone else's. */
export async function findOwnTicket(
  tx: DbOrTx,
  userId: string,
  id: string,
): Promise<TicketRecord | undefined> {
  const [row] = await tx
    .select(ticketColumns)
    .from(supportTickets)
    .where(and(eq(supportTickets.id, id), eq(supportTickets.userId, userId)));
  return row;
}

/** Newest first, keyset on (created_at, id); fetches `limit + 1` rows (index `(user_id, created_at desc)`). */
export async function listOwnTickets(
  tx: DbOrTx,
  userId: string,
  options: { limit: number; after?: { key: string; id: string } | undefined },
): Promise<Array<TicketRecord & { sortKey: string }>> {
  const conditions: SQL[] = [eq(supportTickets.userId, userId)];
  if (options.after) {
    conditions.push(
      sql`(${supportTickets.createdAt}, ${supportTickets.id}) < (${options.after.key}::timestamptz, ${options.after.id}::uuid)`,
    );
  }
  return tx
    .select({
      ...ticketColumns,
      sortKey: sql<string>`to_char(${supportTickets.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(supportTickets)
    .where(and(...conditions))
    .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id))
    .limit(options.limit + 1);
}
