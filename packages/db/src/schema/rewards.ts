import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, notDeleted, softDelete, timestamps, tstz, tstzNow } from './columns';
import { pointReasonEnum, redemptionStatusEnum } from './enums';
import { kids } from './kids';
import { users } from './users';

/** Parent-defined rewards and the kid points ledger (D3, rules.md §11). */

export const rewards = pgTable(
  'rewards',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    name: text().notNull(),
    description: text(),
    points: integer().notNull(),
    imageUrl: text(),
    ...timestamps(),
    ...softDelete(),
  },
  (t) => [
    check('rewards_points_check', sql`points > 0`),
    index('rewards_kid_id_active_idx').on(t.kidId).where(notDeleted),
    // Plain index for the ON DELETE CASCADE from kids, which the partial index above cannot serve.
    index('rewards_kid_id_idx').on(t.kidId),
    index('rewards_user_id_idx').on(t.userId),
  ],
);

export const rewardRedemptions = pgTable(
  'reward_redemptions',
  {
    id: id(),
    // RESTRICT: rewards are only soft-deleted, so a hard delete with history is a bug.
    rewardId: uuid()
      .notNull()
      .references(() => rewards.id, { onDelete: 'restrict' }),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    /** The reward's points at request time. */
    pointsCost: integer().notNull(),
    status: redemptionStatusEnum().notNull().default('pending'),
    redeemedAt: tstzNow(),
    decidedAt: tstz(),
    completedAt: tstz(),
    decidedBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    rejectReason: text(),
  },
  (t) => [
    index('reward_redemptions_kid_id_redeemed_at_idx').on(t.kidId, t.redeemedAt.desc().nullsFirst()),
    index('reward_redemptions_reward_id_idx').on(t.rewardId),
    index('reward_redemptions_kid_id_status_idx').on(t.kidId, t.status),
    index('reward_redemptions_decided_by_idx').on(t.decidedBy),
  ],
);

/**
 * Points ledger: positive earns, negative spends. Each event earns once through a partial unique
 * `(kid_id, reason, ref_id) NULLS NOT DISTINCT WHERE reason <> 'adjustment'`; drizzle cannot declare
 * NULLS NOT DISTINCT on a partial index, so it lives in drizzle/0001_partial_unique_nulls_not_distinct.sql.
 */
export const kidPointTransactions = pgTable(
  'kid_point_transactions',
  {
    id: id(),
    kidId: uuid()
      .notNull()
      .references(() => kids.id, { onDelete: 'cascade' }),
    delta: integer().notNull(),
    reason: pointReasonEnum().notNull(),
    /** Story, assignment, question, badge or redemption id. */
    refId: uuid(),
    createdAt: createdAt(),
  },
  (t) => [index('kid_point_transactions_kid_id_created_at_idx').on(t.kidId, t.createdAt.desc().nullsFirst())],
);
