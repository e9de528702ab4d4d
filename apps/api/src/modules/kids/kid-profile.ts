import { CACHE_TTL, type Cache, cacheKeys } from '@storytime/cache';
import type { Db } from '@storytime/db';
import { findRecentKidActivity, insertActivityLog } from '@storytime/db/repositories/activity-logs';
import {
  countKidRecommendations,
  findKidNotificationPreferences,
  findKidStoryLists,
  type KidNotificationPreference,
} from '@storytime/db/repositories/kid-writes';
import { findKidDto, type KidRecord } from '@storytime/db/repositories/kids';
import { NotFoundError } from '@storytime/errors';
import type { Logger } from '@storytime/observability';
import { requireOwnedKid } from '../../lib/ownership';
import { parseUserAgent } from '../../lib/user-agent';
import type { Principal } from '../../plugins/principal';

/**
 * The cached value of `kid:{id}:profile` (platform.md §6): the kid core with its settings and
 * recommendation count for KID-03, and the recommended and restricted story ids that feed
 * personalisation reads. Dates are ISO strings once cached.
 */
export interface KidProfileSnapshot {
  kid: KidRecord;
  notificationPreferences: KidNotificationPreference[];
  recommendationTotal: number;
  recommendedStoryIds: string[];
  restrictedStoryIds: string[];
}

/** The loader of `kid:{id}:profile`; undefined (not cached) when the kid is gone. */
export async function loadKidProfileSnapshot(db: Db, kidId: string): Promise<KidProfileSnapshot | undefined> {
  const [kid, notificationPreferences, recommendationTotal, lists] = await Promise.all([
    findKidDto(db, kidId),
    findKidNotificationPreferences(db, kidId),
    countKidRecommendations(db, kidId),
    findKidStoryLists(db, kidId),
  ]);
  if (!kid) return undefined;
  return { kid, notificationPreferences, recommendationTotal, ...lists };
}

export interface AccessContext {
  ip?: string | null;
  userAgent?: string | null;
  requestId?: string | null;
}

export function createKidProfile(deps: { db: Db; cache: Cache; logger: Logger }) {
  const { db, cache } = deps;

  /** KID-03: the cached profile plus the last 10 activity logs, which are never cached. */
  async function detail(caller: Principal, kidId: string) {
    await requireOwnedKid(db, caller, kidId);
    const [snapshot, activityLogs] = await Promise.all([
      cache.getOrSet(cacheKeys.kidProfile(kidId), CACHE_TTL.kidProfile, () =>
        loadKidProfileSnapshot(db, kidId),
      ),
      findRecentKidActivity(db, kidId, 10),
    ]);
    if (!snapshot) throw new NotFoundError('Kid');
    return {
      ...snapshot.kid,
      notificationPreferences: snapshot.notificationPreferences,
      activityLogs,
      recommendationStats: { total: snapshot.recommendationTotal },
    };
  }

  /** `ACCESS_KID_ACCOUNT`, written after the answer is sent; a failure is logged, never surfaced. */
  async function recordAccess(userId: string, kidId: string, context: AccessContext): Promise<void> {
    try {
      await insertActivityLog(db, {
        userId,
        kidId,
        action: 'ACCESS_KID_ACCOUNT',
        status: 'SUCCESS',
        ...parseUserAgent(context.userAgent),
        ipAddress: context.ip ?? null,
        requestId: context.requestId ?? null,
      });
    } catch (error) {
      deps.logger.warn({ err: error, kidId }, 'kid access log not written');
    }
  }

  return { detail, recordAccess };
}

export type KidProfile = ReturnType<typeof createKidProfile>;
