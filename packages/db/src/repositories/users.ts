import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, kids, profiles, users } from '../schema';

/** The columns of `UserDto` (api.md §0.3): never the password or PIN hash. */
const userDtoColumns = {
  id: users.id,
  email: users.email,
  name: users.name,
  title: users.title,
  role: users.role,
  isEmailVerified: users.isEmailVerified,
  onboardingStatus: users.onboardingStatus,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  isDeleted: users.isDeleted,
  deletedAt: users.deletedAt,
  avatarId: avatars.id,
  avatarName: avatars.name,
  avatarUrl: avatars.url,
  avatarIsSystem: avatars.isSystemAvatar,
  avatarPublicId: avatars.publicId,
  avatarCreatedAt: avatars.createdAt,
  profileId: profiles.id,
  profileExplicitContent: profiles.explicitContent,
  profileMaxScreenTimeMins: profiles.maxScreenTimeMins,
  profileLanguage: profiles.language,
  profileLanguageCode: profiles.languageCode,
  profileCountry: profiles.country,
  profileCreatedAt: profiles.createdAt,
  profileUpdatedAt: profiles.updatedAt,
  numberOfKids: sql<number>`(select count(*)::int from ${kids} where ${kids.parentId} = ${users.id} and ${kids.isDeleted} = false)`,
};

export interface UserDtoRecord {
  id: string;
  email: string;
  name: string | null;
  title: string | null;
  role: 'admin' | 'parent' | 'kid';
  isEmailVerified: boolean;
  onboardingStatus: 'account_created' | 'email_verified' | 'profile_setup' | 'pin_setup';
  avatarUrl: string | null;
  avatar: {
    id: string;
    name: string | null;
    url: string;
    isSystemAvatar: boolean;
    publicId: string | null;
    createdAt: Date;
  } | null;
  profile: {
    id: string;
    userId: string;
    explicitContent: boolean;
    maxScreenTimeMins: number | null;
    language: string | null;
    languageCode: string | null;
    country: string;
    createdAt: Date;
    updatedAt: Date;
  } | null;
  numberOfKids: number;
  createdAt: Date;
  updatedAt: Date;
  isDeleted: boolean;
  deletedAt: Date | null;
}

function toRecord(r: UserDtoRow): UserDtoRecord {
  return {
    id: r.id,
    email: r.email,
    name: r.name,
    title: r.title,
    role: r.role,
    isEmailVerified: r.isEmailVerified,
    onboardingStatus: r.onboardingStatus,
    avatarUrl: r.avatarUrl ?? null,
    avatar:
      r.avatarId && r.avatarUrl && r.avatarCreatedAt
        ? {
            id: r.avatarId,
            name: r.avatarName,
            url: r.avatarUrl,
            isSystemAvatar: r.avatarIsSystem ?? false,
            publicId: r.avatarPublicId,
            createdAt: r.avatarCreatedAt,
          }
        : null,
    profile:
      r.profileId && r.profileCreatedAt && r.profileUpdatedAt
        ? {
            id: r.profileId,
            userId: r.id,
            explicitContent: r.profileExplicitContent ?? true,
            maxScreenTimeMins: r.profileMaxScreenTimeMins,
            language: r.profileLanguage,
            languageCode: r.profileLanguageCode,
            country: r.profileCountry ?? 'NG',
            createdAt: r.profileCreatedAt,
            updatedAt: r.profileUpdatedAt,
          }
        : null,
    numberOfKids: Number(r.numberOfKids ?? 0),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    isDeleted: r.isDeleted,
    deletedAt: r.deletedAt,
  };
}

function userDtoQuery(tx: DbOrTx) {
  return tx
    .select(userDtoColumns)
    .from(users)
    .leftJoin(avatars, eq(avatars.id, users.avatarId))
    .leftJoin(profiles, eq(profiles.userId, users.id));
}

type UserDtoRow = Awaited<ReturnType<typeof userDtoQuery>>[number];

/** One user as `UserDto` in a single query (avatar, profile and kid count joined), deleted ones included. */
export async function findUserDto(tx: DbOrTx, userId: string): Promise<UserDtoRecord | undefined> {
  const [row] = await userDtoQuery(tx).where(eq(users.id, userId));
  return row ? toRecord(row) : undefined;
}

export async function findUserDtos(tx: DbOrTx, userIds: string[]): Promise<UserDtoRecord[]> {
  if (userIds.length === 0) return [];
  const rows = await userDtoQuery(tx).where(inArray(users.id, userIds));
  return rows.map(toRecord);
}

/** Credentials for login and password checks: the only reader of `password_hash` outside writes. */
export async function findCredentialsByEmail(tx: DbOrTx, email: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      role: users.role,
      passwordHash: users.passwordHash,
      hasLocalPassword: users.hasLocalPassword,
      isEmailVerified: users.isEmailVerified,
      isSuspended: users.isSuspended,
      isDeleted: users.isDeleted,
    })
    .from(users)
    .where(eq(users.email, email.toLowerCase()));
  return row;
}

export async function findCredentialsById(tx: DbOrTx, userId: string) {
  const [row] = await tx
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      role: users.role,
      passwordHash: users.passwordHash,
      hasLocalPassword: users.hasLocalPassword,
      pinHash: users.pinHash,
      pinFailedCount: users.pinFailedCount,
      pinLockedUntil: users.pinLockedUntil,
      onboardingStatus: users.onboardingStatus,
      isDeleted: users.isDeleted,
    })
    .from(users)
    .where(eq(users.id, userId));
  return row;
}

export async function setPasswordHash(tx: DbOrTx, userId: string, passwordHash: string): Promise<void> {
  await tx
    .update(users)
    .set({ passwordHash, hasLocalPassword: true, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

export async function isLiveUser(tx: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.isDeleted, false)));
  return Boolean(row);
}
