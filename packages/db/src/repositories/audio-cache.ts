import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { jobRequests, paragraphAudioCache, stories, storyAudioCache } from '../schema';
import { visibleStoryTo } from './story-list';

/**
 * Narration reads of the API's audio routes (rules.md §7.4, D6): the story to narrate, the cached
 * audio by (story, voice, text hash) for every provider, and the paragraph cache. worker-voice writes
 * the rows; the API only reads them and records jobs.
 */

export type TtsProvider = (typeof storyAudioCache.provider.enumValues)[number];

export interface NarratableStory {
  id: string;
  ownerUserId: string | null;
  textContent: string | null;
  /** Null for a story saved before hashes existed; the caller hashes `textContent` then. */
  textHash: string | null;
}

/** A story the user may open (public, or their family's own), with what narration needs. */
export async function findNarratableStory(
  tx: DbOrTx,
  storyId: string,
  userId: string,
): Promise<NarratableStory | undefined> {
  const [row] = await tx
    .select({
      id: stories.id,
      ownerUserId: stories.ownerUserId,
      textContent: stories.textContent,
      textHash: stories.textHash,
    })
    .from(stories)
    .where(and(eq(stories.id, storyId), visibleStoryTo(userId)));
  return row;
}

export interface CachedAudio {
  id: string;
  provider: TtsProvider;
  audioUrl: string;
}

const cachedColumns = {
  id: storyAudioCache.id,
  provider: storyAudioCache.provider,
  audioUrl: storyAudioCache.audioUrl,
};

/** Every provider's audio for one narration; `storyId` null = raw-text synthesis (STORY-47). */
export async function findCachedAudio(
  tx: DbOrTx,
  key: { storyId: string | null; voiceKey: string; textHash: string },
): Promise<CachedAudio[]> {
  return tx
    .select(cachedColumns)
    .from(storyAudioCache)
    .where(
      and(
        key.storyId === null ? isNull(storyAudioCache.storyId) : eq(storyAudioCache.storyId, key.storyId),
        eq(storyAudioCache.voiceKey, key.voiceKey),
        eq(storyAudioCache.textHash, key.textHash),
      ),
    );
}

export async function findCachedAudioById(tx: DbOrTx, id: string): Promise<CachedAudio | undefined> {
  const [row] = await tx.select(cachedColumns).from(storyAudioCache).where(eq(storyAudioCache.id, id));
  return row;
}

export interface CachedParagraph {
  textHash: string;
  provider: TtsProvider;
  audioUrl: string;
}

/** The paragraph cache rows of a story and voice for the given paragraph hashes (TTS-01). */
export async function findCachedParagraphs(
  tx: DbOrTx,
  storyId: string,
  voiceKey: string,
  textHashes: readonly string[],
): Promise<CachedParagraph[]> {
  if (textHashes.length === 0) return [];
  return tx
    .select({
      textHash: paragraphAudioCache.textHash,
      provider: paragraphAudioCache.provider,
      audioUrl: paragraphAudioCache.audioUrl,
    })
    .from(paragraphAudioCache)
    .where(
      and(
        eq(paragraphAudioCache.storyId, storyId),
        eq(paragraphAudioCache.voiceKey, voiceKey),
        inArray(paragraphAudioCache.textHash, [...new Set(textHashes)]),
      ),
    );
}

/**
 * A request now waits on a job recorded without one (e.g. background narration): its row takes the
 * higher priority, so a relay that enqueues it later uses it too. Returns whether the row changed.
 */
export async function raiseJobPriority(tx: DbOrTx, jobId: string, priority: number): Promise<boolean> {
  const rows = await tx
    .update(jobRequests)
    .set({ priority })
    .where(
      and(
        eq(jobRequests.id, jobId),
        sql`${jobRequests.priority} > ${priority}`,
        inArray(jobRequests.status, ['pending', 'queued']),
      ),
    )
    .returning({ id: jobRequests.id });
  return rows.length > 0;
}
