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
   * The detail is one statement. Premium readers, the family's own stories and already-read
   * stories are answered without a transaction; only a first read by a free user opens one, to
   * meter the quota under the usage-row lock (a refused read records nothing).
   */
  async function read(userId: string, storyId: string): Promise<StoryDetailRow> {
    const story = await findStoryDetail(core.db, storyId, visibleStoryTo(userId));
    if (!story) throw new NotFoundError('Story');
    if (await deps.quota.isFreeRead(core.db, userId, story)) return story;
    await core.db.transaction((tx) => deps.quota.chargeFirstRead(tx, userId, story));
    return story;
  }

  /** Evaluating applies any pending weekly bonus (rules.md §2), hence the transaction. */
  async function quota(userId: string) {
    if (await deps.premium.isPremium(userId)) return { isPremium: true as const, unlimited: true as const };
    const numbers = await core.db.transaction((tx) => deps.quota.evaluate(tx, userId));
    return { isPremium: false as const, unlimited: false as const, ...numbers };
  }

  return { read, quota };
}
