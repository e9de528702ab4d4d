/**
 * Types of the seed catalogue (rules.md §20). Pure data shapes: no database code lives here.
 * Names are literal unions so that a typo in a story's category/theme/season list fails to compile.
 */

export type CategoryName =
  | 'Animal Stories'
  | 'Fantasy & Magic'
  | 'Adventure & Action'
  | 'Superheroes'
  | 'Fairytales & Folktales'
  | 'Funny Stories'
  | 'Friendship & Feelings'
  | 'Values & Life Lessons'
  | 'Bedtime Stories'
  | 'Science & Discovery'
  | 'Nature & Ocean'
  | 'Mystery & Spooky'
  | 'History & Real Heroes'
  | 'Holiday & Seasonal'
  | 'Educational'
  | 'Fun and Adventure';

export type ThemeName =
  | 'Adventure'
  | 'Betrayal & Redemption'
  | 'Change & Transformation'
  | 'Coming of Age'
  | 'Courage / Bravery'
  | 'Emotional'
  | 'Fantasy'
  | 'Freedom & Adventure'
  | 'Friendship & Belonging'
  | 'Good vs. Evil'
  | 'Greed vs. Generosity'
  | 'Healing & Forgiveness'
  | 'Hope & Perseverance'
  | 'Honesty & Integrity'
  | 'Identity & Self-Discovery'
  | 'Justice & Fairness'
  | 'Love & Family'
  | 'Sci-Fi'
  | 'Trust & Loyalty';

export type SeasonName =
  | 'Christmas'
  | 'Easter'
  | 'Valentine'
  | 'Halloween'
  | 'Summer'
  | 'Winter'
  | 'Spring'
  | 'Autumn';

export type AgeGroupName = '1-3' | '4-6' | '7-9' | '10-12';

export type LearningExpectationName =
  | 'Speaking Skills'
  | 'Listening Skills'
  | 'Conversation Skills'
  | 'Vocabulary Building'
  | 'Storytelling Skills'
  | 'Problem Solving'
  | 'Critical Thinking'
  | 'Memory & Recall'
  | 'Curiosity & Exploration'
  | 'Decision Making'
  | 'Empathy & Kindness'
  | 'Confidence Building'
  | 'Responsibility'
  | 'Independence'
  | 'Imagination'
  | 'Creative Thinking';

/** Grouping used for `learning_expectations.category` (free text column). */
export type LearningExpectationCategory =
  | 'Communication'
  | 'Language & Literacy'
  | 'Thinking Skills'
  | 'Social & Emotional'
  | 'Personal Growth'
  | 'Creativity';

/** `categories` row (data-model.md §4). */
export interface SeedCategory {
  name: CategoryName;
  description: string;
  image: string | null;
}

/** `themes` row: same columns as categories. */
export interface SeedTheme {
  name: ThemeName;
  description: string;
  image: string | null;
}

/** `seasons` row; dates are `MM-DD` (rules.md §4). */
export interface SeedSeason {
  name: SeasonName;
  description: string;
  startDate: string;
  endDate: string;
  isActive: boolean;
  iconUrl: string | null;
}

/** `age_groups` row; `min < max`, groups never overlap (rules.md §5.1). */
export interface SeedAgeGroup {
  name: AgeGroupName;
  min: number;
  max: number;
}

/** `learning_expectations` row. */
export interface SeedLearningExpectation {
  name: LearningExpectationName;
  description: string;
  category: LearningExpectationCategory;
  isActive: boolean;
}

/** Catalogue keys of the six system voices (providers.md §4). */
export type VoiceCatalogueKey = 'CHARLIE' | 'JESSICA' | 'WILL' | 'LILY' | 'BILL' | 'LAURA';

export type VoiceGender = 'male' | 'female';

/** Deepgram Aura models used by the catalogue (providers.md §3.1, §4). */
export type DeepgramVoiceModel =
  | 'aura-orion-en'
  | 'aura-asteria-en'
  | 'aura-arcas-en'
  | 'aura-luna-en'
  | 'aura-angus-en'
  | 'aura-perseus-en';

/** ElevenLabs `voice_settings`, camelCased (providers.md §2.1). */
export interface VoiceSettings {
  stability: number;
  similarityBoost: number;
  style: number;
  useSpeakerBoost: boolean;
}

/** The wire shape ElevenLabs expects in the TTS request body. */
export interface ElevenLabsVoiceSettingsBody {
  stability: number;
  similarity_boost: number;
  style: number;
  use_speaker_boost: boolean;
}

/** `voices` row of a system voice (`type system`, `userId null`) plus its provider settings. */
export interface SeedVoice {
  catalogueKey: VoiceCatalogueKey;
  name: string;
  gender: VoiceGender;
  type: 'system';
  elevenLabsVoiceId: string;
  deepgramModel: DeepgramVoiceModel;
  /** espeak-ng voice of the local (offline) synthesiser. */
  localVoice: string;
  settings: VoiceSettings;
  /** Filled from ElevenLabs voice lookup at seed time when configured (providers.md §2.5); null otherwise. */
  previewUrl: string | null;
}

/** `avatars` row of a system avatar; the image ships in `seed-assets/<assetPath>`. */
export interface SeedAvatar {
  /** Unique `avatars.name`, e.g. `avatar-1`. */
  name: string;
  /** Human label, e.g. `Avatar 1`. */
  displayName: string;
  /** File name, e.g. `avatar-1.png`. */
  fileName: string;
  /** Path relative to `packages/db/seed-assets/` and to the media store root, e.g. `avatars/avatar-1.png`. */
  assetPath: string;
  isSystemAvatar: true;
}

export type StoryBuddyName = 'lumina' | 'zylo';

/** `story_buddies` row. */
export interface SeedStoryBuddy {
  name: StoryBuddyName;
  displayName: string;
  type: string;
  description: string;
  /** Relative media path (also the path under `seed-assets/`), e.g. `buddies/lumina.png`. */
  imageUrl: string;
  profileAvatarUrl: string | null;
  themeColor: string;
  ageGroupMin: number;
  ageGroupMax: number;
  isActive: boolean;
}

/** `badge_type` enum (data-model.md §1). */
export type BadgeType = 'count' | 'streak' | 'time' | 'special';

export type BadgeKey =
  | 'first_story'
  | 'story_explorer'
  | 'story_master'
  | 'challenge_champion'
  | 'week_warrior'
  | 'early_bird'
  | 'night_owl'
  | 'quiz_whiz';

/** Event that feeds a badge (rules.md §10.2); `activity_streak` = the current streak of the scope (§10.3). */
export type BadgeEventType = 'story_read' | 'challenge_completed' | 'quiz_answered' | 'activity_streak';

/** Local-time condition of a special badge: completion strictly before / at or after `time` (`HH:mm`). */
export interface BadgeTimeConstraint {
  kind: 'before' | 'atOrAfter';
  time: string;
}

/** `badges.metadata` jsonb. */
export interface BadgeMetadata {
  eventType: BadgeEventType;
  timeConstraint?: BadgeTimeConstraint;
  correctOnly?: boolean;
}

/** `badges` row. */
export interface SeedBadge {
  key: BadgeKey;
  title: string;
  description: string;
  unlockCondition: string;
  badgeType: BadgeType;
  requiredAmount: number;
  priority: number;
  /** Relative media path of the icon (also the path under `seed-assets/`), e.g. `badges/first_story.png`. */
  iconPath: string;
  metadata: BadgeMetadata;
}

/** `story_questions` row (position = index in the list). */
export interface SeedStoryQuestion {
  question: string;
  options: [string, string, string, string];
  /** 0-based index into `options`. */
  correctOption: 0 | 1 | 2 | 3;
}

/** `story_branches` row (STORY-06 `branches[]`). */
export interface SeedStoryBranch {
  prompt: string;
  optionA: string;
  optionB: string;
  nextA?: string;
  nextB?: string;
}

/** A demo story: STORY-06 fields with names instead of ids, plus its quiz questions (rules.md §20). */
export interface SeedStory {
  /** Fixed UUID v7 so that re-seeding upserts the same row. */
  id: string;
  title: string;
  description: string;
  language: string;
  coverImageUrl: string;
  ageMin: number;
  ageMax: number;
  backgroundColor: string;
  recommended: boolean;
  difficultyLevel: number;
  isInteractive: boolean;
  /** Paragraphs separated by one blank line. */
  textContent: string;
  categoryNames: CategoryName[];
  themeNames: ThemeName[];
  seasonNames?: SeasonName[];
  branches?: SeedStoryBranch[];
  questions: SeedStoryQuestion[];
}
