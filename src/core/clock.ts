// Time and ids are injected everywhere (tests and evals are deterministic); these are the real ones.

export type Clock = () => number;
export type IdGen = (prefix: string) => string;

export const DAY_MS = 86_400_000;

export const systemClock: Clock = () => Date.now();

// Random bytes drawn a few kilobytes at a time and used once each: an id made of a UUID's text
// cost V8 about 900 bytes, several times per turn; this about a third of that.
const randomPool = new Uint8Array(3072);
let nextRandom = randomPool.length;
const RANDOM_BYTES = 10;

/** Each byte's two hex digits: an id's digits are looked up, never made by Number#toString(16) (a few µs for three). */
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/** The 48 low bits of a millisecond time as 12 hex digits, most significant first. */
function hexTime(ms: number): string {
  const hi = Math.floor(ms / 0x1000000) & 0xffffff; // bits 24-47
  const lo = ms & 0xffffff; // bits 0-23 (ms < 2^53: exact)
  return HEX[hi >>> 16]! + HEX[(hi >>> 8) & 0xff]! + HEX[hi & 0xff]! + HEX[lo >>> 16]! + HEX[(lo >>> 8) & 0xff]! + HEX[lo & 0xff]!;
}

/**
 * Ids carry their kind, the time (48 bits, milliseconds) and 80 random bits: unguessable, readable
 * in logs, and time-ordered, so new rows append to the end of each primary-key index instead of
 * dirtying a random page of it on every write (that halves the cost of a turn's commit).
 */
export const randomIds: IdGen = (prefix) => {
  if (nextRandom + RANDOM_BYTES > randomPool.length) {
    crypto.getRandomValues(randomPool);
    nextRandom = 0;
  }
  const r = randomPool;
  const i = nextRandom;
  nextRandom += RANDOM_BYTES;
  return `${prefix}_${hexTime(Date.now())}${HEX[r[i]!]}${HEX[r[i + 1]!]}${HEX[r[i + 2]!]}${HEX[r[i + 3]!]}${HEX[r[i + 4]!]}${HEX[r[i + 5]!]}${HEX[r[i + 6]!]}${HEX[r[i + 7]!]}${HEX[r[i + 8]!]}${HEX[r[i + 9]!]}`;
};
