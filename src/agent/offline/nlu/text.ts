// Shopper text → tokens the classifier sees. The same message typed a dozen ways ("Where's my
// ORDER #28473??", "wheres my order 28473", "whére’s my orderrr") must land on the same tokens, and
// values the corpus cannot enumerate (order numbers, prices, emails) become class tokens so the
// classifier learns "an order number was given" rather than one particular number.
import { correctTypo, splitJoined, type Vocabulary } from './repair.js';

// Curly quotes, primes and accents typed as apostrophes.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u00B4`]/g;

const CONTRACTIONS: Array<[RegExp, string]> = [
  [/\bwon't\b/g, 'will not'],
  [/\bcan't\b/g, 'can not'],
  [/\bshan't\b/g, 'shall not'],
  [/\bain't\b/g, 'is not'],
  [/n't\b/g, ' not'],
  [/'m\b/g, ' am'],
  [/'re\b/g, ' are'],
  [/'ll\b/g, ' will'],
  [/'ve\b/g, ' have'],
  [/'d\b/g, ' would'],
  [/\blet's\b/g, 'let us'],
  [/\b(it|that|what|where|there|here|who|how|he|she|when|why|this)'s\b/g, '$1 is'],
  // What is left is a possessive ("my sister's birthday"): the owner is what matters.
  [/'s\b/g, ''],
  [/'/g, ''],
];

// Contractions typed without the apostrophe, and chat shorthand. Only unambiguous forms: "its",
// "ill", "id", "were" and "lets" are real words and stay as they are.
const SHORTHAND: Record<string, string> = {
  dont: 'do not',
  doesnt: 'does not',
  didnt: 'did not',
  cant: 'can not',
  cannot: 'can not',
  wont: 'will not',
  isnt: 'is not',
  arent: 'are not',
  wasnt: 'was not',
  werent: 'were not',
  havent: 'have not',
  hasnt: 'has not',
  hadnt: 'had not',
  couldnt: 'could not',
  wouldnt: 'would not',
  shouldnt: 'should not',
  im: 'i am',
  ive: 'i have',
  youre: 'you are',
  youve: 'you have',
  youll: 'you will',
  theyre: 'they are',
  whats: 'what is',
  wheres: 'where is',
  thats: 'that is',
  hows: 'how is',
  whos: 'who is',
  u: 'you',
  ur: 'your',
  pls: 'please',
  plz: 'please',
  thx: 'thanks',
  thnx: 'thanks',
  tks: 'thanks',
  wanna: 'want to',
  gonna: 'going to',
  gotta: 'got to',
  dunno: 'do not know',
  gimme: 'give me',
  lemme: 'let me',
};

/**
 * A template placeholder left unfilled ("track order {{Order Number}}", "in size {{Size}}"): the
 * value it stands for as a class token, so the rest of the sentence decides what is asked. What it
 * names tells the kind of value; one that names none of these is a neutral slot the model has no
 * weight for.
 */
export function placeholderClass(name: string): string {
  const n = name.toLowerCase().replace(/[_-]+/g, ' ');
  if (/e ?mail/.test(n)) return '<email>';
  if (/phone|name|size|colou?r|product|item|address|city|country|website|url|link|hours|person|agent/.test(n)) return '<slot>';
  if (/tracking|waybill|consignment|shipment|parcel/.test(n)) return '<code>';
  if (/order|invoice|reference|purchase|receipt/.test(n) || /^(?:id|number|no|#)$/.test(n.trim())) return '<order_number>';
  if (/date|day|time/.test(n)) return '<date>';
  if (/price|amount|total|cost|money|refund|sum/.test(n)) return '<price>';
  return '<slot>';
}

/** "{{Order Number}}", "{{ order_id }}", "[[Size]]": a placeholder a template left in the text. */
export const PLACEHOLDER = /\{\{\s*([^{}]{1,40}?)\s*\}\}|\[\[\s*([^[\]]{1,40}?)\s*\]\]/g;

const LATIN_LETTERS: Record<string, string> = { ß: 'ss', æ: 'ae', œ: 'oe', ø: 'o', ł: 'l', đ: 'd' };

const ORDINALS: Record<string, string> = { '1st': 'first', '2nd': 'second', '3rd': 'third', '4th': 'fourth', '5th': 'fifth' };

const CURRENCY_WORDS = 'usd|eur|gbp|dollars?|bucks|quid|pounds?|euros?';
const PRICE = new RegExp(`[$£€]\\s?\\d+(?:[.,]\\d+)?k?|\\b\\d+(?:[.,]\\d+)?\\s?(?:[$£€]|(?:${CURRENCY_WORDS})\\b)`, 'g');

// Order matters: an email or a URL contains digits and dots that later rules would split.
const CLASS_RULES: Array<[RegExp, string | ((match: string) => string)]> = [
  [/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g, ' <email> '],
  [/\b(?:https?:\/\/|www\.)\S+/g, ' <url> '],
  [PRICE, ' <price> '],
  [/\b\d+[.,]\d\d\b/g, ' <price> '],
  [/\b\d+(?:[.,]\d+)?\s?%/g, ' <percent> '],
  [/\b\d{1,2}(?::\d\d)?\s?(?:am|pm)\b|\b\d{1,2}:\d\d\b/g, ' <time> '],
  // Day and month both ≤ 31: "12/05" is a date, "38/39" is two shoe sizes.
  [/\b\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?\b/g, (m) => (m.split(/[/.]/, 2).every((n) => Number(n) <= 31) ? ' <date> ' : m)],
  [/\b(?:1st|2nd|3rd|4th|5th)\b/g, (m) => ` ${ORDINALS[m] ?? m} `],
  [/\b\d+(?:st|nd|rd|th)\b/g, ' <ordinal> '],
];

/** One number's class: what kind of value it is, never the value itself. */
function numberToken(digits: string): string {
  if (digits.length === 5) return '<order_number>';
  if (digits.length >= 6) return '<long_number>';
  return `<num${digits.length}>`;
}

/** A letters-and-digits run: a tracking or discount code when long, otherwise kept (sizes like "2xl"). */
function mixedToken(tok: string): string {
  return tok.length >= 6 ? '<code>' : tok;
}

// Text emoticons become tokens; pictographic emoji are kept as they are (each one a token: 😡 and
// 😂 say different things).
function emoticonTokens(text: string): string {
  return text.replace(/(?:^|\s)[:;=]-?[)\]dp](?=\s|$)/g, ' <smile> ').replace(/(?:^|\s)[:;=]-?[([/](?=\s|$)/g, ' <frown> ');
}

/** Lowercase, NFKC, accents off, apostrophes and contractions normalised, class tokens in. */
export function normalizeText(text: string): string {
  let t = text.normalize('NFKC').toLowerCase().replace(APOSTROPHES, "'");
  t = t.normalize('NFD').replace(/\p{M}/gu, '');
  // Latin letters that carry no separate accent to strip.
  t = t.replace(/[ßæœøłđ]/g, (c) => LATIN_LETTERS[c] ?? c);
  // Angle brackets are ours (class tokens): a shopper typing "<email>" gets no special meaning.
  // An emoji's gender or skin-tone variant ("🙅‍♀️") means what its base does.
  t = emoticonTokens(t.replace(/[<>]/g, ' ').replace(/\u200d\p{Extended_Pictographic}/gu, ''));
  t = t.replace(PLACEHOLDER, (_m, a?: string, b?: string) => ` ${placeholderClass(a ?? b ?? '')} `);
  for (const [re, to] of CONTRACTIONS) t = t.replace(re, to);
  for (const [re, to] of CLASS_RULES) t = typeof to === 'string' ? t.replace(re, to) : t.replace(re, to);
  // "t-shirt", "e-mail", "re-order": one word however it is hyphenated.
  t = t.replace(/\b([a-z]+)-(?=[a-z])/g, '$1');
  // "sooooo" and "so" stay apart ("soo"), but every long run reads the same.
  return t.replace(/([a-z])\1{2,}/g, '$1$1');
}

const TOKEN = /<[a-z_0-9]+>|[a-z0-9]+|\?|\p{Extended_Pictographic}|\p{L}+/gu;

/** Shorthand and contractions typed without an apostrophe ("wheres", "dont"): known words to a vocabulary. */
export const SHORTHAND_WORDS: readonly string[] = Object.keys(SHORTHAND);

function expandShorthand(tok: string, out: string[]): void {
  const expanded = SHORTHAND[tok];
  if (expanded) out.push(...expanded.split(' '));
  else out.push(tok);
}

/**
 * Tokens with the words a vocabulary does not know repaired (see repair.ts): run-together words
 * split ("howdoiorder" → how do i order, "wheresmy" → where is my), typos one edit from a known
 * word corrected. Known words, class tokens and anything unclear are left as they are.
 */
export function repairTokens(tokens: readonly string[], vocab: Vocabulary): string[] {
  const out: string[] = [];
  for (const tok of tokens) {
    if (!/^[a-z]+$/.test(tok)) {
      out.push(tok);
      continue;
    }
    const pieces = vocab.has(tok) ? null : splitJoined(tok, vocab);
    if (pieces) for (const p of pieces) expandShorthand(p, out);
    else expandShorthand(correctTypo(tok, vocab) ?? tok, out);
  }
  return out;
}

/** The message as classifier tokens: words, class tokens, emoji and "?" (a question reads differently). */
export function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const m of normalizeText(text).matchAll(TOKEN)) {
    const tok = m[0];
    // Another script: which word it is cannot be learnt from an English corpus, that it is one can.
    if (/^\p{L}/u.test(tok) && !/^[a-z]/.test(tok)) out.push('<foreign>');
    else if (!/^[a-z0-9]/.test(tok)) {
      // "??" is one question.
      if (tok !== '?' || out[out.length - 1] !== '?') out.push(tok);
    } else if (/^\d+$/.test(tok)) out.push(numberToken(tok));
    else if (/\d/.test(tok)) out.push(mixedToken(tok));
    else expandShorthand(tok, out);
  }
  return out;
}
