import {
  findFeedPage,
  findNewestForParent,
  findSeasonalStories,
} from '@storytime/db/repositories/story-feed';
import type { CoreServices } from '../../composition';
import type { Catalogue } from './catalogue.service';

export interface HomepageLimits {
  limitRecommended: number;
  limitSeasonal: number;
  limitTopLiked: number;
}

/**
 * STORY-02 (rules.md §6): three rows over public stories, each one statement, run in parallel;
 * the season split comes from the cached season list.
 */
export function createHomepage(core: Pick<CoreServices, 'db'>, catalogue: Catalogue) {
  const { db } = core;

  return {
    async forParent(userId: string, limits: HomepageLimits) {
      const seasons = await catalogue.seasonSplit();
      const [recommended, seasonal, topLiked] = await Promise.all([
        findNewestForParent(db, userId, limits.limitRecommended),
        findSeasonalStories(db, seasons, limits.limitSeasonal),
        findFeedPage(db, {}, 'most-liked', { fetch: limits.limitTopLiked }),
      ]);
      return { recommended, seasonal, topLiked };
    },
  };
}
