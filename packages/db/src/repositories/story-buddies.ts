import { and, asc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { buddyInteractions, dailyChallenges, kids, mediaAssets, stories, storyBuddies } from '../schema';
import { visibleStoryTo } from './story-list';

/** Story buddies and their interactions (api.md §5, rules.md §13, data-model.md `story_buddies`). */

const buddyColumns = {
  id: storyBuddies.id,
  name: storyBuddies.name,
  displayName: storyBuddies.displayName,
  type: storyBuddies.type,
  description: storyBuddies.description,
  imageUrl: storyBuddies.imageUrl,
  profileAvatarUrl: storyBuddies.profileAvatarUrl,
  isActive: storyBuddies.isActive,
  themeColor: storyBuddies.themeColor,
  ageGroupMin: storyBuddies.ageGroupMin,
  ageGroupMax: storyBuddies.ageGroupMax,
  createdAt: storyBuddies.createdAt,
  updatedAt: storyBuddies.updatedAt,
};

/** The `Buddy` shape of api.md §5. */
export interface BuddyRecord {
  id: string;
  name: string;
  displayName: string;
  type: string;
  description: string | null;
  imageUrl: string;
  profileAvatarUrl: string | null;
  isActive: boolean;
  themeColor: string | null;
  ageGroupMin: number;
  ageGroupMax: number;
  createdAt: Date;
  updatedAt: Date;
}

/** A buddy with the columns its writes need (delete state, stored image). */
export interface BuddyState extends BuddyRecord {
  isDeleted: boolean;
  imagePublicId: string | null;
}

/** Live buddies by name; BUDDY-01 (active only) and BUDDY-08 (inactive too). */
export async function listBuddies(tx: DbOrTx, options: { activeOnly: boolean }): Promise<BuddyRecord[]> {
  const conditions: SQL[] = [eq(storyBuddies.isDeleted, false)];
  if (options.activeOnly) conditions.push(eq(storyBuddies.isActive, true));
  return tx
    .select(buddyColumns)
    .from(storyBuddies)
    .where(and(...conditions))
    .orderBy(asc(storyBuddies.name), asc(storyBuddies.id));
}

/**
 * One buddy whatever its state. `lock`: `update` for its own writes (delete, restore, image swap),
 * `share` for a kid choosing it, so a choice and a delete cannot both pass their checks.
 */
export async function findBuddyState(
  tx: DbOrTx,
  id: string,
  options: { lock?: 'update' | 'share' } = {},
): Promise<BuddyState | undefined> {
  const query = tx
    .select({ ...buddyColumns, isDeleted: storyBuddies.isDeleted, imagePublicId: storyBuddies.imagePublicId })
    .from(storyBuddies)
    .where(eq(storyBuddies.id, id));
  const [row] = options.lock ? await query.for(options.lock) : await query;
  return row;
}

/** Names are unique among all rows, deleted ones included (the constraint is authoritative). */
export async function isBuddyNameTaken(tx: DbOrTx, name: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: storyBuddies.id })
    .from(storyBuddies)
    .where(eq(storyBuddies.name, name))
    .limit(1);
  return row !== undefined;
}

export interface BuddyValues {
  displayName?: string;
  type?: string;
  description?: string | null;
  imageUrl?: string;
  profileAvatarUrl?: string | null;
  isActive?: boolean;
  themeColor?: string | null;
  ageGroupMin?: number;
  ageGroupMax?: number;
  imagePublicId?: string | null;
}

export async function insertBuddy(
  tx: DbOrTx,
  values: BuddyValues & { name: string; displayName: string; type: string; imageUrl: string },
): Promise<BuddyRecord> {
  const [row] = await tx.insert(storyBuddies).values(values).returning(buddyColumns);
  return row!;
}

/** Updates a live buddy; undefined when it is gone or deleted. */
export async function updateBuddy(
  tx: DbOrTx,
  id: string,
  patch: BuddyValues,
): Promise<BuddyRecord | undefined> {
  const set = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
  const [row] = await tx
    .update(storyBuddies)
    .set({ ...set, updatedAt: sql`now()` })
    .where(and(eq(storyBuddies.id, id), eq(storyBuddies.isDeleted, false)))
    .returning(buddyColumns);
  return row;
}

export async function softDeleteBuddy(tx: DbOrTx, id: string): Promise<void> {
  await tx
    .update(storyBuddies)
    .set({ isDeleted: true, deletedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(storyBuddies.id, id));
}

export async function restoreBuddy(tx: DbOrTx, id: string): Promise<BuddyRecord | undefined> {
  const [row] = await tx
    .update(storyBuddies)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(and(eq(storyBuddies.id, id), eq(storyBuddies.isDeleted, true)))
    .returning(buddyColumns);
  return row;
}

/** Deletes the buddy; its interactions go with it (FK CASCADE) and kids' choices are cleared (SET NULL). */
export async function deleteBuddy(tx: DbOrTx, id: string): Promise<void> {
  await tx.delete(storyBuddies).where(eq(storyBuddies.id, id));
}

/** Whether a live kid has chosen the buddy (rules.md §13: such a buddy cannot be deleted). */
export async function isBuddyInUse(tx: DbOrTx, id: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: kids.id })
    .from(kids)
    .where(and(eq(kids.storyBuddyId, id), eq(kids.isDeleted, false)))
    .limit(1);
  return row !== undefined;
}

/**
 * The asset rows behind stored buddy images. The media service names an object after its asset
 * (`{folder}/{assetId}`, in the local store and on Cloudinary alike), so the asset is found by the
 * last segment of the public id; images imported from Cloudinary have none.
 */
export async function findImageAssets(
  tx: DbOrTx,
  publicIds: readonly string[],
): Promise<Map<string, { mediaId: string; store: 'local' | 'cloudinary' }>> {
  const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const ids = publicIds.map((publicId) => publicId.split('/').pop() ?? '').filter((id) => UUID.test(id));
  const found = new Map<string, { mediaId: string; store: 'local' | 'cloudinary' }>();
  if (ids.length === 0) return found;
  const rows = await tx
    .select({ id: mediaAssets.id, publicId: mediaAssets.publicId, store: mediaAssets.store })
    .from(mediaAssets)
    .where(inArray(mediaAssets.id, ids));
  for (const row of rows) {
    const publicId = publicIds.find((candidate) => candidate.endsWith(`/${row.id}`));
    if (publicId) found.set(publicId, { mediaId: row.id, store: row.store });
  }
  return found;
}

// ---- kids and their buddy ------------------------------------------------------------------------

export async function setKidBuddy(tx: DbOrTx, kidId: string, buddyId: string, at: Date): Promise<void> {
  await tx
    .update(kids)
    .set({ storyBuddyId: buddyId, buddySelectedAt: at, updatedAt: sql`now()` })
    .where(eq(kids.id, kidId));
}

/** The live kid's live buddy with the kid's name (greetings) and when it was chosen. */
export async function findKidBuddy(
  tx: DbOrTx,
  kidId: string,
): Promise<{ buddy: BuddyRecord; kidName: string | null; selectedAt: Date | null } | undefined> {
  const [row] = await tx
    .select({ buddy: buddyColumns, kidName: kids.name, selectedAt: kids.buddySelectedAt })
    .from(kids)
    .innerJoin(storyBuddies, eq(storyBuddies.id, kids.storyBuddyId))
    .where(and(eq(kids.id, kidId), eq(kids.isDeleted, false), eq(storyBuddies.isDeleted, false)));
  return row;
}

export async function insertBuddyInteraction(
  tx: DbOrTx,
  values: {
    kidId: string;
    buddyId: string;
    interactionType: string;
    context?: string | null;
    contextId?: string | null;
  },
): Promise<void> {
  await tx.insert(buddyInteractions).values({
    kidId: values.kidId,
    buddyId: values.buddyId,
    interactionType: values.interactionType,
    context: values.context ?? null,
    contextId: values.contextId ?? null,
  });
}

// ---- message context -----------------------------------------------------------------------------

/** A daily challenge and its word, when its story is one the family may open (BUDDY-06 `challenge`). */
export async function findChallengeWord(
  tx: DbOrTx,
  challengeId: string,
  userId: string,
): Promise<{ challengeId: string; word: string } | undefined> {
  const [row] = await tx
    .select({ challengeId: dailyChallenges.id, word: dailyChallenges.wordOfTheDay })
    .from(dailyChallenges)
    .innerJoin(stories, eq(stories.id, dailyChallenges.storyId))
    .where(and(eq(dailyChallenges.id, challengeId), visibleStoryTo(userId)));
  return row;
}

/** A story's title when the family may open it (BUDDY-06 `story_start` / `story_complete`). */
export async function findVisibleStoryTitle(
  tx: DbOrTx,
  storyId: string,
  userId: string,
): Promise<{ storyId: string; storyTitle: string } | undefined> {
  const [row] = await tx
    .select({ storyId: stories.id, storyTitle: stories.title })
    .from(stories)
    .where(and(eq(stories.id, storyId), visibleStoryTo(userId)));
  return row;
}

// ---- admin stats ---------------------------------------------------------------------------------

export interface BuddyStatsRow {
  id: string;
  name: string;
  displayName: string;
  isActive: boolean;
  kidCount: number;
  interactionCount: number;
}

/**
 * BUDDY-13 in one statement: every live buddy with its live kids and the interactions of live
 * kids, each counted once per buddy by a grouped subquery (no per-buddy queries).
 */
export async function buddyStats(tx: DbOrTx): Promise<BuddyStatsRow[]> {
  const kidCounts = tx
    .select({ buddyId: kids.storyBuddyId, total: sql<number>`count(*)::int`.as('kid_total') })
    .from(kids)
    .where(and(eq(kids.isDeleted, false), isNotNull(kids.storyBuddyId)))
    .groupBy(kids.storyBuddyId)
    .as('kid_counts');
  const interactionCounts = tx
    // Distinct aliases: drizzle renders aliased fields unqualified in the outer select.
    .select({ buddyId: buddyInteractions.buddyId, total: sql<number>`count(*)::int`.as('interaction_total') })
    .from(buddyInteractions)
    .innerJoin(kids, and(eq(kids.id, buddyInteractions.kidId), eq(kids.isDeleted, false)))
    .groupBy(buddyInteractions.buddyId)
    .as('interaction_counts');
  return tx
    .select({
      id: storyBuddies.id,
      name: storyBuddies.name,
      displayName: storyBuddies.displayName,
      isActive: storyBuddies.isActive,
      kidCount: sql<number>`coalesce(${kidCounts.total}, 0)`.mapWith(Number),
      interactionCount: sql<number>`coalesce(${interactionCounts.total}, 0)`.mapWith(Number),
    })
    .from(storyBuddies)
    .leftJoin(kidCounts, eq(kidCounts.buddyId, storyBuddies.id))
    .leftJoin(interactionCounts, eq(interactionCounts.buddyId, storyBuddies.id))
    .where(eq(storyBuddies.isDeleted, false))
    .orderBy(asc(storyBuddies.name), asc(storyBuddies.id));
}
