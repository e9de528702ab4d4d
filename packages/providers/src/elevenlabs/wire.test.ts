import { describe, expect, it } from 'vitest';
import { ELEVENLABS_CHUNK_LIMIT, elevenLabsChunks, errorReason } from './wire';

describe('elevenLabsChunks', () => {
  it('sends a text up to the limit as it is', () => {
    const text = `Line one.\nLine two,  spaced.\n\nNext paragraph. ${'x'.repeat(9_000)}`;
    expect(elevenLabsChunks(`  ${text} `)).toEqual([text]);
  });

  it('splits a longer text at sentence boundaries, keeping paragraphs', () => {
    const paragraph = Array.from({ length: 120 }, (_, i) => `Sentence ${i} is about forty characters.`).join(
      ' ',
    );
    const chunks = elevenLabsChunks(`${paragraph}\n\n${paragraph}\n\n${paragraph}`);
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(ELEVENLABS_CHUNK_LIMIT);
      expect(chunk).toMatch(/^Sentence \d+ .*characters\.$/s);
    }
    expect(chunks.join('\n\n').split(/\s+/).length).toBe(3 * paragraph.split(' ').length);
  });

  it('cuts a sentence longer than the limit at words', () => {
    const words = Array.from({ length: 3_000 }, (_, i) => `word${i}`);
    const chunks = elevenLabsChunks(words.join(' '));
    expect(chunks.length).toBeGreaterThan(1);
    for (const chunk of chunks) expect(chunk.length).toBeLessThanOrEqual(ELEVENLABS_CHUNK_LIMIT);
    expect(chunks.join(' ').split(' ')).toEqual(words);
  });

  it('has nothing to send for blank text', () => {
    expect(elevenLabsChunks(' \n ')).toEqual([]);
  });
});

describe('errorReason', () => {
  it('reads detail.status and tolerates other bodies', () => {
    expect(errorReason('{"detail":{"status":"quota_exceeded","message":"…"}}')).toBe('quota_exceeded');
    expect(errorReason('{"detail":[{"msg":"field required"}]}')).toBeUndefined();
    expect(errorReason('<html>')).toBeUndefined();
  });
});
