// The artifact's rows → flat typed arrays, once per process or isolate. This is the cold-start cost
// of the classifier (in workerd, of the first chat in an isolate), so it scans each row's characters
// itself instead of splitting strings: no intermediate arrays or strings per weight.
import type { ModelArtifact } from './artifact.js';

export interface Packed {
  /** Feature → row number. */
  index: Map<string, number>;
  /** Row r's weights are at start[r] … start[r + 1] - 1. */
  start: Int32Array;
  label: Uint16Array;
  weight: Float64Array;
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
  const index = new Map<string, number>();
  let at = 0;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r]!;
    const tab = row.indexOf('\t');
    if (tab <= 0) throw bad(row);
    index.set(row.slice(0, tab), r);
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
  return { index, start, label, weight };
}
