import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { kids } from './kids';
import { users } from './users';

/** Audit and streak source (data-model.md §5). No SD. */
export const activityLogs = pgTable(
  'activity_logs',
  {
    id: id(),
    userId: uuid().references(() => users.id, { onDelete: 'cascade' }),
    // SET NULL: the parent's history survives the deletion of one kid.
    kidId: uuid().references(() => kids.id, { onDelete: 'set null' }),
    action: text().notNull(),
    /** `SUCCESS` / `FAILED`. */
    status: text().notNull(),
    deviceName: text(),
    deviceModel: text(),
    os: text(),
    ipAddress: text(),
    /** JSON text for system actions. */
    details: text(),
    requestId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('activity_logs_user_id_created_at_id_idx').on(
      t.userId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('activity_logs_kid_id_created_at_id_idx').on(
      t.kidId,
      t.createdAt.desc().nullsFirst(),
      t.id.desc().nullsFirst(),
    ),
    index('activity_logs_action_created_at_idx').on(t.action, t.createdAt),
    index('activity_logs_user_id_action_created_at_idx').on(t.userId, t.action, t.createdAt),
    index('activity_logs_created_at_idx').on(t.createdAt),
  ],
);
