// Unsure of a turn: when the words leave the intent unclear and nothing in the conversation settles it,
// the likely intents for a clarifying question; a feeling (frustration, a complaint) is never unsure.
import type { Intent } from './classify.js';
import type { Memory } from './memory.js';
import type { Draft, Reading } from './frame-answer.js';

const FEELINGS: ReadonlySet<Intent> = new Set(['frustrated', 'complaint']);

/**
 * Unsure of the words, but their likeliest reading (off-topic aside) is frustration or a complaint:
 * that one; in a first message, before the assistant said anything to be frustrated with, a complaint.
 */
export function feltUnsure(u: Reading['u'], mem: Memory): Intent | null {
  if (!u.lowConfidence) return null;
  const first = [u.intent, ...u.alternatives].find((i) => i !== 'out_of_scope' && i !== 'unanswerable');
  if (!first || !FEELINGS.has(first)) return null;
  return first === 'frustrated' && mem.firstTurn ? 'complaint' : first;
}

/** Unsure only when the words were unclear and nothing in the conversation decided it instead: the likely intents. */
export function unsureOf(r: Reading, d: Draft): Intent[] | null {
  const { mem, u } = r;
  const e = d.e;
  const settled =
    d.settledByState ||
    (d.intent !== u.intent && d.intent !== 'out_of_scope') ||
    // A size or "the second one" settles a guess only about something shown or asked.
    ((e.size !== null || e.ordinal !== null) && (mem.products.length > 0 || mem.asked !== null || d.product !== null)) ||
    e.orderNumbers.length > 0 ||
    e.email !== null ||
    // "it" settles nothing when nothing was shown for it to point at (a first message: "what's going on with it?").
    (e.pronoun && (mem.products.length > 0 || mem.orders.length > 0 || !!mem.cart?.length)) ||
    mem.asked !== null ||
    mem.pendingReturn !== null ||
    mem.offeredHuman ||
    d.product !== null;
  return u.lowConfidence && !settled && !feltUnsure(u, mem)
    ? // Best first; the question names the first three it can put into words (plan-service.ts's clarify), so the
      // readings beyond the top few count too: "i have an issue" leans to a goodbye and small talk, which no
      // question names, before a complaint and a problem with an item, which it does.
      likely(u).filter((i) => i !== 'out_of_scope' && i !== 'unanswerable')
    : null;
}

/** A reading at least this likely (a probability × 10) may be named in a clarifying question. */
const NAMEABLE = 0.3;

/** The intents the words may mean, likeliest first: the reading itself, then every other above NAMEABLE. */
function likely(u: Reading['u']): Intent[] {
  const others = (Object.entries(u.scores) as Array<[Intent, number]>)
    .filter(([i, score]) => i !== u.intent && score >= NAMEABLE)
    .sort((a, b) => b[1] - a[1])
    .map(([i]) => i);
  return [u.intent, ...(others.length ? others : u.alternatives)];
}
