/**
 * The lesson a story teaches, keyed by theme (providers.md §1.6). `word` names the theme in the
 * story's closing lines; `lessons` are short, quiz-ready phrases that complete "learned that …".
 */
export interface Lesson {
  matches: RegExp;
  word: string;
  lessons: string[];
}

export const LESSONS: Lesson[] = [
  {
    matches: /courage|brave/i,
    word: 'courage',
    lessons: [
      'being brave means trying even when you feel scared',
      'courage grows a little every time you try',
    ],
  },
  {
    matches: /friend|belong/i,
    word: 'friendship',
    lessons: ['good friends help each other', 'there is always room for one more friend'],
  },
  {
    matches: /honest|integrity|truth/i,
    word: 'honesty',
    lessons: ['telling the truth makes things better', 'honest words help everyone trust you'],
  },
  {
    matches: /hope|persever/i,
    word: 'hope',
    lessons: ['you should never give up, even when things are hard', 'small steps can take you a long way'],
  },
  {
    matches: /greed|generos|shar/i,
    word: 'generosity',
    lessons: ['sharing makes everyone happier', 'giving can feel even better than getting'],
  },
  {
    matches: /love|family/i,
    word: 'family',
    lessons: ['love makes every home warm', 'families take care of each other'],
  },
  {
    matches: /heal|forgiv/i,
    word: 'forgiveness',
    lessons: ['saying sorry and forgiving makes hearts feel better', 'mistakes can be mended with kindness'],
  },
  {
    matches: /trust|loyal/i,
    word: 'trust',
    lessons: ['true friends keep their promises', 'trust grows when you keep your word'],
  },
  {
    matches: /justice|fair/i,
    word: 'fairness',
    lessons: ['being fair means everyone gets a turn', 'everyone deserves to be treated fairly'],
  },
  {
    matches: /identity|self|coming of age/i,
    word: 'being yourself',
    lessons: ['you are special just the way you are', 'growing up means learning new things about yourself'],
  },
  {
    matches: /change|transform/i,
    word: 'change',
    lessons: ['change can bring wonderful surprises', 'trying new things helps you grow'],
  },
  {
    matches: /good vs|evil/i,
    word: 'goodness',
    lessons: ['kindness is stronger than meanness', 'doing the right thing matters most'],
  },
  {
    matches: /betray|redemption/i,
    word: 'second chances',
    lessons: ['everyone deserves a second chance', 'making things right takes courage'],
  },
  {
    matches: /emotion|feeling/i,
    word: 'feelings',
    lessons: ['it is okay to talk about your feelings', 'sharing how you feel makes it lighter'],
  },
  {
    matches: /adventure|freedom|explor/i,
    word: 'adventure',
    lessons: ['the best adventures are shared with friends', 'exploring helps you discover what you can do'],
  },
  {
    matches: /fantasy|magic|imagin/i,
    word: 'imagination',
    lessons: ['imagination can light the way', 'a creative idea can solve a big problem'],
  },
  {
    matches: /sci-fi|science|curious|discover/i,
    word: 'curiosity',
    lessons: ['asking questions helps us discover new things', 'curious minds find clever answers'],
  },
];

export const DEFAULT_LESSON: Lesson = {
  matches: /$^/,
  word: 'kindness',
  lessons: ['a little kindness goes a long way', 'helping others makes the world brighter'],
};

/** Every lesson phrase, for the lesson question's wrong options. */
export const ALL_LESSONS: string[] = [...LESSONS, DEFAULT_LESSON].flatMap((lesson) => lesson.lessons);

/** The first theme a lesson matches decides it; unknown themes fall back to kindness. */
export function lessonFor(themes: readonly string[]): { lesson: Lesson; theme: string | undefined } {
  for (const theme of themes) {
    const lesson = LESSONS.find((candidate) => candidate.matches.test(theme));
    if (lesson) return { lesson, theme };
  }
  return { lesson: DEFAULT_LESSON, theme: themes[0] };
}
