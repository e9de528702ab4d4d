import { z } from 'zod';
import { countWords, type GeneratedStory } from '../story-types';

/** Why an answer could not be used; one extra attempt follows, then AI_OUTPUT_INVALID. */
export type InvalidOutputReason = 'blocked' | 'finish_reason' | 'empty' | 'not_json' | 'invalid_shape';

export class InvalidStoryOutputError extends Error {
  override readonly name = 'InvalidStoryOutputError';

  constructor(
    readonly reason: InvalidOutputReason,
    /** Safe to log: a block reason, a finish reason or zod paths, never story text. */
    readonly detail: string,
  ) {
    super(`Unusable story output (${reason}): ${detail}`);
  }
}

const responseSchema = z.object({
  candidates: z
    .array(
      z.object({
        content: z
          .object({ parts: z.array(z.object({ text: z.string().optional() }).loose()).optional() })
          .loose()
          .optional(),
        finishReason: z.string().optional(),
      }),
    )
    .optional(),
  promptFeedback: z.object({ blockReason: z.string().optional() }).loose().optional(),
});

const text = z.string().trim().min(1);

/** providers.md §1.3. */
const storySchema = z.object({
  title: text.max(200),
  description: text.max(2000),
  content: z
    .string()
    .trim()
    .max(50_000)
    .refine((value) => countWords(value) >= 100, 'must have at least 100 words'),
  questions: z
    .array(
      z.object({
        question: text,
        options: z.array(text).length(4),
        answer: z.number().int().min(0).max(3),
      }),
    )
    .min(1),
  difficultyLevel: z.number().finite().optional().catch(undefined),
  estimatedWordCount: z.unknown().optional(),
  suggestedCategories: z.array(text).max(10).optional().catch(undefined),
  suggestedThemes: z.array(text).max(10).optional().catch(undefined),
});

const ALLOWED_FINISH = new Set(['STOP', 'MAX_TOKENS']);

/** The model's text: every part of the first candidate, joined. Throws when there is none to use. */
export function candidateText(body: unknown): string {
  const parsed = responseSchema.safeParse(body);
  if (!parsed.success) throw new InvalidStoryOutputError('not_json', 'not a generateContent response');
  const { candidates, promptFeedback } = parsed.data;
  const first = candidates?.[0];
  if (!first) {
    const reason = promptFeedback?.blockReason;
    throw new InvalidStoryOutputError(reason ? 'blocked' : 'empty', reason ?? 'no candidates');
  }
  if (first.finishReason && !ALLOWED_FINISH.has(first.finishReason)) {
    throw new InvalidStoryOutputError('finish_reason', first.finishReason);
  }
  const joined = (first.content?.parts ?? []).map((part) => part.text ?? '').join('');
  if (!joined.trim()) throw new InvalidStoryOutputError('empty', 'no text');
  return joined;
}

/** A surrounding ```json … ``` fence, which models add despite being asked not to. */
export function stripCodeFence(value: string): string {
  const match = value.trim().match(/^```[a-zA-Z]*\s*\n?([\s\S]*?)\n?\s*```$/);
  return (match?.[1] ?? value).trim();
}

export function clampDifficulty(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 1;
  return Math.min(10, Math.max(1, Math.round(value)));
}

/** The model's JSON text as a story, or `InvalidStoryOutputError`. */
export function storyFromText(value: string): GeneratedStory {
  let json: unknown;
  try {
    json = JSON.parse(stripCodeFence(value));
  } catch {
    throw new InvalidStoryOutputError('not_json', `unparsable JSON (${value.length} chars)`);
  }
  const result = storySchema.safeParse(json);
  if (!result.success) {
    const paths = result.error.issues
      .slice(0, 5)
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new InvalidStoryOutputError('invalid_shape', paths);
  }
  const story = result.data;
  return {
    title: story.title,
    description: story.description,
    content: story.content,
    questions: story.questions.slice(0, 5).map((question) => ({
      question: question.question,
      options: question.options,
      correctOption: question.answer,
    })),
    difficultyLevel: clampDifficulty(story.difficultyLevel),
    ...(story.suggestedCategories ? { suggestedCategories: story.suggestedCategories } : {}),
    ...(story.suggestedThemes ? { suggestedThemes: story.suggestedThemes } : {}),
  };
}

/** A whole generateContent 200 body (parsed JSON) as a story, or `InvalidStoryOutputError`. */
export function storyFromResponse(body: unknown): GeneratedStory {
  return storyFromText(candidateText(body));
}
