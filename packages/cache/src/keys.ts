/**
 * Cache keys, TTLs and tags of platform.md §6. Keys are unprefixed here; the cache adds `CACHE_PREFIX`.
 * Every key carries each query parameter that changes the result (D14: the reference ignored `limit`).
 */

type DateLike = string | Date;

/** Dates become ISO strings so one instant always maps to one key, whatever the caller passed. */
const dateKey = (value: DateLike): string => (value instanceof Date ? value.toISOString() : value);

/** `null` means "all kids", matching the `{kidId|all}` segment of the progress keys. */
const kidSegment = (kidId: string | null | undefined): string => kidId ?? 'all';

export const cacheKeys = {
  categoriesAll: 'categories:all',
  themesAll: 'themes:all',
  seasonsAll: 'seasons:all',
  storyBuddiesAll: 'story-buddies:all',
  voicesAll: 'voices:all',
  learningExpectationsAll: 'learning-expectations:all',
  ageGroupsAll: 'age-groups:all',
  userSubscription: (userId: string) => `user:${userId}:subscription`,
  userPreferences: (userId: string) => `user:${userId}:preferences`,
  userKids: (userId: string) => `user:${userId}:kids`,
  kidProfile: (kidId: string) => `kid:${kidId}:profile`,
  session: (sessionId: string) => `session:${sessionId}`,
  adminDashboardStats: 'admin:dashboard:stats',
  adminStoryStats: 'admin:story:stats',
  adminContentBreakdown: 'admin:content:breakdown',
  adminUserGrowth: (start: DateLike, end: DateLike) => `admin:user-growth:${dateKey(start)}:${dateKey(end)}`,
  adminSubscriptionAnalytics: (start: DateLike, end: DateLike) =>
    `admin:subscription-analytics:${dateKey(start)}:${dateKey(end)}`,
  adminRevenueAnalytics: (start: DateLike, end: DateLike) =>
    `admin:revenue-analytics:${dateKey(start)}:${dateKey(end)}`,
  adminAiCredits: (year: number) => `admin:ai-credits:${year}`,
  adminUserGrowthMonthly: 'admin:user-growth-monthly',
  topPicksParents: (limit: number) => `stories:top-picks-parents:limit=${limit}`,
  topPicksFromUs: (limit: number) => `stories:top-picks-from-us:limit=${limit}`,
  progressHome: (userId: string, kidId?: string | null) => `progress:home:${userId}:${kidSegment(kidId)}`,
  progressOverview: (userId: string, kidId?: string | null) =>
    `progress:overview:${userId}:${kidSegment(kidId)}`,
} as const;

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Redis (L2) TTLs in seconds, named like the key helpers so call sites pair them visibly. */
export const CACHE_TTL = {
  categoriesAll: HOUR,
  themesAll: HOUR,
  seasonsAll: HOUR,
  storyBuddiesAll: HOUR,
  voicesAll: 30 * MINUTE,
  learningExpectationsAll: HOUR,
  ageGroupsAll: HOUR,
  userSubscription: MINUTE,
  userPreferences: 5 * MINUTE,
  userKids: 5 * MINUTE,
  kidProfile: 5 * MINUTE,
  session: MINUTE,
  adminDashboardStats: 5 * MINUTE,
  adminStoryStats: 5 * MINUTE,
  adminContentBreakdown: 5 * MINUTE,
  adminUserGrowth: 5 * MINUTE,
  adminSubscriptionAnalytics: 5 * MINUTE,
  adminRevenueAnalytics: 5 * MINUTE,
  adminAiCredits: 5 * MINUTE,
  adminUserGrowthMonthly: 5 * MINUTE,
  topPicksParents: 30 * MINUTE,
  topPicksFromUs: 30 * MINUTE,
  progressHome: 5 * MINUTE,
  progressOverview: 5 * MINUTE,
} as const satisfies Record<keyof typeof cacheKeys, number>;

/**
 * Sessions live 1 s in memory: a revocation must bite on every instance within a second even if the
 * pub/sub message is lost (platform.md §3).
 */
export const SESSION_L1_TTL_SECONDS = 1;

/** While Redis (and so pub/sub) is unavailable, memory entries are trusted for at most this long. */
export const DEGRADED_L1_TTL_SECONDS = 30;

export const cacheTags = {
  /** Seeding and category/theme/season/voice/age-group writes. */
  catalogue: 'catalogue',
  /** Story create/update/delete/restore/publish/recommend-toggle, image/branch adds, generated stories. */
  storyContent: 'story-content',
  /** Buddy create/update/delete/restore. */
  buddies: 'buddies',
  /** Recommendation writes. */
  topPicks: 'top-picks',
  /** Kid/parent progress, challenge completion, quiz answers, screen-time end of one parent. */
  progress: (userId: string) => `progress:${userId}`,
} as const;

/** Metrics label: the key's first segment (`categories`, `user`, `kid`, `session` …), bounded by code. */
export function namespaceOf(key: string): string {
  const end = key.indexOf(':');
  return end === -1 ? key : key.slice(0, end);
}
