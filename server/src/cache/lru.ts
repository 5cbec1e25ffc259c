/** What an entry costs beside its own bytes: the key (two bytes a character), the map's slot. */
const ENTRY_OVERHEAD = 256;

/**
 * A least-recently-used map bounded by bytes, not entries: each entry says its size, and the
 * oldest entries leave until the total fits the budget. An entry larger than `maxEntryBytes` is
 * not kept. A Map keeps insertion order, so the first key is the least recently used.
 */
export class ByteBudgetLru<TValue> {
  private readonly entries = new Map<string, { value: TValue; bytes: number }>();
  private used = 0;

  constructor(
    private readonly budgetBytes: number,
    private readonly maxEntryBytes: number
  ) {}

  get(key: string): TValue | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Keeps `value` (of `bytes` bytes) under `key`; answers whether it was kept. */
  set(key: string, value: TValue, bytes: number): boolean {
    this.delete(key);
    const cost = bytes + key.length * 2 + ENTRY_OVERHEAD;
    if (bytes > this.maxEntryBytes || cost > this.budgetBytes) return false;
    this.entries.set(key, { value, bytes: cost });
    this.used += cost;
    for (const [oldest, entry] of this.entries) {
      if (this.used <= this.budgetBytes) break;
      this.entries.delete(oldest);
      this.used -= entry.bytes;
    }
    return true;
  }

  delete(key: string) {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.used -= entry.bytes;
  }

  clear() {
    this.entries.clear();
    this.used = 0;
  }

  get size() {
    return this.entries.size;
  }

  get bytes() {
    return this.used;
  }
}
