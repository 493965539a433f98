// A seeded generator (mulberry32) so shuffles, folds and therefore the trained artifact are the
// same on every machine and every run.
export type Rng = () => number;

export function createRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates in place. */
export function shuffle<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/** FNV-1a over a string's UTF-16 units, mixed with `seed`: a fixed 32-bit key for a text. */
export function hashKey(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/**
 * An order of `keys.length` items for one epoch, placed by a seeded hash of each item's own key
 * (ties by index). Unlike a shuffle of the whole list, adding or removing one item leaves every
 * other item's relative order as it was, so a corpus edit only moves the readings it should.
 */
export function hashOrder(keys: readonly string[], seed: number): number[] {
  const h = keys.map((k) => hashKey(k, seed));
  return keys.map((_, i) => i).sort((a, b) => h[a]! - h[b]! || a - b);
}
