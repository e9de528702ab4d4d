import { type Day, todayIn } from '../stories/seasons';

export type { Day };

/**
 * Calendar arithmetic of rules.md §15 on `YYYY-MM-DD` days. Days are handled as UTC dates, so the
 * result never depends on the server's own time zone (fix 72); "today" comes from `APP_TIMEZONE`.
 */

const DAY_MS = 86_400_000;
const toEpoch = (day: Day) => Date.parse(`${day}T00:00:00Z`);
const fromEpoch = (ms: number): Day => new Date(ms).toISOString().slice(0, 10);

export function addDays(day: Day, days: number): Day {
  return fromEpoch(toEpoch(day) + days * DAY_MS);
}

export function isMonday(day: Day): boolean {
  return new Date(toEpoch(day)).getUTCDay() === 1;
}

/** The Monday on or before `day`. */
export function mondayOf(day: Day): Day {
  const weekday = new Date(toEpoch(day)).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
}

/** The Monday of the week holding `now` in `timeZone`. */
export function currentWeekStart(timeZone: string, now: Date): Day {
  return mondayOf(todayIn(timeZone, now));
}

/** The week's last day (Sunday); the week itself ends at the next Monday 00:00. */
export function weekEndDate(weekStart: Day): Day {
  return addDays(weekStart, 6);
}
