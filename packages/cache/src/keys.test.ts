import { describe, expect, it } from 'vitest';
import { CACHE_TTL, cacheKeys, cacheTags, namespaceOf } from './keys';

describe('cache keys', () => {
  it('spells the keys of platform.md §6', () => {
    expect(cacheKeys.categoriesAll).toBe('categories:all');
    expect(cacheKeys.userSubscription('u1')).toBe('user:u1:subscription');
    expect(cacheKeys.kidProfile('k1')).toBe('kid:k1:profile');
    expect(cacheKeys.session('s1')).toBe('session:s1');
    expect(cacheKeys.topPicksParents(5)).toBe('stories:top-picks-parents:limit=5');
    expect(cacheKeys.progressHome('u1', null)).toBe('progress:home:u1:all');
    expect(cacheKeys.progressOverview('u1', 'k1')).toBe('progress:overview:u1:k1');
    expect(cacheKeys.adminUserGrowth(new Date('2030-01-01T00:00:00Z'), '2030-02-01')).toBe(
      'admin:user-growth:2030-01-01T00:00:00.000Z:2030-02-01',
    );
    expect(cacheTags.progress('u1')).toBe('progress:u1');
  });

  it('uses the listed TTLs', () => {
    expect(CACHE_TTL).toMatchObject({
      categoriesAll: 3600,
      voicesAll: 1800,
      userSubscription: 60,
      userPreferences: 300,
      kidProfile: 300,
      session: 60,
      topPicksParents: 1800,
      progressHome: 300,
    });
  });

  it('takes the first segment as the metrics namespace', () => {
    expect(namespaceOf('stories:top-picks-parents:limit=5')).toBe('stories');
    expect(namespaceOf('session:abc')).toBe('session');
    expect(namespaceOf('plain')).toBe('plain');
  });
});
