import { createHash } from 'node:crypto';

/** Reading speed behind `durationSeconds` (api.md STORY-06: ceil(words / 150 · 60)). */
export const WORDS_PER_MINUTE = 150;

/**
 * The text as narrated (rules.md §7.4): NFC, Unix newlines, runs of spaces and tabs folded,
 * trimmed. Hashing the normalised form means cosmetic whitespace edits keep their cached audio.
 */
export function normaliseStoryText(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\r\n/g, '\n')
    .replace(/[ \t]+/g, ' ')
    .trim();
}

/** SHA-256 hex of the normalised text: part of the audio cache key, so new text never gets old audio. */
export function storyTextHash(text: string): string {
  return createHash('sha256').update(normaliseStoryText(text), 'utf8').digest('hex');
}

export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

export function durationSecondsFor(wordCount: number): number {
  return Math.ceil((wordCount / WORDS_PER_MINUTE) * 60);
}

/** The derived columns a story row stores next to its text. */
export function storyTextMetrics(text: string | null | undefined) {
  if (!text) return { textHash: null, wordCount: 0, durationSeconds: null };
  const wordCount = countWords(text);
  return { textHash: storyTextHash(text), wordCount, durationSeconds: durationSecondsFor(wordCount) };
}
