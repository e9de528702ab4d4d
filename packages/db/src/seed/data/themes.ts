import type { SeedTheme } from './types';

/** The 19 story themes (rules.md §20). Upserted by name. */
export const themes: readonly SeedTheme[] = [
  { name: 'Adventure', description: 'Setting out to explore the unknown.', image: null },
  {
    name: 'Betrayal & Redemption',
    description: 'When trust is broken, and the hard work of making things right.',
    image: null,
  },
  {
    name: 'Change & Transformation',
    description: 'Growing, changing and discovering a new way to be.',
    image: null,
  },
  {
    name: 'Coming of Age',
    description: 'Taking on new responsibilities and growing up a little.',
    image: null,
  },
  { name: 'Courage / Bravery', description: 'Facing fears and being brave when it counts.', image: null },
  { name: 'Emotional', description: 'Stories that explore big feelings with care.', image: null },
  { name: 'Fantasy', description: 'Magical worlds where anything can happen.', image: null },
  {
    name: 'Freedom & Adventure',
    description: 'Breaking free, wandering wide and finding your own path.',
    image: null,
  },
  {
    name: 'Friendship & Belonging',
    description: 'Finding friends and a place where you fit in.',
    image: null,
  },
  { name: 'Good vs. Evil', description: 'Heroes standing up to wrongdoing.', image: null },
  {
    name: 'Greed vs. Generosity',
    description: 'Learning that sharing makes everyone richer.',
    image: null,
  },
  {
    name: 'Healing & Forgiveness',
    description: 'Mending hurt feelings and letting go of grudges.',
    image: null,
  },
  {
    name: 'Hope & Perseverance',
    description: 'Keeping going, even when things are hard.',
    image: null,
  },
  {
    name: 'Honesty & Integrity',
    description: 'Telling the truth and doing right when no one is watching.',
    image: null,
  },
  {
    name: 'Identity & Self-Discovery',
    description: 'Finding out who you are and what makes you special.',
    image: null,
  },
  { name: 'Justice & Fairness', description: 'Making sure everyone is treated fairly.', image: null },
  { name: 'Love & Family', description: 'The warmth of family and the people who care for us.', image: null },
  { name: 'Sci-Fi', description: 'Robots, rockets and amazing science of the future.', image: null },
  { name: 'Trust & Loyalty', description: 'Standing by friends and keeping promises.', image: null },
];
