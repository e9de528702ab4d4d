import { narrationTextHash, normalizeNarrationText } from '@storytime/providers/speech-types';

/**
 * Paragraphs of a story for the TTS batches (api.md Part 2 §B): the first 50,000 characters, cut at
 * blank lines, each paragraph normalised like any narrated text (rules.md §7.4), empty ones dropped.
 * Paragraph `index` and `textHash` are what `synthesize-paragraphs` jobs carry, so this must split
 * exactly as worker-voice's `splitNarrationParagraphs` does (the worker also finds a paragraph by its
 * hash when the indexes differ).
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
