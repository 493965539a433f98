// The part of a policy a follow-up asks, right after the previous reply answered that policy whole (Frame.policyBefore):
// "how long have I got?" after the returns policy is its window, "who pays the postage?" its cost, "and with express?"
// after the shipping policy the express line, "and in UK sizes?" after the size chart the conversion. The reply says
// that part alone, not the whole policy again. The part is read by the learned part head (nlu/, trained from
// data/nlu/policy-parts), only that policy's parts and `none` competing; a message asking none of them alone, or every
// part, gets the whole policy as before. Each piece of a message asking two things ("how long have I got, and what
// does it cost?"), and each two-word phrase of it ("does next day come with a tracking number?"), is read on its own
// too, so both parts are said.
import { extractEntities } from './entities.js';
import type { Frame } from './frame.js';
import { normalize } from './normalize.js';
import { namesPlaceAbroad } from './frame-cues.js';
import { pieces } from './multi-cut.js';
import { classifyPart, type Part, type PartPrediction } from './nlu/index.js';
import { sizeSystemOf } from './frame-size-system.js';

/** The parts of the returns policy a follow-up may ask alone. */
export type ReturnsPart = Extract<Part, 'window' | 'cost' | 'refund' | 'how' | 'exchanges'>;
/** The parts of the shipping policy a follow-up may ask alone. */
export type ShippingPart = Extract<Part, 'express' | 'standard' | 'regions' | 'tracking'>;

const RETURNS_PARTS: readonly ReturnsPart[] = ['window', 'cost', 'refund', 'how', 'exchanges'];
const SHIPPING_PARTS: readonly ShippingPart[] = ['express', 'standard', 'regions', 'tracking'];

/** How sure the part head must be of a piece of a message asking two things for that piece's part to be said too. */
const PIECE_FLOOR = 0.5;
/** How sure the part head must be of a two-word phrase ("next day", "tracking number") for its part to be said too… */
const PHRASE_SURE = 0.9;
/** …when the whole message leaves that part at least this share (a phrase the message as a whole rules out names nothing). */
const PHRASE_FLOOR = 0.05;

/**
 * The parts two-word phrases of the message name, read on their own: one clause can ask two parts ("does next day
 * come with a tracking number?": express and tracking) where the head, reading it whole, gives one part nearly all.
 */
function phraseParts<P extends Part>(text: string, among: readonly P[], whole: PartPrediction<P>): P[] {
  const words = text.split(/[^\p{L}\p{N}']+/u).filter(Boolean);
  const phrases = words.slice(1).map((w, i) => `${words[i]} ${w}`);
  return phrases.flatMap((p) => {
    const read = classifyPart(p, among);
    return read.part !== 'none' && read.confidence >= PHRASE_SURE && whole.probabilities[read.part] >= PHRASE_FLOOR ? [read.part] : [];
  });
}

/**
 * The parts of `among` the message asks: the whole message's reading, each of its pieces' and its phrases'; none when it
 * asks the whole.
 */
export function partsOf<P extends Part>(text: string, among: readonly P[]): P[] {
  const whole = classifyPart(text, among);
  if (whole.part === 'none') return [];
  const cut = pieces(text);
  // A piece read alone has lost what the message said before it ("is express tracked, and how much is it?"): only a clear reading counts.
  const each =
    cut.length > 1 ? cut.map((p) => classifyPart(p.text, among)).flatMap((r) => (r.confidence >= PIECE_FLOOR ? [r.part] : [])) : [];
  const found = [...new Set([whole.part, ...each, ...phraseParts(text, among, whole)])].filter((p): p is P => p !== 'none');
  // Every part named is the whole policy asked again.
  return found.length === among.length ? [] : found;
}

/** The parts each policy's follow-ups may ask alone. */
const POLICY_PARTS = { returns: RETURNS_PARTS, shipping: SHIPPING_PARTS } as const;
/** How sure the part head must be of one part for the words' own reading to give way to the policy just answered. */
const SURE_PART = 0.8;

/**
 * Right after the policies of `topics` were answered, the one whose part the message asks, the part head sure of it
 * ("do I get a tracking number?" after the shipping policy, "how long i got" after the returns one); null when it reads
 * none of their parts surely. For the dialogue (frame-policy-follow.ts): a follow-up the words misread stays on the policy.
 */
export function policyPartAsked(topics: readonly string[], text: string): { topic: keyof typeof POLICY_PARTS; part: Part } | null {
  for (const topic of ['returns', 'shipping'] as const) {
    if (!topics.includes(topic)) continue;
    const read = classifyPart(text, POLICY_PARTS[topic]);
    if (read.part !== 'none' && read.confidence >= SURE_PART) return { topic, part: read.part };
  }
  return null;
}

/** Right after the policy of `topic` was answered, the parts of it this message asks; empty: the whole policy. */
function asked<P extends Part>(f: Frame, topic: string, among: readonly P[]): P[] {
  return f.policyBefore?.topics.includes(topic) ? partsOf(f.text, among) : [];
}

/** The parts of the returns policy a follow-up on it asks ("how long do I have?": the window; "who pays the postage?": the cost). */
export function returnsPartsAsked(f: Frame): ReturnsPart[] {
  return asked(f, 'returns', RETURNS_PARTS);
}

/** The parts of the shipping policy a follow-up on it asks ("and next day?": express; "what about to Ireland?": where it ships). */
export function shippingPartsAsked(f: Frame): ShippingPart[] {
  const parts = asked(f, 'shipping', SHIPPING_PARTS);
  // A place abroad named is where it ships, whatever else is asked (the places are the lexicon's, not the head's).
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
  const system = sizeSystemOf(f.text)?.system;
  if (
    !(system === 'UK' || system === 'US') ||
    !f.policyBefore?.topics.includes('sizing') ||
    OWN_SIZING_CUES.test(f.text) ||
    aboutShoes(f.text)
  )
    return null;
  return `${f.policyBefore.asked} ${f.text}`;
}
