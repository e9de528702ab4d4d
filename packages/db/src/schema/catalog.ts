import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { id, notDeleted, softDelete, timestamps } from './columns';

/** Admin-managed lookup tables (data-model.md §3–4). All soft-deleted. */

export const categories = pgTable('categories', {
  id: id(),
  name: text().notNull().unique('categories_name_unique'),
  image: text(),
  description: text(),
  ...timestamps(),
  ...softDelete(),
});

export const themes = pgTable('themes', {
  id: id(),
  name: text().notNull().unique('themes_name_unique'),
  image: text(),
  description: text(),
  ...timestamps(),
  ...softDelete(),
});

export const seasons = pgTable(
  'seasons',
  {
    id: id(),
    name: text().notNull().unique('seasons_name_unique'),
    description: text(),
    iconUrl: text(),
    // `MM-DD`, so a season recurs every year (rules.md §4).
    startDate: text(),
    endDate: text(),
    isActive: boolean().notNull().default(true),
    ...timestamps(),
    ...softDelete(),
  },
  () => [
    check('seasons_start_date_check', sql`start_date ~ '^\\d{2}-\\d{2}$'`),
    check('seasons_end_date_check', sql`end_date ~ '^\\d{2}-\\d{2}$'`),
  ],
);

/** Overlap between groups is checked by the service (rules.md §5.1), not by the database. */
export const ageGroups = pgTable(
  'age_groups',
  {
    id: id(),
    name: text().notNull().unique('age_groups_name_unique'),
    min: integer().notNull(),
    max: integer().notNull(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    check('age_groups_min_max_check', sql`min < max`),
    index('age_groups_min_idx').on(t.min).where(notDeleted),
  ],
);
