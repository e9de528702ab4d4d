import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { id, timestamps, tstz, tstzNow } from './columns';
import { couponTypeEnum, subscriptionPlanEnum } from './enums';
import { users } from './users';

/** Phase 2 coupons granting premium time (D9). */

export const coupons = pgTable(
  'coupons',
  {
    id: id(),
    /** Stored upper case. */
    code: text().notNull().unique('coupons_code_unique'),
    type: couponTypeEnum().notNull(),
    value: numeric({ precision: 10, scale: 2 }).notNull(),
    /** Null = unlimited. */
    maxUses: integer(),
    usedCount: integer().notNull().default(0),
    validFrom: tstzNow(),
    validUntil: tstz(),
    plan: subscriptionPlanEnum(),
    isActive: boolean().notNull().default(true),
    ...timestamps(),
  },
  (t) => [
    check('coupons_used_count_check', sql`max_uses is null or used_count <= max_uses`),
    index('coupons_is_active_valid_until_idx').on(t.isActive, t.validUntil),
  ],
);

export const couponRedemptions = pgTable(
  'coupon_redemptions',
  {
    id: id(),
    couponId: uuid()
      .notNull()
      .references(() => coupons.id, { onDelete: 'cascade' }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    redeemedAt: tstzNow(),
    premiumUntil: tstz().notNull(),
  },
  (t) => [
    unique('coupon_redemptions_coupon_id_user_id_unique').on(t.couponId, t.userId),
    index('coupon_redemptions_user_id_idx').on(t.userId),
  ],
);
