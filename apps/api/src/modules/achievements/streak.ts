/**
 * Streak arithmetic of rules.md §10.3, pure so it can be unit-tested with fixed dates and zones.
 * Days are calendar days (`YYYY-MM-DD`) in `APP_TIMEZONE`; the database groups activity by the
 * same local day, so both sides agree on where a day starts.
 */

/** A calendar day, `YYYY-MM-DD`. */
export type Day = string;

export type WeekdayLetter = 'S' | 'M' | 'T' | 'W' | 'F';

export interface Streak {
  currentStreak: number;
  weeklyActivity: Array<{ day: WeekdayLetter; date: string; isActive: boolean }>;
  lastActiveDate: string | null;
}

/** Active days are looked up this far back (rules.md §10.3). */
export const STREAK_LOOKBACK_DAYS = 366;

const DAY_MS = 86_400_000;
const LETTERS: readonly WeekdayLetter[] = ['S', 'M', 'T', 'W', 'T', 'F', 'S'];

const dayFormats = new Map<string, Intl.DateTimeFormat>();
const clockFormats = new Map<string, Intl.DateTimeFormat>();

function formatOf(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, withClock: boolean) {
  let format = cache.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      ...(withClock ? { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' } : {}),
    });
    cache.set(timeZone, format);
  }
  return format;
}

function partsOf(format: Intl.DateTimeFormat, instant: Date): Record<string, number> {
  return Object.fromEntries(
    format
      .formatToParts(instant)
      .filter((part) => part.type !== 'literal')
      .map((part) => [part.type, Number(part.value)]),
  );
}

const pad = (value: number, width = 2) => String(value).padStart(width, '0');

/** The calendar day of `instant` in `timeZone`. */
export function dayIn(timeZone: string, instant: Date): Day {
  const parts = partsOf(formatOf(dayFormats, timeZone, false), instant);
  return `${pad(parts.year ?? 0, 4)}-${pad(parts.month ?? 1)}-${pad(parts.day ?? 1)}`;
}

const epochDayOf = (day: Day) =>
  Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;

const dayOfEpochDay = (epochDay: number): Day => new Date(epochDay * DAY_MS).toISOString().slice(0, 10);

/** `day` moved by `delta` calendar days. */
export function addDays(day: Day, delta: number): Day {
  return dayOfEpochDay(epochDayOf(day) + delta);
}

/** The weekday letter of a calendar day (Sunday first, like `Date#getUTCDay`). */
export function weekdayLetter(day: Day): WeekdayLetter {
  return LETTERS[new Date(epochDayOf(day) * DAY_MS).getUTCDay()]!;
}

/** Local wall-clock minus UTC at `instant`, in milliseconds (seconds precision). */
function offsetAt(timeZone: string, instant: number): number {
  const whole = Math.floor(instant / 1000) * 1000;
  const p = partsOf(formatOf(clockFormats, timeZone, true), new Date(whole));
  const wall = Date.UTC(
    p.year ?? 0,
    (p.month ?? 1) - 1,
    p.day ?? 1,
    p.hour ?? 0,
    p.minute ?? 0,
    p.second ?? 0,
  );
  return wall - whole;
}

/**
 * The instant at which `day` starts in `timeZone`. Two passes settle the offset across a DST change
 * near midnight; where midnight itself is skipped, this is the first instant of the local day.
 */
export function startOfDayIn(timeZone: string, day: Day): Date {
  const wallMidnight = epochDayOf(day) * DAY_MS;
  let instant = wallMidnight - offsetAt(timeZone, wallMidnight);
  const corrected = wallMidnight - offsetAt(timeZone, instant);
  if (corrected !== instant) instant = corrected;
  // In a zone that skips 00:00 (the clock jumps to 01:00), the guess may land on the previous day.
  if (dayIn(timeZone, new Date(instant)) !== day) instant += 3_600_000;
  return new Date(instant);
}

/**
 * Consecutive active days ending today, or ending yesterday when today has no activity yet
 * (the streak is still alive until the day is over); 0 otherwise.
 */
export function currentStreak(activeDays: ReadonlySet<Day>, today: Day): number {
  let day = activeDays.has(today) ? today : addDays(today, -1);
  let streak = 0;
  while (activeDays.has(day)) {
    streak += 1;
    day = addDays(day, -1);
  }
  return streak;
}

/** The 7 days today−6 … today, each with its weekday letter, local start instant and activity. */
export function weeklyActivity(activeDays: ReadonlySet<Day>, today: Day, timeZone: string) {
  return Array.from({ length: 7 }, (_, index) => {
    const day = addDays(today, index - 6);
    return {
      day: weekdayLetter(day),
      date: startOfDayIn(timeZone, day).toISOString(),
      isActive: activeDays.has(day),
    };
  });
}

/** The `Streak` shape of PROG-02 from the scope's active days and latest activity. */
export function buildStreak(input: {
  activeDays: Iterable<Day>;
  lastActiveAt: Date | null;
  now: Date;
  timeZone: string;
}): Streak {
  const today = dayIn(input.timeZone, input.now);
  const active = new Set(input.activeDays);
  return {
    currentStreak: currentStreak(active, today),
    weeklyActivity: weeklyActivity(active, today, input.timeZone),
    lastActiveDate: input.lastActiveAt ? input.lastActiveAt.toISOString() : null,
  };
}

/** The first instant whose activity still counts for a streak computed at `now`. */
export function lookbackStart(timeZone: string, now: Date): Date {
  return startOfDayIn(timeZone, addDays(dayIn(timeZone, now), -STREAK_LOOKBACK_DAYS));
}
