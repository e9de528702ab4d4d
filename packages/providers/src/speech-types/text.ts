/**
 * Sentence-level chunking shared by the speech providers: ElevenLabs requests (≤ 9,500 characters,
 * providers.md §2.1), Deepgram SSML chunks (≤ 1,900 formatted characters, §3.1) and the local voice.
 * Text is always cut in its plain form, before any markup, so a tag can never be split (fixes.md 42).
 */

/** One sentence (or, for an oversized sentence, a run of words) of the plain text. */
export interface TextPiece {
  text: string;
  /** True when the piece opens a paragraph other than the first. */
  paragraphStart: boolean;
  /** True for the pieces of a word cut in the middle: joined to the previous piece without a space. */
  attached?: boolean;
}

const PARAGRAPH_SEPARATOR = /\s*\n[^\S\n]*\n\s*/;
/** Whitespace after sentence punctuation, allowing closing quotes or brackets in between. */
const SENTENCE_END = /(?<=[.!?…]["'”’)\]]*)\s+/;

/** Paragraphs (blank-line separated) → sentences, whitespace collapsed; empty pieces dropped. */
export function splitPieces(text: string): TextPiece[] {
  const pieces: TextPiece[] = [];
  for (const paragraph of text.split(PARAGRAPH_SEPARATOR)) {
    const sentences = paragraph
      .split(SENTENCE_END)
      .map((sentence) => sentence.replace(/\s+/g, ' ').trim())
      .filter((sentence) => sentence.length > 0);
    sentences.forEach((sentence, index) => {
      pieces.push({ text: sentence, paragraphStart: index === 0 && pieces.length > 0 });
    });
  }
  return pieces;
}

/**
 * Greedily packs whole pieces into chunks while `render(chunk, isFirstChunk)` stays within `limit`
 * characters; returns the rendered chunks in order. A piece that alone exceeds the limit is split at
 * word boundaries, and a single word longer than the limit at code-point boundaries.
 */
export function packPieces(
  pieces: readonly TextPiece[],
  limit: number,
  render: (chunk: readonly TextPiece[], isFirstChunk: boolean) => string,
): string[] {
  const chunks: string[] = [];
  let current: TextPiece[] = [];
  const fits = (candidate: readonly TextPiece[]) => render(candidate, chunks.length === 0).length <= limit;
  const flush = () => {
    if (current.length > 0) chunks.push(render(current, chunks.length === 0));
    current = [];
  };
  const add = (piece: TextPiece, splitter: (piece: TextPiece) => TextPiece[] | undefined) => {
    if (fits([...current, piece])) {
      current.push(piece);
      return;
    }
    flush();
    if (fits([piece])) {
      current.push(piece);
      return;
    }
    const parts = splitter(piece);
    if (!parts) throw new RangeError(`A chunk limit of ${limit} characters cannot hold a single character`);
    for (const part of parts) add(part, splitCodePoints);
  };
  for (const piece of pieces) add(piece, splitWords);
  flush();
  return chunks;
}

function splitWords(piece: TextPiece): TextPiece[] | undefined {
  const words = piece.text.split(' ').filter((word) => word.length > 0);
  if (words.length < 2) return splitCodePoints(piece);
  return words.map((word, index) =>
    index === 0 ? { ...piece, text: word } : { text: word, paragraphStart: false },
  );
}

function splitCodePoints(piece: TextPiece): TextPiece[] | undefined {
  const chars = Array.from(piece.text);
  if (chars.length < 2) return undefined;
  return chars.map((char, index) =>
    index === 0 ? { ...piece, text: char } : { text: char, paragraphStart: false, attached: true },
  );
}

/** Plain rendering: sentences joined by a space, paragraphs by a blank line. */
export function joinPieces(chunk: readonly TextPiece[]): string {
  let text = '';
  chunk.forEach((piece, index) => {
    if (index > 0) text += piece.attached ? '' : piece.paragraphStart ? '\n\n' : ' ';
    text += piece.text;
  });
  return text;
}
