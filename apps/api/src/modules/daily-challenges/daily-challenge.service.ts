import {
  completeOwnedAssignment,
  findDailyChallenge,
  findKidAssignmentOn,
  findOwnedAssignment,
  insertAssignment,
  insertDailyChallenge,
  listDailyChallengesOn,
  listKidAssignments,
  listKidAssignmentsBetween,
  storyExists,
} from '@storytime/db/repositories/daily-challenges';
import { findActiveJobByDedupeKey } from '@storytime/db/repositories/job-requests';
import { fromDatabaseError, NotFoundError, ValidationError } from '@storytime/errors';
import { JOB, QUEUE, QUEUE_CONTRACTS } from '@storytime/queue';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import { decodeCursor, toCursorPage } from '../../lib/pagination';
import type { Principal } from '../../plugins/principal';
import { applyEngagementEffects, recordEngagementEvent } from '../achievements/events';
import { todayIn } from '../stories/seasons';
import type { AssignmentListQuery, ChallengeDateInput, CreateChallengeBody } from './daily-challenge.schemas';

const LIST_SORT = 'daily-challenges:kid';
const DAY_MS = 86_400_000;
const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;
const UUID_KEY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `YYYY-MM-DD` + n days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The job-record dedupe key of an assign-all run: a second request joins the active run. */
export const assignAllDedupeKey = (date: string) => `daily-challenges:${date}`;

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string })?.code ?? (error as { cause?: { code?: string } })?.cause?.code;
  return code === '23505';
}

export interface DailyChallengeDeps {
  /** The engagement hook (rules.md §10–11); replaceable in tests. */
  recordEngagementEvent?: typeof recordEngagementEvent;
}

/** Daily challenges, STORY-26..34 (api.md §4.8, rules.md §9): admin back office and owner reads (fix 21). */
export function createDailyChallengeService(core: CoreServices, deps: DailyChallengeDeps = {}) {
  const { db, cache } = core;
  const timezone = core.config.env.APP_TIMEZONE;
  const engagement = deps.recordEngagementEvent ?? recordEngagementEvent;
  const today = () => todayIn(timezone, core.now());

  function dayOf(input: ChallengeDateInput): string {
    if ('day' in input) return input.day;
    // A local datetime (no offset) already names its day; an instant is placed in APP_TIMEZONE.
    if (!/(Z|[+-]\d{2}:?\d{2})$/i.test(input.datetime)) return input.datetime.slice(0, 10);
    return todayIn(timezone, new Date(input.datetime));
  }

  /** STORY-26: the story must exist; `(storyId, challengeDate)` is unique (fix 16) → 409. */
  async function create(body: CreateChallengeBody) {
    if (!(await storyExists(db, body.storyId))) throw new NotFoundError('Story');
    return insertDailyChallenge(db, {
      storyId: body.storyId,
      challengeDate: dayOf(body.challengeDate),
      wordOfTheDay: body.wordOfTheDay,
      meaning: body.meaning,
    }).catch((error: unknown) => {
      throw fromDatabaseError(error, 'Daily challenge');
    });
  }

  /** STORY-27 (admin, D3). */
  async function listByDate(date: string) {
    return listDailyChallengesOn(db, date);
  }

  /** STORY-28: one assignment per kid and day (fix 16) → 409 on a second one. */
  async function assign(caller: Principal, kidId: string, challengeId: string) {
    await requireOwnedKid(db, caller, kidId);
    const challenge = await findDailyChallenge(db, challengeId);
    if (!challenge) throw new NotFoundError('Daily challenge');
    return insertAssignment(db, { kidId, challengeId, challengeDate: challenge.challengeDate }).catch(
      (error: unknown) => {
        throw fromDatabaseError(error, 'Daily challenge assignment');
      },
    );
  }

  /**
   * STORY-29: the first completion sets `completed`/`completedAt` and, in the same transaction,
   * raises `challenge_completed` (activity, badges, +5 points: rules.md §10–11); a repeat returns
   * the row unchanged and raises nothing. Caches the event names are dropped after the commit.
   */
  async function complete(caller: Principal, assignmentId: string) {
    const at = core.now();
    const { row, effects } = await db.transaction(async (tx) => {
      const done = await completeOwnedAssignment(tx, caller.userId, assignmentId, at);
      if (!done) throw new NotFoundError('Daily challenge assignment');
      const effects = done.first
        ? await engagement(
            tx,
            {
              type: 'challenge_completed',
              parentId: caller.userId,
              kidId: done.row.kidId,
              refId: done.row.id,
              at,
            },
            { timeZone: timezone },
          )
        : undefined;
      return { row: done.row, effects };
    });
    if (effects) await applyEngagementEffects(cache, [effects]);
    return row;
  }

  /** STORY-30: `challengeDate` desc, cursor on (challengeDate, id). */
  async function listForKid(caller: Principal, kidId: string, query: AssignmentListQuery) {
    let after: { date: string; id: string } | undefined;
    if (query.cursor !== undefined) {
      const { keys, id } = decodeCursor(LIST_SORT, query.cursor);
      const [date] = keys;
      if (keys.length !== 1 || typeof date !== 'string' || !DAY_KEY.test(date) || !UUID_KEY.test(id)) {
        throw new ValidationError('Invalid cursor', [
          { path: 'query.cursor', message: 'malformed or for another list' },
        ]);
      }
      after = { date, id };
    }
    await requireOwnedKid(db, caller, kidId);
    const rows = await listKidAssignments(db, kidId, { limit: query.limit, after });
    return toCursorPage(rows, query.limit, LIST_SORT, (row) => [row.challengeDate]);
  }

  /** STORY-31. */
  async function find(caller: Principal, assignmentId: string) {
    const row = await findOwnedAssignment(db, caller.userId, assignmentId);
    if (!row) throw new NotFoundError('Daily challenge assignment');
    return row;
  }

  /**
   * STORY-32: records an `assign-daily-challenges` run for the date (default today in
   * `APP_TIMEZONE`) and answers its job id. A run already active for that date is joined (dedupe
   * key), so repeated clicks start nothing new; a later run inserts nothing for kids already
   * assigned (unique `(kid_id, challenge_date)`, rules.md §9).
   *
   * Recorded through the outbox like every promised job (D16), so a Redis outage delays the run
   * instead of losing it.
   */
  async function assignAll(caller: Principal, date: string | undefined) {
    const day = date ?? today();
    const dedupeKey = assignAllDedupeKey(day);
    const active = await findActiveJobByDedupeKey(db, dedupeKey);
    if (active) return { jobId: active.id };
    try {
      const job = await core.outbox.transaction((_tx, outbox) =>
        outbox.add({
          kind: 'daily_challenges',
          queue: QUEUE.storyMaintenance,
          jobName: JOB.assignDailyChallenges,
          params: { date: day },
          dedupeKey,
          userId: caller.userId,
          priority: QUEUE_CONTRACTS[QUEUE.storyMaintenance].defaults.priority,
        }),
      );
      return { jobId: job.id };
    } catch (error) {
      // Two requests raced past the lookup: the loser joins the winner's run.
      if (isUniqueViolation(error)) {
        const winner = await findActiveJobByDedupeKey(db, dedupeKey);
        if (winner) return { jobId: winner.id };
      }
      throw error;
    }
  }

  /** STORY-33: today's assignment in `APP_TIMEZONE`; none → 404. */
  async function findToday(caller: Principal, kidId: string) {
    await requireOwnedKid(db, caller, kidId);
    const row = await findKidAssignmentOn(db, kidId, today());
    if (!row) throw new NotFoundError('Daily challenge assignment');
    return row;
  }

  /** STORY-34: `[weekStart, weekStart + 7)`, ascending. */
  async function listWeek(caller: Principal, kidId: string, weekStart: string) {
    await requireOwnedKid(db, caller, kidId);
    return listKidAssignmentsBetween(db, kidId, weekStart, addDays(weekStart, 7));
  }

  return { create, listByDate, assign, complete, listForKid, find, assignAll, findToday, listWeek };
}
