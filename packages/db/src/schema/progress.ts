import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, real, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, tstz, tstzNow } from './columns';
import { kids } from './kids';
import { stories } from './stories';
import { storyQuestions } from './story-content';
import { users } from './users';

/** Reading progress, paths and quiz answers (data-model.md §4–5). */

const progressColumns = () => ({
  /** Percent, 0–100. */
  progress: real().notNull().default(0),
  completed: boolean().notNull().default(false),
  /** First completion; later re-reads do not move it. */
  completedAt: tstz(),
  lastAccessed: tstzNow(),
  /** Seconds. */
  totalTimeSpent: integer().notNull().default(0),
});

const continueReading = sql`completed = false and progress > 0`;
const finished = sql`completed = true`;
const progressRange = sql`progress between 0 and 100`;

export const storyProgress = pgTable(
  'story_progress',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    ...progressColumns(),
  },
  (t) => [
    check('story_progress_progress_check', progressRange),
    unique('story_progress_kid_id_story_id_unique').on(t.kidId, t.storyId),
    index('story_progress_continue_idx')
      .on(t.kidId, t.lastAccessed.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(continueReading),
    index('story_progress_completed_idx')
      .on(t.kidId, t.lastAccessed.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(finished),
    index('story_progress_kid_id_completed_at_idx').on(t.kidId, t.completedAt),
    index('story_progress_story_id_idx').on(t.storyId),
  ],
);

/** The same for the parent account itself. */
export const userStoryProgress = pgTable(
  'user_story_progress',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    ...progressColumns(),
  },
  (t) => [
    check('user_story_progress_progress_check', progressRange),
    unique('user_story_progress_user_id_story_id_unique').on(t.userId, t.storyId),
    index('user_story_progress_continue_idx')
      .on(t.userId, t.lastAccessed.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(continueReading),
    index('user_story_progress_completed_idx')
      .on(t.userId, t.lastAccessed.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(finished),
    index('user_story_progress_user_id_completed_at_idx').on(t.userId, t.completedAt),
    index('user_story_progress_story_id_idx').on(t.storyId),
  ],
);

/** Choices taken through an interactive story. */
export const storyPaths = pgTable(
  'story_paths',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    path: text().notNull().default(''),
    startedAt: tstzNow(),
    completedAt: tstz(),
  },
  (t) => [
    index('story_paths_kid_id_started_at_idx').on(t.kidId, t.startedAt.desc().nullsFirst()),
    index('story_paths_story_id_idx').on(t.storyId),
  ],
);

export const questionAnswers = pgTable(
  'question_answers',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    questionId: uuid()
      .notNull()
      .references(() => storyQuestions.id, { onDelete: 'cascade' }),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    selectedOption: integer().notNull(),
    isCorrect: boolean().notNull(),
    answeredAt: tstzNow(),
  },
  (t) => [
    index('question_answers_kid_id_answered_at_idx').on(t.kidId, t.answeredAt),
    index('question_answers_kid_id_question_id_idx').on(t.kidId, t.questionId),
    index('question_answers_question_id_idx').on(t.questionId),
    index('question_answers_story_id_idx').on(t.storyId),
  ],
);
