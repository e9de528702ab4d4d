import { and, desc, eq, isNull, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { userUsages, voices } from '../schema';

/**
 * Voice lookups for preferred-voice choices (rules.md §7.1–7.2). A user may only reach system voices
 * (`user_id` null) and their own (fix 34); soft-deleted voices count as missing.
 */

export interface VoiceRef {
  id: string;
  userId: string | null;
  name: string;
  type: (typeof voices.type.enumValues)[number];
  elevenLabsVoiceId: string | null;
  catalogueKey: string | null;
}

const voiceRefColumns = {
  id: voices.id,
  userId: voices.userId,
  name: voices.name,
  type: voices.type,
  elevenLabsVoiceId: voices.elevenLabsVoiceId,
  catalogueKey: voices.catalogueKey,
};

const reachableBy = (userId: string) =>
  and(eq(voices.isDeleted, false), or(isNull(voices.userId), eq(voices.userId, userId)));

/** A system voice by catalogue key (`CHARLIE`…), case-insensitive. */
export async function findSystemVoiceByKey(tx: DbOrTx, key: string): Promise<VoiceRef | undefined> {
  const [row] = await tx
    .select(voiceRefColumns)
    .from(voices)
    .where(
      and(eq(voices.catalogueKey, key.toUpperCase()), isNull(voices.userId), eq(voices.isDeleted, false)),
    );
  return row;
}

/** A voice by UUID, when it is a system voice or the user's own. */
export async function findReachableVoiceById(
  tx: DbOrTx,
  userId: string,
  voiceId: string,
): Promise<VoiceRef | undefined> {
  const [row] = await tx
    .select(voiceRefColumns)
    .from(voices)
    .where(and(eq(voices.id, voiceId), reachableBy(userId)));
  return row;
}

/** A voice by ElevenLabs id: a system voice first, else the user's own. */
export async function findReachableVoiceByElevenLabsId(
  tx: DbOrTx,
  userId: string,
  elevenLabsVoiceId: string,
): Promise<VoiceRef | undefined> {
  const [row] = await tx
    .select(voiceRefColumns)
    .from(voices)
    .where(and(eq(voices.elevenLabsVoiceId, elevenLabsVoiceId), reachableBy(userId)))
    .orderBy(desc(sql`(${voices.userId} is null)`))
    .limit(1);
  return row;
}

/**
 * The user's Voice row for an ElevenLabs voice: created, or revived if the user had deleted it
 * (the unique `(user_id, eleven_labs_voice_id)` covers deleted rows too).
 */
export async function upsertImportedVoice(
  tx: DbOrTx,
  values: {
    userId: string;
    name: string;
    elevenLabsVoiceId: string;
    url: string | null;
    voiceAvatar: string;
  },
): Promise<VoiceRef> {
  const [created] = await tx
    .insert(voices)
    .values({ ...values, type: 'elevenlabs' })
    .onConflictDoNothing()
    .returning(voiceRefColumns);
  if (created) return created;
  const [revived] = await tx
    .update(voices)
    .set({ isDeleted: false, deletedAt: null, updatedAt: sql`now()` })
    .where(
      and(
        eq(voices.userId, values.userId),
        eq(voices.elevenLabsVoiceId, values.elevenLabsVoiceId),
        sql`${voices.type} <> 'system'`,
      ),
    )
    .returning(voiceRefColumns);
  if (!revived) throw new Error('imported voice vanished between insert and revive');
  return revived;
}

/** `user_usages.selectedSecondVoiceId`, or null when none is chosen (or no usage row exists yet). */
export async function findSecondVoiceId(tx: DbOrTx, userId: string): Promise<string | null> {
  const [row] = await tx
    .select({ id: userUsages.selectedSecondVoiceId })
    .from(userUsages)
    .where(eq(userUsages.userId, userId));
  return row?.id ?? null;
}

/**
 * Makes the voice the user's second voice only if none is selected yet (rules.md §7.2), atomically:
 * false when another voice already holds the slot.
 */
export async function claimSecondVoice(
  tx: DbOrTx,
  userId: string,
  voiceId: string,
  currentMonth: string,
): Promise<boolean> {
  const rows = await tx
    .insert(userUsages)
    .values({ userId, currentMonth, selectedSecondVoiceId: voiceId })
    .onConflictDoUpdate({
      target: userUsages.userId,
      set: { selectedSecondVoiceId: voiceId, updatedAt: sql`now()` },
      setWhere: or(isNull(userUsages.selectedSecondVoiceId), eq(userUsages.selectedSecondVoiceId, voiceId)),
    })
    .returning({ id: userUsages.id });
  return rows.length > 0;
}
