// A no said in more words than a plain refusal (core/consent.ts `isClearNo`): a deferral ("not right now", "let me
// sleep on it"), the piece kept ("forget the swap, I'm keeping the M"), and a longer message with a plain refusal as
// one of its sentences ("I'd like to sit with it a few more days. Not yet, thank you."). Only ever a no: a proposal is
// withdrawn by it, never made or confirmed; a message that asks something is no refusal.

/** Withdrawals said as "not now" or as the piece kept: a no unless the message asks something (core/consent). */
export const DEFERRALS: readonly string[] = [
  'not right now',
  'not just yet',
  'not today',
  'not for now',
  'not at the moment',
  'let me think',
  'sleep on it',
  'think it over',
  'think about it',
  'forget about',
  'forget the',
  'ill keep',
  'i will keep',
  'im keeping',
  'i am keeping',
  'keeping it',
  'keeping them',
  'keeping the',
  'keeping my',
];

/** Words that ask only as a clause's first word or before its subject ("can I…", "hold on is it free"), not in a statement ("my nephew can have the L"). */
const ASKS_FIRST = new Set('can could would will is are does'.split(' '));
const SUBJECT = new Set('i you it we they he she this that there these those'.split(' '));

/**
 * Whether a message asks something (`asks`: the question mark and the question words, consent.ts): a question mark or
 * word anywhere, or an auxiliary opening a clause or before its subject. `wordsOf`: consent's own reading of words.
 */
export function asksIn(message: string, words: readonly string[], asks: ReadonlySet<string>, wordsOf: (s: string) => string[]): boolean {
  if (words.some((w, i) => asks.has(w) && (!ASKS_FIRST.has(w) || SUBJECT.has(words[i + 1] ?? '')))) return true;
  return message.split(/[,.;:!\n]+|\s[-–—]\s|\b(?:and|but|so)\b/i).some((c) => ASKS_FIRST.has(wordsOf(c)[0] ?? ''));
}

/** How a longer message is read: its words as consent reads them, a sentence's plain refusal, and a yes left in it. */
export interface LongNoReader {
  wordsOf: (s: string) => string[];
  /** The sentence alone is a plain refusal (consent's isClearNo on it). */
  refuses: (sentence: string) => boolean;
  /** A yes is left once the refusals are taken out ("not yet. actually, go ahead and make the label"). */
  yesLeft: (words: readonly string[]) => boolean;
}

/** A longer message (over 20 words, at most 60) with a plain refusal as one of its sentences, nothing asked and no yes left. */
export function longNo(message: string, words: readonly string[], reader: LongNoReader): boolean {
  if (words.length > 60 || words.includes('?')) return false;
  const sentences = message.split(/(?<=[.!;])\s+|\n+/).filter((x) => x.trim());
  if (sentences.length < 2) return false;
  return sentences.some((x) => reader.wordsOf(x).length <= 20 && reader.refuses(x)) && !reader.yesLeft(words);
}

/**
 * A "don't" whose object is a cost ("I don't want to pay shipping again", "don't wanna be charged twice", "do not
 * make me pay postage"): a worry about the price, said of the proposal, never a refusal of it. Taken out before the
 * refusals are read (core/consent `isClearNo`); the yes reader still sees the "don't", so a yes beside it is a yes on
 * a condition, which confirms nothing.
 */
const COST_WORRY =
  /\b(dont|do not)( (want|wanna|wish|need|intend|plan|fancy|like|expect))?( to)?( (be|get|getting))? (pay|paying|spend|spending|charged|charge|cough|fork|make me pay|shell)\b/g;

/** The words without the cost worries in them (`COST_WORRY`). */
export function withoutCostWorry(words: readonly string[]): string[] {
  const joined = words.join(' ');
  if (!/\b(dont|do not)\b/.test(joined)) return [...words];
  return joined.replace(COST_WORRY, ' ').split(' ').filter(Boolean);
}

/** Refusal words that are also nouns or a determiner ("at no charge", "any UPS stop"): inside a clause of a question, not a refusal. */
const ALSO_A_NOUN = new Set(['no', 'stop']);
/** Words that open a refusal inside its clause ("ok no", "oh stop"): what follows is still a refusal. */
const OPENERS = new Set('ok okay oh ah um uh hmm well so and but then yes yeah please just'.split(' '));

/**
 * The words without a refusal word used as a noun or determiner inside a question's clause ("is it sent at no charge?",
 * "any UPS stop do?", "so there is no fee?"): a question about the proposal refuses nothing, and the proposal stays
 * waiting. Only in a message that asks (`asks`, consent's reading), and only mid-clause: a word before it in its clause
 * that is no opener and a word after it ("no, why?" and "ok no, what else?" still refuse).
 */
export function withoutNounRefusals(
  message: string,
  words: readonly string[],
  asks: (words: readonly string[]) => boolean,
  wordsOf: (s: string) => string[],
): string[] {
  if (!words.some((w) => ALSO_A_NOUN.has(w)) || !asks(words)) return [...words];
  const dropped: string[] = [];
  for (const clause of message.split(/[,.;:!?\n]+|\s[-–—]\s/)) {
    const cw = wordsOf(clause).filter((w) => w !== '?');
    cw.forEach((w, i) => {
      if (ALSO_A_NOUN.has(w) && i > 0 && i < cw.length - 1 && !OPENERS.has(cw[i - 1]!)) dropped.push(w);
    });
  }
  if (!dropped.length) return [...words];
  const out = [...words];
  for (const w of dropped) out.splice(out.indexOf(w), 1);
  return out;
}
