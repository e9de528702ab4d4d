import { describe, expect, it } from 'vitest';
import { classifySeasons, isSeasonActive, isSeasonBackfill, todayIn } from '../src/modules/stories/seasons';

/** rules.md §4 with fixed dates: active, wrap-around, 02-29, backfill window, today in APP_TIMEZONE. */

const season = (startDate: string | null, endDate: string | null, isActive = true) => ({
  id: `${startDate}..${endDate}${isActive ? '' : ' (off)'}`,
  startDate,
  endDate,
  isActive,
});

describe('todayIn', () => {
  it('is the calendar day in the given time zone', () => {
    const instant = new Date('2025-12-31T20:30:00Z');
    expect(todayIn('UTC', instant)).toBe('2025-12-31');
    expect(todayIn('Pacific/Kiritimati', instant)).toBe('2026-01-01');
    expect(todayIn('America/Los_Angeles', new Date('2025-03-01T05:00:00Z'))).toBe('2025-02-28');
  });
});

describe('isSeasonActive', () => {
  it('inside a plain range, bounds included', () => {
    const summer = season('06-01', '08-31');
    expect(isSeasonActive(summer, '2025-06-01')).toBe(true);
    expect(isSeasonActive(summer, '2025-07-15')).toBe(true);
    expect(isSeasonActive(summer, '2025-08-31')).toBe(true);
    expect(isSeasonActive(summer, '2025-05-31')).toBe(false);
    expect(isSeasonActive(summer, '2025-09-01')).toBe(false);
  });

  it('wraps across the new year (Winter 12-01..02-28)', () => {
    const winter = season('12-01', '02-28');
    expect(isSeasonActive(winter, '2025-12-01')).toBe(true);
    expect(isSeasonActive(winter, '2025-12-31')).toBe(true);
    expect(isSeasonActive(winter, '2026-01-15')).toBe(true);
    expect(isSeasonActive(winter, '2026-02-28')).toBe(true);
    expect(isSeasonActive(winter, '2026-03-01')).toBe(false);
    expect(isSeasonActive(winter, '2025-11-30')).toBe(false);
  });

  it('02-29 is 02-28 in non-leap years', () => {
    const february = season('02-01', '02-29');
    expect(isSeasonActive(february, '2025-02-28')).toBe(true);
    expect(isSeasonActive(february, '2025-03-01')).toBe(false);
    expect(isSeasonActive(february, '2024-02-29')).toBe(true);
    const leapDay = season('02-29', '03-05');
    expect(isSeasonActive(leapDay, '2025-02-28')).toBe(true);
    expect(isSeasonActive(leapDay, '2024-02-28')).toBe(false);
    expect(isSeasonActive(leapDay, '2024-02-29')).toBe(true);
  });

  it('needs the season enabled and both dates', () => {
    expect(isSeasonActive(season('01-01', '12-31', false), '2025-06-01')).toBe(false);
    expect(isSeasonActive(season(null, '12-31'), '2025-06-01')).toBe(false);
    expect(isSeasonActive(season('01-01', null), '2025-06-01')).toBe(false);
  });
});

describe('isSeasonBackfill', () => {
  it('ended 1 to 45 days ago', () => {
    const easter = season('03-20', '04-20');
    expect(isSeasonBackfill(easter, '2025-04-20')).toBe(false); // still active
    expect(isSeasonBackfill(easter, '2025-04-21')).toBe(true); // 1 day
    expect(isSeasonBackfill(easter, '2025-06-04')).toBe(true); // 45 days
    expect(isSeasonBackfill(easter, '2025-06-05')).toBe(false); // 46 days
    expect(isSeasonBackfill(easter, '2025-03-01')).toBe(false); // ended last year, long ago
  });

  it('takes last year’s end when this year’s is not yet past', () => {
    const december = season('12-01', '12-31');
    expect(isSeasonBackfill(december, '2026-01-01')).toBe(true);
    expect(isSeasonBackfill(december, '2026-02-14')).toBe(true); // 45 days
    expect(isSeasonBackfill(december, '2026-02-15')).toBe(false);
  });

  it('a wrapped season ended this year', () => {
    const winter = season('12-01', '02-28');
    expect(isSeasonBackfill(winter, '2026-03-01')).toBe(true);
    expect(isSeasonBackfill(winter, '2026-04-14')).toBe(true); // 45 days
    expect(isSeasonBackfill(winter, '2026-04-15')).toBe(false);
    expect(isSeasonBackfill(winter, '2026-01-10')).toBe(false); // active
  });

  it('02-29 end dates in non-leap years', () => {
    const february = season('02-01', '02-29');
    expect(isSeasonBackfill(february, '2025-03-01')).toBe(true); // ended 02-28, 1 day
    expect(isSeasonBackfill(february, '2024-03-01')).toBe(true); // ended 02-29, 1 day
    expect(isSeasonBackfill(february, '2025-04-14')).toBe(true); // 45 days after 02-28
    expect(isSeasonBackfill(february, '2025-04-15')).toBe(false);
    expect(isSeasonBackfill(february, '2024-04-14')).toBe(true); // 45 days after 02-29
    expect(isSeasonBackfill(february, '2024-04-15')).toBe(false);
  });

  it('disabled seasons and seasons without an end are never backfilled', () => {
    expect(isSeasonBackfill(season('03-20', '04-20', false), '2025-04-21')).toBe(false);
    expect(isSeasonBackfill(season('03-20', null), '2025-04-21')).toBe(false);
  });

  it('only the end date matters for backfill', () => {
    expect(isSeasonBackfill(season(null, '04-20'), '2025-04-25')).toBe(true);
  });
});

describe('classifySeasons', () => {
  it('splits the seed seasons for a fixed day', () => {
    const seeds = [
      season('12-01', '12-31'), // Christmas
      season('03-20', '04-20'), // Easter
      season('02-01', '02-15'), // Valentine
      season('10-01', '10-31'), // Halloween
      season('06-01', '08-31'), // Summer
      season('12-01', '02-28'), // Winter
      season('03-01', '05-31'), // Spring
      season('09-01', '11-30'), // Autumn
    ];
    expect(classifySeasons(seeds, '2026-01-10')).toEqual({
      active: ['12-01..02-28'],
      backfill: ['12-01..12-31', '09-01..11-30'],
    });
    expect(classifySeasons(seeds, '2025-03-10')).toEqual({
      active: ['03-01..05-31'],
      backfill: ['02-01..02-15', '12-01..02-28'],
    });
    expect(classifySeasons(seeds, '2025-11-15')).toEqual({
      active: ['09-01..11-30'],
      backfill: ['10-01..10-31'],
    });
  });
});
