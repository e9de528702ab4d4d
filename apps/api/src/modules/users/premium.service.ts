import { CACHE_TTL, type Cache, cacheKeys } from '@storytime/cache';
import type { Db, DbOrTx } from '@storytime/db';
import { findPremiumFacts, type PremiumFacts } from '@storytime/db/repositories/subscriptions';

/** The cached value of `user:{id}:subscription` (platform.md §6). Dates are ISO strings. */
export interface SubscriptionSnapshot {
  isPremium: boolean;
  plan: PremiumFacts['plan'];
  status: PremiumFacts['status'];
  endsAt: string | null;
}

const time = (value: Date | string | null | undefined) =>
  value ? new Date(value).getTime() : Number.NEGATIVE_INFINITY;

/** Clause 3: a paid plan, not yet ended, active or cancelled-but-running (rules.md §1.2). */
export function subscriptionGrantsPremium(
  facts: Pick<PremiumFacts, 'plan' | 'status'> & { endsAt: Date | string | null },
  now: Date,
): boolean {
  return (
    facts.plan !== null &&
    facts.plan !== 'free' &&
    (facts.status === 'active' || facts.status === 'cancelled') &&
    time(facts.endsAt) > now.getTime()
  );
}

/** `isPremium(user, now)` of rules.md §1.2 (D9): admin, coupon premium, or clause 3. */
export function isPremiumFromFacts(facts: PremiumFacts, now: Date): boolean {
  return (
    facts.role === 'admin' ||
    time(facts.premiumAccessUntil) > now.getTime() ||
    subscriptionGrantsPremium(facts, now)
  );
}

/**
 * Premium status, cached one minute per user. Every write to a subscription, `premiumAccessUntil` or
 * the role drops the key (`forget`).
 */
export function createPremiumService(deps: { db: Db; cache: Cache; now: () => Date }) {
  /**
   * `via` lets a caller inside a transaction run the (rare) cache miss on its own connection: a
   * second pool connection per request would deadlock the pool under load.
   */
  async function snapshot(userId: string, via?: DbOrTx): Promise<SubscriptionSnapshot> {
    return deps.cache.getOrSet(cacheKeys.userSubscription(userId), CACHE_TTL.userSubscription, async () => {
      const facts = await findPremiumFacts(via ?? deps.db, userId);
      const now = deps.now();
      if (!facts) return { isPremium: false, plan: null, status: null, endsAt: null };
      return {
        isPremium: isPremiumFromFacts(facts, now),
        plan: facts.plan,
        status: facts.status,
        endsAt: facts.endsAt ? facts.endsAt.toISOString() : null,
      };
    });
  }

  /**
   * `ParentProfile.subscriptionStatus`: 'active' when clause 3 holds. Derived from the snapshot at read
   * time, so the cached value keeps exactly the shape platform.md §6 lists for the key.
   */
  function subscriptionStatus(value: SubscriptionSnapshot): 'active' | 'free' {
    return subscriptionGrantsPremium(value, deps.now()) ? 'active' : 'free';
  }

  async function isPremium(userId: string, via?: DbOrTx): Promise<boolean> {
    return (await snapshot(userId, via)).isPremium;
  }

  async function forget(userId: string): Promise<void> {
    await deps.cache.del([cacheKeys.userSubscription(userId)]);
  }

  return { snapshot, isPremium, subscriptionStatus, forget };
}

export type PremiumService = ReturnType<typeof createPremiumService>;
