import type { DbOrTx } from '@storytime/db';
import {
  findCatalogueNames,
  findKidForGeneration,
  findSeasonNames,
  type GenerateStoryParams,
} from '@storytime/db/repositories/generated-stories';
import { NotFoundError } from '@storytime/errors';
import { ageRangeOfKid, type StoryPromptInput } from '../providers';

/** The voice of the default narration when no kid voice applies (rules.md §12). */
export const DEFAULT_VOICE_KEY = 'CHARLIE';

/** Everything a generation needs besides the model's answer: the prompt and what is stored with it. */
export interface GenerationPlan {
  prompt: StoryPromptInput;
  /** The names the story is linked to (live rows only; unknown names are never created). */
  themeNames: string[];
  categoryNames: string[];
  seasonIds: string[];
  creatorKidId: string | null;
  voiceKey: string;
  ageMin: number;
  ageMax: number;
  language: string;
}

/** Case-insensitive union, first spelling wins, order kept. */
function unionNames(...lists: string[][]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const name of lists.flat()) {
    const trimmed = name.trim();
    const key = trimmed.toLowerCase();
    if (trimmed && !seen.has(key)) {
      seen.add(key);
      out.push(trimmed);
    }
  }
  return out;
}

function pick(names: string[], random: () => number): string[] {
  if (names.length === 0) return [];
  const index = Math.min(names.length - 1, Math.floor(random() * names.length));
  return [names[index]!];
}

/**
 * The prompt inputs of rules.md §12. Generic path: the request's values (the API applied the
 * defaults). Kid path: age from `kid.ageRange`, categories = requested ∪ the kid's preferred ones,
 * one random existing theme (and category) when none is left, main character = request `kidName`
 * or the kid's name or `Hero`, the kid's excluded tags, English, and the kid's preferred voice.
 */
export async function planGeneration(
  tx: DbOrTx,
  job: { userId: string; kidId: string | null },
  params: GenerateStoryParams,
  random: () => number,
): Promise<GenerationPlan> {
  const seasons = await findSeasonNames(tx, params.seasonIds);
  const seasonPart = seasons.length > 0 ? { seasons } : {};

  if (params.mode === 'generic') {
    const themeNames = unionNames(params.themes);
    const categoryNames = unionNames(params.categories);
    return {
      prompt: {
        themes: themeNames,
        categories: categoryNames,
        ...seasonPart,
        ageMin: params.ageMin,
        ageMax: params.ageMax,
        language: params.language,
        kidName: params.kidName,
        additionalContext: params.additionalContext,
      },
      themeNames,
      categoryNames,
      seasonIds: params.seasonIds,
      creatorKidId: null,
      voiceKey: DEFAULT_VOICE_KEY,
      ageMin: params.ageMin,
      ageMax: params.ageMax,
      language: params.language,
    };
  }

  const kid = job.kidId ? await findKidForGeneration(tx, job.kidId, job.userId) : undefined;
  if (!kid) throw new NotFoundError('Kid');
  const { ageMin, ageMax } = ageRangeOfKid(kid.ageRange);
  let themeNames = unionNames(params.themes);
  let categoryNames = unionNames(params.categories, kid.preferredCategoryNames);
  if (themeNames.length === 0 || categoryNames.length === 0) {
    const catalogue = await findCatalogueNames(tx);
    if (themeNames.length === 0) themeNames = pick(catalogue.themes, random);
    if (categoryNames.length === 0) categoryNames = pick(catalogue.categories, random);
  }
  const language = 'English';
  return {
    prompt: {
      themes: themeNames,
      categories: categoryNames,
      ...seasonPart,
      ageMin,
      ageMax,
      language,
      kidName: params.kidName ?? (kid.name?.trim() || 'Hero'),
      excludedTags: kid.excludedTags,
      additionalContext: params.additionalContext,
    },
    themeNames,
    categoryNames,
    seasonIds: params.seasonIds,
    creatorKidId: kid.id,
    voiceKey: kid.voiceKey ?? DEFAULT_VOICE_KEY,
    ageMin,
    ageMax,
    language,
  };
}
