import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { jobRequests, paragraphAudioCache, stories, storyAudioCache, userUsages, voices } from '../schema';

/**
 * Narration reads and writes of worker-voice (rules.md §7.3–7.4, D6): the text to narrate, the voice,
 * the audio caches keyed by text hash and provider, and the ElevenLabs monthly allowance.
 */

export type TtsProvider = (typeof storyAudioCache.provider.enumValues)[number];

export interface NarrationStory {
  id: string;
  textContent: string | null;
  textHash: string | null;
  audioUrl: string;
}

/** A story that still exists (soft-deleted stories are not narrated). */
export async function findNarrationStory(tx: DbOrTx, storyId: string): Promise<NarrationStory | undefined> {
  const [row] = await tx
    .select({
      id: stories.id,
      textContent: stories.textContent,
      textHash: stories.textHash,
      audioUrl: stories.audioUrl,
    })
    .from(stories)
    .where(and(eq(stories.id, storyId), eq(stories.isDeleted, false)));
  return row;
}

export async function setStoryAudioUrl(tx: DbOrTx, storyId: string, audioUrl: string): Promise<void> {
  await tx.update(stories).set({ audioUrl, updatedAt: sql`now()` }).where(eq(stories.id, storyId));
}

export interface NarrationVoice {
  id: string;
  userId: string | null;
  type: (typeof voices.type.enumValues)[number];
  elevenLabsVoiceId: string | null;
  catalogueKey: string | null;
}

const voiceColumns = {
  id: voices.id,
  userId: voices.userId,
  type: voices.type,
  elevenLabsVoiceId: voices.elevenLabsVoiceId,
  catalogueKey: voices.catalogueKey,
};

/** The system voice row of a catalogue key (`CHARLIE`…); undefined before the catalogue is seeded. */
export async function findSystemVoiceRow(
  tx: DbOrTx,
  catalogueKey: string,
): Promise<NarrationVoice | undefined> {
  const [row] = await tx
    .select(voiceColumns)
    .from(voices)
    .where(and(eq(voices.catalogueKey, catalogueKey), isNull(voices.userId), eq(voices.isDeleted, false)));
  return row;
}

/** A voice by id, not deleted; the caller checks whose it is. */
export async function findVoiceRow(tx: DbOrTx, voiceId: string): Promise<NarrationVoice | undefined> {
  const [row] = await tx
    .select(voiceColumns)
    .from(voices)
    .where(and(eq(voices.id, voiceId), eq(voices.isDeleted, false)));
  return row;
}

export interface CachedAudio {
  id: string;
  provider: TtsProvider;
  audioUrl: string;
  mediaId: string | null;
  durationMs: number | null;
}

const cachedColumns = {
  id: storyAudioCache.id,
  provider: storyAudioCache.provider,
  audioUrl: storyAudioCache.audioUrl,
  mediaId: storyAudioCache.mediaId,
  durationMs: storyAudioCache.durationMs,
};

export interface StoryAudioKey {
  /** Null for raw-text synthesis (STORY-47). */
  storyId: string | null;
  voiceKey: string;
  textHash: string;
}

const storyAudioKey = (key: StoryAudioKey) =>
  and(
    key.storyId === null ? isNull(storyAudioCache.storyId) : eq(storyAudioCache.storyId, key.storyId),
    eq(storyAudioCache.voiceKey, key.voiceKey),
    eq(storyAudioCache.textHash, key.textHash),
  );

/** Every provider's cached audio of (story, voice, text hash): the selection of rules.md §7.4 picks. */
export async function findStoryAudio(tx: DbOrTx, key: StoryAudioKey): Promise<CachedAudio[]> {
  return tx.select(cachedColumns).from(storyAudioCache).where(storyAudioKey(key));
}

/**
 * Inserts the cache row unless the unique key already has one (a concurrent or earlier run), and
 * returns the row that holds the key with `created` telling which run wrote it.
 */
export async function insertStoryAudio(
  tx: DbOrTx,
  values: StoryAudioKey & {
    provider: TtsProvider;
    audioUrl: string;
    mediaId: string | null;
    durationMs: number | null;
  },
): Promise<CachedAudio & { created: boolean }> {
  const [created] = await tx
    .insert(storyAudioCache)
    .values(values)
    .onConflictDoNothing()
    .returning(cachedColumns);
  if (created) return { ...created, created: true };
  const [existing] = await tx
    .select(cachedColumns)
    .from(storyAudioCache)
    .where(and(storyAudioKey(values), eq(storyAudioCache.provider, values.provider)));
  if (!existing) throw new Error('story_audio_cache row vanished between insert and read');
  return { ...existing, created: false };
}

export interface CachedParagraphAudio {
  id: string;
  textHash: string;
  provider: TtsProvider;
  audioUrl: string;
}

const paragraphColumns = {
  id: paragraphAudioCache.id,
  textHash: paragraphAudioCache.textHash,
  provider: paragraphAudioCache.provider,
  audioUrl: paragraphAudioCache.audioUrl,
};

/** Cached paragraph audio of a story and voice for the given paragraph hashes, every provider. */
export async function findParagraphAudio(
  tx: DbOrTx,
  storyId: string,
  voiceKey: string,
  textHashes: string[],
): Promise<CachedParagraphAudio[]> {
  if (textHashes.length === 0) return [];
  return tx
    .select(paragraphColumns)
    .from(paragraphAudioCache)
    .where(
      and(
        eq(paragraphAudioCache.storyId, storyId),
        eq(paragraphAudioCache.voiceKey, voiceKey),
        inArray(paragraphAudioCache.textHash, textHashes),
      ),
    );
}

/** Like `insertStoryAudio`, for one paragraph. */
export async function insertParagraphAudio(
  tx: DbOrTx,
  values: {
    storyId: string;
    voiceKey: string;
    textHash: string;
    provider: TtsProvider;
    audioUrl: string;
    mediaId: string | null;
  },
): Promise<CachedParagraphAudio & { created: boolean }> {
  const [created] = await tx
    .insert(paragraphAudioCache)
    .values(values)
    .onConflictDoNothing()
    .returning(paragraphColumns);
  if (created) return { ...created, created: true };
  const [existing] = await tx
    .select(paragraphColumns)
    .from(paragraphAudioCache)
    .where(
      and(
        eq(paragraphAudioCache.storyId, values.storyId),
        eq(paragraphAudioCache.voiceKey, values.voiceKey),
        eq(paragraphAudioCache.textHash, values.textHash),
        eq(paragraphAudioCache.provider, values.provider),
      ),
    );
  if (!existing) throw new Error('paragraph_audio_cache row vanished between insert and read');
  return { ...existing, created: false };
}

/**
 * ElevenLabs narrations this month (rules.md §7.3): a row of another month counts as 0, because the
 * next counted synthesis resets it.
 */
export async function findElevenLabsCount(tx: DbOrTx, userId: string, month: string): Promise<number> {
  const [row] = await tx
    .select({ count: userUsages.elevenLabsCount, month: userUsages.currentMonth })
    .from(userUsages)
    .where(eq(userUsages.userId, userId));
  return row && row.month === month ? row.count : 0;
}

/**
 * Counts one ElevenLabs narration. A row of another month first resets every monthly counter
 * (rules.md §7.3), in the same statement, so concurrent counts cannot lose an increment.
 */
export async function countElevenLabsNarration(tx: DbOrTx, userId: string, month: string): Promise<number> {
  const sameMonth = sql`${userUsages.currentMonth} = ${month}`;
  const [row] = await tx
    .insert(userUsages)
    .values({ userId, currentMonth: month, elevenLabsCount: 1 })
    .onConflictDoUpdate({
      target: userUsages.userId,
      set: {
        elevenLabsCount: sql`case when ${sameMonth} then ${userUsages.elevenLabsCount} + 1 else 1 end`,
        geminiStoryCount: sql`case when ${sameMonth} then ${userUsages.geminiStoryCount} else 0 end`,
        geminiImageCount: sql`case when ${sameMonth} then ${userUsages.geminiImageCount} else 0 end`,
        currentMonth: month,
        updatedAt: sql`now()`,
      },
    })
    .returning({ count: userUsages.elevenLabsCount });
  return row!.count;
}

/** A paragraph batch's progress (TTS-02 reads the job row, not Redis): its params and percentage. */
export async function saveJobProgress(
  tx: DbOrTx,
  jobId: string,
  params: Record<string, unknown>,
  progress: number,
): Promise<void> {
  await tx.update(jobRequests).set({ params, progress }).where(eq(jobRequests.id, jobId));
}
