import type { SeedSeason } from './types';

/**
 * Seed seasons (rules.md §4). Dates are `MM-DD`; a season whose start is after its end wraps around the new
 * year (Winter). Seasons may overlap (Christmas lies inside Winter).
 */
export const seasons: readonly SeedSeason[] = [
  {
    name: 'Christmas',
    description: 'Twinkling lights, snowy nights and stories of giving.',
    startDate: '12-01',
    endDate: '12-31',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Easter',
    description: 'Egg hunts, spring bunnies and new beginnings.',
    startDate: '03-20',
    endDate: '04-20',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Valentine',
    description: 'Stories about love, kindness and the people we care about.',
    startDate: '02-01',
    endDate: '02-15',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Halloween',
    description: 'Pumpkins, costumes and friendly spooky fun.',
    startDate: '10-01',
    endDate: '10-31',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Summer',
    description: 'Sunny days, beach trips and long warm evenings.',
    startDate: '06-01',
    endDate: '08-31',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Winter',
    description: 'Snowflakes, cosy blankets and frosty adventures.',
    startDate: '12-01',
    endDate: '02-28',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Spring',
    description: 'Blossoms, rain showers and everything growing again.',
    startDate: '03-01',
    endDate: '05-31',
    isActive: true,
    iconUrl: null,
  },
  {
    name: 'Autumn',
    description: 'Crunchy leaves, harvest time and golden afternoons.',
    startDate: '09-01',
    endDate: '11-30',
    isActive: true,
    iconUrl: null,
  },
];
