/**
 * Season arithmetic of rules.md §4, pure so it can be unit-tested with fixed dates. Seasons recur
 * every year: their dates are `MM-DD`, and "today" is the calendar day in `APP_TIMEZONE`.
 */

export interface SeasonDates {
  id: string;
  startDate: string | null;
  endDate: string | null;
  isActive: boolean;
}

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Today's calendar day in `timeZone` (e.g. `APP_TIMEZONE`) at the instant `now`. */
export function todayIn(timeZone: string, now: Date): Day {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(now).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `02-29` is `02-28` in a non-leap year (rules.md §4). */
function monthDayIn(monthDay: string, year: number): string {
  return monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
}

const DAY_MS = 86_400_000;
const epochDay = (year: number, monthDay: string) =>
  Date.UTC(year, Number(monthDay.slice(0, 2)) - 1, Number(monthDay.slice(3, 5))) / DAY_MS;

/** Active: enabled, both dates set, and today inside the range, which may wrap across the new year. */
export function isSeasonActive(season: SeasonDates, today: Day): boolean {
  if (!season.isActive || !season.startDate || !season.endDate) return false;
  const year = Number(today.slice(0, 4));
  const t = today.slice(5);
  const start = monthDayIn(season.startDate, year);
  const end = monthDayIn(season.endDate, year);
  return start <= end ? start <= t && t <= end : t >= start || t <= end;
}

/**
 * Backfill (recently ended): enabled, not active, with an end date whose latest occurrence strictly
 * before today lies 1 to 45 days back. Disabled seasons are never backfilled (decision).
 */
export function isSeasonBackfill(season: SeasonDates, today: Day): boolean {
  if (!season.isActive || !season.endDate || isSeasonActive(season, today)) return false;
  const year = Number(today.slice(0, 4));
  const t = today.slice(5);
  const todayDay = epochDay(year, t);
  let ended = epochDay(year, monthDayIn(season.endDate, year));
  if (ended >= todayDay) ended = epochDay(year - 1, monthDayIn(season.endDate, year - 1));
  const daysAgo = todayDay - ended;
  return daysAgo >= 1 && daysAgo <= 45;
}

/** Season ids split into the active ones and the recently ended ones, in the order given. */
export function classifySeasons(
  seasons: readonly SeasonDates[],
  today: Day,
): { active: string[]; backfill: string[] } {
  const active: string[] = [];
  const backfill: string[] = [];
  for (const season of seasons) {
    if (isSeasonActive(season, today)) active.push(season.id);
    else if (isSeasonBackfill(season, today)) backfill.push(season.id);
  }
  return { active, backfill };
}
