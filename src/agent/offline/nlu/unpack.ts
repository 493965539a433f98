// The artifact's rows → flat typed arrays, once per process or isolate. This is the cold-start cost
// of the classifier (in workerd, of the first chat in an isolate), so it scans each row's characters
// itself instead of splitting strings: no intermediate arrays or strings per weight.
//
// The features are found through a hash table over one string holding every key, not a Map with
// a string per key: the model lives as long as the process (tool routing reads it every turn on
// the Node server), V8 grows the heap in proportion to what survives its collections, and the
// Map (25,000 entries, a string object each, the longer ones slices that kept their whole row
// of the parsed JSON alive) held about 1.5 MB; this holds about a third of that, and nothing of
// the artifact.
import type { ModelArtifact } from './artifact.js';

/** Feature → row number. */
export interface FeatureIndex {
  get(key: string): number | undefined;
  readonly size: number;
}

export interface Packed {
  index: FeatureIndex;
  /** Row r's weights are at start[r] … start[r + 1] - 1. */
  start: Int32Array;
  label: Uint16Array;
  weight: Float64Array;
}

/** FNV-1a over the key's UTF-16 code units. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/**
 * Keys (distinct, in row order) → their row numbers: the keys end to end in one string, where
 * each begins, and an open-addressing table (linear probing, at most half full) of row + 1. A key
 * with a character past Latin-1 (an emoji bigram) is kept on its own, out of the string: one such
 * character would make V8 store the whole string in UTF-16, twice the bytes.
 */
export function featureIndex(keys: readonly string[]): FeatureIndex {
  const wide = new Map<number, string>();
  const narrow = keys.map((k, r) => (/[\u0100-\uffff]/.test(k) ? (wide.set(r, k), '') : k));
  const text = narrow.join('');
  const at = new Int32Array(keys.length + 1);
  for (let r = 0; r < keys.length; r++) at[r + 1] = at[r]! + narrow[r]!.length;
  let size = 8;
  while (size < keys.length * 2) size *= 2;
  const mask = size - 1;
  const slots = new Int32Array(size);
  const find = (key: string): number => {
    for (let i = hash(key) & mask; ; i = (i + 1) & mask) {
      const r = slots[i]! - 1;
      if (r < 0) return ~i;
      const length = at[r + 1]! - at[r]!;
      if (length === key.length ? text.startsWith(key, at[r]!) : length === 0 && wide.get(r) === key) return r;
    }
  };
  for (let r = 0; r < keys.length; r++) {
    const i = find(keys[r]!);
    if (i >= 0) throw new Error(`NLU model: feature "${keys[r]!.slice(0, 60)}" has two rows`);
    slots[~i] = r + 1;
  }
  return {
    size: keys.length,
    get(key) {
      const r = find(key);
      return r < 0 ? undefined : r;
    },
  };
}

const MINUS = 45;
const DOT = 46;
const ZERO = 48;
const NINE = 57;

const bad = (row: string): Error => new Error(`NLU model: malformed row "${row.slice(0, 60)}"`);

/**
 * A decimal like "-0.1234" or "12.5" at s[i…end). With at most 15 digits the digits and the power of
 * ten are exact doubles, so one division gives the correctly rounded value, the same as Number().
 * Anything else (an exponent, say) goes through Number().
 */
function parseDecimal(s: string, i: number, end: number): number {
  let sign = 1;
  if (s.charCodeAt(i) === MINUS) {
    sign = -1;
    i++;
  }
  let digits = 0;
  let n = 0;
  let scale = 1;
  let seenDot = false;
  for (let j = i; j < end; j++) {
    const c = s.charCodeAt(j);
    if (c >= ZERO && c <= NINE) {
      n = n * 10 + (c - ZERO);
      if (seenDot) scale *= 10;
      digits++;
    } else if (c === DOT && !seenDot) seenDot = true;
    else return Number(s.slice(sign < 0 ? i - 1 : i, end));
  }
  if (digits === 0 || digits > 15) return Number(s.slice(sign < 0 ? i - 1 : i, end));
  return (sign * n) / scale;
}

/** Rows of the intent model or of a head (the act head), which share this layout. */
export function unpack(a: Pick<ModelArtifact, 'labels' | 'rows' | 'pruning'>): Packed {
  const K = a.labels.length;
  const rows = a.rows;
  const start = new Int32Array(rows.length + 1);
  const label = new Uint16Array(a.pruning.weights);
  const weight = new Float64Array(a.pruning.weights);
  const keys: string[] = new Array<string>(rows.length);
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const tab = row.indexOf('\t');
    if (tab <= 0) throw bad(row);
    keys[r] = row.slice(0, tab);
    start[r] = at;
    let i = tab + 1;
    while (i < row.length) {
      const sp = row.indexOf(' ', i);
      const end = row.indexOf(' ', sp + 1);
      const stop = end < 0 ? row.length : end;
      const k = sp < 0 ? NaN : parseDecimal(row, i, sp);
      const w = sp < 0 ? NaN : parseDecimal(row, sp + 1, stop);
      if (!Number.isInteger(k) || k < 0 || k >= K || !Number.isFinite(w) || at >= weight.length) throw bad(row);
      label[at] = k;
      weight[at++] = w;
      i = stop + 1;
    }
  }
  start[rows.length] = at;
  if (at !== weight.length) throw new Error(`NLU model: ${at} weights in rows, ${weight.length} in pruning.weights`);
  return { index: featureIndex(keys), start, label, weight };
}
