import { CACHE_TTL, cacheKeys } from '@storytime/cache';
import {
  countFeed,
  type FeedFilter,
  type FeedSort,
  findFeedOffsetPage,
  findFeedPage,
} from '@storytime/db/repositories/story-feed';
import { AuthError, NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import { requireOwnedKid } from '../../lib/ownership';
import { toOffsetPage } from '../../lib/pagination';
import type { Principal } from '../../plugins/principal';
import { deactivatedError } from '../auth/authenticator';
import { type KidProfileSnapshot, loadKidProfileSnapshot } from '../kids/kid-profile';
import type { Catalogue } from './catalogue.service';
import { feedCursorAfter, toFeedPage } from './feed.cursor';
import type { FeedQuery } from './feed.schemas';
import type { TopPicks } from './top-picks.service';

const MIN_LEVEL = 1;
const MAX_LEVEL = 10;

/**
 * STORY-01, the public story feed (rules.md §5). Anyone may read it; naming a kid makes it
 * `session+owner`, checked here because the route itself is public.
 */
export function createStoryFeed(
  core: Pick<CoreServices, 'db' | 'cache'>,
  deps: { catalogue: Catalogue; topPicks: TopPicks },
) {
  const { db, cache } = core;

  /** `session+owner` for the kid: no caller → 401, a deactivated one → 410, another parent's kid → 404. */
  async function kidProfileFor(caller: Principal | null, kidId: string) {
    if (!caller) throw new AuthError('AUTH_INVALID_TOKEN', 'Authentication required');
    if (caller.deactivated) throw deactivatedError();
    await requireOwnedKid(db, caller, kidId);
    const snapshot = await cache.getOrSet(cacheKeys.kidProfile(kidId), CACHE_TTL.kidProfile, () =>
      loadKidProfileSnapshot(db, kidId),
    );
    if (!snapshot) throw new NotFoundError('Kid');
    return snapshot;
  }

  /**
   * The filter of rules.md §5, or null when the answer is known to be empty (no active or backfill
   * season for `isSeasonal`, no recommendation left for `recommended=true` with a kid).
   */
  async function filterFor(
    query: FeedQuery,
    kid: KidProfileSnapshot | undefined,
  ): Promise<FeedFilter | null> {
    const explicit: FeedFilter = { themeId: query.theme, categoryId: query.category, seasonId: query.season };
    if (query.isSeasonal) {
      const { active, backfill } = await deps.catalogue.seasonSplit();
      if (active.length + backfill.length === 0) return null;
      explicit.anySeasonIds = [...active, ...backfill];
    }
    if (!kid) {
      return {
        ...explicit,
        recommended: query.recommended,
        age: query.age,
        minAge: query.minAge,
        maxAge: query.maxAge,
      };
    }
    // With a kid the age filters give way to the reading-level window (as the reference did).
    const restricted = new Set(kid.restrictedStoryIds);
    if (query.recommended === true) {
      // Only the kid's recommendations, no level window; a restriction still wins (fix 37).
      const onlyIds = kid.recommendedStoryIds.filter((id) => !restricted.has(id));
      return onlyIds.length > 0 ? { ...explicit, onlyIds } : null;
    }
    const level = kid.kid.currentReadingLevel;
    return {
      ...explicit,
      levelWindow: {
        min: Math.max(MIN_LEVEL, level - 1),
        max: Math.min(MAX_LEVEL, level + 1),
        bypassIds: kid.recommendedStoryIds,
      },
      excludeIds: kid.restrictedStoryIds,
    };
  }

  async function list(caller: Principal | null, query: FeedQuery) {
    const sort: FeedSort = query.isMostLiked ? 'most-liked' : 'recent';
    // A bad cursor is a 400 before any other work; offset pages and the sample ignore it.
    const usesCursor = query.page === undefined && !query.topPicksFromUs;
    const after = usesCursor ? feedCursorAfter(sort, query.cursor) : undefined;
    // The kid first: a request naming someone else's kid fails whatever else it asks for.
    const kid = query.kidId ? await kidProfileFor(caller, query.kidId) : undefined;

    if (query.topPicksFromUs) {
      // The STORY-56 sample: cursor ignored, one page only.
      const items = await deps.topPicks.fromUs(query.limit);
      if (query.page === undefined) return { items, nextCursor: null, hasMore: false };
      return toOffsetPage(query.page === 1 ? items : [], items.length, query.page, query.limit);
    }

    const filter = await filterFor(query, kid);
    if (query.page !== undefined) {
      if (!filter) return toOffsetPage([], 0, query.page, query.limit);
      const [items, total] = await Promise.all([
        findFeedOffsetPage(db, filter, sort, { offset: (query.page - 1) * query.limit, limit: query.limit }),
        countFeed(db, filter),
      ]);
      return toOffsetPage(items, total, query.page, query.limit);
    }

    if (!filter) return { items: [], nextCursor: null, hasMore: false };
    const rows = await findFeedPage(db, filter, sort, { after, fetch: query.limit + 1 });
    return toFeedPage(rows, query.limit, sort);
  }

  return { list };
}
