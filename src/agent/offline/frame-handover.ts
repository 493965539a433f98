// Right after a hand-over to a person, the goods the problem was about asked after again ("and while I wait for them,
// where are the bloody things actually", "any news on them?"): the shopper still wants the parcel's whereabouts, which
// the order holding the pieces named before the hand-over gives. Whether the message asks after the goods or after the
// people answering is the follow head's reading (order_fact vs person, data/nlu/follow), not a word pattern; the people
// (when someone gets back, "any news from your colleague?") stay the follow-up on the hand-over (frame-follow.ts).
import type { Draft, Reading } from './frame-answer.js';
import { classify } from './classify.js';
import { classifyFollow } from './nlu/index.js';
import { saysNotArrived } from './plan-reading.js';

/**
 * After a hand-over, the whereabouts of the goods a message before it named, asked with nothing named now: that
 * order looked up (its number when it was said, else the piece's kind, which picks it out of the list of orders).
 */
export function afterHandOver(r: Reading, d: Draft, orderNumber: string | null): string | null {
  const { mem, text } = r;
  const e = d.e;
  // (an order only remembered, not said now, gives way to the goods named before the hand-over)
  if (!mem.subject.handedOver || d.settledByState || e.orderNumbers.length || e.categoryWord) return orderNumber;
  // The goods asked after (where they are, any news of them), or their not arriving told again.
  if (classifyFollow(text).follow !== 'order_fact' && !saysNotArrived(text)) return orderNumber;
  // The goods of the problem: the newest message before the hand-over that named an order or a piece.
  const named = mem.recentUsers.map((said) => classify(said).entities).find((x) => x.orderNumbers.length || x.categoryWord);
  if (!named) return orderNumber;
  d.intent = 'order_status';
  d.settledByState = true;
  if (named.orderNumbers.length) return named.orderNumbers[0]!;
  d.e = { ...e, category: named.category, categoryWord: named.categoryWord };
  // The piece's kind picks its order out of the list, not the order last remembered.
  return null;
}
