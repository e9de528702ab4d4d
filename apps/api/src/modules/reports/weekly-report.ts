import type { DbOrTx } from '@storytime/db';
import { findWeeklyKidStats, type WeeklyKidStats } from '@storytime/db/repositories/reports';
import { type Day, weekEndDate } from './week';

/**
 * The weekly report of rules.md §15, shared by REPORT-01 and the Monday weekly-report email job.
 * It needs nothing but a database handle, so a worker can call it without the API's services.
 */

export interface WeeklyReportKid {
  kidId: string;
  kidName: string | null;
  avatarUrl: string | null;
  rank: number;
  storiesCompleted: number;
  screenTimeMins: number;
  starsEarned: number;
  badgesEarned: number;
  rewardsRedeemed: number;
}

export interface WeeklyReport {
  weekStartDate: Day;
  /** The week's last day (Sunday). */
  weekEndDate: Day;
  kids: WeeklyReportKid[];
  totalStoriesCompleted: number;
  totalScreenTimeMins: number;
}

function toKid(row: WeeklyKidStats): WeeklyReportKid {
  return {
    kidId: row.kidId,
    kidName: row.kidName,
    avatarUrl: row.avatarUrl,
    rank: row.rank,
    storiesCompleted: row.storiesCompleted,
    screenTimeMins: Math.floor(row.screenTimeSeconds / 60),
    starsEarned: row.starsEarned,
    badgesEarned: row.badgesEarned,
    rewardsRedeemed: row.rewardsRedeemed,
  };
}

/**
 * One report per requested parent, in the order given (a parent without live kids gets an empty
 * `kids` list), from one statement whatever the number of parents and kids. `weekStart` must be a
 * Monday; `timeZone` is `APP_TIMEZONE`, whose midnights bound the week.
 */
export async function buildWeeklyReports(
  db: DbOrTx,
  input: { weekStart: Day; parentIds: readonly string[]; timeZone: string },
): Promise<Array<WeeklyReport & { parentId: string }>> {
  const rows = await findWeeklyKidStats(db, input);
  const byParent = new Map<string, WeeklyReportKid[]>();
  for (const row of rows) {
    const list = byParent.get(row.parentId) ?? [];
    list.push(toKid(row));
    byParent.set(row.parentId, list);
  }
  return input.parentIds.map((parentId) => {
    const kids = byParent.get(parentId) ?? [];
    return {
      parentId,
      weekStartDate: input.weekStart,
      weekEndDate: weekEndDate(input.weekStart),
      kids,
      totalStoriesCompleted: kids.reduce((sum, kid) => sum + kid.storiesCompleted, 0),
      totalScreenTimeMins: kids.reduce((sum, kid) => sum + kid.screenTimeMins, 0),
    };
  });
}
