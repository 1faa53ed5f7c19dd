// A Map bounded to its most recently used entries, for the caches that keep what was decoded, prepared or read last.

export interface RecentlyUsed<K, V> {
  /** The value, marked most recently used; undefined when not kept. */
  get(key: K): V | undefined;
  /** Keeps the value as most recently used, dropping the least recently used beyond capacity. */
  set(key: K, value: V): void;
  delete(key: K): void;
}

export function recentlyUsed<K, V>(capacity: number): RecentlyUsed<K, V> {
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      // Map keeps insertion order: re-inserting marks it most recent, so the first key is the least recent.
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      if (entries.size > capacity) entries.delete(entries.keys().next().value!);
    },
    delete(key) {
      entries.delete(key);
    },
  };
}
