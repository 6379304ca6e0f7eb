/**
 * A per-process cache of look-ups that every authenticated request repeats (who is this agent, which
 * role do they have in this brand). Entries live `ttlMs`: a change made on another instance is seen
 * within that time; a change made in this process calls `delete`, which takes effect at once.
 */
export class ShortCache<V> {
  private readonly entries = new Map<string, { value: V; until: number }>();
  /** Bumped by every `delete`: a load that started before it must not store what it read. */
  private generation = 0;

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  async get(key: string, load: () => Promise<V>): Promise<V> {
    const hit = this.entries.get(key);
    if (hit && hit.until > performance.now()) return hit.value;
    const started = this.generation;
    const value = await load();
    if (started !== this.generation) return value;
    // Bounded: past the limit it starts afresh rather than growing with every agent and brand seen.
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: performance.now() + this.ttlMs });
    return value;
  }

  delete(key: string): void {
    this.generation++;
    this.entries.delete(key);
  }
}
