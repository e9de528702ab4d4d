import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../client';
import { subscriptions, users } from '../schema';

/** What premium (rules.md §1.2) depends on, in one query: role, coupon premium and the subscription. */
export interface PremiumFacts {
  role: (typeof users.role.enumValues)[number];
  premiumAccessUntil: Date | null;
  plan: (typeof subscriptions.plan.enumValues)[number] | null;
  status: (typeof subscriptions.status.enumValues)[number] | null;
  endsAt: Date | null;
}

export async function findPremiumFacts(tx: DbOrTx, userId: string): Promise<PremiumFacts | undefined> {
  const [row] = await tx
    .select({
      role: users.role,
      premiumAccessUntil: users.premiumAccessUntil,
      plan: subscriptions.plan,
      status: subscriptions.status,
      endsAt: subscriptions.endsAt,
    })
    .from(users)
    .leftJoin(subscriptions, eq(subscriptions.userId, users.id))
    .where(eq(users.id, userId));
  return row;
}
