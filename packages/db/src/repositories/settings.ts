import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, categories, kids, profiles, userPreferredCategories } from '../schema';

/** Parent settings (the profile row) and kid screen-time limits (api.md §11, rules.md §18). */

const settingsColumns = {
  userId: profiles.userId,
  explicitContent: profiles.explicitContent,
  maxScreenTimeMins: profiles.maxScreenTimeMins,
  language: profiles.language,
  languageCode: profiles.languageCode,
  country: profiles.country,
  createdAt: profiles.createdAt,
  updatedAt: profiles.updatedAt,
};

export interface SettingsRecord {
  userId: string;
  explicitContent: boolean;
  maxScreenTimeMins: number | null;
  language: string | null;
  languageCode: string | null;
  country: string;
  createdAt: Date;
  updatedAt: Date;
}

export async function findSettings(tx: DbOrTx, userId: string): Promise<SettingsRecord | undefined> {
  const [row] = await tx.select(settingsColumns).from(profiles).where(eq(profiles.userId, userId));
  return row;
}

/**
 * The profile of a user, created with `language='en'`, `country='NG'` when missing (SET-01).
 * `created` tells the caller to drop caches that may hold "no profile".
 */
export async function ensureSettings(
  tx: DbOrTx,
  userId: string,
): Promise<{ settings: SettingsRecord; created: boolean }> {
  const existing = await findSettings(tx, userId);
  if (existing) return { settings: existing, created: false };
  // A concurrent first read may insert it too: the unique user_id makes this a no-op then.
  const [inserted] = await tx
    .insert(profiles)
    .values({ userId, language: 'en', country: 'NG' })
    .onConflictDoNothing({ target: profiles.userId })
    .returning(settingsColumns);
  if (inserted) return { settings: inserted, created: true };
  return { settings: (await findSettings(tx, userId))!, created: false };
}

export interface SettingsPatch {
  explicitContent?: boolean;
  maxScreenTimeMins?: number | null;
  language?: string;
  country?: string;
}

/** Upserts the profile with the given fields; a new profile also gets the SET-01 defaults. */
export async function upsertSettings(
  tx: DbOrTx,
  userId: string,
  patch: SettingsPatch,
): Promise<SettingsRecord> {
  const [row] = await tx
    .insert(profiles)
    .values({ language: 'en', country: 'NG', ...patch, userId })
    .onConflictDoUpdate({ target: profiles.userId, set: { ...patch, updatedAt: sql`now()` } })
    .returning(settingsColumns);
  return row!;
}

/** The parent's default limit: `null` when unset or when the parent has no profile. */
export async function findParentLimit(tx: DbOrTx, userId: string): Promise<number | null> {
  const [row] = await tx
    .select({ limit: profiles.maxScreenTimeMins })
    .from(profiles)
    .where(eq(profiles.userId, userId));
  return row?.limit ?? null;
}

/** A kid's own limit next to its parent's default (one query). */
export async function findKidLimits(
  tx: DbOrTx,
  kidId: string,
): Promise<{ kidLimit: number | null; parentLimit: number | null } | undefined> {
  const [row] = await tx
    .select({ kidLimit: kids.dailyScreenTimeLimitMins, parentLimit: profiles.maxScreenTimeMins })
    .from(kids)
    .leftJoin(profiles, eq(profiles.userId, kids.parentId))
    .where(eq(kids.id, kidId));
  return row ? { kidLimit: row.kidLimit, parentLimit: row.parentLimit ?? null } : undefined;
}

export async function setKidLimit(tx: DbOrTx, kidId: string, limitMins: number | null): Promise<void> {
  await tx
    .update(kids)
    .set({ dailyScreenTimeLimitMins: limitMins, updatedAt: sql`now()` })
    .where(eq(kids.id, kidId));
}

export interface KidLimitRow {
  kidId: string;
  kidName: string | null;
  avatarUrl: string | null;
  customLimit: number | null;
}

/** A parent's live kids with their own limits, newest first like KID-01 (SET-05). */
export async function findKidLimitsOfParent(tx: DbOrTx, parentId: string): Promise<KidLimitRow[]> {
  return tx
    .select({
      kidId: kids.id,
      kidName: kids.name,
      avatarUrl: avatars.url,
      customLimit: kids.dailyScreenTimeLimitMins,
    })
    .from(kids)
    .leftJoin(avatars, eq(avatars.id, kids.avatarId))
    .where(and(eq(kids.parentId, parentId), eq(kids.isDeleted, false)))
    .orderBy(desc(kids.createdAt), desc(kids.id));
}

/** Copies the limit into every live kid of the parent that has none; returns the kids changed (SET-06). */
export async function applyLimitToKidsWithout(
  tx: DbOrTx,
  parentId: string,
  limitMins: number,
): Promise<string[]> {
  const rows = await tx
    .update(kids)
    .set({ dailyScreenTimeLimitMins: limitMins, updatedAt: sql`now()` })
    .where(and(eq(kids.parentId, parentId), eq(kids.isDeleted, false), isNull(kids.dailyScreenTimeLimitMins)))
    .returning({ id: kids.id });
  return rows.map((row) => row.id);
}

/** The parent's preferred story categories (live ones), by name. */
export async function findPreferredCategories(
  tx: DbOrTx,
  userId: string,
): Promise<Array<{ id: string; name: string }>> {
  return tx
    .select({ id: categories.id, name: categories.name })
    .from(userPreferredCategories)
    .innerJoin(categories, eq(categories.id, userPreferredCategories.categoryId))
    .where(and(eq(userPreferredCategories.userId, userId), eq(categories.isDeleted, false)))
    .orderBy(categories.name);
}
