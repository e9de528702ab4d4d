import { joinPieces, packPieces, splitPieces, type TextPiece } from '../speech-types/text';

/** Largest request text: the formatted SSML (or the plain text when SSML is off) of one chunk (§3.1). */
export const DEEPGRAM_CHUNK_LIMIT = 1_900;

const PARAGRAPH_BREAK = '<break time="1500ms"/>';
/** Private-use marker standing for a paragraph break while the text is escaped and paced. */
const MARK = '\uE000';
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

export interface SsmlOptions {
  /** Starts the chunk with a paragraph pause: the chunk before ended a paragraph (§3.1 chunking). */
  leadingParagraphBreak?: boolean;
}

/** The pacing rules of providers.md §3.1, steps 1–7, applied to one chunk of plain text. */
export function formatSsml(text: string, options: SsmlOptions = {}): string {
  const body = text
    .replaceAll(MARK, '')
    .replace(/\s*\n[^\S\n]*\n\s*/g, MARK)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
    .replaceAll(',', ', <break time="300ms"/>')
    .replace(/([.!?]) /g, '$1 <break time="800ms"/> ')
    .replace(/^\uE000+|\uE000+$/g, '')
    .replace(/\uE000+/g, PARAGRAPH_BREAK);
  const lead = options.leadingParagraphBreak ? PARAGRAPH_BREAK : '';
  return `<speak><prosody rate="0.9">${lead}${body}</prosody></speak>`;
}

export interface DeepgramChunkOptions {
  ssml: boolean;
  limit?: number;
}

/**
 * Splits a text into request bodies: whole sentences packed while the chunk's formatted form stays
 * within the limit; each chunk carries its own `<speak>`/`<prosody>` wrapper, and a paragraph boundary
 * between two chunks becomes a leading paragraph pause of the second (fixes.md 42).
 */
export function deepgramChunks(text: string, options: DeepgramChunkOptions): string[] {
  const limit = options.limit ?? DEEPGRAM_CHUNK_LIMIT;
  const render = options.ssml
    ? (chunk: readonly TextPiece[], isFirst: boolean) =>
        formatSsml(joinPieces(chunk), {
          leadingParagraphBreak: !isFirst && chunk[0]?.paragraphStart === true,
        })
    : (chunk: readonly TextPiece[]) => joinPieces(chunk);
  return packPieces(splitPieces(text), limit, render);
}
