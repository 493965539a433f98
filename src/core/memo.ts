// A bounded memory of computed values, least recently used forgotten first (a Map keeps
// insertion order; a hit is moved to the end). For pure functions of their key only.
export interface Memo<K, V> {
  /** The remembered value for `key`, or `compute(key)`, remembered. */
  get(key: K, compute: (key: K) => V): V;
  clear(): void;
}

export function createMemo<K, V>(limit: number): Memo<K, V> {
  const kept = new Map<K, V>();
  // The most recently used key: a hit on it is already at the end (moving it again would cost the
  // Map a delete and an insert, and now and then a new table, for nothing).
  let newest: K | undefined;
  return {
    get(key, compute) {
      if (kept.has(key)) {
        const hit = kept.get(key)!;
        if (key !== newest) {
          kept.delete(key);
          kept.set(key, hit);
          newest = key;
        }
        return hit;
      }
      const value = compute(key);
      kept.set(key, value);
      newest = key;
      if (kept.size > limit) kept.delete(kept.keys().next().value!);
      return value;
    },
    clear() {
      kept.clear();
      newest = undefined;
    },
  };
}

/** Freezes a JSON-like value all the way down, so a remembered value can be shared safely. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
