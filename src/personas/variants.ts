// Sticky experiment assignment: the same subject in the same experiment always lands in the
// same variant, across restarts and servers, with no stored state. Different experiments hash
// independently, so being in variant B of one says nothing about another.

/** A uniform 32-bit hash: FNV-1a, then the murmur3 finalizer to spread nearby inputs. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function pickVariant<V extends { id: string; weight: number }>(variants: readonly V[], subjectId: string, experimentId: string): V {
  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const point = (hash32(`${experimentId}\u0000${subjectId}`) / 2 ** 32) * total;
  let acc = 0;
  for (const v of variants) {
    acc += v.weight;
    if (point < acc) return v;
  }
  return variants[variants.length - 1]!;
}
