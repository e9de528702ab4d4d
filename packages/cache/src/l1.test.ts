import { describe, expect, it } from 'vitest';
import { L1Store } from './l1';

function store(maxEntries = 10) {
  let clock = 1_000_000;
  const l1 = new L1Store(maxEntries, () => clock);
  return { l1, advance: (ms: number) => (clock += ms) };
}

describe('L1Store', () => {
  it('holds null apart from a miss and expires on the injected clock', () => {
    const { l1, advance } = store();
    l1.set('kid:1:profile', null, 1_000, []);
    expect(l1.get('kid:1:profile')).toEqual({ value: null });
    expect(l1.get('kid:2:profile')).toBeUndefined();
    advance(1_000);
    expect(l1.get('kid:1:profile')).toBeUndefined();
    expect(l1.size).toBe(0);
  });

  it('refuses entries older than a maximum age whatever their TTL', () => {
    const { l1, advance } = store();
    l1.set('categories:all', ['a'], 3_600_000, []);
    advance(31_000);
    expect(l1.get('categories:all', 30_000)).toBeUndefined();
  });

  it('drops entries by tag and keeps the index in step with overwrites and evictions', () => {
    const { l1 } = store(2);
    l1.set('a', 1, 60_000, ['t1']);
    l1.set('a', 2, 60_000, ['t2']);
    expect(l1.deleteTags(['t1'])).toEqual([]);
    expect(l1.get('a')).toEqual({ value: 2 });

    l1.set('b', 1, 60_000, ['t2']);
    l1.set('c', 1, 60_000, ['t2']); // evicts 'a', the least recently used
    expect(l1.deleteTags(['t2']).sort()).toEqual(['b', 'c']);
    expect(l1.size).toBe(0);
  });

  it('does not store an entry whose TTL has already run out', () => {
    const { l1 } = store();
    l1.set('a', 1, 0, []);
    expect(l1.get('a')).toBeUndefined();
  });
});
