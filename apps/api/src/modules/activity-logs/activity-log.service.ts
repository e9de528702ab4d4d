import { findActivityLog, listActivityLogs } from '@storytime/db/repositories/activity-log-reads';
import { insertActivityLog } from '@storytime/db/repositories/activity-logs';
import { countLiveRows } from '@storytime/db/repositories/analytics';
import { InternalError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid, requireSelfOrAdmin } from '../../lib/ownership';
import { decodeTimeCursor, toTimePage } from '../../lib/pagination';
import { parseUserAgent } from '../../lib/user-agent';
import type { Principal } from '../../plugins/principal';
import type { CreateLogInput } from './activity-log.schemas';

/** LOG-01..05 (api.md §19): client-written logs, owner-or-admin reads (fix 29) and admin counts. */

/** The cursor's sort per list: a cursor of one list is refused by the other (platform.md §7). */
const USER_SORT = 'activity-logs:user:created_at:desc';
const KID_SORT = 'activity-logs:kid:created_at:desc';

export interface RequestFacts {
  /** `request.ip`: the first X-Forwarded-For hop when TRUST_PROXY says so, else the socket. */
  ip: string;
  userAgent: string | undefined;
  requestId: string;
}

export function createActivityLogService(core: CoreServices) {
  const { db } = core;

  /** Drops the keyset column of each row and shapes the page. */
  function page<Row extends { sortKey: string; id: string }>(rows: Row[], limit: number, sort: string) {
    const shaped = toTimePage(rows, limit, sort, (row) => ({ key: row.sortKey, id: row.id }));
    return { ...shaped, items: shaped.items.map(({ sortKey: _key, ...item }) => item) };
  }

  return {
    /** LOG-01: the caller's own entry; device fields not sent are read from the User-Agent. */
    async create(caller: Principal, input: CreateLogInput, facts: RequestFacts) {
      if (input.kidId) await requireOwnedKid(db, caller, input.kidId);
      const device = parseUserAgent(facts.userAgent);
      const row = await db.transaction(async (tx) => {
        const { id } = await insertActivityLog(tx, {
          userId: caller.userId,
          kidId: input.kidId ?? null,
          action: input.action,
          status: input.status,
          deviceName: input.deviceName || device.deviceName,
          deviceModel: input.deviceModel || device.deviceModel,
          os: input.os || device.os,
          ipAddress: facts.ip,
          details: input.details ?? null,
          requestId: facts.requestId,
        });
        return findActivityLog(tx, id);
      });
      if (!row) throw new InternalError('The activity log was not written');
      return row;
    },

    /** LOG-02: the user's own log, or any user's for an admin; others get 404. */
    async listForUser(
      caller: Principal,
      userId: string,
      query: { cursor?: string | undefined; limit: number },
    ) {
      requireSelfOrAdmin(caller, userId);
      const after = decodeTimeCursor(USER_SORT, query.cursor);
      const rows = await listActivityLogs(db, { userId }, { limit: query.limit, after });
      return page(rows, query.limit, USER_SORT);
    },

    /** LOG-03: the log of the caller's live kid, or of any live kid for an admin. */
    async listForKid(
      caller: Principal,
      kidId: string,
      query: { cursor?: string | undefined; limit: number },
    ) {
      const after = decodeTimeCursor(KID_SORT, query.cursor);
      await requireOwnedKid(db, caller, kidId, { adminPasses: true });
      const rows = await listActivityLogs(db, { kidId }, { limit: query.limit, after });
      return page(rows, query.limit, KID_SORT);
    },

    /** LOG-04: an entry of the caller (or about the caller's kid); admins see any. */
    async get(caller: Principal, id: string) {
      const row = await findActivityLog(db, id);
      if (!row) throw new NotFoundError('Activity log');
      const { kidParentId, ...log } = row;
      const owns = log.userId === caller.userId || kidParentId === caller.userId;
      if (!owns && caller.role !== 'admin') throw new NotFoundError('Activity log');
      return log;
    },

    /** LOG-05. */
    stats: () => countLiveRows(db),
  };
}
