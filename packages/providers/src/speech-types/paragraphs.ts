import { narrationTextHash, normalizeNarrationText } from './text-hash';

/**
 * Paragraphs of a story for the TTS batches (api.md Part 2 §B), the one definition both the API
 * (which answers with paragraph indexes and hashes) and worker-voice (which narrates them) use: the
 * first 50,000 characters, cut at blank lines, each paragraph normalised like any narrated text
 * (rules.md §7.4), empty ones dropped.
 */

/** Characters of a story narrated by the batches; the rest is dropped (`wasTruncated`). */
export const PARAGRAPH_TEXT_LIMIT = 50_000;

export interface StoryParagraph {
  index: number;
  text: string;
  textHash: string;
}

export function splitStoryParagraphs(text: string): { paragraphs: StoryParagraph[]; wasTruncated: boolean } {
  const paragraphs = text
    .slice(0, PARAGRAPH_TEXT_LIMIT)
    .replace(/\r\n/g, '\n')
    .split(/\n[ \t]*\n/)
    .map(normalizeNarrationText)
    .filter((paragraph) => paragraph !== '')
    .map((paragraph, index) => ({ index, text: paragraph, textHash: narrationTextHash(paragraph) }));
  return { paragraphs, wasTruncated: text.length > PARAGRAPH_TEXT_LIMIT };
}
