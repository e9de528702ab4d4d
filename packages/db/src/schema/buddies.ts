import { boolean, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, notDeleted, softDelete, timestamps, tstzNow } from './columns';
import { kids } from './kids';

/** Story buddy characters (data-model.md §3, rules.md §13). */
export const storyBuddies = pgTable(
  'story_buddies',
  {
    id: id(),
    name: text().notNull().unique('story_buddies_name_unique'),
    displayName: text().notNull(),
    description: text(),
    type: text().notNull(),
    imageUrl: text().notNull(),
    profileAvatarUrl: text(),
    isActive: boolean().notNull().default(true),
    themeColor: text(),
    ageGroupMin: integer().notNull().default(3),
    ageGroupMax: integer().notNull().default(12),
    imagePublicId: text(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index('story_buddies_is_active_idx').on(t.isActive).where(notDeleted)],
);

export const buddyInteractions = pgTable(
  'buddy_interactions',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    buddyId: uuid()
      .notNull()
      .references(() => storyBuddies.id, { onDelete: 'cascade' }),
    // `buddy_selected`, `greeting`, `challenge`, `story_start`, `story_complete` or the client's context.
    interactionType: text().notNull(),
    context: text(),
    contextId: uuid(),
    timestamp: tstzNow(),
  },
  (t) => [
    index('buddy_interactions_kid_id_timestamp_idx').on(t.kidId, t.timestamp.desc().nullsFirst()),
    index('buddy_interactions_buddy_id_idx').on(t.buddyId),
  ],
);
