import type { SeedAgeGroup } from './types';

/** Seed age groups (rules.md §5.1, §20): `min < max`, no overlaps. */
export const ageGroups: readonly SeedAgeGroup[] = [
  { name: '1-3', min: 1, max: 3 },
  { name: '4-6', min: 4, max: 6 },
  { name: '7-9', min: 7, max: 9 },
  { name: '10-12', min: 10, max: 12 },
];
