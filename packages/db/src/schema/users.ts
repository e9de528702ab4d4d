import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { avatars } from './avatars';
import { id, notDeleted, softDelete, timestamps, tstz } from './columns';
import { onboardingStatusEnum, roleEnum } from './enums';
import { voices } from './voices';

/** data-model.md §2. Parent and admin accounts (kids never log in). */
export const users = pgTable(
  'users',
  {
    id: id(),
    // Lower-cased by the repository before writing, so a plain unique is case-insensitive in effect.
    email: text().notNull().unique('users_email_unique'),
    passwordHash: text().notNull(),
    hasLocalPassword: boolean().notNull().default(true),
    name: text(),
    title: text(),
    avatarId: text().references((): AnyPgColumn => avatars.id, { onDelete: 'set null' }),
    isEmailVerified: boolean().notNull().default(false),
    onboardingStatus: onboardingStatusEnum().notNull().default('account_created'),
    role: roleEnum().notNull().default('parent'),
    pinHash: text(),
    pinFailedCount: integer().notNull().default(0),
    pinLockedUntil: tstz(),
    biometricsEnabled: boolean().notNull().default(false),
    preferredVoiceId: uuid().references((): AnyPgColumn => voices.id, { onDelete: 'set null' }),
    googleId: text().unique('users_google_id_unique'),
    appleId: text().unique('users_apple_id_unique'),
    premiumAccessUntil: tstz(),
    isSuspended: boolean().notNull().default(false),
    suspendedAt: tstz(),
    suspendedReason: text(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    index('users_avatar_id_idx').on(t.avatarId),
    index('users_preferred_voice_id_idx').on(t.preferredVoiceId),
    index('users_role_created_at_idx').on(t.role, t.createdAt).where(notDeleted),
    index('users_created_at_idx').on(t.createdAt),
    index('users_is_deleted_deleted_at_idx').on(t.isDeleted, t.deletedAt),
  ],
);

/** One per user, deleted with it (no SD). */
export const profiles = pgTable(
  'profiles',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .unique('profiles_user_id_unique')
      .references(() => users.id, { onDelete: 'cascade' }),
    explicitContent: boolean().notNull().default(true),
    maxScreenTimeMins: integer(),
    language: text(),
    languageCode: text(),
    country: text().notNull().default('NG'),
    ...timestamps(),
  },
  () => [check('profiles_max_screen_time_mins_check', sql`max_screen_time_mins between 0 and 1440`)],
);
