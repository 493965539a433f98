// A message that finishes the one before it, sent cut short ("my refund for the order I cancelled, has it" … "gone
// through yet I mean. sorry"): read together with it, when alone its words say nothing the shop does.
import { classify, type ClassifyContext, type Understanding } from './classify.js';
import type { Memory } from './memory.js';

/** Words a sentence does not end on: an article, a possessive, a preposition or conjunction, a verb still waiting for its rest. */
const OPEN_ENDS = new Set([
  'the', 'a', 'an', 'my', 'your', 'our', 'their', 'its', 'of', 'for', 'with', 'about', 'from', 'to', 'at', 'and', 'or', 'but',
  'because', 'has', 'had', 'did', 'does', 'been', 'im', "i'm",
]); // prettier-ignore
/** A question's verb and its subject opening a clause, the rest not yet said ("…, has it", "is it"; not "where is it"). */
const OPEN_QUESTION =
  /(^|[,;:]\s*)(has|have|is|are|was|were|did|does|do|will|would|can|could)\s+(it|they|he|she|you|this|that|the \w+)\s*$/i;

/** The previous message stopped mid-sentence: no closing mark, its last words waiting for the rest. */
export function cutShort(message: string): boolean {
  const t = message.trim();
  if (!t || /[.!?)…]$/.test(t)) return false;
  if (/[—–-]$/.test(t) || OPEN_QUESTION.test(t)) return true;
  const last = (t.toLowerCase().match(/[\p{L}\d']+/gu) ?? []).at(-1);
  return !!last && OPEN_ENDS.has(last);
}

/** Readings that do nothing for the shopper by themselves: chat, off-topic, no answer. */
const SAYS_NOTHING = new Set(['smalltalk', 'out_of_scope', 'unanswerable', 'greeting']);

/**
 * The reading of this message as the end of the previous one, sent cut short: the two read as one, when this message alone
 * reads as nothing the shop does (or nothing sure) and together they are sure of a request. Null otherwise.
 */
export function resumedReading(text: string, mem: Memory, u: Understanding, ctx: ClassifyContext): Understanding | null {
  const prev = mem.prevUser;
  if (!prev || !cutShort(prev) || !(u.lowConfidence || SAYS_NOTHING.has(u.intent))) return null;
  const whole = classify(`${prev.trim()} ${text.trim()}`, ctx);
  return whole.lowConfidence || SAYS_NOTHING.has(whole.intent) ? null : whole;
}
