/** The size and shape of the generated data set, and the generated accounts the runner uses. */

export interface Scale {
  stories: number;
  parents: number;
  kidsPerParent: number;
  progressPerKid: number;
  favoritesPerKid: number;
  favoritesPerParent: number;
  /** Stories each free parent has already opened (story_access rows, quota partly used). */
  readsPerFreeParent: number;
}

export const DEFAULT_SCALE: Scale = {
  stories: 20_000,
  parents: 1_000,
  kidsPerParent: 2,
  progressPerKid: 10,
  favoritesPerKid: 3,
  favoritesPerParent: 10,
  readsPerFreeParent: 5,
};

/** Every generated parent has this password; the runner signs in with it. */
export const BENCH_PASSWORD = 'Bench-Reader-2024!';

export function parentEmail(n: number): string {
  return `bench-parent-${String(n).padStart(5, '0')}@bench.storytime.test`;
}

/**
 * The parents the runner signs in as. Parent n is premium (a paid yearly subscription) when
 * n % 4 = 1, one in four; the others are on the free tier.
 */
export const BENCH_PARENTS = { premium: 1, free: 2 } as const;

function positiveInt(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${flag} must be a positive integer`);
  return parsed;
}

/** `--stories N --parents N` over the default scale. */
export function scaleFromArgs(values: { stories?: string; parents?: string }): Scale {
  return {
    ...DEFAULT_SCALE,
    stories: positiveInt(values.stories, DEFAULT_SCALE.stories, '--stories'),
    parents: positiveInt(values.parents, DEFAULT_SCALE.parents, '--parents'),
  };
}
