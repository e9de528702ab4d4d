import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import {
  avatars,
  categories,
  learningExpectations,
  notificationPreferences,
  profiles,
  userIps,
  userLearningExpectations,
  userPreferredCategories,
  users,
} from '../schema';

/**
 * Account writes and lookups of the auth module (api.md §1): sign-up, sign-in bookkeeping, onboarding
 * choices and provider links. Nothing here selects `password_hash` or `pin_hash`; credentials are
 * read only through `findCredentialsBy*` in users.ts.
 */

type Role = (typeof users.role.enumValues)[number];
type OnboardingStatus = (typeof users.onboardingStatus.enumValues)[number];
export type OAuthProvider = 'google' | 'apple';

const accountColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  avatarId: users.avatarId,
  isEmailVerified: users.isEmailVerified,
  onboardingStatus: users.onboardingStatus,
  hasLocalPassword: users.hasLocalPassword,
  googleId: users.googleId,
  appleId: users.appleId,
  isSuspended: users.isSuspended,
  isDeleted: users.isDeleted,
};

export interface AccountRow {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  avatarId: string | null;
  isEmailVerified: boolean;
  onboardingStatus: OnboardingStatus;
  hasLocalPassword: boolean;
  googleId: string | null;
  appleId: string | null;
  isSuspended: boolean;
  isDeleted: boolean;
}

/** Soft-deleted accounts included: their email stays reserved (rules.md §16). */
export async function findAccountByEmail(tx: DbOrTx, email: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select(accountColumns).from(users).where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findAccountById(tx: DbOrTx, userId: string): Promise<AccountRow | undefined> {
  const [row] = await tx.select(accountColumns).from(users).where(eq(users.id, userId));
  return row;
}

export async function findAccountByProvider(
  tx: DbOrTx,
  provider: OAuthProvider,
  subject: string,
): Promise<AccountRow | undefined> {
  const column = provider === 'google' ? users.googleId : users.appleId;
  const [row] = await tx.select(accountColumns).from(users).where(eq(column, subject));
  return row;
}

export interface NewAccount {
  email: string;
  passwordHash: string;
  name: string | null;
  role?: Role;
  hasLocalPassword?: boolean;
  isEmailVerified?: boolean;
  onboardingStatus?: OnboardingStatus;
  googleId?: string | null;
  appleId?: string | null;
}

/** Inserts the user row (email lower-cased); a taken email surfaces as the unique violation. */
export async function insertAccount(tx: DbOrTx, values: NewAccount): Promise<string> {
  const [row] = await tx
    .insert(users)
    .values({ ...values, email: values.email.toLowerCase() })
    .returning({ id: users.id });
  return row!.id;
}

export interface ProfilePatch {
  explicitContent?: boolean;
  maxScreenTimeMins?: number | null;
  language?: string;
  languageCode?: string;
  country?: string;
}

/** Creates the profile (country NG unless given) or updates the given fields of the existing one. */
export async function upsertProfile(tx: DbOrTx, userId: string, patch: ProfilePatch = {}): Promise<void> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const insert = tx.insert(profiles).values({ userId, country: 'NG', ...set });
  if (Object.keys(set).length === 0) {
    await insert.onConflictDoNothing({ target: profiles.userId });
    return;
  }
  await insert.onConflictDoUpdate({ target: profiles.userId, set: { ...set, updatedAt: sql`now()` } });
}

export async function insertUserNotificationPreferences(
  tx: DbOrTx,
  userId: string,
  rows: ReadonlyArray<{
    category: (typeof notificationPreferences.category.enumValues)[number];
    type: (typeof notificationPreferences.type.enumValues)[number];
  }>,
): Promise<void> {
  if (rows.length === 0) return;
  await tx
    .insert(notificationPreferences)
    .values(rows.map((row) => ({ userId, category: row.category, type: row.type, enabled: true })))
    .onConflictDoNothing();
}

/** One row per (user, IP): first sighting inserts, later ones refresh `lastUsed` and the User-Agent. */
export async function upsertUserIp(
  tx: DbOrTx,
  values: { userId: string; ipAddress: string; userAgent?: string | null },
): Promise<void> {
  await tx
    .insert(userIps)
    .values({ userId: values.userId, ipAddress: values.ipAddress, userAgent: values.userAgent ?? null })
    .onConflictDoUpdate({
      target: [userIps.userId, userIps.ipAddress],
      set: { lastUsed: sql`now()`, userAgent: values.userAgent ?? null },
    });
}

/** Marks the email verified; onboarding moves to `email_verified` only from `account_created` (fix 50). */
export async function markEmailVerified(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({
      isEmailVerified: true,
      onboardingStatus: sql`case when ${users.onboardingStatus} = 'account_created' then 'email_verified'::onboarding_status else ${users.onboardingStatus} end`,
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
}

export async function setOnboardingStatus(
  tx: DbOrTx,
  userId: string,
  status: OnboardingStatus,
): Promise<void> {
  await tx.update(users).set({ onboardingStatus: status, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Re-hash of a legacy bcrypt value (D11): the local-password flag is left as it is. */
export async function replacePasswordHash(tx: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await tx.update(users).set({ passwordHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Links a Google or Apple identity; `verified` also marks the email verified (the provider vouched). */
export async function linkProviderIdentity(
  tx: DbOrTx,
  userId: string,
  provider: OAuthProvider,
  subject: string,
  verified: boolean,
): Promise<void> {
  await tx
    .update(users)
    .set({
      ...(provider === 'google' ? { googleId: subject } : { appleId: subject }),
      updatedAt: sql`now()`,
    })
    .where(eq(users.id, userId));
  if (verified) await markEmailVerified(tx, userId);
}

export async function setUserAvatar(tx: DbOrTx, userId: string, avatarId: string): Promise<void> {
  await tx.update(users).set({ avatarId, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

export async function setNameIfMissing(tx: DbOrTx, userId: string, name: string): Promise<void> {
  await tx
    .update(users)
    .set({ name, updatedAt: sql`now()` })
    .where(and(eq(users.id, userId), isNull(users.name)));
}

/** Role admin with a verified email (the first-admin command vouches for the address). */
export async function promoteToVerifiedAdmin(tx: DbOrTx, userId: string): Promise<void> {
  await tx.update(users).set({ role: 'admin', updatedAt: sql`now()` }).where(eq(users.id, userId));
  await markEmailVerified(tx, userId);
}

/** Active, non-deleted learning expectations, sorted by name (AUTH-05). */
export async function listActiveLearningExpectations(tx: DbOrTx) {
  return tx
    .select({
      id: learningExpectations.id,
      name: learningExpectations.name,
      description: learningExpectations.description,
      category: learningExpectations.category,
    })
    .from(learningExpectations)
    .where(and(eq(learningExpectations.isActive, true), eq(learningExpectations.isDeleted, false)))
    .orderBy(asc(learningExpectations.name), asc(learningExpectations.id));
}

/** Which of the ids name an active, non-deleted learning expectation. */
export async function findActiveLearningExpectationIds(
  tx: DbOrTx,
  ids: readonly string[],
): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: learningExpectations.id })
    .from(learningExpectations)
    .where(
      and(
        inArray(learningExpectations.id, [...ids]),
        eq(learningExpectations.isActive, true),
        eq(learningExpectations.isDeleted, false),
      ),
    );
  return rows.map((row) => row.id);
}

/** Adds selections; existing ones are kept (AUTH-04). */
export async function addUserLearningExpectations(
  tx: DbOrTx,
  userId: string,
  ids: readonly string[],
): Promise<void> {
  if (ids.length === 0) return;
  await tx
    .insert(userLearningExpectations)
    .values(ids.map((learningExpectationId) => ({ userId, learningExpectationId })))
    .onConflictDoNothing();
}

/** Which of the ids name a non-deleted category. */
export async function findCategoryIds(tx: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: categories.id })
    .from(categories)
    .where(and(inArray(categories.id, [...ids]), eq(categories.isDeleted, false)));
  return rows.map((row) => row.id);
}

export async function replaceUserPreferredCategories(
  tx: DbOrTx,
  userId: string,
  ids: readonly string[],
): Promise<void> {
  await tx.delete(userPreferredCategories).where(eq(userPreferredCategories.userId, userId));
  if (ids.length === 0) return;
  await tx
    .insert(userPreferredCategories)
    .values(ids.map((categoryId) => ({ userId, categoryId })))
    .onConflictDoNothing();
}

/** A non-deleted avatar with that URL the user may use: a system avatar or one of their own. */
export async function findUsableAvatarByUrl(
  tx: DbOrTx,
  userId: string,
  url: string,
): Promise<string | undefined> {
  const [row] = await tx
    .select({ id: avatars.id })
    .from(avatars)
    .where(
      and(
        eq(avatars.url, url),
        eq(avatars.isDeleted, false),
        or(eq(avatars.isSystemAvatar, true), eq(avatars.ownerUserId, userId)),
      ),
    )
    .orderBy(asc(avatars.createdAt))
    .limit(1);
  return row?.id;
}

/** A custom avatar owned by the user; its id is fixed by the caller so the name can carry it. */
export async function insertOwnedAvatar(
  tx: DbOrTx,
  values: { id: string; name: string; url: string; ownerUserId: string },
): Promise<string> {
  const [row] = await tx
    .insert(avatars)
    .values({ ...values, isSystemAvatar: false })
    .returning({ id: avatars.id });
  return row!.id;
}

/**
 * The avatar named `oauth_{sub}` of a provider identity: created, or pointed at the new picture URL
 * (and restored) when it already belongs to the same user. Undefined when the name is taken by
 * another owner, which only a colliding subject could cause.
 */
export async function upsertProviderAvatar(
  tx: DbOrTx,
  values: { id: string; name: string; url: string; ownerUserId: string },
): Promise<string | undefined> {
  const [row] = await tx
    .insert(avatars)
    .values({ ...values, isSystemAvatar: false })
    .onConflictDoUpdate({
      target: avatars.name,
      set: { url: values.url, isDeleted: false, deletedAt: null },
      setWhere: eq(avatars.ownerUserId, values.ownerUserId),
    })
    .returning({ id: avatars.id });
  return row?.id;
}
