import type { SeedAvatar } from './types';

export const SYSTEM_AVATAR_COUNT = 15;

/** The 15 system avatars (rules.md §20); images ship in `seed-assets/avatars/avatar-N.png`. */
export const avatars: readonly SeedAvatar[] = Array.from({ length: SYSTEM_AVATAR_COUNT }, (_, index) => {
  const n = index + 1;
  return {
    name: `avatar-${n}`,
    displayName: `Avatar ${n}`,
    fileName: `avatar-${n}.png`,
    assetPath: `avatars/avatar-${n}.png`,
    isSystemAvatar: true,
  } satisfies SeedAvatar;
});
