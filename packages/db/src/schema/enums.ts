import { pgEnum } from 'drizzle-orm/pg-core';

/** data-model.md §1. Enum values are part of the API contract; add values, never rename them. */

export const roleEnum = pgEnum('role', ['admin', 'parent', 'kid']);

export const onboardingStatusEnum = pgEnum('onboarding_status', [
  'account_created',
  'email_verified',
  'profile_setup',
  'pin_setup',
]);

export const notificationTypeEnum = pgEnum('notification_type', ['email', 'push', 'in_app']);

export const notificationCategoryEnum = pgEnum('notification_category', [
  'EMAIL_VERIFICATION',
  'PASSWORD_RESET',
  'PASSWORD_RESET_ALERT',
  'PASSWORD_CHANGED',
  'PIN_RESET',
  'NEW_LOGIN',
  'SUBSCRIPTION_REMINDER',
  'SUBSCRIPTION_ALERT',
  'PAYMENT_SUCCESS',
  'PAYMENT_FAILED',
  'NEW_STORY',
  'FEEDBACK',
  'STORY_FINISHED',
  'STORY_RECOMMENDATION',
  'WE_MISS_YOU',
  'INCOMPLETE_STORY_REMINDER',
  'DAILY_LISTENING_REMINDER',
  'DAILY_CHALLENGE_REMINDER',
  'ACHIEVEMENT_UNLOCKED',
  'BADGE_EARNED',
  'STREAK_MILESTONE',
  'SCREEN_TIME_LIMIT',
  'BEDTIME_REMINDER',
  'WEEKLY_REPORT',
  'SYSTEM_ALERT',
]);

export const tokenTypeEnum = pgEnum('token_type', ['verification', 'password_reset', 'pin_reset']);

export const subscriptionPlanEnum = pgEnum('subscription_plan', ['free', 'weekly', 'monthly', 'yearly']);

export const subscriptionStatusEnum = pgEnum('subscription_status', ['active', 'cancelled']);

export const subscriptionSourceEnum = pgEnum('subscription_source', ['free', 'store', 'admin']);

export const storePlatformEnum = pgEnum('store_platform', ['google', 'apple', 'admin']);

export const paymentStatusEnum = pgEnum('payment_status', ['success', 'refunded']);

export const voiceTypeEnum = pgEnum('voice_type', ['uploaded', 'elevenlabs', 'deepgram', 'system']);

export const ttsProviderEnum = pgEnum('tts_provider', ['elevenlabs', 'deepgram', 'local']);

export const badgeTypeEnum = pgEnum('badge_type', ['count', 'streak', 'time', 'special']);

export const redemptionStatusEnum = pgEnum('redemption_status', [
  'pending',
  'approved',
  'rejected',
  'completed',
]);

export const ticketStatusEnum = pgEnum('ticket_status', ['open', 'in_progress', 'resolved', 'closed']);

export const pointReasonEnum = pgEnum('point_reason', [
  'story_completed',
  'challenge_completed',
  'quiz_correct',
  'badge_unlocked',
  'redemption',
  'adjustment',
]);

export const jobKindEnum = pgEnum('job_kind', [
  'story_generation',
  'story_audio',
  'text_audio',
  'paragraph_audio',
  'email',
  'push',
  'media_transfer',
  'media_delete',
  'daily_challenges',
  'weekly_reports',
  'db_backup',
  'export',
]);

export const jobStatusEnum = pgEnum('job_status', [
  'pending',
  'queued',
  'running',
  'completed',
  'failed',
  'cancelled',
]);

export const mediaStatusEnum = pgEnum('media_status', ['pending', 'stored', 'failed']);

export const mediaStoreEnum = pgEnum('media_store', ['local', 'cloudinary']);

// Phase 2
export const devicePlatformEnum = pgEnum('device_platform', ['ios', 'android', 'web']);

export const couponTypeEnum = pgEnum('coupon_type', ['PERCENTAGE', 'FLAT', 'FREE_TRIAL_DAYS']);

export const webhookStatusEnum = pgEnum('webhook_status', ['received', 'processed', 'skipped', 'failed']);
