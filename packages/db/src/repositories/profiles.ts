import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, kids, profiles, userLearningExpectations, users } from '../schema';

/**
 * The parent's own view of their account (`ParentProfile`, api.md §0.3) and the writes of
 * USER-02..08. `pin_hash` is read only as a boolean here, and by `lockPinState` for PIN checks.
 */

type Role = (typeof users.role.enumValues)[number];
type OnboardingStatus = (typeof users.onboardingStatus.enumValues)[number];

export interface ParentProfileRecord {
  id: string;
  email: string;
  title: string | null;
  name: string | null;
  avatar: { id: string; url: string; isSystemAvatar: boolean } | null;
  profile: {
    explicitContent: boolean;
    maxScreenTimeMins: number | null;
    language: string | null;
    languageCode: string | null;
    country: string;
  } | null;
  role: Role;
  onboardingStatus: OnboardingStatus;
  isEmailVerified: boolean;
  numberOfKids: number;
  pinSet: boolean;
  biometricsEnabled: boolean;
  preferredCategories: Array<{ id: string; name: string }>;
  learningExpectations: Array<{ id: string; name: string }>;
  createdAt: Date;
  updatedAt: Date;
  isDeleted: boolean;
  deletedAt: Date | null;
}

/** Three queries whatever the size of the selections: the user row with joins, then the two sets. */
export async function findParentProfile(
  tx: DbOrTx,
  userId: string,
): Promise<ParentProfileRecord | undefined> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      title: users.title,
      name: users.name,
      role: users.role,
      onboardingStatus: users.onboardingStatus,
      isEmailVerified: users.isEmailVerified,
      biometricsEnabled: users.biometricsEnabled,
      pinSet: sql<boolean>`(${users.pinHash} is not null)`,
      createdAt: users.createdAt,
      updatedAt: users.updatedAt,
      isDeleted: users.isDeleted,
      deletedAt: users.deletedAt,
      avatarId: avatars.id,
      avatarUrl: avatars.url,
      avatarIsSystem: avatars.isSystemAvatar,
      profileId: profiles.id,
      explicitContent: profiles.explicitContent,
      maxScreenTimeMins: profiles.maxScreenTimeMins,
      language: profiles.language,
      languageCode: profiles.languageCode,
      country: profiles.country,
      numberOfKids: sql<number>`(select count(*)::int from ${kids} where ${kids.parentId} = ${users.id} and ${kids.isDeleted} = false)`,
      // Both id sets in the same statement: GET /user/me is one round trip.
      preferredCategories: sql<Array<{ id: string; name: string }>>`coalesce((
        select json_agg(json_build_object('id', c.id, 'name', c.name) order by c.name)
        from user_preferred_categories upc join categories c on c.id = upc.category_id
        where upc.user_id = "users"."id" and c.is_deleted = false), '[]'::json)`,
      learningExpectations: sql<Array<{ id: string; name: string }>>`coalesce((
        select json_agg(json_build_object('id', le.id, 'name', le.name) order by le.name)
        from user_learning_expectations ule join learning_expectations le on le.id = ule.learning_expectation_id
        where ule.user_id = "users"."id" and le.is_deleted = false), '[]'::json)`,
    })
    .from(users)
    .leftJoin(avatars, eq(avatars.id, users.avatarId))
    .leftJoin(profiles, eq(profiles.userId, users.id))
    .where(eq(users.id, userId));
  if (!row) return undefined;

  return {
    id: row.id,
    email: row.email,
    title: row.title,
    name: row.name,
    avatar:
      row.avatarId && row.avatarUrl
        ? { id: row.avatarId, url: row.avatarUrl, isSystemAvatar: row.avatarIsSystem ?? false }
        : null,
    profile: row.profileId
      ? {
          explicitContent: row.explicitContent ?? true,
          maxScreenTimeMins: row.maxScreenTimeMins,
          language: row.language,
          languageCode: row.languageCode,
          country: row.country ?? 'NG',
        }
      : null,
    role: row.role,
    onboardingStatus: row.onboardingStatus,
    isEmailVerified: row.isEmailVerified,
    numberOfKids: Number(row.numberOfKids ?? 0),
    pinSet: Boolean(row.pinSet),
    biometricsEnabled: row.biometricsEnabled,
    preferredCategories: row.preferredCategories,
    learningExpectations: row.learningExpectations,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    isDeleted: row.isDeleted,
    deletedAt: row.deletedAt,
  };
}

export interface UserFieldsPatch {
  name?: string;
  biometricsEnabled?: boolean;
  avatarId?: string;
}

/** Updates the given columns (and `updatedAt`, so the response shows the write even when nothing changed). */
export async function updateUserFields(tx: DbOrTx, userId: string, patch: UserFieldsPatch): Promise<void> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  await tx
    .update(users)
    .set({ ...set, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Replaces the user's learning expectations with exactly these (USER-02). */
export async function replaceUserLearningExpectations(
  tx: DbOrTx,
  userId: string,
  ids: readonly string[],
): Promise<void> {
  await tx.delete(userLearningExpectations).where(eq(userLearningExpectations.userId, userId));
  if (ids.length === 0) return;
  await tx
    .insert(userLearningExpectations)
    .values(ids.map((learningExpectationId) => ({ userId, learningExpectationId })))
    .onConflictDoNothing();
}

/**
 * Which of the avatar ids the owner may assign: non-deleted, and a system avatar or one the owner
 * uploaded (fix 28). One query for any number of ids.
 */
export async function findAssignableAvatarIds(
  tx: DbOrTx,
  ownerUserId: string,
  avatarIds: readonly string[],
): Promise<string[]> {
  if (avatarIds.length === 0) return [];
  const rows = await tx
    .select({ id: avatars.id })
    .from(avatars)
    .where(
      and(
        inArray(avatars.id, [...avatarIds]),
        eq(avatars.isDeleted, false),
        or(eq(avatars.isSystemAvatar, true), eq(avatars.ownerUserId, ownerUserId)),
      ),
    );
  return rows.map((row) => row.id);
}

export interface PinState {
  id: string;
  email: string;
  name: string | null;
  pinHash: string | null;
  pinFailedCount: number;
  pinLockedUntil: Date | null;
  onboardingStatus: OnboardingStatus;
}

/**
 * The PIN columns, row-locked: concurrent verifications of one account run one after another, so
 * parallel guesses cannot slip past the 5-failure lockout (D12).
 */
export async function lockPinState(tx: DbOrTx, userId: string): Promise<PinState | undefined> {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      pinHash: users.pinHash,
      pinFailedCount: users.pinFailedCount,
      pinLockedUntil: users.pinLockedUntil,
      onboardingStatus: users.onboardingStatus,
    })
    .from(users)
    .where(eq(users.id, userId))
    .for('update');
  return row;
}

/** Stores a new PIN hash and clears the lockout (USER-08). */
export async function savePin(tx: DbOrTx, userId: string, pinHash: string): Promise<void> {
  await tx
    .update(users)
    .set({ pinHash, pinFailedCount: 0, pinLockedUntil: null, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** Only from `profile_setup` (rules.md §14): false when the status was anything else. */
export async function setFirstPin(tx: DbOrTx, userId: string, pinHash: string): Promise<boolean> {
  const rows = await tx
    .update(users)
    .set({
      pinHash,
      pinFailedCount: 0,
      pinLockedUntil: null,
      onboardingStatus: 'pin_setup',
      updatedAt: sql`now()`,
    })
    .where(and(eq(users.id, userId), eq(users.onboardingStatus, 'profile_setup')))
    .returning({ id: users.id });
  return rows.length > 0;
}

export async function setPinFailures(
  tx: DbOrTx,
  userId: string,
  failedCount: number,
  lockedUntil: Date | null,
): Promise<void> {
  await tx
    .update(users)
    .set({ pinFailedCount: failedCount, pinLockedUntil: lockedUntil, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** After a correct PIN: the counter and any ended lock are cleared. */
export async function clearPinFailures(tx: DbOrTx, userId: string): Promise<void> {
  await tx
    .update(users)
    .set({ pinFailedCount: 0, pinLockedUntil: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(users.id, userId),
        or(sql`${users.pinFailedCount} <> 0`, sql`${users.pinLockedUntil} is not null`),
      ),
    );
}

export async function replacePinHash(tx: DbOrTx, userId: string, pinHash: string): Promise<void> {
  await tx.update(users).set({ pinHash, updatedAt: sql`now()` }).where(eq(users.id, userId));
}

/** Ids of the parent's kids, live or not (their cached profiles carry the parent's name). */
export async function kidIdsOfParent(tx: DbOrTx, parentId: string): Promise<string[]> {
  const rows = await tx.select({ id: kids.id }).from(kids).where(eq(kids.parentId, parentId));
  return rows.map((row) => row.id);
}
