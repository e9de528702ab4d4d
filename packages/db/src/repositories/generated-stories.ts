import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { unionAll } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../client';
import {
  activityLogs,
  categories,
  kidPreferredCategories,
  kids,
  seasons,
  stories,
  storyCategories,
  storyQuestions,
  storySeasons,
  storyThemes,
  themes,
  userUsages,
  voices,
} from '../schema';
import { storyTextMetrics } from './story-admin';

/**
 * AI story generation (rules.md §12): the job parameters both sides agree on, the reads
 * worker-story needs to build the prompt, and the one-transaction persistence of the result.
 */

/**
 * `job_requests.params` of a `generate-story` job, written by the API at request time. `storyId` is
 * fixed then (D16): a retried or redelivered job inserts the same story id and so writes it once.
 */
export interface GenerateStoryParams {
  storyId: string;
  /** `kid` = personalised (STORY-49, or STORY-48 with `kidId`); the kid is the job row's `kidId`. */
  mode: 'generic' | 'kid';
  themes: string[];
  categories: string[];
  seasonIds: string[];
  kidName: string | null;
  /** Generic path only; the kid path reads the kid's `ageRange`. */
  ageMin: number;
  ageMax: number;
  language: string;
  additionalContext: string | null;
}

const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

const isInt = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

/** Reads stored params; undefined when the row does not hold a generation request. */
export function generateStoryParamsOf(value: unknown): GenerateStoryParams | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const p = value as Record<string, unknown>;
  if (typeof p.storyId !== 'string' || !/^[0-9a-f-]{36}$/i.test(p.storyId)) return undefined;
  if (p.mode !== 'generic' && p.mode !== 'kid') return undefined;
  if (!isStringArray(p.themes) || !isStringArray(p.categories) || !isStringArray(p.seasonIds))
    return undefined;
  if (!isInt(p.ageMin) || !isInt(p.ageMax) || typeof p.language !== 'string') return undefined;
  const optionalText = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  return {
    storyId: p.storyId,
    mode: p.mode,
    themes: p.themes,
    categories: p.categories,
    seasonIds: p.seasonIds,
    kidName: optionalText(p.kidName),
    ageMin: p.ageMin,
    ageMax: p.ageMax,
    language: p.language,
    additionalContext: optionalText(p.additionalContext),
  };
}

export interface GenerationKid {
  id: string;
  name: string | null;
  ageRange: string | null;
  excludedTags: string[];
  preferredCategoryNames: string[];
  /**
   * The kid's preferred voice as a voice key (rules.md §12): the catalogue key when the voice is a
   * catalogue voice or its name or ElevenLabs id matches one, else its UUID; null without a voice.
   */
  voiceKey: string | null;
}

/** A system voice whose name or ElevenLabs id matches the outer voice `v`. */
const matchingCatalogueKey = sql<string | null>`(
  select s.catalogue_key from voices s
  where s.user_id is null and s.is_deleted = false and s.catalogue_key is not null
    and (lower(s.name) = lower(v.name)
      or (v.eleven_labs_voice_id is not null and s.eleven_labs_voice_id = v.eleven_labs_voice_id))
  order by s.catalogue_key limit 1
)`;

// Written qualified by hand: drizzle prints the columns of a single-table select unqualified, and an
// unqualified "id" inside a subquery would bind to the subquery's own tables (see story-list.ts).
const outerKidId = sql.raw('"kids"."id"');
const outerKidVoiceId = sql.raw('"kids"."preferred_voice_id"');

/** The kid when it is live and belongs to `parentId`, with everything the prompt needs (one statement). */
export async function findKidForGeneration(
  tx: DbOrTx,
  kidId: string,
  parentId: string,
): Promise<GenerationKid | undefined> {
  const [row] = await tx
    .select({
      id: kids.id,
      name: kids.name,
      ageRange: kids.ageRange,
      excludedTags: kids.excludedTags,
      preferredCategoryNames: sql<string[]>`coalesce((
        select array_agg(c.name order by c.name)
        from ${kidPreferredCategories} kpc join ${categories} c on c.id = kpc.category_id
        where kpc.kid_id = ${outerKidId} and c.is_deleted = false
      ), '{}'::text[])`,
      voiceKey: sql<string | null>`(
        select coalesce(v.catalogue_key, ${matchingCatalogueKey}, v.id::text)
        from ${voices} v where v.id = ${outerKidVoiceId} and v.is_deleted = false
      )`,
    })
    .from(kids)
    .where(and(eq(kids.id, kidId), eq(kids.parentId, parentId), eq(kids.isDeleted, false)));
  return row;
}

/** Names of the live seasons among `ids`, ordered by name. */
export async function findSeasonNames(tx: DbOrTx, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ name: seasons.name })
    .from(seasons)
    .where(and(inArray(seasons.id, [...ids]), eq(seasons.isDeleted, false)))
    .orderBy(asc(seasons.name));
  return rows.map((row) => row.name);
}

/** Every live theme and category name (small lists), for the random picks of the kid path. */
export async function findCatalogueNames(tx: DbOrTx): Promise<{ themes: string[]; categories: string[] }> {
  const rows = await unionAll(
    tx
      .select({ kind: sql<string>`'theme'::text`.as('kind'), name: themes.name })
      .from(themes)
      .where(eq(themes.isDeleted, false)),
    tx
      .select({ kind: sql<string>`'category'::text`.as('kind'), name: categories.name })
      .from(categories)
      .where(eq(categories.isDeleted, false)),
  );
  const byName = (a: string, b: string) => a.localeCompare(b);
  return {
    themes: rows
      .filter((row) => row.kind === 'theme')
      .map((row) => row.name)
      .sort(byName),
    categories: rows
      .filter((row) => row.kind === 'category')
      .map((row) => row.name)
      .sort(byName),
  };
}

export interface GeneratedStoryRecord {
  /** `params.storyId`, fixed at request time. */
  id: string;
  ownerUserId: string;
  creatorKidId: string | null;
  title: string;
  description: string;
  language: string;
  ageMin: number;
  ageMax: number;
  textContent: string;
  /** Already clamped by the provider; clamped again here so the check constraint can never fail. */
  difficultyLevel: number;
  coverImageUrl: string;
  questions: ReadonlyArray<{ question: string; options: string[]; correctOption: number }>;
  /** Linked case-insensitively to live rows; unknown names are never created (rules.md §12). */
  categoryNames: readonly string[];
  themeNames: readonly string[];
  seasonIds: readonly string[];
  /** `YYYY-MM` (UTC) of the usage counters. */
  month: string;
  requestId?: string | null;
}

export interface PersistedGeneratedStory {
  /** false when the story already existed: a retried job that had persisted before (D16). */
  inserted: boolean;
  textHash: string;
}

const lowerNames = (names: readonly string[]) => [
  ...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean)),
];

/**
 * The whole result of one generation, to run inside the caller's transaction (rules.md §12
 * "Persisted"): the story (`ON CONFLICT (id) DO NOTHING`), its first 5 questions, category and
 * theme links by name, season links by id, `geminiStoryCount += 1` with the monthly reset, and the
 * `AI_GENERATION` activity entry. When the story already exists nothing else is written, so a
 * redelivered job never counts twice.
 */
export async function persistGeneratedStory(
  tx: DbOrTx,
  story: GeneratedStoryRecord,
): Promise<PersistedGeneratedStory> {
  const metrics = storyTextMetrics(story.textContent);
  const textHash = metrics.textHash ?? '';
  const ageMin = Math.min(story.ageMin, story.ageMax);
  const ageMax = Math.max(story.ageMin, story.ageMax);
  const inserted = await tx
    .insert(stories)
    .values({
      id: story.id,
      title: story.title,
      description: story.description,
      language: story.language,
      coverImageUrl: story.coverImageUrl,
      textContent: story.textContent,
      textHash: metrics.textHash,
      wordCount: metrics.wordCount,
      durationSeconds: metrics.durationSeconds,
      ageMin,
      ageMax,
      difficultyLevel: Math.min(10, Math.max(1, Math.round(story.difficultyLevel) || 1)),
      aiGenerated: true,
      creatorKidId: story.creatorKidId,
      ownerUserId: story.ownerUserId,
    })
    .onConflictDoNothing({ target: stories.id })
    .returning({ id: stories.id });
  if (inserted.length === 0) return { inserted: false, textHash };

  const storyId = sql`${story.id}::uuid`;
  const questions = story.questions.slice(0, 5);
  if (questions.length > 0) {
    await tx.insert(storyQuestions).values(
      questions.map((question, position) => ({
        storyId: story.id,
        question: question.question,
        options: question.options,
        correctOption: question.correctOption,
        position,
      })),
    );
  }
  const categoryNames = lowerNames(story.categoryNames);
  if (categoryNames.length > 0) {
    await tx
      .insert(storyCategories)
      .select(
        tx
          .select({ storyId: sql<string>`${storyId}`.as('story_id'), categoryId: categories.id })
          .from(categories)
          .where(
            and(inArray(sql`lower(${categories.name})`, categoryNames), eq(categories.isDeleted, false)),
          ),
      )
      .onConflictDoNothing();
  }
  const themeNames = lowerNames(story.themeNames);
  if (themeNames.length > 0) {
    await tx
      .insert(storyThemes)
      .select(
        tx
          .select({ storyId: sql<string>`${storyId}`.as('story_id'), themeId: themes.id })
          .from(themes)
          .where(and(inArray(sql`lower(${themes.name})`, themeNames), eq(themes.isDeleted, false))),
      )
      .onConflictDoNothing();
  }
  const seasonIds = [...new Set(story.seasonIds)];
  if (seasonIds.length > 0) {
    await tx
      .insert(storySeasons)
      .select(
        tx
          .select({ storyId: sql<string>`${storyId}`.as('story_id'), seasonId: seasons.id })
          .from(seasons)
          .where(and(inArray(seasons.id, seasonIds), eq(seasons.isDeleted, false))),
      )
      .onConflictDoNothing();
  }

  await countGeneration(tx, story.ownerUserId, story.month);
  await tx.insert(activityLogs).values({
    userId: story.ownerUserId,
    kidId: story.creatorKidId,
    action: 'AI_GENERATION',
    status: 'SUCCESS',
    details: JSON.stringify({ provider: 'Gemini', type: 'story_generation', credits: 1 }),
    requestId: story.requestId ?? null,
  });
  return { inserted: true, textHash };
}

/**
 * `geminiStoryCount += 1` for this month (rules.md §12). A row of an older month first resets
 * every monthly counter (rules.md §7.3), in the same statement.
 */
export async function countGeneration(tx: DbOrTx, userId: string, month: string): Promise<void> {
  const sameMonth = sql`${userUsages.currentMonth} = excluded.current_month`;
  await tx
    .insert(userUsages)
    .values({ userId, currentMonth: month, geminiStoryCount: 1 })
    .onConflictDoUpdate({
      target: userUsages.userId,
      set: {
        geminiStoryCount: sql`case when ${sameMonth} then ${userUsages.geminiStoryCount} + 1 else 1 end`,
        elevenLabsCount: sql`case when ${sameMonth} then ${userUsages.elevenLabsCount} else 0 end`,
        geminiImageCount: sql`case when ${sameMonth} then ${userUsages.geminiImageCount} else 0 end`,
        currentMonth: sql`excluded.current_month`,
        updatedAt: sql`now()`,
      },
    });
}

/** The stored story's narration inputs, for a retried job whose story was persisted before. */
export async function findGeneratedStoryNarration(
  tx: DbOrTx,
  storyId: string,
): Promise<{ textHash: string | null; audioUrl: string } | undefined> {
  const [row] = await tx
    .select({ textHash: stories.textHash, audioUrl: stories.audioUrl })
    .from(stories)
    .where(eq(stories.id, storyId));
  return row;
}
