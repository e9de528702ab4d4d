import { findStoryDetail, type StoryDetailRow } from '@storytime/db/repositories/story-detail';
import { visibleStoryTo } from '@storytime/db/repositories/story-list';
import { NotFoundError } from '@storytime/errors';
import type { CoreServices } from '../../composition';
import type { QuotaService } from '../quota/quota.service';
import type { PremiumService } from '../users/premium.service';

/** STORY-50 (api.md §4.12) and STORY-25 (api.md §4.7). */
export function createStoryDetailService(
  core: Pick<CoreServices, 'db'>,
  deps: { premium: PremiumService; quota: QuotaService },
) {
  /**
   * One transaction: the detail (one statement), then the quota. Metering after the read in the
   * same transaction means a refused read records nothing, and a failed read consumes nothing.
   */
  async function read(userId: string, storyId: string): Promise<StoryDetailRow> {
    return core.db.transaction(async (tx) => {
      const story = await findStoryDetail(tx, storyId, visibleStoryTo(userId));
      if (!story) throw new NotFoundError('Story');
      await deps.quota.meter(tx, userId, story);
      return story;
    });
  }

  /** Evaluating applies any pending weekly bonus (rules.md §2), hence the transaction. */
  async function quota(userId: string) {
    if (await deps.premium.isPremium(userId)) return { isPremium: true as const, unlimited: true as const };
    const numbers = await core.db.transaction((tx) => deps.quota.evaluate(tx, userId));
    return { isPremium: false as const, unlimited: false as const, ...numbers };
  }

  return { read, quota };
}
