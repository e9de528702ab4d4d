import type { SeedLearningExpectation } from './types';

/** The 16 learning expectations a parent can pick during onboarding (rules.md §20). Upserted by name. */
export const learningExpectations: readonly SeedLearningExpectation[] = [
  {
    name: 'Speaking Skills',
    description: 'Builds clear, confident speech by reading aloud and retelling stories.',
    category: 'Communication',
    isActive: true,
  },
  {
    name: 'Listening Skills',
    description: 'Strengthens attention and understanding while following a narrated story.',
    category: 'Communication',
    isActive: true,
  },
  {
    name: 'Conversation Skills',
    description: 'Encourages back-and-forth talk about characters, choices and feelings.',
    category: 'Communication',
    isActive: true,
  },
  {
    name: 'Vocabulary Building',
    description: 'Introduces new words in context so they are easy to understand and remember.',
    category: 'Language & Literacy',
    isActive: true,
  },
  {
    name: 'Storytelling Skills',
    description: 'Helps children see how stories begin, build and end so they can tell their own.',
    category: 'Language & Literacy',
    isActive: true,
  },
  {
    name: 'Problem Solving',
    description: 'Shows characters working through challenges step by step to find a solution.',
    category: 'Thinking Skills',
    isActive: true,
  },
  {
    name: 'Critical Thinking',
    description: 'Invites children to ask why things happen and to weigh clues and ideas.',
    category: 'Thinking Skills',
    isActive: true,
  },
  {
    name: 'Memory & Recall',
    description: 'Practises remembering story details through questions and quizzes.',
    category: 'Thinking Skills',
    isActive: true,
  },
  {
    name: 'Curiosity & Exploration',
    description: 'Sparks wonder about nature, science and the wider world.',
    category: 'Thinking Skills',
    isActive: true,
  },
  {
    name: 'Decision Making',
    description: 'Lets children explore choices and their consequences in a safe way.',
    category: 'Thinking Skills',
    isActive: true,
  },
  {
    name: 'Empathy & Kindness',
    description: "Helps children understand others' feelings and the value of being kind.",
    category: 'Social & Emotional',
    isActive: true,
  },
  {
    name: 'Confidence Building',
    description: 'Celebrates effort and small wins so children believe in themselves.',
    category: 'Social & Emotional',
    isActive: true,
  },
  {
    name: 'Responsibility',
    description: 'Shows how keeping promises and looking after things makes a difference.',
    category: 'Personal Growth',
    isActive: true,
  },
  {
    name: 'Independence',
    description: 'Encourages children to try things on their own and trust their abilities.',
    category: 'Personal Growth',
    isActive: true,
  },
  {
    name: 'Imagination',
    description: 'Opens doors to magical worlds and playful what-if ideas.',
    category: 'Creativity',
    isActive: true,
  },
  {
    name: 'Creative Thinking',
    description: 'Inspires new ideas, inventive solutions and fresh ways of seeing things.',
    category: 'Creativity',
    isActive: true,
  },
];
