import { describe, expect, it } from 'vitest';
import { MemoryCache } from './memory-cache.js';

function cache(options: Partial<{ maxEntries: number; ttlMs: number }> = {}) {
  let now = 0;
  let enabled = true;
  const store = new MemoryCache<string>({
    maxEntries: options.maxEntries ?? 10,
    ttlMs: options.ttlMs ?? 1000,
    enabled: () => enabled,
    now: () => now,
  });
  return {
    store,
    advance: (ms: number) => (now += ms),
    disable: () => (enabled = false),
    enable: () => (enabled = true),
  };
}

describe('MemoryCache', () => {
  it('loads once, then serves the stored value until it expires', async () => {
    const { store, advance } = cache();
    let loads = 0;
    const load = async () => `v${(loads += 1)}`;
    expect(await store.fill('a', load)).toBe('v1');
    expect(await store.fill('a', load)).toBe('v1');
    advance(1000);
    expect(await store.fill('a', load)).toBe('v2');
  });

  it('keeps an entry no longer than its own lifetime', async () => {
    const { store, advance } = cache();
    await store.fill(
      'a',
      async () => 'short',
      () => 100,
    );
    advance(99);
    expect(store.get('a')).toBe('short');
    advance(1);
    expect(store.get('a')).toBeUndefined();
  });

  it('does not store what was read while an invalidation arrived', async () => {
    const { store } = cache();
    let release!: () => void;
    const slow = store.fill('a', () => new Promise<string>((resolve) => (release = () => resolve('stale'))));
    store.invalidate();
    release();
    expect(await slow).toBe('stale');
    expect(store.get('a')).toBeUndefined();
    expect(await store.fill('a', async () => 'fresh')).toBe('fresh');
    expect(store.get('a')).toBe('fresh');
  });

  it('drops only the entries an invalidation picks', async () => {
    const { store } = cache();
    await store.fill('t1:u1', async () => 'x');
    await store.fill('t2:u1', async () => 'y');
    store.invalidate((key) => key.startsWith('t1:'));
    expect(store.get('t1:u1')).toBeUndefined();
    expect(store.get('t2:u1')).toBe('y');
  });

  it('neither serves nor stores while disabled (nobody could tell it about changes)', async () => {
    const { store, disable, enable } = cache();
    await store.fill('a', async () => 'before');
    disable();
    expect(store.get('a')).toBeUndefined();
    expect(await store.fill('b', async () => 'during')).toBe('during');
    enable();
    expect(store.get('b')).toBeUndefined();
  });

  it('stores nothing for null, so what does not exist is asked for again', async () => {
    const { store } = cache();
    let loads = 0;
    const missing = async () => {
      loads += 1;
      return null;
    };
    expect(await store.fill('ghost', missing)).toBeNull();
    expect(await store.fill('ghost', missing)).toBeNull();
    expect(loads).toBe(2);
  });

  it('evicts the oldest entries beyond its size', async () => {
    const { store } = cache({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await store.fill(key, async () => key);
    expect(store.size).toBe(2);
    expect(store.get('a')).toBeUndefined();
    expect(store.get('c')).toBe('c');
  });

  it('counts hits and misses, a lookup while disabled being a miss', async () => {
    const { store, disable } = cache();
    await store.fill('a', async () => 'v'); // miss, then stored
    await store.fill('a', async () => 'other'); // hit
    store.get('a'); // hit
    store.get('b'); // miss
    disable();
    store.get('a'); // miss: the cache may not be used
    expect(store.stats).toEqual({ hits: 2, misses: 3 });
  });
});
