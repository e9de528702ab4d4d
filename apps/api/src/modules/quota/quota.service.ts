import type { DbOrTx } from '@storytime/db';
import { hasStoryAccess, lockUsage, recordStoryAccess, saveBonus } from '@storytime/db/repositories/quota';
import { AppError } from '@storytime/errors';
import type { PremiumService } from '../users/premium.service';

/** rules.md §2: ten stories for life, then one more per full week. */
export const BASE_LIMIT = 10;
export const WEEKLY_BONUS = 1;
export const WEEK_MS = 604_800_000;

export interface QuotaNumbers {
  used: number;
  baseLimit: number;
  bonusStories: number;
  totalAllowed: number;
  remaining: number;
}

/**
 * The pure part of Evaluate (rules.md §2): given the usage row and the clock, the new bonus state
 * and the numbers. The remainder of a partial week carries over (the anchor moves by whole weeks).
 */
export function evaluateQuota(
  usage: { uniqueStoriesRead: number; bonusStories: number; lastBonusGrantedAt: Date | null },
  now: Date,
): { numbers: QuotaNumbers; bonusUpdate?: { bonusStories: number; lastBonusGrantedAt: Date } } {
  let { bonusStories } = usage;
  let bonusUpdate: { bonusStories: number; lastBonusGrantedAt: Date } | undefined;
  if (usage.uniqueStoriesRead >= BASE_LIMIT) {
    if (!usage.lastBonusGrantedAt) {
      bonusUpdate = { bonusStories, lastBonusGrantedAt: now };
    } else {
      const weeks = Math.floor((now.getTime() - usage.lastBonusGrantedAt.getTime()) / WEEK_MS);
      if (weeks > 0) {
        bonusStories += weeks * WEEKLY_BONUS;
        bonusUpdate = {
          bonusStories,
          lastBonusGrantedAt: new Date(usage.lastBonusGrantedAt.getTime() + weeks * WEEK_MS),
        };
      }
    }
  }
  const totalAllowed = BASE_LIMIT + bonusStories;
  return {
    numbers: {
      used: usage.uniqueStoriesRead,
      baseLimit: BASE_LIMIT,
      bonusStories,
      totalAllowed,
      remaining: Math.max(0, totalAllowed - usage.uniqueStoriesRead),
    },
    ...(bonusUpdate ? { bonusUpdate } : {}),
  };
}

const monthOf = (date: Date) => date.toISOString().slice(0, 7);

/**
 * The free-tier story quota. `meter` runs inside the route's own transaction, so a failed route
 * records nothing and the usage row lock serialises parallel first reads.
 */
export function createQuotaService(deps: { premium: PremiumService; now: () => Date }) {
  async function evaluate(tx: DbOrTx, userId: string): Promise<QuotaNumbers> {
    const now = deps.now();
    const usage = await lockUsage(tx, userId, monthOf(now));
    const { numbers, bonusUpdate } = evaluateQuota(usage, now);
    if (bonusUpdate) await saveBonus(tx, userId, bonusUpdate);
    return numbers;
  }

  /**
   * Reads that need no metering, decided without a transaction (the family's own story, premium
   * from its cache, an already-read story), so hot paths skip the usage-row lock entirely. `db` is
   * the caller's connection: a cache miss inside a transaction must not take a second one.
   */
  async function isFreeRead(
    db: DbOrTx,
    userId: string,
    story: { id: string; ownerUserId: string | null },
  ): Promise<boolean> {
    if (story.ownerUserId === userId) return true;
    if (await deps.premium.isPremium(userId, db)) return true;
    return hasStoryAccess(db, userId, story.id);
  }

  /** Access(user, story) of rules.md §2 on a metered route, inside the route's transaction. */
  async function meter(
    tx: DbOrTx,
    userId: string,
    story: { id: string; ownerUserId: string | null },
  ): Promise<void> {
    if (await isFreeRead(tx, userId, story)) return;
    await chargeFirstRead(tx, userId, story);
  }

  /**
   * Spends one unit for a read `isFreeRead` refused: Evaluate under the usage-row lock, then the
   * access row (its insert is conflict-safe, so two parallel first reads of one story spend once).
   */
  async function chargeFirstRead(tx: DbOrTx, userId: string, story: { id: string }): Promise<void> {
    const numbers = await evaluate(tx, userId);
    if (numbers.remaining === 0) {
      throw new AppError(
        'STORY_LIMIT_EXCEEDED',
        'You have read all your free stories; upgrade for unlimited stories',
        {
          details: { remaining: 0, totalAllowed: numbers.totalAllowed },
        },
      );
    }
    await recordStoryAccess(tx, userId, story.id);
  }

  return { evaluate, meter, isFreeRead, chargeFirstRead };
}

export type QuotaService = ReturnType<typeof createQuotaService>;
