/**
 * The story text contract shared by the Gemini client, the offline storyteller and worker-story
 * (providers.md §1.2–§1.3, rules.md §12). packages/storyteller-offline repeats these shapes
 * instead of importing them (see its types.ts): providers does not depend on it and it depends on
 * nothing, so the two stay structurally compatible and tests assert it.
 */

/** What worker-story knows when it asks for a story (rules.md §12 resolves the defaults). */
export interface StoryPromptInput {
  themes: string[];
  categories: string[];
  /** Season names; optional. */
  seasons?: string[];
  ageMin: number;
  ageMax: number;
  /** Default `English`. */
  language?: string;
  /** The main character; the kid's name on the kid path, else the request's `kidName`. */
  kidName?: string | null;
  /** Topics, creatures and elements to strictly avoid (the kid's excluded tags). */
  excludedTags?: string[];
  /** Free text from the request, passed on as further guidance. */
  additionalContext?: string | null;
}

export interface StoryQuestion {
  question: string;
  /** Exactly 4 non-empty options. */
  options: string[];
  /** 0-based index of the right option, 0–3. */
  correctOption: number;
}

export interface GeneratedStory {
  title: string;
  description: string;
  /** The story text (plain, paragraphs separated by blank lines). */
  content: string;
  /** Exactly 5 (the first 5 the model returned). */
  questions: StoryQuestion[];
  /** 1–10, rounded and clamped; 1 when the model gave none. */
  difficultyLevel: number;
  /** Only when the model volunteers them; worker-story links requested names only. */
  suggestedCategories?: string[];
  suggestedThemes?: string[];
}

export interface GenerateStoryOptions {
  signal?: AbortSignal;
}

export interface StoryTextProvider {
  /** `gemini` or `offline`, for the startup line listing each provider's implementation. */
  readonly name: string;
  generateStory(input: StoryPromptInput, options?: GenerateStoryOptions): Promise<GeneratedStory>;
}

/** Whitespace-separated tokens: the word count rules.md §12 stores and providers.md §1.3 checks. */
export function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

/**
 * A kid's `ageRange` as the prompt's age range (rules.md §12): `"4-6"` → 4..6, `"5"` → 5..7,
 * nothing readable → 4..8.
 */
export function ageRangeOfKid(ageRange: string | null | undefined): { ageMin: number; ageMax: number } {
  const match = ageRange?.match(/(\d+)-?(\d+)?/);
  if (!match?.[1]) return { ageMin: 4, ageMax: 8 };
  const ageMin = Number(match[1]);
  const ageMax = match[2] === undefined ? ageMin + 2 : Number(match[2]);
  return ageMax >= ageMin ? { ageMin, ageMax } : { ageMin: ageMax, ageMax: ageMin };
}
