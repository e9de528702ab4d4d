import { type Band, bandFor } from './bands';
import { ENDINGS, EXTRAS, type Mood, OPENINGS } from './frames';
import { ALL_LESSONS, lessonFor } from './lessons';
import { pick, type Random, seededRandom, shuffle } from './random';
import { OBSTACLES, SKELETONS } from './skeletons';
import type { GeneratedStory, StoryPromptInput, StoryQuestion } from './types';
import { type Companion, HERO_NAMES, type Setting, type StoryObject, WORLDS, worldsFor } from './worlds';

/** providers.md §1.6: 320–480 words; the target is drawn inside it so lengths vary. */
const MIN_WORDS = 320;
const TARGET_SPREAD = 110;

const SEASON_MORNINGS: [RegExp, string][] = [
  [/christmas/i, 'one snowy morning just before Christmas'],
  [/halloween/i, 'one misty morning just before Halloween'],
  [/easter/i, 'one bright Easter morning'],
  [/valentine/i, "one rosy morning on Valentine's Day"],
  [/winter/i, 'one snowy winter morning'],
  [/spring/i, 'one fresh spring morning'],
  [/summer/i, 'one warm summer morning'],
  [/autumn|fall/i, 'one crisp autumn morning'],
];
const PLAIN_MORNINGS = [
  'one sunny morning',
  'one bright morning',
  'one breezy morning',
  'one golden afternoon',
];

function clean(value: string | null | undefined, max: number): string {
  return (value ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
}

function countWords(text: string): number {
  const trimmed = text.trim();
  return trimmed === '' ? 0 : trimmed.split(/\s+/).length;
}

function capitalise(sentence: string): string {
  return sentence.replace(
    /^(["']?)(\p{Ll})/u,
    (_, quote: string, letter: string) => quote + letter.toUpperCase(),
  );
}

function titleCase(words: string): string {
  return words.replace(/(^|[\s-])(\p{Ll})/gu, (_, gap: string, letter: string) => gap + letter.toUpperCase());
}

/** "dragons" → "dragon": excluded tags are matched loosely against element words and tags. */
function stem(word: string): string {
  const lower = word
    .toLowerCase()
    .replace(/[^\p{L}\s-]/gu, '')
    .trim();
  return lower.length > 3 ? lower.replace(/(es|s)$/, '') : lower;
}

function excluder(tags: readonly string[] | undefined): (text: string, elementTags?: string[]) => boolean {
  const stems = (tags ?? []).map(stem).filter((tag) => tag.length >= 3);
  if (stems.length === 0) return () => false;
  return (text, elementTags = []) => {
    const words = new Set([...text.split(/[^\p{L}-]+/u), ...elementTags].map(stem));
    return stems.some((tag) => words.has(tag) || (tag.includes(' ') && text.toLowerCase().includes(tag)));
  };
}

/** Filters a list, but never to nothing: a story with an excluded element beats no story. */
function allowed<T>(items: T[], isExcluded: (item: T) => boolean): T[] {
  const kept = items.filter((item) => !isExcluded(item));
  return kept.length > 0 ? kept : items;
}

function distinctOptions(random: Random, answer: string, pool: readonly string[]): string[] {
  const seen = new Set([answer.toLowerCase()]);
  const wrong: string[] = [];
  for (const candidate of shuffle(random, pool)) {
    if (wrong.length === 3) break;
    if (seen.has(candidate.toLowerCase())) continue;
    seen.add(candidate.toLowerCase());
    wrong.push(candidate);
  }
  return wrong;
}

function question(random: Random, text: string, answer: string, pool: readonly string[]): StoryQuestion {
  const options = shuffle(random, [answer, ...distinctOptions(random, answer, pool)]).map(capitalise);
  return { question: text, options, correctOption: options.indexOf(capitalise(answer)) };
}

/** The seed of providers.md §1.6: the normalised inputs, so a request always gets the same story. */
export function inputSeed(input: StoryPromptInput): string {
  const list = (values: string[] | undefined) =>
    (values ?? [])
      .map((value) => clean(value, 80).toLowerCase())
      .filter(Boolean)
      .sort();
  return JSON.stringify({
    themes: list(input.themes),
    categories: list(input.categories),
    seasons: list(input.seasons),
    excluded: list(input.excludedTags),
    ageMin: input.ageMin,
    ageMax: input.ageMax,
    kidName: clean(input.kidName, 60).toLowerCase(),
    language: clean(input.language, 40).toLowerCase() || 'english',
  });
}

/**
 * Writes one story (providers.md §1.6). Pure given `random`: the plot skeleton, opening, ending,
 * setting, companion, object and filler sentences are all drawn from it.
 */
export function writeOfflineStory(
  input: StoryPromptInput,
  random: Random = seededRandom(inputSeed(input)),
): GeneratedStory {
  const ageMin = Number.isFinite(input.ageMin) ? Math.round(input.ageMin) : 4;
  const ageMax = Number.isFinite(input.ageMax) ? Math.max(ageMin, Math.round(input.ageMax)) : ageMin + 4;
  const band: Band = bandFor(ageMin);
  const hero = clean(input.kidName, 40) || 'Hero';
  const isExcluded = excluder(input.excludedTags);
  const themes = (input.themes ?? []).map((theme) => clean(theme, 80)).filter(Boolean);
  const categories = (input.categories ?? []).map((category) => clean(category, 80)).filter(Boolean);
  const worlds = worldsFor([...categories, ...themes]);

  const settings = allowed(
    worlds.flatMap((world) => world.settings),
    (s) => isExcluded(`${s.name} ${s.look}`, s.tags),
  );
  const companions = allowed(
    worlds.flatMap((world) => world.companions),
    (c) => c.name.toLowerCase() === hero.toLowerCase() || isExcluded(`${c.intro} ${c.kind}`, c.tags),
  );
  const objects = allowed(
    worlds.flatMap((world) => world.objects),
    (o) => isExcluded(`${o.name} ${o.look}`, o.tags),
  );
  const setting: Setting = pick(random, settings);
  const companion: Companion = pick(random, companions);
  const object: StoryObject = pick(random, objects);
  const elder = pick(
    random,
    worlds.flatMap((world) => world.elders),
  );
  const event = pick(
    random,
    worlds.flatMap((world) => world.events),
  );
  const obstacle = pick(
    random,
    allowed(OBSTACLES, (o) => isExcluded(o.name)),
  );
  const skeleton = pick(random, SKELETONS);
  const { lesson: lessonGroup, theme } = lessonFor(themes);
  const lesson = pick(random, lessonGroup.lessons);
  const themeWord = lessonGroup.matches.test(theme ?? '') || !theme ? lessonGroup.word : theme.toLowerCase();
  const season = clean(input.seasons?.[0], 40);
  const when = season
    ? (SEASON_MORNINGS.find(([pattern]) => pattern.test(season))?.[1] ?? `one morning in ${season}`)
    : pick(random, PLAIN_MORNINGS);

  const vars: Record<string, string> = {
    hero,
    pal: companion.name,
    palA: companion.intro,
    palKind: companion.kind,
    setting: setting.article ? `the ${setting.name}` : setting.name,
    settingLook: setting.look,
    object: object.name,
    objectA: object.withArticle,
    objectLook: object.look,
    elder,
    event,
    obstacle: obstacle.name,
    obstacleA: `a ${obstacle.name}`,
    via: obstacle.via,
    when,
    lesson,
    themeWord,
  };
  const fill = (template: string) =>
    capitalise(template.replace(/\{(\w+)\}/g, (match, name: string) => vars[name] ?? match));

  const scenery = shuffle(
    random,
    worlds.flatMap((world) => world.scenery),
  ).filter((line) => !isExcluded(line));
  // One queue per mood: two paragraphs of the same mood never repeat a sentence.
  const queues = new Map<Mood, string[]>();
  const extras = (mood: Mood) => {
    let queue = queues.get(mood);
    if (!queue) {
      queue = shuffle(random, EXTRAS[mood][band].map(fill)).filter((line) => !isExcluded(line));
      queues.set(mood, queue);
    }
    return queue;
  };
  const withScenery = (queue: string[]) => shuffle(random, [...queue.splice(0), ...scenery.splice(0, 2)]);

  // Five paragraphs: the core sentences, with optional ones inserted before the closing line, or
  // after the last one when the paragraph ends on the problem.
  const [p2, p3, p4] = skeleton.paragraphs;
  const paragraphs = [
    { core: pick(random, OPENINGS[band]), extras: withScenery(extras('calm')), atEnd: false },
    { core: p2[band], extras: extras(skeleton.moods[0]), atEnd: true },
    { core: p3[band], extras: extras(skeleton.moods[1]), atEnd: false },
    { core: p4[band], extras: extras(skeleton.moods[2]), atEnd: false },
    { core: pick(random, ENDINGS[band]), extras: withScenery(extras('night')), atEnd: false },
  ].map((paragraph) => ({ ...paragraph, core: paragraph.core.map(fill), added: [] as string[] }));
  // The journey paragraph gets scenery too, without emptying a queue it may share.
  paragraphs[2]!.extras.push(...scenery.splice(0, 2));

  const words = () =>
    paragraphs.reduce((sum, p) => sum + countWords(p.core.join(' ')) + countWords(p.added.join(' ')), 0);
  const target = MIN_WORDS + 15 + Math.floor(random() * TARGET_SPREAD);
  for (let round = 0; words() < target; round += 1) {
    const open = paragraphs.filter((p) => p.extras.length > 0);
    if (open.length === 0) break;
    const next = open[round % open.length]!;
    next.added.push(next.extras.shift()!);
  }

  const content = paragraphs
    .map((p) => {
      const cut = p.atEnd ? p.core.length : p.core.length - 1;
      return [...p.core.slice(0, cut), ...p.added, ...p.core.slice(cut)].join(' ');
    })
    .join('\n\n');

  const young = band === 'young';
  const allSettings = WORLDS.flatMap((world) => world.settings).filter((s) => !isExcluded(s.name, s.tags));
  const allCompanions = WORLDS.flatMap((world) => world.companions)
    .filter((c) => !isExcluded(c.intro, c.tags))
    .map((c) => c.name)
    .filter((name) => name.toLowerCase() !== hero.toLowerCase());
  const allObjects = WORLDS.flatMap((world) => world.objects).filter((o) => !isExcluded(o.name, o.tags));
  const questions = [
    question(
      random,
      young ? 'What is the name of the child in the story?' : 'What is the name of the main character?',
      hero,
      HERO_NAMES.filter((name) => name !== companion.name),
    ),
    question(
      random,
      young ? 'Where does the story happen?' : 'Where does the story take place?',
      setting.name,
      allSettings.map((s) => s.name),
    ),
    question(random, `Who is ${hero}'s new friend in the story?`, companion.name, allCompanions),
    question(
      random,
      young ? `What special thing does ${hero} have?` : 'Which special object is at the heart of the story?',
      object.name,
      allObjects.map((o) => o.name),
    ),
    question(random, `What did ${hero} learn?`, lesson, ALL_LESSONS),
  ];

  return {
    title: `${hero} and the ${titleCase(object.name)}`,
    description: fill(skeleton.summary),
    content,
    questions,
    difficultyLevel: Math.min(10, Math.max(1, Math.ceil(ageMax / 2))),
  };
}
