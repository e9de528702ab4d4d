import { describe, expect, it } from 'vitest';
import {
  addDays,
  buildStreak,
  currentStreak,
  dayIn,
  lookbackStart,
  startOfDayIn,
  weekdayLetter,
  weeklyActivity,
} from './streak';

/** rules.md §10.3 with fixed instants and zones. */
describe('streak arithmetic', () => {
  it('reads the calendar day of an instant in the zone', () => {
    expect(dayIn('UTC', new Date('2024-06-02T23:59:59Z'))).toBe('2024-06-02');
    expect(dayIn('Africa/Lagos', new Date('2024-06-02T23:30:00Z'))).toBe('2024-06-03');
    expect(dayIn('America/New_York', new Date('2024-03-10T04:30:00Z'))).toBe('2024-03-09');
    expect(dayIn('Pacific/Kiritimati', new Date('2023-12-31T10:00:00Z'))).toBe('2024-01-01');
  });

  it('moves calendar days across months, years and leap days', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(addDays('2024-03-01', -366)).toBe('2023-03-01');
  });

  it('names weekdays Sunday first', () => {
    expect(['2024-06-02', '2024-06-03', '2024-06-04', '2024-06-05'].map(weekdayLetter)).toEqual([
      'S',
      'M',
      'T',
      'W',
    ]);
    expect(weekdayLetter('2024-06-08')).toBe('S');
  });

  it('finds the instant a local day starts, across DST changes', () => {
    expect(startOfDayIn('UTC', '2024-06-02').toISOString()).toBe('2024-06-02T00:00:00.000Z');
    expect(startOfDayIn('Africa/Lagos', '2024-06-02').toISOString()).toBe('2024-06-01T23:00:00.000Z');
    expect(startOfDayIn('Asia/Kolkata', '2024-01-01').toISOString()).toBe('2023-12-31T18:30:00.000Z');
    // New York switches to daylight time at 02:00 on 2024-03-10.
    expect(startOfDayIn('America/New_York', '2024-03-10').toISOString()).toBe('2024-03-10T05:00:00.000Z');
    expect(startOfDayIn('America/New_York', '2024-03-11').toISOString()).toBe('2024-03-11T04:00:00.000Z');
    // São Paulo skipped midnight on 2018-11-04 (00:00 → 01:00 local, UTC−2).
    expect(startOfDayIn('America/Sao_Paulo', '2018-11-04').toISOString()).toBe('2018-11-04T03:00:00.000Z');
  });

  describe('currentStreak', () => {
    const days = (...list: string[]) => new Set(list);

    it('counts back from today when today is active', () => {
      expect(currentStreak(days('2024-06-10', '2024-06-09', '2024-06-08', '2024-06-06'), '2024-06-10')).toBe(
        3,
      );
    });

    it('counts back from yesterday when today has no activity yet', () => {
      expect(currentStreak(days('2024-06-09', '2024-06-08'), '2024-06-10')).toBe(2);
    });

    it('is 0 when neither today nor yesterday is active', () => {
      expect(currentStreak(days('2024-06-08', '2024-06-07'), '2024-06-10')).toBe(0);
      expect(currentStreak(days(), '2024-06-10')).toBe(0);
    });

    it('runs across month and year boundaries', () => {
      expect(currentStreak(days('2024-01-01', '2023-12-31', '2023-12-30'), '2024-01-01')).toBe(3);
    });
  });

  it('lists the 7 days today−6 … today with their local start', () => {
    const week = weeklyActivity(new Set(['2024-06-04', '2024-06-01']), '2024-06-04', 'Africa/Lagos');
    expect(week).toEqual([
      { day: 'W', date: '2024-05-28T23:00:00.000Z', isActive: false },
      { day: 'T', date: '2024-05-29T23:00:00.000Z', isActive: false },
      { day: 'F', date: '2024-05-30T23:00:00.000Z', isActive: false },
      { day: 'S', date: '2024-05-31T23:00:00.000Z', isActive: true },
      { day: 'S', date: '2024-06-01T23:00:00.000Z', isActive: false },
      { day: 'M', date: '2024-06-02T23:00:00.000Z', isActive: false },
      { day: 'T', date: '2024-06-03T23:00:00.000Z', isActive: true },
    ]);
  });

  it('builds the Streak shape with "today" in the zone', () => {
    // 23:30 UTC on 06-09 is already 06-10 in Lagos.
    const now = new Date('2024-06-09T23:30:00Z');
    const input = {
      activeDays: ['2024-06-09', '2024-06-08'],
      lastActiveAt: new Date('2024-06-09T08:00:00Z'),
      now,
    };
    const lagos = buildStreak({ ...input, timeZone: 'Africa/Lagos' });
    expect(lagos.currentStreak).toBe(2);
    expect(lagos.weeklyActivity.at(-1)).toEqual({
      day: 'M',
      date: '2024-06-09T23:00:00.000Z',
      isActive: false,
    });
    expect(lagos.lastActiveDate).toBe('2024-06-09T08:00:00.000Z');
    const utc = buildStreak({ ...input, timeZone: 'UTC' });
    expect(utc.currentStreak).toBe(2);
    expect(utc.weeklyActivity.at(-1)).toEqual({ day: 'S', date: '2024-06-09T00:00:00.000Z', isActive: true });
    expect(buildStreak({ activeDays: [], lastActiveAt: null, now, timeZone: 'UTC' })).toMatchObject({
      currentStreak: 0,
      lastActiveDate: null,
    });
  });

  it('looks back 366 local days', () => {
    expect(lookbackStart('UTC', new Date('2024-06-10T12:00:00Z')).toISOString()).toBe(
      '2023-06-10T00:00:00.000Z',
    );
    expect(lookbackStart('Africa/Lagos', new Date('2024-06-10T12:00:00Z')).toISOString()).toBe(
      '2023-06-09T23:00:00.000Z',
    );
  });
});
