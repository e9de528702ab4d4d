import { findKidReportStats } from '@storytime/db/repositories/reports';
import { isLiveUser } from '@storytime/db/repositories/users';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireSelfOrAdmin } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { effectiveLimit } from '../settings/settings.service';
import { todayIn } from '../stories/seasons';
import { currentWeekStart, type Day } from './week';
import { buildWeeklyReports, type WeeklyReport } from './weekly-report';

/** REPORT-01 and REPORT-02 (rules.md §15). Reads only: nothing here is cached or invalidated. */
export function createReportService(core: CoreServices) {
  const { db, config } = core;
  const timeZone = config.env.APP_TIMEZONE;
  const capSeconds = config.env.SCREEN_TIME_MAX_SESSION_SECONDS;

  /** REPORT-01: the caller's own week, or any live parent's for an admin; others get 404. */
  async function weekly(
    caller: Principal,
    parentId: string,
    weekStart: Day | undefined,
  ): Promise<WeeklyReport> {
    requireSelfOrAdmin(caller, parentId);
    if (caller.userId !== parentId && !(await isLiveUser(db, parentId))) throw new NotFoundError('User');
    const [report] = await buildWeeklyReports(db, {
      weekStart: weekStart ?? currentWeekStart(timeZone, core.now()),
      parentIds: [parentId],
      timeZone,
    });
    const { parentId: _, ...data } = report!;
    return data;
  }

  /** REPORT-02: today's screen time against the effective limit, the rest over the current week. */
  async function kid(caller: Principal, kidId: string) {
    const now = core.now();
    const stats = await findKidReportStats(db, {
      kidId,
      parentId: caller.userId,
      today: todayIn(timeZone, now),
      now,
      capSeconds,
      weekStart: currentWeekStart(timeZone, now),
      timeZone,
    });
    if (!stats) throw new NotFoundError('Kid');
    const { kidLimit, parentLimit, todaySeconds, ...figures } = stats;
    const limit = effectiveLimit(kidLimit, parentLimit).limitMins;
    const screenTimeMins = Math.floor(todaySeconds / 60);
    return {
      ...figures,
      screenTimeMins,
      screenTimeLimitMins: limit,
      screenTimeRemainingMins: limit === null ? null : Math.max(0, limit - screenTimeMins),
      accuracyPercentage:
        figures.totalAnswers === 0 ? 0 : Math.round((100 * figures.rightAnswers) / figures.totalAnswers),
    };
  }

  return { weekly, kid };
}
