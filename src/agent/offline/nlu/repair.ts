// Words as shoppers type them → words a vocabulary knows: a run of words typed without spaces
// ("talktoahuman", "returnpolicy", "wheresmy") is split into known words, and a word one slip away
// from a known one ("servise", "retrun", "parcle") is corrected to it. Both only touch a word the
// vocabulary does not know, and only when the reading is clear: every piece known, one best split,
// one clearly likelier correction. A word the vocabulary knows is never changed, so a trade word
// ("ballet", "chiffon") listed in it is never "corrected" into another ("wallet").
//
// Pure functions of the word and the vocabulary (no I/O): used by the classifier on the words its
// corpus never showed it (classifier.ts) and by the offline model's own normalisation (normalize.ts).

export interface Vocabulary {
  /** A word known as written. */
  has(word: string): boolean;
  /** How often the word was seen (0 for a word known but never counted). */
  count(word: string): number;
  /** A word known whatever its count (a trade or everyday word): never read as a typo. */
  fixed(word: string): boolean;
  /** Known words one deletion, insertion, substitution or swap away (see oneEditAway). */
  neighbours(word: string): readonly string[];
  /** Words the corpus has (count > 0) that sound the same (see soundKey). */
  soundsLike(word: string): readonly string[];
}

// The only words of one or two letters a split may produce: any other short word ("ha", "ti") is
// too easy to find inside a longer one.
const SHORT_PIECES = new Set('a i an am as at be by do go if in is it me my no of on or so to up us we'.split(' '));

/** Longest word a piece may be; a token longer than this many pieces of it is not a run of words. */
const MAX_PIECE = 16;
const MAX_TOKEN = 40;

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** How `typed` differs from `meant` by one edit, or null when it does not. */
type Slip = 'swap' | 'dropped' | 'doubled' | 'extra' | 'first' | 'wrong';

function slipOf(typed: string, meant: string): Slip | null {
  const lt = typed.length;
  const lm = meant.length;
  if (typed === meant || Math.abs(lt - lm) > 1) return null;
  let i = 0;
  while (i < lt && i < lm && typed[i] === meant[i]) i++;
  if (lt === lm) {
    if (typed.slice(i + 1) === meant.slice(i + 1)) return i === 0 ? 'first' : 'wrong';
    return typed[i] === meant[i + 1] && typed[i + 1] === meant[i] && typed.slice(i + 2) === meant.slice(i + 2) ? 'swap' : null;
  }
  if (lt < lm) return typed.slice(i) === meant.slice(i + 1) ? (i === 0 ? 'first' : 'dropped') : null;
  if (typed.slice(i + 1) !== meant.slice(i)) return null;
  if (i === 0) return 'first';
  // The extra letter repeats one beside it ("helpp", "deliverry"): a key held down.
  return typed[i] === typed[i - 1] || typed[i] === typed[i + 1] ? 'doubled' : 'extra';
}

function withinOneEdit(a: string, b: string): boolean {
  return a === b || slipOf(a, b) !== null;
}

/**
 * A vocabulary over word counts, with a deletion index (SymSpell): a word and every known word one
 * edit from it share a string of one deletion (or are that string), so the neighbours of a word are
 * found by a few map look-ups instead of a scan of the vocabulary.
 */
export function createVocabulary(counts: ReadonlyMap<string, number>, extraWords: Iterable<string> = []): Vocabulary {
  const words = new Map(counts);
  const fixed = new Set(extraWords);
  for (const w of fixed) if (!words.has(w)) words.set(w, 0);
  let index: Map<string, string[]> | null = null;
  let sounds: Map<string, string[]> | null = null;
  const build = (): Map<string, string[]> => {
    const m = new Map<string, string[]>();
    const put = (k: string, w: string) => {
      const list = m.get(k);
      if (!list) m.set(k, [w]);
      else if (list[list.length - 1] !== w) list.push(w);
    };
    for (const w of words.keys()) {
      if (w.length < 3) continue;
      put(w, w);
      for (const d of deletions(w)) put(d, w);
    }
    return m;
  };
  return {
    has: (w) => words.has(w),
    count: (w) => words.get(w) ?? 0,
    fixed: (w) => fixed.has(w),
    neighbours(word) {
      index ??= build();
      const found = new Set<string>();
      for (const key of [word, ...deletions(word)])
        for (const w of index.get(key) ?? []) if (w !== word && withinOneEdit(word, w)) found.add(w);
      return [...found].sort();
    },
    soundsLike(word) {
      sounds ??= buildSounds(words);
      return (sounds.get(soundKey(word)) ?? []).filter((w) => w !== word);
    },
  };
}

function buildSounds(words: ReadonlyMap<string, number>): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const [w, n] of words) {
    if (n === 0 || w.length < 3) continue;
    const k = soundKey(w);
    if (k.length < 2) continue;
    const list = m.get(k);
    if (list) list.push(w);
    else m.set(k, [w]);
  }
  return m;
}

/**
 * A word a split may produce: known, not a one- or two-letter word outside the few common ones, and
 * not a word the corpus has only a few times (its own typos: "ordder" is no "ord der").
 */
function knownPiece(vocab: Vocabulary, piece: string): boolean {
  if (!vocab.has(piece) || (piece.length <= 2 && !SHORT_PIECES.has(piece))) return false;
  return vocab.fixed(piece) || vocab.count(piece) > RARE_PIECE;
}
const RARE_PIECE = 3;

/** How costly a piece is: a rare or unseen word costs more than a frequent one, a short one more than a long one. */
function pieceCost(vocab: Vocabulary, piece: string): number {
  return 1 + 1 / (1 + Math.log1p(vocab.count(piece))) + (piece.length <= 2 ? 0.5 : 0);
}

/**
 * The word run together from known words, split back ("contactnumber" → ["contact", "number"]),
 * or null when it is not one: a piece unknown, a single piece, or two splits nearly as good (the
 * best must be the fewest pieces, and clearly cheaper than any other split with as few).
 */
export function splitJoined(word: string, vocab: Vocabulary): string[] | null {
  if (word.length < 5 || word.length > MAX_TOKEN || !/^[a-z]+$/.test(word)) return null;
  const n = word.length;
  // best[i]: the cheapest split of word[0…i) as [pieces, cost]; second[i]: the runner-up's cost at as few pieces.
  const pieces = new Array<number>(n + 1).fill(Infinity);
  const cost = new Array<number>(n + 1).fill(Infinity);
  const runnerUp = new Array<number>(n + 1).fill(Infinity);
  const back = new Array<number>(n + 1).fill(-1);
  pieces[0] = 0;
  cost[0] = 0;
  runnerUp[0] = Infinity;
  for (let end = 1; end <= n; end++) {
    for (let start = Math.max(0, end - MAX_PIECE); start < end; start++) {
      if (pieces[start] === Infinity) continue;
      const piece = word.slice(start, end);
      if (!knownPiece(vocab, piece)) continue;
      const p = pieces[start]! + 1;
      const c = cost[start]! + pieceCost(vocab, piece);
      // A rival reading of the prefix carries over as a rival of this one.
      const rival = runnerUp[start]! + pieceCost(vocab, piece);
      if (p < pieces[end]! || (p === pieces[end]! && c < cost[end]!)) {
        const beaten = p === pieces[end]! ? cost[end]! : Infinity;
        pieces[end] = p;
        runnerUp[end] = Math.min(beaten, rival);
        cost[end] = c;
        back[end] = start;
      } else if (p === pieces[end]!) runnerUp[end] = Math.min(runnerUp[end]!, c);
    }
  }
  if (pieces[n] === Infinity || pieces[n]! < 2) return null;
  // Two splits into as many pieces whose costs are close ("wear here" / "we are here"): no clear reading.
  if (runnerUp[n]! - cost[n]! < 0.15) return null;
  const out: string[] = [];
  for (let end = n; end > 0; end = back[end]!) out.unshift(word.slice(back[end]!, end));
  return out;
}

/** A word seen this few times, one edit from a word seen far more often, is that word mistyped. */
const RARE = 3;
const MUCH_MORE = 10;
/** A word that sounds like the typed one must be this frequent in the corpus (a three-letter one, more: it is short to tell). */
const SOUND_MIN = { short: 30, long: 10 } as const;

// A letter typed for another: a key beside it on a QWERTY keyboard, or a letter for the same sound.
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const ROW_OFFSET = [0, 0.25, 0.75];
const SOUNDS_ALIKE = ['aeiouy', 'cks', 'sz', 'kq', 'fv', 'ij'];
const KEY_AT = new Map<string, [number, number]>();
KEY_ROWS.forEach((row, r) => [...row].forEach((c, i) => KEY_AT.set(c, [r, i + ROW_OFFSET[r]!])));

/** Could `typed` be a slip for `meant` (one letter each): keys side by side, or letters that sound alike. */
function likelySlip(typed: string, meant: string): boolean {
  if (SOUNDS_ALIKE.some((g) => g.includes(typed) && g.includes(meant))) return true;
  const a = KEY_AT.get(typed);
  const b = KEY_AT.get(meant);
  return !!a && !!b && Math.abs(a[0] - b[0]) <= 1 && Math.abs(a[1] - b[1]) <= (a[0] === b[0] ? 1 : 1.01);
}

/** The letter changed in a one-letter substitution (same length, one place differs). */
function changedLetters(typed: string, meant: string): [string, string] {
  let i = 0;
  while (typed[i] === meant[i]) i++;
  return [typed[i]!, meant[i]!];
}

/**
 * How a word sounds, roughly: its first letter, then its consonants as they sound ("ph" f, "ck"
 * and a hard "c" k, a soft "c" s, "z" s, "wh" w), vowels left out and doubles as one. "shppng",
 * "shiping" and "shipping" sound alike; so do "fone" and "phone", "wnt" and "want".
 */
export function soundKey(word: string): string {
  const w = word
    .replace(/^wh/, 'w')
    .replace(/ph/g, 'f')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/ck|[cq]/g, 'k')
    .replace(/z/g, 's');
  return (w[0]! + w.slice(1).replace(/[aeiouy]/g, '')).replace(/(.)\1+/g, '$1');
}

const vowels = (w: string): string => w.slice(1).replace(/[^aeiouy]/g, '');

function isSubsequence(short: string, long: string): boolean {
  let i = 0;
  for (let j = 0; j < long.length && i < short.length; j++) if (short[i] === long[j]) i++;
  return i === short.length;
}

/** At most two letters changed, dropped, added or swapped (a bounded edit distance). */
function withinTwoEdits(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
    }
    if (Math.min(...cur) > 2) return false;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]! <= 2;
}

/** The likeliest of some known words, when it is clearly likelier than the next (three times as often seen). */
function clearlyLikeliest(words: readonly string[], vocab: Vocabulary): { w: string; n: number } | null {
  const ranked = words.map((w) => ({ w, n: vocab.count(w) })).sort((x, y) => y.n - x.n || (x.w < y.w ? -1 : 1));
  const [first, second] = ranked;
  if (!first || first.n === 0 || (second && first.n < 3 * second.n)) return null;
  return first;
}

/**
 * The known word a typo was meant as ("servise" → "service", "retrun" → "return"), or null: the
 * word is too short to tell, has no known word one slip away, or two that are about as likely
 * ("bok": "book" or "box"?): the likelier must have been seen at least three times as often. A
 * known word is left alone unless it is rare in the corpus and not a fixed word: the corpus has
 * its own typos ("retrun" thrice, "return" hundreds of times), which are still typos.
 *
 * A letter changed counts only when it is a key beside the one meant or a letter for the same
 * sound ("regards" is no slip for "rewards"). A word never seen with no known word one slip away
 * may be spelt as it sounds, or with its vowels left out ("wnt", "shppng", "fone"): a frequent word
 * that sounds the same, at most two edits away, is meant.
 */
export function correctTypo(word: string, vocab: Vocabulary): string | null {
  if (word.length < 3 || !/^[a-z]+$/.test(word) || vocab.fixed(word)) return null;
  const seen = vocab.has(word) ? vocab.count(word) : 0;
  if (seen > RARE) return null;
  // A typo rarely changes the first letter ("packet" is not a mistyped "jacket"); a word the corpus
  // has is read as a typo only by the slips that make no other word: letters swapped, one dropped,
  // one doubled ("retrun", "polcy", "helpp"), not one changed or added ("hood", "least").
  const allowed = (slip: Slip | null): boolean =>
    slip !== null && slip !== 'first' && (seen === 0 || slip === 'swap' || slip === 'dropped' || slip === 'doubled');
  // A three-letter word is only completed with the letters left out ("wen" → "when", "wnt" → "want", not
  // "bok" → "back"), and only to a frequent word: it is short to tell.
  if (word.length === 3) {
    const completions = vocab.soundsLike(word).filter((w) => isSubsequence(word, w) && withinTwoEdits(word, w));
    const first = clearlyLikeliest(completions, vocab);
    const likelier = first !== null && first.n >= SOUND_MIN.short && (seen === 0 || first.n >= MUCH_MORE * (seen + 1));
    return likelier ? first.w : null;
  }
  const near = vocab.neighbours(word).filter((w) => w.length >= 3 && allowed(slipOf(word, w)));
  if (near.length > 0) {
    const first = clearlyLikeliest(near, vocab);
    if (!first || (seen > 0 && first.n < MUCH_MORE * (seen + 1))) return null;
    // A letter changed for one neither beside it nor sounding alike is no slip: perhaps a word spelt as it sounds.
    if (slipOf(word, first.w) !== 'wrong' || likelySlip(...changedLetters(word, first.w))) return first.w;
  }
  if (seen > 0) return null;
  // Letters left out or spelt as they sound, never a vowel changed ("wakes" is no "weeks").
  const alike = vocab.soundsLike(word).filter((w) => withinTwoEdits(word, w) && isSubsequence(vowels(word), vowels(w)));
  const first = clearlyLikeliest(alike, vocab);
  return first && first.n >= SOUND_MIN.long ? first.w : null;
}
