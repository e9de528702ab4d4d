CREATE TYPE "public"."badge_type" AS ENUM('count', 'streak', 'time', 'special');--> statement-breakpoint
CREATE TYPE "public"."coupon_type" AS ENUM('PERCENTAGE', 'FLAT', 'FREE_TRIAL_DAYS');--> statement-breakpoint
CREATE TYPE "public"."device_platform" AS ENUM('ios', 'android', 'web');--> statement-breakpoint
CREATE TYPE "public"."job_kind" AS ENUM('story_generation', 'story_audio', 'text_audio', 'paragraph_audio', 'email', 'push', 'media_transfer', 'media_delete', 'daily_challenges', 'weekly_reports', 'db_backup', 'export');--> statement-breakpoint
CREATE TYPE "public"."job_status" AS ENUM('pending', 'queued', 'running', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."media_status" AS ENUM('pending', 'stored', 'failed');--> statement-breakpoint
CREATE TYPE "public"."media_store" AS ENUM('local', 'cloudinary');--> statement-breakpoint
CREATE TYPE "public"."notification_category" AS ENUM('EMAIL_VERIFICATION', 'PASSWORD_RESET', 'PASSWORD_RESET_ALERT', 'PASSWORD_CHANGED', 'PIN_RESET', 'NEW_LOGIN', 'SUBSCRIPTION_REMINDER', 'SUBSCRIPTION_ALERT', 'PAYMENT_SUCCESS', 'PAYMENT_FAILED', 'NEW_STORY', 'FEEDBACK', 'STORY_FINISHED', 'STORY_RECOMMENDATION', 'WE_MISS_YOU', 'INCOMPLETE_STORY_REMINDER', 'DAILY_LISTENING_REMINDER', 'DAILY_CHALLENGE_REMINDER', 'ACHIEVEMENT_UNLOCKED', 'BADGE_EARNED', 'STREAK_MILESTONE', 'SCREEN_TIME_LIMIT', 'BEDTIME_REMINDER', 'WEEKLY_REPORT', 'SYSTEM_ALERT');--> statement-breakpoint
CREATE TYPE "public"."notification_type" AS ENUM('email', 'push', 'in_app');--> statement-breakpoint
CREATE TYPE "public"."onboarding_status" AS ENUM('account_created', 'email_verified', 'profile_setup', 'pin_setup');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('success', 'refunded');--> statement-breakpoint
CREATE TYPE "public"."point_reason" AS ENUM('story_completed', 'challenge_completed', 'quiz_correct', 'badge_unlocked', 'redemption', 'adjustment');--> statement-breakpoint
CREATE TYPE "public"."redemption_status" AS ENUM('pending', 'approved', 'rejected', 'completed');--> statement-breakpoint
CREATE TYPE "public"."role" AS ENUM('admin', 'parent', 'kid');--> statement-breakpoint
CREATE TYPE "public"."store_platform" AS ENUM('google', 'apple', 'admin');--> statement-breakpoint
CREATE TYPE "public"."subscription_plan" AS ENUM('free', 'weekly', 'monthly', 'yearly');--> statement-breakpoint
CREATE TYPE "public"."subscription_source" AS ENUM('free', 'store', 'admin');--> statement-breakpoint
CREATE TYPE "public"."subscription_status" AS ENUM('active', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('open', 'in_progress', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."token_type" AS ENUM('verification', 'password_reset', 'pin_reset');--> statement-breakpoint
CREATE TYPE "public"."tts_provider" AS ENUM('elevenlabs', 'deepgram', 'local');--> statement-breakpoint
CREATE TYPE "public"."voice_type" AS ENUM('uploaded', 'elevenlabs', 'deepgram', 'system');--> statement-breakpoint
CREATE TYPE "public"."webhook_status" AS ENUM('received', 'processed', 'skipped', 'failed');--> statement-breakpoint
CREATE TABLE "profiles" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"explicit_content" boolean DEFAULT true NOT NULL,
	"max_screen_time_mins" integer,
	"language" text,
	"language_code" text,
	"country" text DEFAULT 'NG' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "profiles_max_screen_time_mins_check" CHECK (max_screen_time_mins between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"email" text NOT NULL,
	"password_hash" text NOT NULL,
	"has_local_password" boolean DEFAULT true NOT NULL,
	"name" text,
	"title" text,
	"avatar_id" text,
	"is_email_verified" boolean DEFAULT false NOT NULL,
	"onboarding_status" "onboarding_status" DEFAULT 'account_created' NOT NULL,
	"role" "role" DEFAULT 'parent' NOT NULL,
	"pin_hash" text,
	"pin_failed_count" integer DEFAULT 0 NOT NULL,
	"pin_locked_until" timestamp with time zone,
	"biometrics_enabled" boolean DEFAULT false NOT NULL,
	"preferred_voice_id" uuid,
	"google_id" text,
	"apple_id" text,
	"premium_access_until" timestamp with time zone,
	"is_suspended" boolean DEFAULT false NOT NULL,
	"suspended_at" timestamp with time zone,
	"suspended_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_google_id_unique" UNIQUE("google_id"),
	CONSTRAINT "users_apple_id_unique" UNIQUE("apple_id")
);
--> statement-breakpoint
CREATE TABLE "session_refresh_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"session_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"generation" integer NOT NULL,
	"rotated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "session_refresh_tokens_token_hash_unique" UNIQUE("token_hash"),
	CONSTRAINT "session_refresh_tokens_session_id_generation_unique" UNIQUE("session_id","generation")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"revoked_reason" text,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" "token_type" NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"lookup_hash" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"request_ip" text,
	"request_user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tokens_user_id_type_unique" UNIQUE("user_id","type")
);
--> statement-breakpoint
CREATE TABLE "user_ips" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"ip_address" text NOT NULL,
	"user_agent" text,
	"first_used" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_ips_user_id_ip_address_unique" UNIQUE("user_id","ip_address")
);
--> statement-breakpoint
CREATE TABLE "learning_expectations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"category" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "learning_expectations_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "user_learning_expectations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"learning_expectation_id" uuid NOT NULL,
	"selected_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_learning_expectations_user_expectation_unique" UNIQUE("user_id","learning_expectation_id")
);
--> statement-breakpoint
CREATE TABLE "user_preferred_categories" (
	"user_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "user_preferred_categories_user_id_category_id_pk" PRIMARY KEY("user_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "avatars" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"display_name" text,
	"url" text NOT NULL,
	"is_system_avatar" boolean DEFAULT false NOT NULL,
	"owner_user_id" uuid,
	"public_id" text,
	"media_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "avatars_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "kid_preferred_categories" (
	"kid_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "kid_preferred_categories_kid_id_category_id_pk" PRIMARY KEY("kid_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "kids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"parent_id" uuid NOT NULL,
	"name" text,
	"age_range" text,
	"avatar_id" text,
	"current_reading_level" integer DEFAULT 1 NOT NULL,
	"daily_screen_time_limit_mins" integer,
	"preferred_voice_id" uuid,
	"excluded_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"is_bedtime_enabled" boolean DEFAULT false NOT NULL,
	"bedtime_start" text,
	"bedtime_end" text,
	"bedtime_days" integer[] DEFAULT '{}'::integer[] NOT NULL,
	"bedtime_lock_app" boolean DEFAULT false NOT NULL,
	"bedtime_dim_screen" boolean DEFAULT false NOT NULL,
	"bedtime_reminder" boolean DEFAULT false NOT NULL,
	"bedtime_stories_only" boolean DEFAULT false NOT NULL,
	"story_buddy_id" uuid,
	"buddy_selected_at" timestamp with time zone,
	"points_balance" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "kids_current_reading_level_check" CHECK (current_reading_level between 1 and 10),
	CONSTRAINT "kids_daily_screen_time_limit_mins_check" CHECK (daily_screen_time_limit_mins between 0 and 1440)
);
--> statement-breakpoint
CREATE TABLE "buddy_interactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"buddy_id" uuid NOT NULL,
	"interaction_type" text NOT NULL,
	"context" text,
	"context_id" uuid,
	"timestamp" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_buddies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"display_name" text NOT NULL,
	"description" text,
	"type" text NOT NULL,
	"image_url" text NOT NULL,
	"profile_avatar_url" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"theme_color" text,
	"age_group_min" integer DEFAULT 3 NOT NULL,
	"age_group_max" integer DEFAULT 12 NOT NULL,
	"image_public_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "story_buddies_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "screen_time_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"start_time" timestamp with time zone DEFAULT now() NOT NULL,
	"end_time" timestamp with time zone,
	"duration" integer,
	"date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "age_groups" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"min" integer NOT NULL,
	"max" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "age_groups_name_unique" UNIQUE("name"),
	CONSTRAINT "age_groups_min_max_check" CHECK (min < max)
);
--> statement-breakpoint
CREATE TABLE "categories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"image" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "categories_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "seasons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"icon_url" text,
	"start_date" text,
	"end_date" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "seasons_name_unique" UNIQUE("name"),
	CONSTRAINT "seasons_start_date_check" CHECK (start_date ~ '^\d{2}-\d{2}$'),
	CONSTRAINT "seasons_end_date_check" CHECK (end_date ~ '^\d{2}-\d{2}$')
);
--> statement-breakpoint
CREATE TABLE "themes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"image" text,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "themes_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "stories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"language" text NOT NULL,
	"cover_image_url" text DEFAULT '' NOT NULL,
	"audio_url" text DEFAULT '' NOT NULL,
	"text_content" text,
	"text_hash" text,
	"is_interactive" boolean DEFAULT false NOT NULL,
	"age_min" integer DEFAULT 0 NOT NULL,
	"age_max" integer DEFAULT 9 NOT NULL,
	"background_color" text DEFAULT '#5E3A54' NOT NULL,
	"recommended" boolean DEFAULT false NOT NULL,
	"ai_generated" boolean DEFAULT false NOT NULL,
	"difficulty_level" integer DEFAULT 1 NOT NULL,
	"word_count" integer DEFAULT 0 NOT NULL,
	"duration_seconds" integer,
	"creator_kid_id" uuid,
	"owner_user_id" uuid,
	"is_published" boolean DEFAULT true NOT NULL,
	"favorite_count" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "stories_age_range_check" CHECK (age_min <= age_max),
	CONSTRAINT "stories_difficulty_level_check" CHECK (difficulty_level between 1 and 10)
);
--> statement-breakpoint
CREATE TABLE "story_categories" (
	"story_id" uuid NOT NULL,
	"category_id" uuid NOT NULL,
	CONSTRAINT "story_categories_story_id_category_id_pk" PRIMARY KEY("story_id","category_id")
);
--> statement-breakpoint
CREATE TABLE "story_seasons" (
	"story_id" uuid NOT NULL,
	"season_id" uuid NOT NULL,
	CONSTRAINT "story_seasons_story_id_season_id_pk" PRIMARY KEY("story_id","season_id")
);
--> statement-breakpoint
CREATE TABLE "story_themes" (
	"story_id" uuid NOT NULL,
	"theme_id" uuid NOT NULL,
	CONSTRAINT "story_themes_story_id_theme_id_pk" PRIMARY KEY("story_id","theme_id")
);
--> statement-breakpoint
CREATE TABLE "story_branches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"prompt" text NOT NULL,
	"option_a" text NOT NULL,
	"option_b" text NOT NULL,
	"next_a" text,
	"next_b" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_images" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"url" text NOT NULL,
	"caption" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_questions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"question" text NOT NULL,
	"options" text[] NOT NULL,
	"correct_option" integer NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "story_questions_correct_option_check" CHECK (correct_option >= 0 and correct_option < cardinality(options))
);
--> statement-breakpoint
CREATE TABLE "paragraph_audio_cache" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"text_hash" text NOT NULL,
	"voice_key" text NOT NULL,
	"provider" "tts_provider" NOT NULL,
	"audio_url" text NOT NULL,
	"media_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "paragraph_audio_cache_key_unique" UNIQUE("story_id","text_hash","voice_key","provider")
);
--> statement-breakpoint
CREATE TABLE "story_audio_cache" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid,
	"voice_key" text NOT NULL,
	"text_hash" text NOT NULL,
	"provider" "tts_provider" NOT NULL,
	"audio_url" text NOT NULL,
	"media_id" uuid,
	"duration_ms" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_audio_cache_key_unique" UNIQUE NULLS NOT DISTINCT("story_id","voice_key","text_hash","provider")
);
--> statement-breakpoint
CREATE TABLE "daily_challenge_assignments" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"challenge_id" uuid NOT NULL,
	"challenge_date" date NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_challenge_assignments_kid_id_challenge_date_unique" UNIQUE("kid_id","challenge_date")
);
--> statement-breakpoint
CREATE TABLE "daily_challenges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"story_id" uuid NOT NULL,
	"challenge_date" date NOT NULL,
	"word_of_the_day" text NOT NULL,
	"meaning" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "daily_challenges_story_id_challenge_date_unique" UNIQUE("story_id","challenge_date")
);
--> statement-breakpoint
CREATE TABLE "downloaded_stories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"downloaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "downloaded_stories_kid_id_story_id_unique" UNIQUE("kid_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "favorites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "favorites_kid_id_story_id_unique" UNIQUE("kid_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "parent_favorites" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "parent_favorites_user_id_story_id_unique" UNIQUE("user_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "parent_recommendations" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"message" text,
	"recommended_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "parent_recommendations_user_id_kid_id_story_id_unique" UNIQUE("user_id","kid_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "restricted_stories" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "restricted_stories_kid_id_story_id_unique" UNIQUE("kid_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "story_access" (
	"user_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"first_accessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "story_access_user_id_story_id_pk" PRIMARY KEY("user_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "question_answers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"question_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"selected_option" integer NOT NULL,
	"is_correct" boolean NOT NULL,
	"answered_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "story_paths" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"path" text DEFAULT '' NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "story_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"last_accessed" timestamp with time zone DEFAULT now() NOT NULL,
	"total_time_spent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "story_progress_kid_id_story_id_unique" UNIQUE("kid_id","story_id"),
	CONSTRAINT "story_progress_progress_check" CHECK (progress between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "user_story_progress" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"completed_at" timestamp with time zone,
	"last_accessed" timestamp with time zone DEFAULT now() NOT NULL,
	"total_time_spent" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "user_story_progress_user_id_story_id_unique" UNIQUE("user_id","story_id"),
	CONSTRAINT "user_story_progress_progress_check" CHECK (progress between 0 and 100)
);
--> statement-breakpoint
CREATE TABLE "kid_point_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kid_id" uuid NOT NULL,
	"delta" integer NOT NULL,
	"reason" "point_reason" NOT NULL,
	"ref_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reward_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"reward_id" uuid NOT NULL,
	"kid_id" uuid NOT NULL,
	"points_cost" integer NOT NULL,
	"status" "redemption_status" DEFAULT 'pending' NOT NULL,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"decided_by" uuid,
	"reject_reason" text
);
--> statement-breakpoint
CREATE TABLE "rewards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kid_id" uuid NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"points" integer NOT NULL,
	"image_url" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "rewards_points_check" CHECK (points > 0)
);
--> statement-breakpoint
CREATE TABLE "badges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"key" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"icon_url" text,
	"unlock_condition" text NOT NULL,
	"badge_type" "badge_type" NOT NULL,
	"required_amount" integer DEFAULT 1 NOT NULL,
	"priority" integer DEFAULT 0 NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "badges_key_unique" UNIQUE("key")
);
--> statement-breakpoint
CREATE TABLE "user_badges" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"kid_id" uuid,
	"badge_id" uuid NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	"unlocked" boolean DEFAULT false NOT NULL,
	"unlocked_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_badges_user_id_kid_id_badge_id_unique" UNIQUE NULLS NOT DISTINCT("user_id","kid_id","badge_id")
);
--> statement-breakpoint
CREATE TABLE "activity_logs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"kid_id" uuid,
	"action" text NOT NULL,
	"status" text NOT NULL,
	"device_name" text,
	"device_model" text,
	"os" text,
	"ip_address" text,
	"details" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_usages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"current_month" text NOT NULL,
	"eleven_labs_count" integer DEFAULT 0 NOT NULL,
	"gemini_story_count" integer DEFAULT 0 NOT NULL,
	"gemini_image_count" integer DEFAULT 0 NOT NULL,
	"unique_stories_read" integer DEFAULT 0 NOT NULL,
	"bonus_stories" integer DEFAULT 0 NOT NULL,
	"last_bonus_granted_at" timestamp with time zone,
	"selected_second_voice_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "user_usages_user_id_unique" UNIQUE("user_id")
);
--> statement-breakpoint
CREATE TABLE "voices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"name" text NOT NULL,
	"type" "voice_type" NOT NULL,
	"url" text,
	"eleven_labs_voice_id" text,
	"voice_avatar" text,
	"catalogue_key" text,
	"sample_public_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "voices_catalogue_key_unique" UNIQUE("catalogue_key")
);
--> statement-breakpoint
CREATE TABLE "media_assets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_user_id" uuid,
	"kind" text NOT NULL,
	"mime_type" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL,
	"store" "media_store" NOT NULL,
	"status" "media_status" NOT NULL,
	"local_path" text,
	"remote_url" text,
	"public_id" text,
	"folder" text NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "device_tokens" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"token" text NOT NULL,
	"platform" "device_platform" NOT NULL,
	"device_name" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_used" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "device_tokens_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"id" uuid PRIMARY KEY NOT NULL,
	"type" "notification_type" NOT NULL,
	"category" "notification_category" NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"user_id" uuid,
	"kid_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"is_deleted" boolean DEFAULT false NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "notification_preferences_user_id_category_type_unique" UNIQUE("user_id","category","type"),
	CONSTRAINT "notification_preferences_kid_id_category_type_unique" UNIQUE("kid_id","category","type"),
	CONSTRAINT "notification_preferences_owner_check" CHECK (num_nonnulls(user_id, kid_id) = 1)
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"category" "notification_category" NOT NULL,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb,
	"is_read" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "support_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"subject" text NOT NULL,
	"message" text NOT NULL,
	"status" "ticket_status" DEFAULT 'open' NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_methods" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"type" text,
	"details" text,
	"provider" text,
	"last4" text,
	"expiry" text,
	"meta" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payment_transactions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"payment_method_id" uuid,
	"amount" numeric(10, 2) NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"status" "payment_status" NOT NULL,
	"reference" text,
	"plan" "subscription_plan",
	"platform" "store_platform",
	"product_id" text,
	"store_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payment_transactions_reference_unique" UNIQUE("reference"),
	CONSTRAINT "payment_transactions_platform_store_transaction_id_unique" UNIQUE("platform","store_transaction_id")
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"plan" "subscription_plan" NOT NULL,
	"status" "subscription_status" DEFAULT 'active' NOT NULL,
	"source" "subscription_source" NOT NULL,
	"platform" "store_platform",
	"product_id" text,
	"original_transaction_id" text,
	"purchase_token_hash" text,
	"auto_renew" boolean,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"ends_at" timestamp with time zone,
	"last_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "subscriptions_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "subscriptions_ends_at_check" CHECK (plan = 'free' or ends_at is not null)
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"platform" "store_platform" NOT NULL,
	"event_type" text NOT NULL,
	"subtype" text,
	"external_event_id" text NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "webhook_status" DEFAULT 'received' NOT NULL,
	"error_message" text,
	"event_at" timestamp with time zone,
	"processed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "webhook_events_platform_external_event_id_unique" UNIQUE("platform","external_event_id")
);
--> statement-breakpoint
CREATE TABLE "coupon_redemptions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"coupon_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"redeemed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"premium_until" timestamp with time zone NOT NULL,
	CONSTRAINT "coupon_redemptions_coupon_id_user_id_unique" UNIQUE("coupon_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "coupons" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"type" "coupon_type" NOT NULL,
	"value" numeric(10, 2) NOT NULL,
	"max_uses" integer,
	"used_count" integer DEFAULT 0 NOT NULL,
	"valid_from" timestamp with time zone DEFAULT now() NOT NULL,
	"valid_until" timestamp with time zone,
	"plan" "subscription_plan",
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "coupons_code_unique" UNIQUE("code"),
	CONSTRAINT "coupons_used_count_check" CHECK (max_uses is null or used_count <= max_uses)
);
--> statement-breakpoint
CREATE TABLE "guest_activity" (
	"id" uuid PRIMARY KEY NOT NULL,
	"guest_session_id" uuid NOT NULL,
	"action" text NOT NULL,
	"story_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "guest_sessions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone DEFAULT now() + interval '7 days' NOT NULL,
	"ip_hash" text NOT NULL,
	"converted_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "guest_story_access" (
	"guest_session_id" uuid NOT NULL,
	"story_id" uuid NOT NULL,
	"progress" real DEFAULT 0 NOT NULL,
	"completed" boolean DEFAULT false NOT NULL,
	"total_time_spent" integer DEFAULT 0 NOT NULL,
	"first_accessed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_accessed" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "guest_story_access_guest_session_id_story_id_pk" PRIMARY KEY("guest_session_id","story_id")
);
--> statement-breakpoint
CREATE TABLE "job_requests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" "job_kind" NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"dedupe_key" text,
	"user_id" uuid,
	"kid_id" uuid,
	"params" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"priority" integer DEFAULT 5 NOT NULL,
	"status" "job_status" DEFAULT 'pending' NOT NULL,
	"stage" text,
	"progress" integer DEFAULT 0 NOT NULL,
	"result_ref" uuid,
	"error" text,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request_id" text,
	"traceparent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"enqueued_at" timestamp with time zone,
	"started_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	CONSTRAINT "job_requests_progress_check" CHECK (progress between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "profiles" ADD CONSTRAINT "profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_avatar_id_avatars_id_fk" FOREIGN KEY ("avatar_id") REFERENCES "public"."avatars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_preferred_voice_id_voices_id_fk" FOREIGN KEY ("preferred_voice_id") REFERENCES "public"."voices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session_refresh_tokens" ADD CONSTRAINT "session_refresh_tokens_session_id_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tokens" ADD CONSTRAINT "tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_ips" ADD CONSTRAINT "user_ips_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_learning_expectations" ADD CONSTRAINT "user_learning_expectations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_learning_expectations" ADD CONSTRAINT "user_learning_expectations_learning_expectation_id_fk" FOREIGN KEY ("learning_expectation_id") REFERENCES "public"."learning_expectations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_preferred_categories" ADD CONSTRAINT "user_preferred_categories_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_preferred_categories" ADD CONSTRAINT "user_preferred_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avatars" ADD CONSTRAINT "avatars_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "avatars" ADD CONSTRAINT "avatars_media_id_media_assets_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kid_preferred_categories" ADD CONSTRAINT "kid_preferred_categories_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kid_preferred_categories" ADD CONSTRAINT "kid_preferred_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kids" ADD CONSTRAINT "kids_parent_id_users_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kids" ADD CONSTRAINT "kids_avatar_id_avatars_id_fk" FOREIGN KEY ("avatar_id") REFERENCES "public"."avatars"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kids" ADD CONSTRAINT "kids_preferred_voice_id_voices_id_fk" FOREIGN KEY ("preferred_voice_id") REFERENCES "public"."voices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kids" ADD CONSTRAINT "kids_story_buddy_id_story_buddies_id_fk" FOREIGN KEY ("story_buddy_id") REFERENCES "public"."story_buddies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_interactions" ADD CONSTRAINT "buddy_interactions_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buddy_interactions" ADD CONSTRAINT "buddy_interactions_buddy_id_story_buddies_id_fk" FOREIGN KEY ("buddy_id") REFERENCES "public"."story_buddies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "screen_time_sessions" ADD CONSTRAINT "screen_time_sessions_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_creator_kid_id_kids_id_fk" FOREIGN KEY ("creator_kid_id") REFERENCES "public"."kids"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stories" ADD CONSTRAINT "stories_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_categories" ADD CONSTRAINT "story_categories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_categories" ADD CONSTRAINT "story_categories_category_id_categories_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."categories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_seasons" ADD CONSTRAINT "story_seasons_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_seasons" ADD CONSTRAINT "story_seasons_season_id_seasons_id_fk" FOREIGN KEY ("season_id") REFERENCES "public"."seasons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_themes" ADD CONSTRAINT "story_themes_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_themes" ADD CONSTRAINT "story_themes_theme_id_themes_id_fk" FOREIGN KEY ("theme_id") REFERENCES "public"."themes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_branches" ADD CONSTRAINT "story_branches_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_images" ADD CONSTRAINT "story_images_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_questions" ADD CONSTRAINT "story_questions_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paragraph_audio_cache" ADD CONSTRAINT "paragraph_audio_cache_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paragraph_audio_cache" ADD CONSTRAINT "paragraph_audio_cache_media_id_media_assets_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_audio_cache" ADD CONSTRAINT "story_audio_cache_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_audio_cache" ADD CONSTRAINT "story_audio_cache_media_id_media_assets_id_fk" FOREIGN KEY ("media_id") REFERENCES "public"."media_assets"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_challenge_assignments" ADD CONSTRAINT "daily_challenge_assignments_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_challenge_assignments" ADD CONSTRAINT "daily_challenge_assignments_challenge_id_daily_challenges_id_fk" FOREIGN KEY ("challenge_id") REFERENCES "public"."daily_challenges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "daily_challenges" ADD CONSTRAINT "daily_challenges_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "downloaded_stories" ADD CONSTRAINT "downloaded_stories_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "downloaded_stories" ADD CONSTRAINT "downloaded_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "favorites" ADD CONSTRAINT "favorites_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_favorites" ADD CONSTRAINT "parent_favorites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_favorites" ADD CONSTRAINT "parent_favorites_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_recommendations" ADD CONSTRAINT "parent_recommendations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_recommendations" ADD CONSTRAINT "parent_recommendations_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "parent_recommendations" ADD CONSTRAINT "parent_recommendations_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_stories" ADD CONSTRAINT "restricted_stories_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_stories" ADD CONSTRAINT "restricted_stories_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "restricted_stories" ADD CONSTRAINT "restricted_stories_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_access" ADD CONSTRAINT "story_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_access" ADD CONSTRAINT "story_access_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_question_id_story_questions_id_fk" FOREIGN KEY ("question_id") REFERENCES "public"."story_questions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "question_answers" ADD CONSTRAINT "question_answers_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_paths" ADD CONSTRAINT "story_paths_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_paths" ADD CONSTRAINT "story_paths_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_progress" ADD CONSTRAINT "story_progress_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "story_progress" ADD CONSTRAINT "story_progress_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_story_progress" ADD CONSTRAINT "user_story_progress_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_story_progress" ADD CONSTRAINT "user_story_progress_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "kid_point_transactions" ADD CONSTRAINT "kid_point_transactions_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_redemptions" ADD CONSTRAINT "reward_redemptions_reward_id_rewards_id_fk" FOREIGN KEY ("reward_id") REFERENCES "public"."rewards"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_redemptions" ADD CONSTRAINT "reward_redemptions_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reward_redemptions" ADD CONSTRAINT "reward_redemptions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rewards" ADD CONSTRAINT "rewards_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_badges" ADD CONSTRAINT "user_badges_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_badges" ADD CONSTRAINT "user_badges_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_badges" ADD CONSTRAINT "user_badges_badge_id_badges_id_fk" FOREIGN KEY ("badge_id") REFERENCES "public"."badges"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "activity_logs" ADD CONSTRAINT "activity_logs_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_usages" ADD CONSTRAINT "user_usages_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_usages" ADD CONSTRAINT "user_usages_selected_second_voice_id_voices_id_fk" FOREIGN KEY ("selected_second_voice_id") REFERENCES "public"."voices"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "voices" ADD CONSTRAINT "voices_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "media_assets" ADD CONSTRAINT "media_assets_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_tokens" ADD CONSTRAINT "device_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preferences" ADD CONSTRAINT "notification_preferences_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "support_tickets" ADD CONSTRAINT "support_tickets_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_methods" ADD CONSTRAINT "payment_methods_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transactions" ADD CONSTRAINT "payment_transactions_payment_method_id_payment_methods_id_fk" FOREIGN KEY ("payment_method_id") REFERENCES "public"."payment_methods"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_coupon_id_coupons_id_fk" FOREIGN KEY ("coupon_id") REFERENCES "public"."coupons"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "coupon_redemptions" ADD CONSTRAINT "coupon_redemptions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_activity" ADD CONSTRAINT "guest_activity_guest_session_id_guest_sessions_id_fk" FOREIGN KEY ("guest_session_id") REFERENCES "public"."guest_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_activity" ADD CONSTRAINT "guest_activity_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_sessions" ADD CONSTRAINT "guest_sessions_converted_user_id_users_id_fk" FOREIGN KEY ("converted_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_story_access" ADD CONSTRAINT "guest_story_access_guest_session_id_guest_sessions_id_fk" FOREIGN KEY ("guest_session_id") REFERENCES "public"."guest_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "guest_story_access" ADD CONSTRAINT "guest_story_access_story_id_stories_id_fk" FOREIGN KEY ("story_id") REFERENCES "public"."stories"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_requests" ADD CONSTRAINT "job_requests_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "job_requests" ADD CONSTRAINT "job_requests_kid_id_kids_id_fk" FOREIGN KEY ("kid_id") REFERENCES "public"."kids"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "users_avatar_id_idx" ON "users" USING btree ("avatar_id");--> statement-breakpoint
CREATE INDEX "users_preferred_voice_id_idx" ON "users" USING btree ("preferred_voice_id");--> statement-breakpoint
CREATE INDEX "users_role_created_at_idx" ON "users" USING btree ("role","created_at") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "users_created_at_idx" ON "users" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "users_is_deleted_deleted_at_idx" ON "users" USING btree ("is_deleted","deleted_at");--> statement-breakpoint
CREATE INDEX "sessions_user_id_revoked_at_idx" ON "sessions" USING btree ("user_id","revoked_at");--> statement-breakpoint
CREATE INDEX "sessions_expires_at_idx" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "tokens_code_hash_idx" ON "tokens" USING btree ("code_hash");--> statement-breakpoint
CREATE INDEX "tokens_type_lookup_hash_idx" ON "tokens" USING btree ("type","lookup_hash");--> statement-breakpoint
CREATE INDEX "user_ips_ip_address_idx" ON "user_ips" USING btree ("ip_address");--> statement-breakpoint
CREATE INDEX "learning_expectations_is_active_idx" ON "learning_expectations" USING btree ("is_active") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "user_learning_expectations_learning_expectation_id_idx" ON "user_learning_expectations" USING btree ("learning_expectation_id");--> statement-breakpoint
CREATE INDEX "user_preferred_categories_category_id_idx" ON "user_preferred_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "avatars_is_system_avatar_idx" ON "avatars" USING btree ("is_system_avatar") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "avatars_owner_user_id_idx" ON "avatars" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "avatars_url_idx" ON "avatars" USING btree ("url");--> statement-breakpoint
CREATE INDEX "avatars_media_id_idx" ON "avatars" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "kid_preferred_categories_category_id_idx" ON "kid_preferred_categories" USING btree ("category_id");--> statement-breakpoint
CREATE INDEX "kids_parent_id_created_at_idx" ON "kids" USING btree ("parent_id","created_at" DESC NULLS FIRST) WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "kids_parent_id_idx" ON "kids" USING btree ("parent_id");--> statement-breakpoint
CREATE INDEX "kids_avatar_id_idx" ON "kids" USING btree ("avatar_id");--> statement-breakpoint
CREATE INDEX "kids_preferred_voice_id_idx" ON "kids" USING btree ("preferred_voice_id");--> statement-breakpoint
CREATE INDEX "kids_story_buddy_id_idx" ON "kids" USING btree ("story_buddy_id");--> statement-breakpoint
CREATE INDEX "buddy_interactions_kid_id_timestamp_idx" ON "buddy_interactions" USING btree ("kid_id","timestamp" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "buddy_interactions_buddy_id_idx" ON "buddy_interactions" USING btree ("buddy_id");--> statement-breakpoint
CREATE INDEX "story_buddies_is_active_idx" ON "story_buddies" USING btree ("is_active") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "screen_time_sessions_kid_id_date_idx" ON "screen_time_sessions" USING btree ("kid_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "screen_time_sessions_open_kid_id_uidx" ON "screen_time_sessions" USING btree ("kid_id") WHERE end_time is null;--> statement-breakpoint
CREATE INDEX "age_groups_min_idx" ON "age_groups" USING btree ("min") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "stories_feed_created_idx" ON "stories" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE is_deleted = false and is_published = true and owner_user_id is null;--> statement-breakpoint
CREATE INDEX "stories_feed_difficulty_idx" ON "stories" USING btree ("difficulty_level","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE is_deleted = false and is_published = true and owner_user_id is null;--> statement-breakpoint
CREATE INDEX "stories_feed_favorites_idx" ON "stories" USING btree ("favorite_count" DESC NULLS FIRST,"created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE is_deleted = false and is_published = true and owner_user_id is null;--> statement-breakpoint
CREATE INDEX "stories_feed_age_idx" ON "stories" USING btree ("age_min","age_max") WHERE is_deleted = false and is_published = true and owner_user_id is null;--> statement-breakpoint
CREATE INDEX "stories_feed_recommended_idx" ON "stories" USING btree ("recommended","created_at" DESC NULLS FIRST) WHERE is_deleted = false and is_published = true and owner_user_id is null and recommended = true;--> statement-breakpoint
CREATE INDEX "stories_language_idx" ON "stories" USING btree ("language") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "stories_creator_kid_id_idx" ON "stories" USING btree ("creator_kid_id");--> statement-breakpoint
CREATE INDEX "stories_owner_user_id_idx" ON "stories" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "stories_ai_generated_is_deleted_idx" ON "stories" USING btree ("ai_generated","is_deleted");--> statement-breakpoint
CREATE INDEX "stories_is_deleted_deleted_at_idx" ON "stories" USING btree ("is_deleted","deleted_at");--> statement-breakpoint
CREATE INDEX "story_categories_category_id_story_id_idx" ON "story_categories" USING btree ("category_id","story_id");--> statement-breakpoint
CREATE INDEX "story_seasons_season_id_story_id_idx" ON "story_seasons" USING btree ("season_id","story_id");--> statement-breakpoint
CREATE INDEX "story_themes_theme_id_story_id_idx" ON "story_themes" USING btree ("theme_id","story_id");--> statement-breakpoint
CREATE INDEX "story_branches_story_id_idx" ON "story_branches" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_images_story_id_idx" ON "story_images" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_questions_story_id_position_idx" ON "story_questions" USING btree ("story_id","position");--> statement-breakpoint
CREATE INDEX "paragraph_audio_cache_media_id_idx" ON "paragraph_audio_cache" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "story_audio_cache_text_hash_idx" ON "story_audio_cache" USING btree ("text_hash");--> statement-breakpoint
CREATE INDEX "story_audio_cache_media_id_idx" ON "story_audio_cache" USING btree ("media_id");--> statement-breakpoint
CREATE INDEX "daily_challenge_assignments_challenge_id_idx" ON "daily_challenge_assignments" USING btree ("challenge_id");--> statement-breakpoint
CREATE INDEX "daily_challenge_assignments_kid_id_completed_idx" ON "daily_challenge_assignments" USING btree ("kid_id","completed");--> statement-breakpoint
CREATE INDEX "daily_challenge_assignments_kid_id_challenge_date_idx" ON "daily_challenge_assignments" USING btree ("kid_id","challenge_date" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "daily_challenges_challenge_date_idx" ON "daily_challenges" USING btree ("challenge_date");--> statement-breakpoint
CREATE INDEX "downloaded_stories_kid_id_downloaded_at_idx" ON "downloaded_stories" USING btree ("kid_id","downloaded_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "downloaded_stories_story_id_idx" ON "downloaded_stories" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "favorites_kid_id_created_at_id_idx" ON "favorites" USING btree ("kid_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "favorites_story_id_idx" ON "favorites" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "parent_favorites_user_id_created_at_id_idx" ON "parent_favorites" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "parent_favorites_story_id_idx" ON "parent_favorites" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "parent_recommendations_kid_id_recommended_at_idx" ON "parent_recommendations" USING btree ("kid_id","recommended_at" DESC NULLS FIRST) WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "parent_recommendations_story_id_active_idx" ON "parent_recommendations" USING btree ("story_id") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "parent_recommendations_user_id_idx" ON "parent_recommendations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "parent_recommendations_kid_id_idx" ON "parent_recommendations" USING btree ("kid_id");--> statement-breakpoint
CREATE INDEX "parent_recommendations_story_id_idx" ON "parent_recommendations" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "restricted_stories_story_id_idx" ON "restricted_stories" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "restricted_stories_user_id_idx" ON "restricted_stories" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "story_access_story_id_idx" ON "story_access" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "question_answers_kid_id_answered_at_idx" ON "question_answers" USING btree ("kid_id","answered_at");--> statement-breakpoint
CREATE INDEX "question_answers_kid_id_question_id_idx" ON "question_answers" USING btree ("kid_id","question_id");--> statement-breakpoint
CREATE INDEX "question_answers_question_id_idx" ON "question_answers" USING btree ("question_id");--> statement-breakpoint
CREATE INDEX "question_answers_story_id_idx" ON "question_answers" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_paths_kid_id_started_at_idx" ON "story_paths" USING btree ("kid_id","started_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "story_paths_story_id_idx" ON "story_paths" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "story_progress_continue_idx" ON "story_progress" USING btree ("kid_id","last_accessed" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE completed = false and progress > 0;--> statement-breakpoint
CREATE INDEX "story_progress_completed_idx" ON "story_progress" USING btree ("kid_id","last_accessed" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE completed = true;--> statement-breakpoint
CREATE INDEX "story_progress_kid_id_completed_at_idx" ON "story_progress" USING btree ("kid_id","completed_at");--> statement-breakpoint
CREATE INDEX "story_progress_story_id_idx" ON "story_progress" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "user_story_progress_continue_idx" ON "user_story_progress" USING btree ("user_id","last_accessed" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE completed = false and progress > 0;--> statement-breakpoint
CREATE INDEX "user_story_progress_completed_idx" ON "user_story_progress" USING btree ("user_id","last_accessed" DESC NULLS FIRST,"id" DESC NULLS FIRST) WHERE completed = true;--> statement-breakpoint
CREATE INDEX "user_story_progress_user_id_completed_at_idx" ON "user_story_progress" USING btree ("user_id","completed_at");--> statement-breakpoint
CREATE INDEX "user_story_progress_story_id_idx" ON "user_story_progress" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "kid_point_transactions_kid_id_created_at_idx" ON "kid_point_transactions" USING btree ("kid_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reward_redemptions_kid_id_redeemed_at_idx" ON "reward_redemptions" USING btree ("kid_id","redeemed_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "reward_redemptions_reward_id_idx" ON "reward_redemptions" USING btree ("reward_id");--> statement-breakpoint
CREATE INDEX "reward_redemptions_kid_id_status_idx" ON "reward_redemptions" USING btree ("kid_id","status");--> statement-breakpoint
CREATE INDEX "reward_redemptions_decided_by_idx" ON "reward_redemptions" USING btree ("decided_by");--> statement-breakpoint
CREATE INDEX "rewards_kid_id_active_idx" ON "rewards" USING btree ("kid_id") WHERE is_deleted = false;--> statement-breakpoint
CREATE INDEX "rewards_kid_id_idx" ON "rewards" USING btree ("kid_id");--> statement-breakpoint
CREATE INDEX "rewards_user_id_idx" ON "rewards" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "user_badges_kid_id_idx" ON "user_badges" USING btree ("kid_id");--> statement-breakpoint
CREATE INDEX "user_badges_badge_id_idx" ON "user_badges" USING btree ("badge_id");--> statement-breakpoint
CREATE INDEX "user_badges_user_id_kid_id_unlocked_idx" ON "user_badges" USING btree ("user_id","kid_id","unlocked");--> statement-breakpoint
CREATE INDEX "activity_logs_user_id_created_at_id_idx" ON "activity_logs" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_logs_kid_id_created_at_id_idx" ON "activity_logs" USING btree ("kid_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "activity_logs_action_created_at_idx" ON "activity_logs" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "activity_logs_user_id_action_created_at_idx" ON "activity_logs" USING btree ("user_id","action","created_at");--> statement-breakpoint
CREATE INDEX "activity_logs_created_at_idx" ON "activity_logs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "user_usages_selected_second_voice_id_idx" ON "user_usages" USING btree ("selected_second_voice_id");--> statement-breakpoint
CREATE INDEX "voices_user_id_idx" ON "voices" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "voices_eleven_labs_voice_id_idx" ON "voices" USING btree ("eleven_labs_voice_id");--> statement-breakpoint
CREATE INDEX "voices_type_is_deleted_idx" ON "voices" USING btree ("type","is_deleted");--> statement-breakpoint
CREATE INDEX "media_assets_status_created_at_idx" ON "media_assets" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "media_assets_owner_user_id_idx" ON "media_assets" USING btree ("owner_user_id");--> statement-breakpoint
CREATE INDEX "media_assets_sha256_idx" ON "media_assets" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "device_tokens_user_id_is_active_idx" ON "device_tokens" USING btree ("user_id","is_active");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_id_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_unread_idx" ON "notifications" USING btree ("user_id","created_at" DESC NULLS FIRST) WHERE is_read = false;--> statement-breakpoint
CREATE INDEX "support_tickets_user_id_created_at_idx" ON "support_tickets" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "support_tickets_status_created_at_idx" ON "support_tickets" USING btree ("status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "support_tickets_subject_created_at_idx" ON "support_tickets" USING btree ("subject","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payment_methods_user_id_idx" ON "payment_methods" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_transactions_user_id_created_at_idx" ON "payment_transactions" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "payment_transactions_status_created_at_idx" ON "payment_transactions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "payment_transactions_payment_method_id_idx" ON "payment_transactions" USING btree ("payment_method_id");--> statement-breakpoint
CREATE INDEX "subscriptions_status_ends_at_idx" ON "subscriptions" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "subscriptions_plan_status_idx" ON "subscriptions" USING btree ("plan","status");--> statement-breakpoint
CREATE INDEX "subscriptions_original_transaction_id_idx" ON "subscriptions" USING btree ("original_transaction_id");--> statement-breakpoint
CREATE INDEX "subscriptions_purchase_token_hash_idx" ON "subscriptions" USING btree ("purchase_token_hash");--> statement-breakpoint
CREATE INDEX "webhook_events_platform_event_type_idx" ON "webhook_events" USING btree ("platform","event_type");--> statement-breakpoint
CREATE INDEX "webhook_events_status_created_at_idx" ON "webhook_events" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "coupon_redemptions_user_id_idx" ON "coupon_redemptions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "coupons_is_active_valid_until_idx" ON "coupons" USING btree ("is_active","valid_until");--> statement-breakpoint
CREATE INDEX "guest_activity_action_created_at_idx" ON "guest_activity" USING btree ("action","created_at");--> statement-breakpoint
CREATE INDEX "guest_activity_guest_session_id_idx" ON "guest_activity" USING btree ("guest_session_id");--> statement-breakpoint
CREATE INDEX "guest_activity_story_id_idx" ON "guest_activity" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "guest_sessions_expires_at_idx" ON "guest_sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "guest_sessions_converted_user_id_idx" ON "guest_sessions" USING btree ("converted_user_id");--> statement-breakpoint
CREATE INDEX "guest_story_access_story_id_idx" ON "guest_story_access" USING btree ("story_id");--> statement-breakpoint
CREATE INDEX "job_requests_relay_idx" ON "job_requests" USING btree ("status","available_at") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "job_requests_user_id_created_at_idx" ON "job_requests" USING btree ("user_id","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "job_requests_kid_id_idx" ON "job_requests" USING btree ("kid_id");--> statement-breakpoint
CREATE INDEX "job_requests_kind_status_idx" ON "job_requests" USING btree ("kind","status");--> statement-breakpoint
CREATE UNIQUE INDEX "job_requests_dedupe_key_active_uidx" ON "job_requests" USING btree ("dedupe_key") WHERE status in ('pending', 'queued', 'running');