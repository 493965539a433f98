// Time and ids are injected everywhere (tests and evals are deterministic); these are the real ones.

export type Clock = () => number;
export type IdGen = (prefix: string) => string;

export const DAY_MS = 86_400_000;

export const systemClock: Clock = () => Date.now();

// Random words drawn a few hundred at a time and used once each: an id made of a UUID's text
// cost V8 about 900 bytes, several times per turn; this about a third of that.
const randomPool = new Uint32Array(768);
let nextRandom = randomPool.length;

/**
 * Ids carry their kind, the time (48 bits, milliseconds) and 80 random bits: unguessable, readable
 * in logs, and time-ordered, so new rows append to the end of each primary-key index instead of
 * dirtying a random page of it on every write (that halves the cost of a turn's commit).
 */
export const randomIds: IdGen = (prefix) => {
  if (nextRandom + 3 > randomPool.length) {
    crypto.getRandomValues(randomPool);
    nextRandom = 0;
  }
  const a = randomPool[nextRandom++]!;
  const b = randomPool[nextRandom++]!;
  const c = randomPool[nextRandom++]!;
  // 80 random bits as two 40-bit halves (32 bits of a or b and 8 of c each), 10 hex digits apiece.
  const hi = a * 256 + (c & 0xff);
  const lo = b * 256 + ((c >>> 8) & 0xff);
  return `${prefix}_${Date.now().toString(16).padStart(12, '0')}${hi.toString(16).padStart(10, '0')}${lo.toString(16).padStart(10, '0')}`;
};
