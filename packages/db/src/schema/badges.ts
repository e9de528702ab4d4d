import { boolean, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, softDelete, timestamps, tstz } from './columns';
import { badgeTypeEnum } from './enums';
import { kids } from './kids';
import { users } from './users';

/** Badge catalogue and per-user/kid progress (rules.md §10). */

/** What feeds a badge and its extra conditions (rules.md §10.1). */
export interface BadgeMetadata {
  eventType: 'story_read' | 'challenge_completed' | 'quiz_answered' | 'activity_streak';
  /** Local time-of-day rule of the special badges (early bird, night owl). */
  timeConstraint?: { kind: 'before' | 'atOrAfter'; time: string };
  /** Only correct answers count (quiz whiz). */
  correctOnly?: boolean;
}

export const badges = pgTable('badges', {
  id: id(),
  /** Stable code such as `first_story`; the reference matched badges by title. */
  key: text().notNull().unique('badges_key_unique'),
  title: text().notNull(),
  description: text(),
  iconUrl: text(),
  unlockCondition: text().notNull(),
  badgeType: badgeTypeEnum().notNull(),
  requiredAmount: integer().notNull().default(1),
  priority: integer().notNull().default(0),
  metadata: jsonb().$type<BadgeMetadata>(),
  ...timestamps(),
  ...softDelete(),
});

export const userBadges = pgTable(
  'user_badges',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** Null = the parent-level aggregate row. */
    kidId: uuid().references(() => kids.id, { onDelete: 'cascade' }),
    badgeId: uuid()
      .notNull()
      .references(() => badges.id, { onDelete: 'cascade' }),
    count: integer().notNull().default(0),
    unlocked: boolean().notNull().default(false),
    unlockedAt: tstz(),
    ...timestamps(),
  },
  (t) => [
    // NULLS NOT DISTINCT: with a plain unique, the lazily upserted parent rows (kid_id null) duplicate.
    unique('user_badges_user_id_kid_id_badge_id_unique').on(t.userId, t.kidId, t.badgeId).nullsNotDistinct(),
    index('user_badges_kid_id_idx').on(t.kidId),
    index('user_badges_badge_id_idx').on(t.badgeId),
    index('user_badges_user_id_kid_id_unlocked_idx').on(t.userId, t.kidId, t.unlocked),
  ],
);
