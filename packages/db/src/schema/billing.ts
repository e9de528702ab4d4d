import { sql } from 'drizzle-orm';
import { boolean, check, index, jsonb, numeric, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, timestamps, tstz, tstzNow } from './columns';
import {
  paymentStatusEnum,
  storePlatformEnum,
  subscriptionPlanEnum,
  subscriptionSourceEnum,
  subscriptionStatusEnum,
  webhookStatusEnum,
} from './enums';
import { users } from './users';

/** Subscriptions, payments and store notifications (data-model.md §7–8, rules.md §1). */

/** One row per user; the importer keeps the newest of the reference's duplicates. */
export const subscriptions = pgTable(
  'subscriptions',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .unique('subscriptions_user_id_unique')
      .references(() => users.id, { onDelete: 'cascade' }),
    plan: subscriptionPlanEnum().notNull(),
    status: subscriptionStatusEnum().notNull().default('active'),
    source: subscriptionSourceEnum().notNull(),
    platform: storePlatformEnum(),
    productId: text(),
    /** Apple original transaction id / Google order id prefix. */
    originalTransactionId: text(),
    /** = payment_transactions.reference of the latest purchase. */
    purchaseTokenHash: text(),
    autoRenew: boolean(),
    startedAt: tstzNow(),
    endsAt: tstz(),
    /** Webhook watermark (phase 2): older notifications are ignored. */
    lastEventAt: tstz(),
    ...timestamps(),
  },
  (t) => [
    check('subscriptions_ends_at_check', sql`plan = 'free' or ends_at is not null`),
    index('subscriptions_status_ends_at_idx').on(t.status, t.endsAt),
    index('subscriptions_plan_status_idx').on(t.plan, t.status),
    index('subscriptions_original_transaction_id_idx').on(t.originalTransactionId),
    index('subscriptions_purchase_token_hash_idx').on(t.purchaseTokenHash),
  ],
);

/** Kept only for imported data; no route uses it. */
export const paymentMethods = pgTable(
  'payment_methods',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    // Nullable: this is legacy data copied as found; nothing validates it any more.
    type: text(),
    details: text(),
    provider: text(),
    last4: text(),
    expiry: text(),
    meta: jsonb(),
    createdAt: createdAt(),
  },
  (t) => [index('payment_methods_user_id_idx').on(t.userId)],
);

export const paymentTransactions = pgTable(
  'payment_transactions',
  {
    id: id(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    paymentMethodId: uuid().references(() => paymentMethods.id, { onDelete: 'set null' }),
    amount: numeric({ precision: 10, scale: 2 }).notNull(),
    currency: text().notNull().default('USD'),
    status: paymentStatusEnum().notNull(),
    // First 32 hex chars of SHA-256(purchase token): the idempotency key of PAY-01. Null on renewals.
    reference: text().unique('payment_transactions_reference_unique'),
    plan: subscriptionPlanEnum(),
    platform: storePlatformEnum(),
    productId: text(),
    storeTransactionId: text(),
    createdAt: createdAt(),
  },
  (t) => [
    index('payment_transactions_user_id_created_at_idx').on(t.userId, t.createdAt.desc().nullsFirst()),
    index('payment_transactions_status_created_at_idx').on(t.status, t.createdAt),
    index('payment_transactions_payment_method_id_idx').on(t.paymentMethodId),
    // Idempotency of renewals recorded from store notifications (rules.md §1.4).
    unique('payment_transactions_platform_store_transaction_id_unique').on(t.platform, t.storeTransactionId),
  ],
);

/** Phase 2: store server notifications, deduplicated by the store's event id. */
export const webhookEvents = pgTable(
  'webhook_events',
  {
    id: id(),
    platform: storePlatformEnum().notNull(),
    eventType: text().notNull(),
    subtype: text(),
    externalEventId: text().notNull(),
    payload: jsonb().notNull(),
    status: webhookStatusEnum().notNull().default('received'),
    errorMessage: text(),
    eventAt: tstz(),
    processedAt: tstz(),
    createdAt: createdAt(),
  },
  (t) => [
    unique('webhook_events_platform_external_event_id_unique').on(t.platform, t.externalEventId),
    index('webhook_events_platform_event_type_idx').on(t.platform, t.eventType),
    index('webhook_events_status_created_at_idx').on(t.status, t.createdAt),
  ],
);
