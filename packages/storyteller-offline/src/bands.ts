/**
 * Reading bands: the same plot is told with shorter sentences and plainer words for younger
 * readers. The band follows the reader's age, the first number of the age range.
 */
export type Band = 'young' | 'middle' | 'older';

export type ByBand<T> = Record<Band, T>;

export function bandFor(age: number): Band {
  if (age <= 5) return 'young';
  if (age <= 8) return 'middle';
  return 'older';
}
