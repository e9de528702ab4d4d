import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { users, userUsages, voices } from '../schema';
import { voices as seedVoices } from '../seed/data/voices';

/**
 * The voice module's reads and writes (api.md §6, rules.md §7): the system catalogue, a user's own
 * voices, the user's preferred and second voice, and the monthly ElevenLabs counter. The lookups that
 * resolve a requested voice live in voices.ts (shared with KID-04).
 */

/** The six system voices in catalogue order (providers.md §4): VOICE-08 lists them in this order. */
export const SYSTEM_VOICE_KEYS: readonly string[] = seedVoices.map((voice) => voice.catalogueKey);

/** The provider parameters of a system voice, by catalogue key (for a catalogue row missing in the database). */
export function systemVoiceSeed(key: string) {
  return seedVoices.find((voice) => voice.catalogueKey === key.toUpperCase());
}

export interface VoiceRow {
  id: string;
  userId: string | null;
  name: string;
  type: (typeof voices.type.enumValues)[number];
  url: string | null;
  voiceAvatar: string | null;
  elevenLabsVoiceId: string | null;
  catalogueKey: string | null;
}

const voiceRowColumns = {
  id: voices.id,
  userId: voices.userId,
  name: voices.name,
  type: voices.type,
  url: voices.url,
  voiceAvatar: voices.voiceAvatar,
  elevenLabsVoiceId: voices.elevenLabsVoiceId,
  catalogueKey: voices.catalogueKey,
};

/** VOICE-08: the system voices, catalogue order first, then any other system row by name. */
export async function listSystemVoices(tx: DbOrTx): Promise<VoiceRow[]> {
  const keys = sql`array[${sql.join(
    SYSTEM_VOICE_KEYS.map((key) => sql`${key}`),
    sql`, `,
  )}]::text[]`;
  return tx
    .select(voiceRowColumns)
    .from(voices)
    .where(and(eq(voices.type, 'system'), isNull(voices.userId), eq(voices.isDeleted, false)))
    .orderBy(
      sql`array_position(${keys}, ${voices.catalogueKey}) nulls last`,
      asc(voices.name),
      asc(voices.id),
    );
}

/** VOICE-03: the user's own voices, oldest first. */
export async function listOwnVoices(tx: DbOrTx, userId: string): Promise<VoiceRow[]> {
  return tx
    .select(voiceRowColumns)
    .from(voices)
    .where(and(eq(voices.userId, userId), eq(voices.isDeleted, false)))
    .orderBy(asc(voices.createdAt), asc(voices.id));
}

export async function findVoiceRow(tx: DbOrTx, voiceId: string): Promise<VoiceRow | undefined> {
  const [row] = await tx.select(voiceRowColumns).from(voices).where(eq(voices.id, voiceId));
  return row;
}

/** VOICE-01: a cloned (or, offline, uncloned) upload of the user's. */
export async function insertVoice(
  tx: DbOrTx,
  values: {
    userId: string;
    name: string;
    type: VoiceRow['type'];
    url: string | null;
    elevenLabsVoiceId: string | null;
    voiceAvatar: string | null;
    samplePublicId: string | null;
  },
): Promise<VoiceRow> {
  const [row] = await tx.insert(voices).values(values).returning(voiceRowColumns);
  if (!row) throw new Error('voices insert returned no row');
  return row;
}

/**
 * VOICE-05: the user's preferred voice while it is still reachable (a system voice or the user's own,
 * not deleted); a voice deleted since reads as none.
 */
export async function findPreferredVoiceRow(tx: DbOrTx, userId: string): Promise<VoiceRow | undefined> {
  const [row] = await tx
    .select(voiceRowColumns)
    .from(users)
    .innerJoin(voices, eq(voices.id, users.preferredVoiceId))
    .where(
      and(
        eq(users.id, userId),
        eq(voices.isDeleted, false),
        or(isNull(voices.userId), eq(voices.userId, userId)),
      ),
    );
  return row;
}

/** VOICE-04. */
export async function setPreferredVoice(tx: DbOrTx, userId: string, voiceId: string): Promise<void> {
  await tx
    .update(users)
    .set({ preferredVoiceId: voiceId, updatedAt: sql`now()` })
    .where(eq(users.id, userId));
}

/** VOICE-06: sets (or replaces) the free user's second voice, creating the usage row when missing. */
export async function saveSecondVoice(
  tx: DbOrTx,
  userId: string,
  voiceId: string,
  currentMonth: string,
): Promise<void> {
  await tx
    .insert(userUsages)
    .values({ userId, currentMonth, selectedSecondVoiceId: voiceId })
    .onConflictDoUpdate({
      target: userUsages.userId,
      set: { selectedSecondVoiceId: voiceId, updatedAt: sql`now()` },
    });
}

/**
 * ElevenLabs narrations counted this month (rules.md §7.3): a row of an earlier month counts as 0, as
 * the worker resets it on its next count.
 */
export async function elevenLabsCountThisMonth(
  tx: DbOrTx,
  userId: string,
  currentMonth: string,
): Promise<number> {
  const [row] = await tx
    .select({ count: userUsages.elevenLabsCount })
    .from(userUsages)
    .where(and(eq(userUsages.userId, userId), eq(userUsages.currentMonth, currentMonth)));
  return row?.count ?? 0;
}
