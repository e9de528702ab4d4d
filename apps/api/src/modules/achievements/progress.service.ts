import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import { findActiveDays, findProgressStats } from '@storytime/db/repositories/achievement-stats';
import { type BadgeProgressView, findBadgeProgress } from '@storytime/db/repositories/badges';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import type { Principal } from '../../plugins/principal';
import { addDays, buildStreak, dayIn, lookbackStart, type Streak, startOfDayIn } from './streak';

/** A progress scope: one kid of the caller, or (kidId null) the parent aggregate across all kids. */
interface Scope {
  userId: string;
  kidId: string | null;
}

const PREVIEW_SIZE = 3;

/**
 * Achievement progress, PROG-01..05 (api.md §9, rules.md §10.3–10.4). Home and overview are cached
 * per (user, kid|all) for 5 minutes under the tag `progress:{userId}`, which every engagement event,
 * progress write and screen-time end of that parent invalidates (platform.md §6).
 */
export function createAchievementProgressService(core: CoreServices) {
  const { db, cache, config } = core;
  const timeZone = config.env.APP_TIMEZONE;

  /** With a kid: the caller's live kid or 404 (api.md §0.1); without: the parent aggregate. */
  async function scopeOf(caller: Principal, kidId: string | undefined): Promise<Scope> {
    if (kidId) await requireOwnedKid(db, caller, kidId);
    return { userId: caller.userId, kidId: kidId ?? null };
  }

  async function loadStreak(scope: Scope): Promise<Streak> {
    const now = core.now();
    const days = await findActiveDays(db, [scope], {
      timeZone,
      since: lookbackStart(timeZone, now),
      // Through the end of today: a row stamped a moment "after" this clock still counts today.
      until: new Date(startOfDayIn(timeZone, addDays(dayIn(timeZone, now), 1)).getTime() - 1),
    });
    const lastActiveAt = days.reduce<Date | null>(
      (latest, row) => (latest === null || row.lastAt > latest ? row.lastAt : latest),
      null,
    );
    return buildStreak({ activeDays: days.map((row) => row.day), lastActiveAt, now, timeZone });
  }

  const iconOf = (badge: BadgeProgressView) =>
    badge.iconUrl ?? `${config.publicMediaBaseUrl.replace(/\/+$/, '')}/media/badges/${badge.key}.png`;

  /** PROG-04 rows: every live catalogue badge, priority desc then catalogue order. */
  async function loadBadges(scope: Scope) {
    const rows = await findBadgeProgress(db, scope.userId, scope.kidId);
    return rows.map((badge) => ({
      badgeId: badge.badgeId,
      title: badge.title,
      description: badge.description,
      iconUrl: iconOf(badge),
      locked: !badge.unlocked,
      count: badge.count,
      requiredAmount: badge.requiredAmount,
      unlockCondition: badge.unlockCondition,
      unlockedAt: badge.unlockedAt,
    }));
  }

  /** Unlocked first, then priority desc, then catalogue order (the list's order; the sort is stable). */
  async function loadPreview(scope: Scope) {
    const badges = await loadBadges(scope);
    return [...badges]
      .sort((a, b) => Number(a.locked) - Number(b.locked))
      .slice(0, PREVIEW_SIZE)
      .map(({ badgeId, title, iconUrl, locked, count }) => ({ badgeId, title, iconUrl, locked, count }));
  }

  const cached = <T>(key: string, ttl: number, scope: Scope, loader: () => Promise<T>) =>
    cache.getOrSet(key, ttl, loader, { tags: [cacheTags.progress(scope.userId)] });

  return {
    /** PROG-01. */
    async home(caller: Principal, kidId: string | undefined) {
      const scope = await scopeOf(caller, kidId);
      return cached(
        cacheKeys.progressHome(scope.userId, scope.kidId),
        CACHE_TTL.progressHome,
        scope,
        async () => {
          const [streak, badgesPreview, stats] = await Promise.all([
            loadStreak(scope),
            loadPreview(scope),
            findProgressStats(db, scope.userId, scope.kidId),
          ]);
          return {
            streak,
            badgesPreview,
            progressStats: {
              storiesCompleted: stats.storiesCompleted,
              challengesCompleted: stats.challengesCompleted,
              totalReadingTimeMins: Math.floor(stats.readingSeconds / 60),
            },
          };
        },
      );
    },

    /** PROG-02. */
    async streak(caller: Principal, kidId: string | undefined) {
      return loadStreak(await scopeOf(caller, kidId));
    },

    /** PROG-03. */
    async preview(caller: Principal, kidId: string | undefined) {
      return loadPreview(await scopeOf(caller, kidId));
    },

    /** PROG-04. */
    async badges(caller: Principal, kidId: string | undefined) {
      return { badges: await loadBadges(await scopeOf(caller, kidId)) };
    },

    /** PROG-05. */
    async overview(caller: Principal, kidId: string | undefined) {
      const scope = await scopeOf(caller, kidId);
      return cached(
        cacheKeys.progressOverview(scope.userId, scope.kidId),
        CACHE_TTL.progressOverview,
        scope,
        async () => {
          const [streak, badgesPreview, stats] = await Promise.all([
            loadStreak(scope),
            loadPreview(scope),
            findProgressStats(db, scope.userId, scope.kidId),
          ]);
          return {
            streak,
            badgesPreview,
            storiesCompleted: stats.storiesCompleted,
            challengesCompleted: stats.challengesCompleted,
          };
        },
      );
    },
  };
}
