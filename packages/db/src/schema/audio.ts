import { index, integer, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id } from './columns';
import { ttsProviderEnum } from './enums';
import { mediaAssets } from './media';
import { stories } from './stories';

/**
 * Narration cache (D6, rules.md §7.4). Keyed by the narrated text's hash, so editing a story never
 * serves old audio; stale rows are removed by the clean-up job.
 */
export const storyAudioCache = pgTable(
  'story_audio_cache',
  {
    id: id(),
    // Null for raw-text synthesis (STORY-47).
    storyId: uuid().references(() => stories.id, { onDelete: 'cascade' }),
    /** Catalogue key (`CHARLIE`…) or a Voice UUID. */
    voiceKey: text().notNull(),
    textHash: text().notNull(),
    provider: ttsProviderEnum().notNull(),
    audioUrl: text().notNull(),
    mediaId: uuid().references(() => mediaAssets.id, { onDelete: 'set null' }),
    durationMs: integer(),
    createdAt: createdAt(),
  },
  (t) => [
    // NULLS NOT DISTINCT: raw-text rows (story_id null) must also be unique per voice, text and provider.
    unique('story_audio_cache_key_unique')
      .on(t.storyId, t.voiceKey, t.textHash, t.provider)
      .nullsNotDistinct(),
    index('story_audio_cache_text_hash_idx').on(t.textHash),
    index('story_audio_cache_media_id_idx').on(t.mediaId),
  ],
);

/** Phase 2: per-paragraph narration (data-model.md §8). */
export const paragraphAudioCache = pgTable(
  'paragraph_audio_cache',
  {
    id: id(),
    storyId: uuid()
      .notNull()
      .references(() => stories.id, { onDelete: 'cascade' }),
    /** Hash of the paragraph's text. */
    textHash: text().notNull(),
    voiceKey: text().notNull(),
    provider: ttsProviderEnum().notNull(),
    audioUrl: text().notNull(),
    mediaId: uuid().references(() => mediaAssets.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    unique('paragraph_audio_cache_key_unique').on(t.storyId, t.textHash, t.voiceKey, t.provider),
    index('paragraph_audio_cache_media_id_idx').on(t.mediaId),
  ],
);
