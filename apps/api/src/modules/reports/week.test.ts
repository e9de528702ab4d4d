import { describe, expect, it } from 'vitest';
import { addDays, currentWeekStart, isMonday, mondayOf, weekEndDate } from './week';

describe('report weeks (rules.md §15)', () => {
  it('finds the Monday of any day, across month and year ends', () => {
    expect(mondayOf('2025-06-02')).toBe('2025-06-02');
    expect(mondayOf('2025-06-08')).toBe('2025-06-02');
    expect(mondayOf('2025-01-01')).toBe('2024-12-30');
    expect(mondayOf('2024-03-03')).toBe('2024-02-26');
  });

  it('tells Mondays apart and adds days over leap days', () => {
    expect(isMonday('2025-06-02')).toBe(true);
    expect(isMonday('2025-06-03')).toBe(false);
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(weekEndDate('2025-06-02')).toBe('2025-06-08');
  });

  it("reads the current week in the app's time zone", () => {
    // Sunday 23:30 UTC is already Monday in Lagos (UTC+1) and still Sunday in New York.
    const now = new Date('2025-06-08T23:30:00Z');
    expect(currentWeekStart('UTC', now)).toBe('2025-06-02');
    expect(currentWeekStart('Africa/Lagos', now)).toBe('2025-06-09');
    expect(currentWeekStart('America/New_York', now)).toBe('2025-06-02');
  });
});
