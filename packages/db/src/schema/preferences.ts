import { boolean, foreignKey, index, pgTable, primaryKey, text, unique, uuid } from 'drizzle-orm/pg-core';
import { categories } from './catalog';
import { id, notDeleted, softDelete, timestamps, tstzNow } from './columns';
import { users } from './users';

/** Onboarding choices of a parent account (data-model.md §2). */

export const learningExpectations = pgTable(
  'learning_expectations',
  {
    id: id(),
    name: text().notNull().unique('learning_expectations_name_unique'),
    description: text(),
    category: text(),
    isActive: boolean().notNull().default(true),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [index('learning_expectations_is_active_idx').on(t.isActive).where(notDeleted)],
);

export const userLearningExpectations = pgTable(
  'user_learning_expectations',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // FK declared below: the generated name would pass PostgreSQL's 63-byte identifier limit.
    learningExpectationId: uuid().notNull(),
    selectedAt: tstzNow(),
  },
  (t) => [
    foreignKey({
      name: 'user_learning_expectations_learning_expectation_id_fk',
      columns: [t.learningExpectationId],
      foreignColumns: [learningExpectations.id],
    }).onDelete('cascade'),
    unique('user_learning_expectations_user_expectation_unique').on(t.userId, t.learningExpectationId),
    index('user_learning_expectations_learning_expectation_id_idx').on(t.learningExpectationId),
  ],
);

export const userPreferredCategories = pgTable(
  'user_preferred_categories',
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    categoryId: uuid()
      .notNull()
      .references(() => categories.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.categoryId] }),
    index('user_preferred_categories_category_id_idx').on(t.categoryId),
  ],
);
