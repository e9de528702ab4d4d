import { describe, expect, it } from 'vitest';
import {
  countWords,
  durationSecondsFor,
  normaliseStoryText,
  storyTextHash,
  storyTextMetrics,
} from './story-text';

describe('story text', () => {
  it('normalises whitespace and line endings before hashing', () => {
    expect(normaliseStoryText('  Once\t\tupon  a\r\ntime ')).toBe('Once upon a\ntime');
    expect(storyTextHash('Once upon a time')).toBe(storyTextHash(' Once  upon a time\t'));
    expect(storyTextHash('Once upon a time')).not.toBe(storyTextHash('Once upon a dime'));
  });

  it('treats composed and decomposed accents alike', () => {
    expect(storyTextHash('caf\u00e9')).toBe(storyTextHash('cafe\u0301'));
  });

  it('derives word count and duration at 150 words per minute', () => {
    expect(countWords(' one two\nthree ')).toBe(3);
    expect(durationSecondsFor(150)).toBe(60);
    expect(durationSecondsFor(151)).toBe(61);
    expect(storyTextMetrics(null)).toEqual({ textHash: null, wordCount: 0, durationSeconds: null });
  });
});
