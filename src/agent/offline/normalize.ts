// Shopper text → a canonical token string the entity extractor and the dialogue rules match
// against: lowercase, template placeholders dropped, contractions and slang expanded, words run
// together split ("returnpolicy"), typos corrected against the model's own vocabulary, plurals folded. Fixed phrases (canonicalPhrase) go through the same pipeline (minus
// typo correction), so they match however the shopper spelled them. The intent classifier reads
// the raw text with its own tokenizer (nlu/text.ts).
import { editDistance } from '../../core/index.js';
import { COMMON_WORDS, SLANG } from './words.js';
import { VOCABULARY_SEED } from './lexicon.js';
import { createVocabulary, splitJoined } from './nlu/repair.js';
import { PLACEHOLDER } from './nlu/text.js';

export interface Normalized {
  /** Lowercased original text (for entities that need digits, emails and symbols). */
  lower: string;
  /** Canonical tokens (slang expanded, typos corrected, stemmed). */
  tokens: string[];
  /** " tok1 tok2 … " with a space at both ends so phrase lookups are plain substring checks. */
  padded: string;
}

const PHRASE_REWRITES: Array<[RegExp, string]> = [
  [/\bt[\s-]?shirts?\b|\btees?\b/g, ' tshirt '],
  [/\be-?mail\b/g, ' email '],
  [/\bx-?large\b|\bextra[\s-]large\b/g, ' xl '],
  [/\bx-?small\b|\bextra[\s-]small\b/g, ' xs '],
  [/\bxx-?large\b|\b2xl\b/g, ' xxl '],
  [/\bre-order\b/g, ' reorder '],
  [/\bcan'?t\b/g, ' can not '],
  [/\bwon'?t\b/g, ' will not '],
  [/n't\b/g, ' not '],
  [/'m\b/g, ' am '],
  [/'re\b/g, ' are '],
  [/'ll\b/g, ' will '],
  [/'ve\b/g, ' have '],
  [/'d\b/g, ' would '],
  [/\b(it|that|what|where|there|here|who|how|he|she)'s\b/g, ' $1 is '],
  [/'s\b/g, ''],
  [/\b(\w+)\s+4\s+(?=[a-z])/g, ' $1 for '],
];

// Words that look plural but are not, or whose stem would collide with another word.
const STEM_KEEP = new Set([
  'does',
  'goes',
  'this',
  'thus',
  'plus',
  'yes',
  'has',
  'was',
  'his',
  'its',
  'always',
  'perhaps',
  'across',
  'canvas',
  'xmas',
  'christmas',
  'status',
  'bonus',
  'news',
  'series',
  'less',
  'unless',
  'dress',
  'address',
  'express',
  'gps',
]);

export function stem(w: string): string {
  if (w.length < 4 || STEM_KEEP.has(w)) return w;
  if (w.endsWith('ies') && w.length > 4) return w.slice(0, -3) + 'y';
  // "scarves" is a scarf ("sleeves" and "gloves" keep their e).
  if (/(ar|ea|ol|al)ves$/.test(w)) return w.slice(0, -3) + 'f';
  if (/(ss|sh|ch|x|zz)es$/.test(w)) return w.slice(0, -2);
  if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
  return w;
}

const LEXICON = new Set<string>(VOCABULARY_SEED);
const VOCAB = new Set<string>([...COMMON_WORDS, ...VOCABULARY_SEED]);

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

function lessThan(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}
const VOCAB_BY_LEN = new Map<number, string[]>();
for (const w of VOCAB) {
  if (w.length < 3) continue;
  const list = VOCAB_BY_LEN.get(w.length) ?? [];
  list.push(w);
  VOCAB_BY_LEN.set(w.length, list);
}

// Corrections are pure functions of the word, so they are cached; the cap keeps memory flat
// under adversarial input.
const corrections = new Map<string, string>();
const CACHE_MAX = 5000;

/** A word the model knows as written, as its stem, or as known words typed together ("talktoahuman"): not a typo, not gibberish. */
export function isKnownWord(word: string): boolean {
  return knownAsWritten(word) || splitJoined(word, SPLIT_VOCABULARY) !== null;
}

const knownAsWritten = (word: string): boolean => VOCAB.has(word) || VOCAB.has(stem(word));

export function correct(word: string): string {
  if (word.length < 3 || VOCAB.has(word) || /\d/.test(word)) return word;
  const cached = corrections.get(word);
  if (cached !== undefined) return cached;
  if (VOCAB.has(stem(word))) return word;
  // Two edits only for long words: a seven-letter name ("juniper") is too close to other words ("jumper").
  const max = word.length >= 8 ? 2 : 1;
  let best = word;
  let bestRank = [max + 1];
  // Three-letter words are only completed ("tlk" → "talk") or have two letters swapped back
  // ("adn" → "and"), never replaced by other short words.
  const short = word.length === 3;
  const letters = [...word].sort().join('');
  for (let len = word.length - max; len <= word.length + max; len++) {
    for (const cand of VOCAB_BY_LEN.get(len) ?? []) {
      if (short && len === 3 && [...cand].sort().join('') !== letters) continue;
      const d = editDistance(word, cand, max);
      if (d > max) continue;
      // Among equally close words prefer the model's own keywords, then a dropped letter
      // (the commonest typo), then the same first letter.
      const rank = [d, LEXICON.has(cand) ? 0 : 1, isSubsequence(word, cand) ? 0 : 1, cand[0] === word[0] ? 0 : 1];
      if (lessThan(rank, bestRank)) {
        best = cand;
        bestRank = rank;
      }
    }
  }
  // Spelled as said, the "-er" of a non-rhotic accent written "-a" or "-ah" ("jumpa", "sweatah", "sneakahs"): that word, if it is one of ours.
  const asSaid = word.replace(/ah?(s?)$/, 'er$1');
  if (best === word && word.length >= 4 && asSaid !== word && LEXICON.has(asSaid)) best = asSaid;
  if (corrections.size >= CACHE_MAX) corrections.clear();
  corrections.set(word, best);
  return best;
}

function expand(text: string): string {
  let t = ` ${text} `;
  for (const [re, rep] of PHRASE_REWRITES) t = t.replace(re, rep);
  return t;
}

// What a run of words typed without spaces splits into ("returnpolicy", "wheresmy"): the words
// typo correction keeps, and the shorthand it expands.
const SPLIT_VOCABULARY = createVocabulary(new Map(), [...VOCAB, ...Object.keys(SLANG)]);

function pushWord(raw: string, out: string[]): void {
  const slang = SLANG[raw];
  if (slang) out.push(...slang.split(' '));
  else out.push(raw);
}

/**
 * One slip from one of the model's own keywords ("lether", "sandels"): that word mistyped, not short
 * words typed together ("let her", "sand els"); typo correction then gives the keyword back.
 */
function slipOfKeyword(word: string): boolean {
  if (word.length < 5) return false;
  for (let len = word.length - 1; len <= word.length + 1; len++)
    for (const cand of VOCAB_BY_LEN.get(len) ?? []) if (LEXICON.has(cand) && editDistance(word, cand, 1) <= 1) return true;
  return false;
}

function tokenize(text: string, split = false): string[] {
  const out: string[] = [];
  for (const raw of text.match(/[a-z0-9]+/g) ?? []) {
    const pieces = split && !SLANG[raw] && !knownAsWritten(raw) && !slipOfKeyword(raw) ? splitJoined(raw, SPLIT_VOCABULARY) : null;
    if (pieces) for (const p of pieces) pushWord(p, out);
    else pushWord(raw, out);
  }
  return out;
}

export function normalize(text: string): Normalized {
  const lower = text.toLowerCase().replace(/[’‘`]/g, "'");
  // A template's unfilled placeholder ("track order {{Order Number}}") is no word of the request.
  const withoutEmails = lower.replace(PLACEHOLDER, ' ').replace(/[^\s@]+@[^\s@]+\.[a-z]{2,}/g, ' email ');
  const tokens = tokenize(expand(withoutEmails), true).map((w) => stem(correct(w)));
  return { lower, tokens, padded: ` ${tokens.join(' ')} ` };
}

/** A lexicon phrase in the same canonical form as normalized text (no typo correction). */
export function canonicalPhrase(phrase: string): string {
  return ` ${tokenize(expand(phrase.toLowerCase())).map(stem).join(' ')} `;
}
