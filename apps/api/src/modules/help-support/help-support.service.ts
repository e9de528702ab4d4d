import { findOwnTicket, listOwnTickets } from '@storytime/db/repositories/support-ticket-reads';
import { insertSupportTicket } from '@storytime/db/repositories/support-tickets';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { decodeTimeCursor, toTimePage } from '../../lib/pagination';

/** HELP-06..08 (api.md §16): a user's own support tickets. */

const SORT = 'support-tickets:created_at:desc';

export function createSupportTicketService(core: CoreServices) {
  const { db } = core;
  return {
    /** HELP-06: an `open` ticket of the caller. */
    async create(userId: string, input: { subject: string; message: string }) {
      return db.transaction(async (tx) => {
        const id = await insertSupportTicket(tx, { userId, ...input });
        const ticket = await findOwnTicket(tx, userId, id);
        if (!ticket) throw new NotFoundError('Ticket');
        return ticket;
      });
    },

    /** HELP-07: newest first (platform.md §7). */
    async list(userId: string, query: { cursor?: string | undefined; limit: number }) {
      const after = decodeTimeCursor(SORT, query.cursor);
      const rows = await listOwnTickets(db, userId, { limit: query.limit, after });
      const page = toTimePage(rows, query.limit, SORT, (row) => ({ key: row.sortKey, id: row.id }));
      return { ...page, items: page.items.map(({ sortKey: _key, ...ticket }) => ticket) };
    },

    /** HELP-08: someone else's ticket answers 404, as a missing one. */
    async get(userId: string, id: string) {
      const ticket = await findOwnTicket(db, userId, id);
      if (!ticket) throw new NotFoundError('Ticket');
      return ticket;
    },
  };
}
