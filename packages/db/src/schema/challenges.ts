import { boolean, date, index, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, tstz, tstzNow } from './columns';
import { kids } from './kids';
import { stories } from './stories';

/** Daily word challenges (D8, rules.md §9). The unique keys make the daily job idempotent. */

export const dailyChallenges = pgTable(
  'daily_challenges',
  {
    id: id(),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    challengeDate: date().notNull(),
    wordOfTheDay: text().notNull(),
    meaning: text().notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('daily_challenges_story_id_challenge_date_unique').on(t.storyId, t.challengeDate),
    index('daily_challenges_challenge_date_idx').on(t.challengeDate),
  ],
);

export const dailyChallengeAssignments = pgTable(
  'daily_challenge_assignments',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    challengeId: uuid()
      .notNull()
      .references(() => dailyChallenges.id, { onDelete: 'cascade' }),
    // Copied from the challenge so the one-per-kid-per-day unique needs no join.
    challengeDate: date().notNull(),
    completed: boolean().notNull().default(false),
    completedAt: tstz(),
    assignedAt: tstzNow(),
  },
  (t) => [
    unique('daily_challenge_assignments_kid_id_challenge_date_unique').on(t.kidId, t.challengeDate),
    index('daily_challenge_assignments_challenge_id_idx').on(t.challengeId),
    index('daily_challenge_assignments_kid_id_completed_idx').on(t.kidId, t.completed),
    index('daily_challenge_assignments_kid_id_challenge_date_idx').on(
      t.kidId,
      t.challengeDate.desc().nullsFirst(),
    ),
  ],
);
