// The part of a policy a follow-up asks, right after the previous reply answered that policy whole (Frame.policyBefore):
// "how long have I got?" after the returns policy is its window, "who pays the postage?" its cost, "and with express?"
// after the shipping policy the express line, "and in UK sizes?" after the size chart the conversion. The reply says
// that part alone, not the whole policy again. Each part is named by the words of what it is about (a table, read as
// data), never by one sentence; a message that names no part, or every part, gets the whole policy as before.
import { extractEntities } from './entities.js';
import type { Frame } from './frame.js';
import { normalize } from './normalize.js';
import { namesPlaceAbroad } from './frame-cues.js';
import { ASKS_EXCHANGE } from './phrases.js';

/** The parts of the returns policy a follow-up may ask alone. */
export type ReturnsPart = 'window' | 'cost' | 'refund' | 'how' | 'exchanges';
/** The parts of the shipping policy a follow-up may ask alone. */
export type ShippingPart = 'express' | 'standard' | 'regions' | 'tracking';

/** Money coming back: the refund, not what sending costs. */
const REFUND_WORDS = /\b(refund\w*|money|my card|credited|reimburs\w*|bank|account|get (it|that|my \w+) back)\b/i;

const RETURNS_PARTS: ReadonlyArray<readonly [ReturnsPart, RegExp]> = [
  // The shopper's time: "how long have I got", "is there a deadline", "too late after two weeks?", "how many days".
  [
    'window',
    /\b(how long (have|do|did|would|will|can)\b(?! (it|the refund|that|they|you) take)|how many days|how much time|deadline|time ?limit|too late|until when|till when|by when|last day|window|days? (left|to send|to return)|after (\d+|a|two|three|four|five|six) (days?|weeks?|months?)|still (return|send)|worn|wore|tags?|washed|tried (it|them) on|unworn|condition|sale items?|clearance|discounted)\b/i,
  ],
  // What sending it back costs the shopper: "who pays the postage?", "is it free?", "any fee?".
  ['cost', /\b(pay|pays|paying|postage|shipping|cost|costs|charge\w*|fee|fees|free|price|expensive|cover|covers|foot the bill)\b/i],
  ['refund', REFUND_WORDS],
  [
    'how',
    /\bhow (do|can|would|should|to) (i|we|you)? ?(send|post|return|ship|get|start|make|do)\b|\b(label|print\w*|drop (it|them) off|what now|then what|next step)\b/i,
  ],
  ['exchanges', ASKS_EXCHANGE],
];

const SHIPPING_PARTS: ReadonlyArray<readonly [ShippingPart, RegExp]> = [
  ['express', /\b(express|fast\w*|quick\w*|next[- ]day|overnight|tomorrow|rush\w*|speed\w*|asap|priority|sooner)\b/i],
  ['standard', /\b(standard|normal|regular|cheap\w*|slow\w*|free shipping|free delivery|threshold|minimum)\b/i],
  [
    'regions',
    /\b(ship|deliver|send|post) (to|abroad|overseas|internationally)\b|\b(abroad|overseas|international\w*|countr(y|ies)|outside (the )?(us|usa|states))\b/i,
  ],
  ['tracking', /\btrack\w*\b/i],
];

function partsOf<P extends string>(table: ReadonlyArray<readonly [P, RegExp]>, text: string): P[] {
  const found = table.filter(([, words]) => words.test(text)).map(([part]) => part);
  // Every part named is the whole policy asked again.
  return found.length === table.length ? [] : found;
}

/** Right after the policy of `topic` was answered, the parts of it this message asks; empty: the whole policy. */
function asked<P extends string>(f: Frame, topic: string, table: ReadonlyArray<readonly [P, RegExp]>): P[] {
  return f.policyBefore?.topics.includes(topic) ? partsOf(table, f.text) : [];
}

/** The parts of the returns policy a follow-up on it asks ("how long do I have?": the window; "who pays the postage?": the cost). */
export function returnsPartsAsked(f: Frame): ReturnsPart[] {
  const parts = asked(f, 'returns', RETURNS_PARTS);
  // "how long until the money's back?" asks the refund's time, not the shopper's.
  return REFUND_WORDS.test(f.text) ? parts.filter((p) => p !== 'window' || !/\bhow (long|many days|much time)\b/i.test(f.text)) : parts;
}

/** The parts of the shipping policy a follow-up on it asks ("and next day?": express; "what about to Ireland?": where it ships). */
export function shippingPartsAsked(f: Frame): ShippingPart[] {
  const parts = asked(f, 'shipping', SHIPPING_PARTS);
  if (f.policyBefore?.topics.includes('shipping') && namesPlaceAbroad(f.text) && !parts.includes('regions')) parts.push('regions');
  return parts;
}

/** A sizing question about shoes: a shoe named (the category lexicon's words) or an EU size. */
export const aboutShoes = (text: string): boolean => /\beu\b/i.test(text) || extractEntities(normalize(text)).category === 'shoes';
/** What a sizing question says of its own: a number, a measure, a piece, whose sizes. */
const OWN_SIZING_CUES = /\d|\b(dress\w*|tops?|jeans|trousers|waist|bust|chest|men'?s|mens|women'?s|womens)\b/i;

/**
 * Right after the sizing guide, a follow-up naming a size system but no number, measure or piece of its own ("and in
 * UK?", "what's that in US sizes?"): the message the guide answered, said with it, decides shoes or clothes; null when it
 * is no such follow-up.
 */
export function sizingCarriedOver(f: Frame): string | null {
  const system = /\b(uk|us|british|american)\b/i.test(f.text);
  if (!system || !f.policyBefore?.topics.includes('sizing') || OWN_SIZING_CUES.test(f.text) || aboutShoes(f.text)) return null;
  return `${f.policyBefore.asked} ${f.text}`;
}
