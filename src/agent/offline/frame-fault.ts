// After a fault told with no remedy asked ("the seams on my chinos came apart after one wash"), the reply said sorry
// and offered a return or a person (plan-service.ts complaintStep), starting nothing. The shopper's choice then
// ("send it back then", "can you send me a new pair?") is about the piece the fault was told of, unless it names another;
// an order number given alone then ("#28473") is the order that piece came in.
import { classify, type Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import { SAME_AS_BEFORE } from './frame-cues.js';
import { asks } from './focus.js';

/** Readings of a choice that go on with the faulty piece. */
const TAKES_UP: ReadonlySet<Intent> = new Set(['return', 'exchange', 'reorder', 'refund_status', 'report_problem']);
/** Readings that answer the choices in their own way (the person, a no, thanks), whatever else the words lean to. */
const OWN_ANSWER: ReadonlySet<Intent> = new Set(['human', 'deny', 'confirm', 'thanks', 'goodbye', 'greeting', 'frustrated']);
/** How likely (a probability × 10) a return or swap must be among the readings of a request to be the remedy. */
const REMEDY_AMONG = 0.5;

/** The message's request without a detail kept as it was ("…, same size?" pulls the words to the size chart). */
function requestRead(text: string): ReturnType<typeof classify> {
  const kept = text.split(/,\s*/).filter((c) => !SAME_AS_BEFORE.test(c.trim()));
  return kept.length && kept.join(', ') !== text ? classify(kept.join(', ')) : classify(text);
}

/** Readings of an order number given alone ("it was order 28473"): a sign-in's, a look-up's, or none. */
const ORDER_GIVEN: ReadonlySet<Intent> = new Set(['verify', 'order_status', 'out_of_scope', 'unanswerable']);

/** The piece the fault was told of: the latest message of the recent turns that named one. */
const pieceTold = (r: Reading) => r.mem.recentUsers.map((m) => classify(m).entities).find((e) => e.categoryWord);

export function goOnWithFault(r: Reading, d: Draft): void {
  const { mem, u, text } = r;
  if (mem.asked !== 'faultChoice' || u.entities.categoryWord) return;
  const s = requestRead(text).scores;
  // The order the faulty piece came in, given alone ("#28473", "it was order 28473"), nothing else asked: the fault told
  // with its order, as in one message ("the chinos in order 28473 arrived torn"), which asks its remedy (plan.ts
  // remedyAsked: that piece's return), never an order number not understood.
  // With no piece told yet ("the parcel came in a state"), that order is looked up: its pieces shown, to say which.
  if (u.entities.orderNumbers.length) {
    if (!(u.lowConfidence || ORDER_GIVEN.has(d.intent))) return;
    d.intent = pieceTold(r) ? 'report_problem' : 'order_status';
  }
  // "what are my options?": the choices again, for the same fault (plan.ts asReturn hears it).
  else if (d.intent === 'capabilities') d.intent = 'report_problem';
  // "can you send me a new pair then, same size?": no tool sends one, but a remedy for the piece is what it asks (a return).
  else if (!TAKES_UP.has(d.intent) && !OWN_ANSWER.has(d.intent) && asks(text) && (s.return ?? 0) + (s.exchange ?? 0) >= REMEDY_AMONG)
    d.intent = 'return';
  else if (!TAKES_UP.has(d.intent)) return;
  d.settledByState = true;
  const told = pieceTold(r);
  if (told && !d.e.categoryWord)
    d.e = { ...d.e, category: told.category, categoryWord: told.categoryWord, colour: d.e.colour ?? told.colour };
}
