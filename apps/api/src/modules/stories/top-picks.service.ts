import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import {
  findRandomStories,
  findSampledStories,
  findTopPicksFromParents,
} from '@storytime/db/repositories/story-feed';
import type { CoreServices } from '../../composition';

/**
 * STORY-55 and STORY-56 (api.md §4.14, rules.md §21), each cached 30 min under a key that carries
 * `limit` (fix 5: the reference's keys ignored it, and its "from us" query read a missing table).
 */
export function createTopPicks(core: Pick<CoreServices, 'db' | 'cache'>) {
  const { db, cache } = core;

  return {
    /** Public stories by live parent recommendations; recommendation writes invalidate `top-picks`. */
    fromParents: (limit: number) =>
      cache.getOrSet(
        cacheKeys.topPicksParents(limit),
        CACHE_TTL.topPicksParents,
        () => findTopPicksFromParents(db, limit),
        { tags: [cacheTags.topPicks, cacheTags.storyContent] },
      ),

    /**
     * A random sample of public stories, stable for 30 min per limit. Block sampling keeps it cheap
     * on a large table; when it comes back short (few public stories, a stale row estimate) the
     * exact sample runs instead.
     */
    fromUs: (limit: number) =>
      cache.getOrSet(
        cacheKeys.topPicksFromUs(limit),
        CACHE_TTL.topPicksFromUs,
        async () => {
          const sampled = await findSampledStories(db, limit);
          return sampled.length >= limit ? sampled : findRandomStories(db, limit);
        },
        { tags: [cacheTags.storyContent] },
      ),
  };
}

export type TopPicks = ReturnType<typeof createTopPicks>;
