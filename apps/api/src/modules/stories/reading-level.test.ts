import { describe, expect, it } from 'vitest';
import { adjustedReadingLevel, wordsPerMinute } from './reading-level';

/** rules.md §8. */
describe('adjustedReadingLevel', () => {
  const at = (currentLevel: number, wordCount: number, difficultyLevel: number, totalTimeSpent: number) =>
    adjustedReadingLevel({ currentLevel, story: { wordCount, difficultyLevel }, totalTimeSpent });

  it('moves up one level above 120 wpm on a story at or above the level', () => {
    expect(at(3, 600, 3, 120)).toBe(4); // 300 wpm
    expect(at(3, 600, 7, 120)).toBe(4);
    expect(at(3, 242, 3, 120)).toBe(4); // 121 wpm
  });

  it('moves down one level below 40 wpm', () => {
    expect(at(3, 100, 5, 600)).toBe(2); // 10 wpm
    expect(at(3, 39, 3, 60)).toBe(2);
  });

  it('keeps the level between 40 and 120 wpm inclusive', () => {
    expect(at(3, 120, 3, 60)).toBe(3);
    expect(at(3, 40, 3, 60)).toBe(3);
    expect(at(3, 80, 3, 60)).toBe(3);
  });

  it('is bounded by 1 and 10', () => {
    expect(at(10, 1000, 10, 60)).toBe(10);
    expect(at(1, 10, 5, 600)).toBe(1);
  });

  it('ignores stories below the kid’s level', () => {
    expect(at(5, 1000, 4, 60)).toBe(5);
    expect(at(5, 10, 4, 600)).toBe(5);
  });

  it('does nothing without timing data or words (fix 12)', () => {
    expect(at(3, 1000, 5, 0)).toBe(3);
    expect(at(3, 1000, 5, 29)).toBe(3);
    expect(at(3, 0, 5, 600)).toBe(3);
    expect(wordsPerMinute(1000, 29)).toBeNull();
    expect(wordsPerMinute(0, 600)).toBeNull();
    expect(wordsPerMinute(300, 30)).toBe(600);
  });
});
