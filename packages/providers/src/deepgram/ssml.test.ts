import { describe, expect, it } from 'vitest';
import { DEEPGRAM_CHUNK_LIMIT, deepgramChunks, formatSsml } from './ssml';

const WRAP_OPEN = '<speak><prosody rate="0.9">';
const WRAP_CLOSE = '</prosody></speak>';

/** Tags balanced and never cut: every `<` closes with `>` before the next `<`. */
function assertWellFormed(chunk: string) {
  expect(chunk.startsWith(WRAP_OPEN)).toBe(true);
  expect(chunk.endsWith(WRAP_CLOSE)).toBe(true);
  const inner = chunk.slice(WRAP_OPEN.length, -WRAP_CLOSE.length);
  const tags = inner.match(/<[^<>]*>/g) ?? [];
  for (const tag of tags) expect(tag).toMatch(/^<break time="(300|800|1500)ms"\/>$/);
  expect(inner.replace(/<[^<>]*>/g, '')).not.toMatch(/[<>]/);
}

/** The plain words of a formatted chunk, unescaped. */
function wordsOf(chunk: string): string[] {
  return chunk
    .replace(/<[^<>]*>/g, ' ')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&quot;', '"')
    .replaceAll('&apos;', "'")
    .replaceAll('&amp;', '&')
    .split(/\s+/)
    .filter(Boolean);
}

describe('formatSsml (providers.md §3.1 steps 1–7)', () => {
  it('matches the example of the spec', () => {
    expect(formatSsml('Once, a fox ran.\n\nThe end.')).toBe(
      '<speak><prosody rate="0.9">Once, <break time="300ms"/> a fox ran.<break time="1500ms"/>The end.</prosody></speak>',
    );
  });

  it('collapses whitespace, pauses after sentences and treats any blank line as a paragraph', () => {
    expect(formatSsml('  Run!   Hide?\tYes.  \n  \n\n  Next\nline.  ')).toBe(
      `${WRAP_OPEN}Run! <break time="800ms"/> Hide? <break time="800ms"/> Yes.<break time="1500ms"/>Next line.${WRAP_CLOSE}`,
    );
  });

  it('escapes XML characters before adding tags', () => {
    expect(formatSsml(`Tom & "Jerry" <3 'cheese'`)).toBe(
      `${WRAP_OPEN}Tom &amp; &quot;Jerry&quot; &lt;3 &apos;cheese&apos;${WRAP_CLOSE}`,
    );
  });

  it('can open with a paragraph pause', () => {
    expect(formatSsml('The end.', { leadingParagraphBreak: true })).toBe(
      `${WRAP_OPEN}<break time="1500ms"/>The end.${WRAP_CLOSE}`,
    );
  });
});

describe('deepgramChunks', () => {
  const sentence = (n: number) => `Sentence number ${n}, with a comma & an "escape", ends here.`;
  const story = Array.from({ length: 12 }, (_, p) =>
    Array.from({ length: 8 }, (_, s) => sentence(p * 100 + s)).join(' '),
  ).join('\n\n');

  it('keeps a short text in one formatted chunk', () => {
    expect(deepgramChunks('Once, a fox ran.\n\nThe end.', { ssml: true })).toEqual([
      formatSsml('Once, a fox ran.\n\nThe end.'),
    ]);
  });

  it('packs whole sentences into chunks of at most 1,900 formatted characters, each wrapped', () => {
    const chunks = deepgramChunks(story, { ssml: true });
    expect(chunks.length).toBeGreaterThan(3);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(DEEPGRAM_CHUNK_LIMIT);
      assertWellFormed(chunk);
      // Whole sentences only: every chunk ends a sentence.
      expect(chunk.slice(0, -WRAP_CLOSE.length).endsWith('ends here.')).toBe(true);
    }
    // Nothing lost, nothing duplicated, order kept.
    expect(chunks.flatMap(wordsOf)).toEqual(wordsOf(formatSsml(story)));
  });

  it('packs greedily: the next sentence would not have fitted', () => {
    const chunks = deepgramChunks(story, { ssml: true });
    for (const [index, chunk] of chunks.slice(0, -1).entries()) {
      const next = chunks[index + 1]!;
      const firstSentenceOfNext = wordsOf(next).slice(0, 9).join(' ');
      const merged = `${wordsOf(chunk).join(' ')} ${firstSentenceOfNext}`;
      expect(formatSsml(merged).length).toBeGreaterThan(DEEPGRAM_CHUNK_LIMIT);
    }
  });

  it('turns a paragraph boundary between chunks into a leading paragraph pause', () => {
    const paragraph = (tag: string) =>
      Array.from({ length: 14 }, (_, i) => `${tag} sentence ${i}, on and on.`).join(' ');
    const text = `${paragraph('First')}\n\n${paragraph('Second')}`;
    // The first paragraph exactly fills a chunk, so the second opens the next one.
    const limit = formatSsml(paragraph('First')).length;
    const chunks = deepgramChunks(text, { ssml: true, limit });
    expect(chunks[0]).toBe(formatSsml(paragraph('First')));
    expect(chunks[1]!.startsWith(`${WRAP_OPEN}<break time="1500ms"/>Second sentence 0,`)).toBe(true);
    // A chunk opening mid-paragraph has no leading pause.
    expect(chunks.length).toBeGreaterThan(2);
    for (const chunk of chunks.slice(2)) expect(chunk.startsWith(`${WRAP_OPEN}Second`)).toBe(true);
  });

  it('splits a sentence longer than the limit at word boundaries, never inside a tag or an entity', () => {
    const long = Array.from({ length: 400 }, (_, i) => `w${i} & x,`).join(' ');
    const chunks = deepgramChunks(`${long}.`, { ssml: true });
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(DEEPGRAM_CHUNK_LIMIT);
      assertWellFormed(chunk);
      expect(chunk).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/);
    }
    expect(chunks.flatMap(wordsOf)).toEqual(wordsOf(formatSsml(`${long}.`)));
  });

  it('cuts a single word longer than the limit at characters', () => {
    const word = 'a'.repeat(5_000);
    const chunks = deepgramChunks(word, { ssml: true });
    for (const chunk of chunks) assertWellFormed(chunk);
    expect(chunks.map((chunk) => wordsOf(chunk).join('')).join('')).toBe(word);
  });

  it('sends plain sentence chunks when SSML is off', () => {
    const chunks = deepgramChunks(story, { ssml: false });
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(DEEPGRAM_CHUNK_LIMIT);
      expect(chunk).not.toContain('<');
      expect(chunk.endsWith('ends here.')).toBe(true);
    }
    expect(chunks.join(' ').split(/\s+/)).toEqual(story.split(/\s+/));
  });

  it('has nothing to send for blank text', () => {
    expect(deepgramChunks(' \n\n \t', { ssml: true })).toEqual([]);
  });
});
