import { describe, expect, it } from 'vitest';
import { ageRangeOfKid, countWords } from './index';

describe('story types helpers', () => {
  it('reads a kid age range as rules.md §12 says', () => {
    expect(ageRangeOfKid('4-6')).toEqual({ ageMin: 4, ageMax: 6 });
    expect(ageRangeOfKid('7')).toEqual({ ageMin: 7, ageMax: 9 });
    expect(ageRangeOfKid('ages 10-12')).toEqual({ ageMin: 10, ageMax: 12 });
    expect(ageRangeOfKid('toddler')).toEqual({ ageMin: 4, ageMax: 8 });
    expect(ageRangeOfKid(null)).toEqual({ ageMin: 4, ageMax: 8 });
  });

  it('counts whitespace-separated words', () => {
    expect(countWords('  Once upon\n\na  time. ')).toBe(4);
    expect(countWords('   ')).toBe(0);
  });
});
