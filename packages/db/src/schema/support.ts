import { index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { ticketStatusEnum } from './enums';
import { users } from './users';

/** Deletion requests carry `{ reasons, notes, isPermanent }` in metadata. */
export interface SupportTicketMetadata {
  reasons?: string[];
  notes?: string;
  isPermanent?: boolean;
  [key: string]: unknown;
}

export const supportTickets = pgTable(
  'support_tickets',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    subject: text().notNull(),
    message: text().notNull(),
    status: ticketStatusEnum().notNull().default('open'),
    metadata: jsonb().$type<SupportTicketMetadata>(),
    ...timestamps(),
  },
  (t) => [
    index('support_tickets_user_id_created_at_idx').on(t.userId, t.createdAt.desc().nullsFirst()),
    index('support_tickets_status_created_at_idx').on(t.status, t.createdAt.desc().nullsFirst()),
    index('support_tickets_subject_created_at_idx').on(t.subject, t.createdAt.desc().nullsFirst()),
  ],
);
