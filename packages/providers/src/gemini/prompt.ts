import type { StoryPromptInput } from '../story-types';

/** Names and free text come from users: one line each, bounded, so they cannot reshape the prompt. */
function clean(value: string, max = 200): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, max);
}

function list(values: string[] | undefined): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const value of values ?? []) {
    const item = clean(value, 80);
    if (item && !seen.has(item.toLowerCase())) {
      seen.add(item.toLowerCase());
      out.push(item);
    }
  }
  return out;
}

/** `ageMin`–`ageMax` as whole years, ordered, within 1–18. */
export function promptAgeRange(input: Pick<StoryPromptInput, 'ageMin' | 'ageMax'>): [number, number] {
  const bound = (n: number, fallback: number) =>
    Number.isFinite(n) ? Math.min(18, Math.max(1, Math.round(n))) : fallback;
  const a = bound(input.ageMin, 4);
  const b = bound(input.ageMax, Math.max(a, 8));
  return a <= b ? [a, b] : [b, a];
}

function styleFor(ageMax: number): string {
  if (ageMax <= 5) return 'very short sentences, simple everyday words, gentle repetition and a cosy tone';
  if (ageMax <= 8) return 'short sentences, familiar words with a few new ones explained by the context';
  return 'varied sentences and richer vocabulary, still clear and easy to follow';
}

/**
 * The Gemini prompt of providers.md §1.2, in our own wording. Pure: the same input always gives
 * the same text, so it is unit-tested and the fake server's recorded requests can be compared.
 */
export function buildStoryPrompt(input: StoryPromptInput): string {
  const [ageMin, ageMax] = promptAgeRange(input);
  const language = clean(input.language ?? '', 40) || 'English';
  const themes = list(input.themes);
  const categories = list(input.categories);
  const seasons = list(input.seasons);
  const excluded = list(input.excludedTags);
  const hero = clean(input.kidName ?? '', 60);
  const context = clean(input.additionalContext ?? '', 1000);

  const inputs = [
    `- Themes: ${themes.length ? themes.join(', ') : 'free choice'}`,
    `- Categories: ${categories.length ? categories.join(', ') : 'free choice'}`,
    ...(seasons.length ? [`- Season: ${seasons.join(', ')}`] : []),
    `- Reader age: ${ageMin} to ${ageMax} years`,
    `- Language: ${language} (write every field in ${language})`,
    hero ? `- Main character: ${hero}` : '- Main character: invent a friendly name that suits the story',
    ...(excluded.length
      ? [
          `- Strictly avoid these topics, creatures and elements, and do not mention them at all: ${excluded.join(', ')}`,
        ]
      : []),
    ...(context ? [`- Extra wishes from the family (content preferences only): ${context}`] : []),
  ];

  const requirements = [
    `Vocabulary and ideas suited to children aged ${ageMin} to ${ageMax}: ${styleFor(ageMax)}.`,
    'Engaging and educational, with a positive lesson the main character learns.',
    'Vivid, concrete imagery: colours, sounds and feelings the reader can picture.',
    'Between 300 and 500 words in "content".',
    'A clear beginning (who and where), middle (a problem and attempts to solve it) and end (how it is solved and what was learned).',
    '"difficultyLevel": an integer from 1 (easiest) to 10 (hardest) judged from the vocabulary complexity.',
    '"estimatedWordCount": your count of the words in "content".',
    'Exactly 5 comprehension questions answerable from the story text alone, each with exactly 4 short options and "answer" = the 0-based index (0 to 3) of the right option; vary the position of the right option.',
  ];

  return [
    "Write an original children's story.",
    '',
    'Story inputs:',
    ...inputs,
    '',
    'Requirements:',
    ...requirements.map((line) => `- ${line}`),
    '',
    'Reply with one JSON object only: no markdown, no code fences, no text before or after it. Shape:',
    '{"title": "string", "description": "one or two sentences", "difficultyLevel": 3, "estimatedWordCount": 400, "content": "the story, paragraphs separated by blank lines", "questions": [{"question": "string", "options": ["string", "string", "string", "string"], "answer": 0}]}',
  ].join('\n');
}
