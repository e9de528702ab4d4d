import { cacheTags } from '@storytime/cache';
import {
  closeSession,
  findOpenSession,
  findOwnedSession,
  findTodayScreenTime,
  insertOpenSession,
} from '@storytime/db/repositories/screen-time';
import { ConflictError, fromDatabaseError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { effectiveLimit } from '../settings/settings.service';
import { todayIn } from '../stories/seasons';

/** Screen time, REPORT-03..05 (rules.md §18). Nothing is enforced: the client reads the limit. */
export function createScreenTimeService(core: CoreServices) {
  const { db, cache, config } = core;
  const timeZone = config.env.APP_TIMEZONE;
  const capSeconds = config.env.SCREEN_TIME_MAX_SESSION_SECONDS;

  /**
   * REPORT-03: the kid's open session, or a new one. The partial unique index keeps one open session
   * per kid; a parallel start that loses the insert reads the winner's session. The loop only
   * repeats when that session was ended in between.
   */
  async function start(caller: Principal, kidId: string): Promise<{ sessionId: string }> {
    const kid = await requireOwnedKid(db, caller, kidId);
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = core.now();
      const opened = await insertOpenSession(db, {
        kidId: kid.id,
        startTime: now,
        date: todayIn(timeZone, now),
      }).catch((error: unknown) => {
        throw fromDatabaseError(error, 'Screen time session');
      });
      if (opened) return { sessionId: opened.id };
      const open = await findOpenSession(db, kid.id);
      if (open) return { sessionId: open.id };
    }
    throw new ConflictError('INVALID_STATE', 'The screen-time session changed concurrently; please retry');
  }

  /** REPORT-04: closes the caller's session once; a second end (or a lost race) answers 409. */
  async function end(caller: Principal, sessionId: string): Promise<{ sessionId: string; duration: number }> {
    const closed = await closeSession(db, {
      sessionId,
      parentId: caller.userId,
      now: core.now(),
      capSeconds,
    });
    if (!closed) {
      if (!(await findOwnedSession(db, sessionId, caller.userId)))
        throw new NotFoundError('Screen time session');
      throw new ConflictError('INVALID_STATE', 'The screen-time session has already ended');
    }
    await cache.invalidateTags([cacheTags.progress(caller.userId)]);
    return { sessionId: closed.id, duration: closed.duration };
  }

  /** REPORT-05: `dailyLimitMins`/`remainingMins` are null when no limit applies; 0 is a limit. */
  async function dailyLimit(caller: Principal, kidId: string) {
    const now = core.now();
    const today = await findTodayScreenTime(db, {
      kidId,
      parentId: caller.userId,
      today: todayIn(timeZone, now),
      now,
      capSeconds,
    });
    if (!today) throw new NotFoundError('Kid');
    const { limitMins } = effectiveLimit(today.kidLimit, today.parentLimit);
    const todayMins = Math.floor(today.seconds / 60);
    return {
      kidId,
      dailyLimitMins: limitMins,
      todayScreenTimeMins: todayMins,
      remainingMins: limitMins === null ? null : Math.max(0, limitMins - todayMins),
      limitReached: limitMins !== null && todayMins >= limitMins,
    };
  }

  return { start, end, dailyLimit };
}
