/**
 * Reading-level adjustment of rules.md §8 (fix 12): on the FIRST completion of a kid's progress row,
 * the kid's reading speed on that story moves their level by one step. Pure, so the rule is tested
 * without a database.
 */

export const MIN_READING_LEVEL = 1;
export const MAX_READING_LEVEL = 10;
/** Below this much timing data there is no evidence of reading speed (decision). */
export const MIN_TIMED_SECONDS = 30;
export const FAST_WPM = 120;
export const SLOW_WPM = 40;

export interface ReadingLevelInput {
  /** The kid's current level L (1–10). */
  currentLevel: number;
  story: { wordCount: number; difficultyLevel: number };
  /** `story_progress.totalTimeSpent` after this write, in seconds. */
  totalTimeSpent: number;
}

/** Words per minute, or null when there is no usable timing data. */
export function wordsPerMinute(wordCount: number, totalTimeSpent: number): number | null {
  if (wordCount <= 0 || totalTimeSpent < MIN_TIMED_SECONDS) return null;
  return wordCount / (totalTimeSpent / 60);
}

/** The kid's new level (equal to `currentLevel` when nothing changes). */
export function adjustedReadingLevel(input: ReadingLevelInput): number {
  const level = input.currentLevel;
  const wpm = wordsPerMinute(input.story.wordCount, input.totalTimeSpent);
  // Only a story at or above the kid's level says anything about the level.
  if (wpm === null || input.story.difficultyLevel < level) return level;
  if (wpm > FAST_WPM) return Math.min(MAX_READING_LEVEL, level + 1);
  if (wpm < SLOW_WPM) return Math.max(MIN_READING_LEVEL, level - 1);
  return level;
}
