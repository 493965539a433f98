// A size said in the US or UK system ("a US 10", "UK size 6", "size 10 uk"): the catalog's sizes are EU and letters,
// so the turn asks which of ours it is (frame.ts). sizeSystemOf is the one reading of a size system in a message, for
// this turn and for the sizing guide's replies (replies-policy.ts, replies-policy-parts.ts).
import type { Draft } from './frame-answer.js';

export type SizeSystem = 'UK' | 'US' | 'EU';
/** A size system named, with the size said in it when one is ("a US 10": 10; "and in UK?": null). */
export interface SizeInSystem {
  system: SizeSystem;
  size: number | null;
}

const SYSTEM_WORDS: Readonly<Record<string, SizeSystem>> = { uk: 'UK', british: 'UK', us: 'US', american: 'US', eu: 'EU', european: 'EU' };
// A letter before a system word makes it another word ("bus", "plus"); a number may touch it ("10uk").
const SYSTEM = /(?<![a-z])(uk|british|us|american|eu|european)\b/gi;
const NUMBER = String.raw`(\d{1,2}(?:\.5)?)(?!\d)`;
/** The size after the system: "US 10", "UK size 6", "US women's 8", "us size women's 7.5". */
const SIZE_AFTER = new RegExp(String.raw`^\s*(?:(?:(?:wo)?men'?s|womens|mens|ladies|size)\s*){0,2}${NUMBER}`, 'i');
/** The size before it: "10 UK", "size 10 uk", "8.5us". */
const SIZE_BEFORE = new RegExp(String.raw`(?<![\d.])${NUMBER}\s*$`, 'i');
/** Where a lower-case "us" is the system, not "send us 2": sizes named after it, or a word before it that names a thing. */
const US_SIZES_AFTER = /^\s*(?:sizes?|sizing|(?:wo)?men'?s|womens|mens|ladies|shoe)\b/i;
const US_NAMED_BEFORE = /(?:^|\b(?:in|a|an|the|im|i'?m|am|wear|wearing|size)\s+|\d\s*)$/i;

/**
 * The size system a message names (UK or British, US or American, EU or European) and the size said in it: the first
 * mention with a size, else the first mention; null when none is named. "US" in capitals is always the system; "us" in
 * lower case only where it names sizes ("a us 10", "in us?", "us sizes"), never the pronoun ("can you send us 2").
 */
export function sizeSystemOf(text: string): SizeInSystem | null {
  const found: SizeInSystem[] = [];
  for (const m of text.matchAll(SYSTEM)) {
    const word = m[1]!;
    const [before, after] = [text.slice(0, m.index), text.slice(m.index + word.length)];
    if (word.toLowerCase() === 'us' && word !== 'US' && !US_SIZES_AFTER.test(after) && !US_NAMED_BEFORE.test(before)) continue;
    const said = SIZE_AFTER.exec(after)?.[1] ?? SIZE_BEFORE.exec(before)?.[1];
    found.push({ system: SYSTEM_WORDS[word.toLowerCase()]!, size: said === undefined ? null : Number(said) });
  }
  return found.find((s) => s.size !== null) ?? found[0] ?? null;
}

/**
 * "I'm a US 10 in sneakers": which of ours it is (the sizing guide), not stock. A search said with one ("a black dress,
 * size 10 UK") still wants the pieces: they are found in every size, and the sizing guide says which of ours it is beside them.
 */
export function sizeInAnotherSystem(d: Draft, text: string): void {
  const said = sizeSystemOf(text);
  if (!(d.intent === 'search' || d.intent === 'add_to_cart' || d.intent === 'stock') || !said || said.system === 'EU' || said.size === null)
    return;
  if (d.intent === 'search' && !d.alsoPolicy) [d.e, d.alsoPolicy] = [{ ...d.e, size: null }, 'sizing'];
  else d.intent = 'policy_sizing';
}
