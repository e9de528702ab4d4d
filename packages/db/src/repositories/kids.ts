import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { avatars, categories, kidPreferredCategories, kids, users, voices } from '../schema';

/** Kid rows for `KidDto` (api.md §0.3): two queries whatever the number of kids (no N+1). */

const kidColumns = {
  id: kids.id,
  parentId: kids.parentId,
  name: kids.name,
  ageRange: kids.ageRange,
  avatarId: kids.avatarId,
  currentReadingLevel: kids.currentReadingLevel,
  dailyScreenTimeLimitMins: kids.dailyScreenTimeLimitMins,
  preferredVoiceUuid: kids.preferredVoiceId,
  excludedTags: kids.excludedTags,
  isBedtimeEnabled: kids.isBedtimeEnabled,
  bedtimeStart: kids.bedtimeStart,
  bedtimeEnd: kids.bedtimeEnd,
  bedtimeDays: kids.bedtimeDays,
  bedtimeLockApp: kids.bedtimeLockApp,
  bedtimeDimScreen: kids.bedtimeDimScreen,
  bedtimeReminder: kids.bedtimeReminder,
  bedtimeStoriesOnly: kids.bedtimeStoriesOnly,
  storyBuddyId: kids.storyBuddyId,
  buddySelectedAt: kids.buddySelectedAt,
  pointsBalance: kids.pointsBalance,
  createdAt: kids.createdAt,
  updatedAt: kids.updatedAt,
  deletedAt: kids.deletedAt,
  avatarRowId: avatars.id,
  avatarName: avatars.name,
  avatarUrl: avatars.url,
  avatarIsSystem: avatars.isSystemAvatar,
  avatarPublicId: avatars.publicId,
  avatarCreatedAt: avatars.createdAt,
  voiceId: voices.id,
  voiceName: voices.name,
  voiceType: voices.type,
  voiceElevenLabsId: voices.elevenLabsVoiceId,
  parentName: users.name,
  parentEmail: users.email,
};

function kidQuery(tx: DbOrTx) {
  return tx
    .select(kidColumns)
    .from(kids)
    .innerJoin(users, eq(users.id, kids.parentId))
    .leftJoin(avatars, eq(avatars.id, kids.avatarId))
    .leftJoin(voices, eq(voices.id, kids.preferredVoiceId));
}

type KidRow = Awaited<ReturnType<typeof kidQuery>>[number];

export interface KidRecord {
  id: string;
  parentId: string;
  name: string | null;
  ageRange: string | null;
  avatarId: string | null;
  currentReadingLevel: number;
  dailyScreenTimeLimitMins: number | null;
  /** The voice's ElevenLabs id when it has one, else its UUID (the reference client contract). */
  preferredVoiceId: string | null;
  excludedTags: string[];
  isBedtimeEnabled: boolean;
  bedtimeStart: string | null;
  bedtimeEnd: string | null;
  bedtimeDays: number[];
  bedtimeLockApp: boolean;
  bedtimeDimScreen: boolean;
  bedtimeReminder: boolean;
  bedtimeStoriesOnly: boolean;
  storyBuddyId: string | null;
  buddySelectedAt: Date | null;
  pointsBalance: number;
  createdAt: Date;
  updatedAt: Date;
  deletedAt: Date | null;
  avatar: {
    id: string;
    name: string | null;
    url: string;
    isSystemAvatar: boolean;
    publicId: string | null;
    createdAt: Date;
  } | null;
  preferredCategories: Array<{ id: string; name: string }>;
  preferredVoice: { id: string; name: string; type: string; elevenLabsVoiceId: string | null } | null;
  parent: { id: string; name: string | null; email: string };
}

function toRecord(row: KidRow, preferred: Array<{ id: string; name: string }>): KidRecord {
  return {
    id: row.id,
    parentId: row.parentId,
    name: row.name,
    ageRange: row.ageRange,
    avatarId: row.avatarId,
    currentReadingLevel: row.currentReadingLevel,
    dailyScreenTimeLimitMins: row.dailyScreenTimeLimitMins,
    preferredVoiceId: row.voiceElevenLabsId ?? row.preferredVoiceUuid,
    excludedTags: row.excludedTags,
    isBedtimeEnabled: row.isBedtimeEnabled,
    bedtimeStart: row.bedtimeStart,
    bedtimeEnd: row.bedtimeEnd,
    bedtimeDays: row.bedtimeDays,
    bedtimeLockApp: row.bedtimeLockApp,
    bedtimeDimScreen: row.bedtimeDimScreen,
    bedtimeReminder: row.bedtimeReminder,
    bedtimeStoriesOnly: row.bedtimeStoriesOnly,
    storyBuddyId: row.storyBuddyId,
    buddySelectedAt: row.buddySelectedAt,
    pointsBalance: row.pointsBalance,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    deletedAt: row.deletedAt,
    avatar:
      row.avatarRowId && row.avatarUrl && row.avatarCreatedAt
        ? {
            id: row.avatarRowId,
            name: row.avatarName,
            url: row.avatarUrl,
            isSystemAvatar: row.avatarIsSystem ?? false,
            publicId: row.avatarPublicId,
            createdAt: row.avatarCreatedAt,
          }
        : null,
    preferredCategories: preferred,
    preferredVoice:
      row.voiceId && row.voiceName && row.voiceType
        ? {
            id: row.voiceId,
            name: row.voiceName,
            type: row.voiceType,
            elevenLabsVoiceId: row.voiceElevenLabsId,
          }
        : null,
    parent: { id: row.parentId, name: row.parentName, email: row.parentEmail },
  };
}

async function withCategories(tx: DbOrTx, rows: KidRow[]): Promise<KidRecord[]> {
  if (rows.length === 0) return [];
  const links = await tx
    .select({ kidId: kidPreferredCategories.kidId, id: categories.id, name: categories.name })
    .from(kidPreferredCategories)
    .innerJoin(categories, eq(categories.id, kidPreferredCategories.categoryId))
    .where(
      and(
        inArray(
          kidPreferredCategories.kidId,
          rows.map((row) => row.id),
        ),
        eq(categories.isDeleted, false),
      ),
    );
  const byKid = new Map<string, Array<{ id: string; name: string }>>();
  for (const link of links) {
    const list = byKid.get(link.kidId) ?? [];
    list.push({ id: link.id, name: link.name });
    byKid.set(link.kidId, list);
  }
  return rows.map((row) => toRecord(row, byKid.get(row.id) ?? []));
}

/** A parent's live kids, newest first (KID-01). */
export async function findKidsOfParent(tx: DbOrTx, parentId: string): Promise<KidRecord[]> {
  const rows = await kidQuery(tx)
    .where(and(eq(kids.parentId, parentId), eq(kids.isDeleted, false)))
    .orderBy(desc(kids.createdAt), desc(kids.id));
  return withCategories(tx, rows);
}

/** One kid as `KidDto`; soft-deleted kids only when asked (undo-delete answers with the restored kid). */
export async function findKidDto(
  tx: DbOrTx,
  kidId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<KidRecord | undefined> {
  const conditions: SQL[] = [eq(kids.id, kidId)];
  if (!options.includeDeleted) conditions.push(eq(kids.isDeleted, false));
  const rows = await kidQuery(tx).where(and(...conditions));
  return (await withCategories(tx, rows))[0];
}

/** The ownership probe of api.md §0.1: the kid if it belongs to the parent (and is live unless asked). */
export async function findOwnedKid(
  tx: DbOrTx,
  parentId: string,
  kidId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<{ id: string; parentId: string; name: string | null; isDeleted: boolean } | undefined> {
  const conditions: SQL[] = [eq(kids.id, kidId), eq(kids.parentId, parentId)];
  if (!options.includeDeleted) conditions.push(eq(kids.isDeleted, false));
  const [row] = await tx
    .select({ id: kids.id, parentId: kids.parentId, name: kids.name, isDeleted: kids.isDeleted })
    .from(kids)
    .where(and(...conditions));
  return row;
}

/** The same probe without the owner condition, for `session+owner/admin` routes called by an admin. */
export async function findKidForAdmin(
  tx: DbOrTx,
  kidId: string,
  options: { includeDeleted?: boolean } = {},
): Promise<{ id: string; parentId: string; name: string | null; isDeleted: boolean } | undefined> {
  const conditions: SQL[] = [eq(kids.id, kidId)];
  if (!options.includeDeleted) conditions.push(eq(kids.isDeleted, false));
  const [row] = await tx
    .select({ id: kids.id, parentId: kids.parentId, name: kids.name, isDeleted: kids.isDeleted })
    .from(kids)
    .where(and(...conditions));
  return row;
}
