import type { SeedCategory } from './types';

/** The 16 story categories (rules.md §20). Upserted by name. */
export const categories: readonly SeedCategory[] = [
  {
    name: 'Animal Stories',
    description: 'Furry, feathered and scaly friends on big and small adventures.',
    image: null,
  },
  {
    name: 'Fantasy & Magic',
    description: 'Dragons, wizards, enchanted forests and wishes that come true.',
    image: null,
  },
  {
    name: 'Adventure & Action',
    description: 'Daring journeys, brave quests and exciting discoveries.',
    image: null,
  },
  {
    name: 'Superheroes',
    description: 'Everyday kids and caped heroes using their powers for good.',
    image: null,
  },
  {
    name: 'Fairytales & Folktales',
    description: 'Timeless tales and new twists on stories told around the world.',
    image: null,
  },
  {
    name: 'Funny Stories',
    description: 'Silly situations and giggles guaranteed from start to finish.',
    image: null,
  },
  {
    name: 'Friendship & Feelings',
    description: 'Stories about making friends, sharing and understanding big feelings.',
    image: null,
  },
  {
    name: 'Values & Life Lessons',
    description: 'Gentle stories about honesty, kindness, patience and doing the right thing.',
    image: null,
  },
  {
    name: 'Bedtime Stories',
    description: 'Calm, cosy tales to wind down and drift off to sleep.',
    image: null,
  },
  {
    name: 'Science & Discovery',
    description: 'Curious minds exploring how the world, space and nature work.',
    image: null,
  },
  {
    name: 'Nature & Ocean',
    description: 'Forests, rivers, mountains and the wonders under the sea.',
    image: null,
  },
  {
    name: 'Mystery & Spooky',
    description: 'Puzzles to solve and not-too-scary shivers for brave readers.',
    image: null,
  },
  {
    name: 'History & Real Heroes',
    description: 'True stories of remarkable people and moments from the past.',
    image: null,
  },
  {
    name: 'Holiday & Seasonal',
    description: 'Festive tales for Christmas, Halloween, Easter and every season in between.',
    image: null,
  },
  {
    name: 'Educational',
    description: 'Learn numbers, letters, facts and new words while you read.',
    image: null,
  },
  {
    name: 'Fun and Adventure',
    description: 'Playful outings and lighthearted escapades full of fun.',
    image: null,
  },
];
