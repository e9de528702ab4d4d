import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps } from './columns';
import { stories } from './stories';

/** Parts of a story that live and die with it (data-model.md §4; no SD). */

export const storyImages = pgTable(
  'story_images',
  {
    id: id(),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    url: text().notNull(),
    caption: text(),
    ...timestamps(),
  },
  (t) => [index('story_images_story_id_idx').on(t.storyId)],
);

export const storyBranches = pgTable(
  'story_branches',
  {
    id: id(),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    prompt: text().notNull(),
    optionA: text().notNull(),
    optionB: text().notNull(),
    nextA: text(),
    nextB: text(),
    ...timestamps(),
  },
  (t) => [index('story_branches_story_id_idx').on(t.storyId)],
);

export const storyQuestions = pgTable(
  'story_questions',
  {
    id: id(),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    question: text().notNull(),
    options: text().array().notNull(),
    /** 0-based index into `options`. */
    correctOption: integer().notNull(),
    position: integer().notNull().default(0),
  },
  (t) => [
    check(
      'story_questions_correct_option_check',
      sql`correct_option >= 0 and correct_option < cardinality(options)`,
    ),
    index('story_questions_story_id_position_idx').on(t.storyId, t.position),
  ],
);
