import { CACHE_TTL, cacheKeys, cacheTags } from '@storytime/cache';
import {
  listCategoriesWithCounts,
  listSeasons,
  listThemes,
  type SeasonRecord,
} from '@storytime/db/repositories/catalogue';
import type { CoreServices } from '../../composition';
import { classifySeasons, type Day, isSeasonActive, todayIn } from './seasons';

export type CatalogueCore = Pick<CoreServices, 'db' | 'cache' | 'config' | 'now'>;

/**
 * STORY-03..05 and the season split the feed and homepage filter on. Everything is served from the
 * cache (platform.md §6); what depends on the day (`isCurrentlyActive`, active/backfill) is computed
 * per request from the cached rows, so a cached list never goes stale at midnight.
 */
export function createCatalogue(core: CatalogueCore) {
  const { db, cache } = core;

  const seasonRows = () =>
    cache.getOrSet<SeasonRecord[]>(cacheKeys.seasonsAll, CACHE_TTL.seasonsAll, () => listSeasons(db), {
      tags: [cacheTags.catalogue],
    });

  /** Today in `APP_TIMEZONE`; `core.now` is read per call so tests can move the clock. */
  const today = (): Day => todayIn(core.config.env.APP_TIMEZONE, core.now());

  return {
    /** STORY-03: public story counts go stale on story writes too, hence the second tag. */
    categories: () =>
      cache.getOrSet(cacheKeys.categoriesAll, CACHE_TTL.categoriesAll, () => listCategoriesWithCounts(db), {
        tags: [cacheTags.catalogue, cacheTags.storyContent],
      }),

    themes: () =>
      cache.getOrSet(cacheKeys.themesAll, CACHE_TTL.themesAll, () => listThemes(db), {
        tags: [cacheTags.catalogue],
      }),

    /** STORY-05, by start date, with `isCurrentlyActive` for today (rules.md §4). */
    async seasons() {
      const rows = await seasonRows();
      const day = today();
      return rows.map((season) => ({ ...season, isCurrentlyActive: isSeasonActive(season, day) }));
    },

    /** The active and the recently ended (backfill) season ids for today. */
    async seasonSplit(): Promise<{ active: string[]; backfill: string[] }> {
      return classifySeasons(await seasonRows(), today());
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
