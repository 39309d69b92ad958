/**
 * A bounded in-process cache whose entries the invalidation bus drops when what they were read from
 * changes (see invalidation.service.ts). Two guards keep it correct:
 * - a fill that was reading while an invalidation arrived is not stored (its data may predate the
 *   change): every invalidation bumps a generation that a fill compares before storing;
 * - while the bus cannot hear other replicas (Redis down), nothing is served from or stored in it.
 * Entries also expire after `ttlMs`, a backstop should a message ever be lost.
 */
export class MemoryCache<V> {
  private readonly entries = new Map<string, { value: V; expiresAt: number }>();
  private generation = 0;
  /** Lookups answered from the cache and lookups that were not (metrics read them at scrape time). */
  readonly stats = { hits: 0, misses: 0 };

  constructor(
    private readonly options: {
      maxEntries: number;
      ttlMs: number;
      /** Whether the cache may be used now (the bus is listening). */
      enabled: () => boolean;
      now?: () => number;
    },
  ) {}

  private now(): number {
    return this.options.now?.() ?? Date.now();
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.lookup(key);
    if (value === undefined) this.stats.misses += 1;
    else this.stats.hits += 1;
    return value;
  }

  private lookup(key: string): V | undefined {
    if (!this.options.enabled()) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * The cached value, or `load()`'s, stored unless an invalidation happened meanwhile. Nothing is
   * stored for null (what does not exist is asked for by mistake, or by someone guessing). `ttlMs`
   * may shorten the lifetime of one entry (a session that expires sooner).
   */
  async fill<L extends V | null>(key: string, load: () => Promise<L>, ttlMs?: (value: V) => number): Promise<V | L> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const generation = this.generation;
    const value = await load();
    if (value !== null && value !== undefined && this.options.enabled() && generation === this.generation) {
      const lifetime = Math.min(this.options.ttlMs, ttlMs?.(value as V) ?? this.options.ttlMs);
      if (lifetime > 0) this.store(key, value as V, lifetime);
    }
    return value;
  }

  /** Drops the entries `matches` picks, or every entry. */
  invalidate(matches?: (key: string, value: V) => boolean): void {
    this.generation += 1;
    if (!matches) {
      this.entries.clear();
      return;
    }
    for (const [key, entry] of this.entries) if (matches(key, entry.value)) this.entries.delete(key);
  }

  private store(key: string, value: V, lifetimeMs: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expiresAt: this.now() + lifetimeMs });
    // A Map iterates in insertion order: the first key is the oldest entry.
    while (this.entries.size > this.options.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }
}
