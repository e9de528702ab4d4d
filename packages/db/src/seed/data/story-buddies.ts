import type { SeedStoryBuddy } from './types';

/** The two story buddies (rules.md §13, §20); images ship in `seed-assets/buddies/`. */
export const storyBuddies: readonly SeedStoryBuddy[] = [
  {
    name: 'lumina',
    displayName: 'Lumina',
    type: 'robot',
    description:
      'A cheerful little robot with a glowing heart-light who loves facts, puzzles and reading stories together.',
    imageUrl: 'buddies/lumina.png',
    profileAvatarUrl: null,
    themeColor: '#4FC3F7',
    ageGroupMin: 1,
    ageGroupMax: 12,
    isActive: true,
  },
  {
    name: 'zylo',
    displayName: 'Zylo',
    type: 'alien',
    description:
      'A curious, giggly alien from a faraway planet who is learning about Earth one story at a time.',
    imageUrl: 'buddies/zylo.png',
    profileAvatarUrl: null,
    themeColor: '#8BC34A',
    ageGroupMin: 1,
    ageGroupMax: 12,
    isActive: true,
  },
];
