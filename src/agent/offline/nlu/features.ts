// Tokens → a sparse feature vector: word unigrams and bigrams carry the phrasing ("where is",
// "send back"), character n-grams inside each word carry the spelling, so "refnud" still shares
// most of its n-grams with "refund" and a typo costs a little weight instead of the whole word.
import { tokenize } from './text.js';

/** How much each feature family weighs; each family is L2-normalised first, then scaled. */
export interface FeatureWeights {
  words: number;
  bigrams: number;
  /** Skip-bigrams ("where _ order"): the phrase survives a word put in or left out. */
  skips: number;
  chars: number;
}

export interface FeatureOptions extends FeatureWeights {
  /** Character n-gram lengths, inclusive. */
  charMin: number;
  charMax: number;
}

export interface FeatureVector {
  keys: string[];
  values: number[];
}

function add(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}

/** Words get character n-grams; class tokens, emoji and "?" are atoms. */
function isWord(tok: string): boolean {
  return /^[a-z0-9]+$/.test(tok);
}

function charGrams(tokens: readonly string[], min: number, max: number, counts: Map<string, number>): void {
  for (const tok of tokens) {
    if (!isWord(tok)) continue;
    // "^" and "$" mark the word's edges, so prefixes and suffixes are features of their own.
    const w = `^${tok}$`;
    for (let n = min; n <= max; n++) {
      for (let i = 0; i + n <= w.length; i++) add(counts, `c:${w.slice(i, i + n)}`);
    }
  }
}

function push(out: FeatureVector, counts: Map<string, number>, weight: number): void {
  if (weight === 0 || counts.size === 0) return;
  let norm = 0;
  for (const c of counts.values()) norm += c * c;
  const scale = weight / Math.sqrt(norm);
  for (const [k, c] of counts) {
    out.keys.push(k);
    out.values.push(c * scale);
  }
}

/** The feature vector of already-tokenized text (see tokenize). */
/** Message length, bucketed: "ok" and a paragraph that contains "ok" are different things. */
function lengthBucket(n: number): string {
  if (n <= 4) return String(n);
  return n <= 6 ? '5-6' : n <= 9 ? '7-9' : '10+';
}

export function featuresOfTokens(tokens: readonly string[], opts: FeatureOptions): FeatureVector {
  const words = new Map<string, number>();
  const bigrams = new Map<string, number>();
  const skips = new Map<string, number>();
  const chars = new Map<string, number>();
  for (const tok of tokens) add(words, `w:${tok}`);
  add(words, `n:${lengthBucket(tokens.length)}`);
  // Sentence edges make "no" on its own a different thing from "no" inside a question.
  const seq = ['<s>', ...tokens, '</s>'];
  for (let i = 0; i + 1 < seq.length; i++) add(bigrams, `b:${seq[i]} ${seq[i + 1]}`);
  for (let i = 0; i + 2 < seq.length; i++) add(skips, `k:${seq[i]} _ ${seq[i + 2]}`);
  charGrams(tokens, opts.charMin, opts.charMax, chars);
  const out: FeatureVector = { keys: [], values: [] };
  push(out, words, opts.words);
  push(out, bigrams, opts.bigrams);
  push(out, skips, opts.skips);
  push(out, chars, opts.chars);
  return out;
}

/** The feature vector of a raw message. */
export function extractFeatures(text: string, opts: FeatureOptions): FeatureVector {
  return featuresOfTokens(tokenize(text), opts);
}
