// A turn that is only courtesy (frame.ts settleIntent): thanks, a goodbye, a good wish or a pleasantry said back, read by
// the act head, whatever the intent head guessed from its words. Courtesy asks for nothing, so it is never declined as
// off-topic, never a search and never a question back: it gets the pleasantry it leans to.
import type { Intent } from './classify.js';
import type { Draft, Reading } from './frame-answer.js';
import type { Memory } from './memory.js';
import { onlyCourtesy } from './frame-cues.js';
import { classifyAct } from './nlu/index.js';
import { unreadable } from './unreadable.js';
import { isClearYes } from '../../core/index.js';

/** Pleasantries a courtesy the words are unsure of leans to. */
const PLEASANTRIES: ReadonlySet<Intent> = new Set(['thanks', 'goodbye', 'greeting']);
/**
 * Readings a good wish is mistaken for, which would decline it, search for its words or say what the assistant does: the
 * only ones a courtesy replaces. An action ("remove it", which the act head may call courtesy) keeps its reading.
 */
const WISH_MISREADS: ReadonlySet<Intent> = new Set([
  'out_of_scope',
  'unanswerable',
  'search',
  'recommend',
  'policy_general',
  'capabilities',
]);
/** Feelings read from the whole message: a person is offered, never a pleasantry (plan-service). */
const FEELINGS: ReadonlySet<Intent> = new Set(['human', 'complaint', 'frustrated']);
/** A courtesy is short: a longer message with courtesy in it still asks its request. */
const MAX_WORDS = 6;
/** How sure the act head must be of courtesy for a longer message read as off-topic. */
const SURE_COURTESY = 0.9;
const BYE = /\b(bye|goodbye|ciao|adios|see you)\b/i;
const THANKS = /\b(thanks?|thx|ty|gracias|merci|danke|cheers)\b/i;
/** The shopper's own plan ("I'll…", "I might…"), put off to later: nothing to do for it now. */
const SELF_PLAN = /\b(i'?ll|i will|i may|i might|i'?m going to|i'?m gonna)\b/i;
const LATER =
  /\b(later( on)?|another (time|day)|some other time|tomorrow|next (week|month)|at some point|one of these days|when i (get|have) (a |the )?(chance|time|minute))\b/i;

/**
 * "ok, gracias, bye" is a goodbye, not a yes to what was offered (a clear yes stays one); "enjoy your weekend", "merry
 * xmas to the team" after an answer close the chat, whatever topic their words brush ("weekend", "team"). A few words,
 * no question, nothing named; or thanks beside a plan of the shopper's own for later (`plansLater`).
 */
export function courtesyTurn(r: Reading, d: Draft): void {
  const { text, mem, u } = r;
  const e = d.e;
  if (plansLater(r, d)) {
    d.intent = BYE.test(text) ? 'goodbye' : 'thanks';
    d.settledByState = true;
    return;
  }
  const courtesyOnly =
    !/\?/.test(text) &&
    ((text.match(/[\p{L}\d]+/gu) ?? []).length <= MAX_WORDS || wishedOffTopic(r, d)) &&
    !e.orderNumbers.length &&
    !e.email &&
    !e.category &&
    !FEELINGS.has(d.intent);
  if (!courtesyOnly || !onlyCourtesy(text) || isClearYes(text)) return;
  if (BYE.test(text)) d.intent = 'goodbye';
  else if (THANKS.test(text)) d.intent = 'thanks';
  else if (!acknowledged(r, d) && !mem.firstTurn && !awaitsAnswer(mem) && misreadWish(d) && !unreadable(text)) {
    // A good wish or a pleasantry after the assistant said something, read as a topic ("enjoy your weekend" as
    // off-topic, "happy new year" as a search): the chat closing, thanks where the words lean to thanks.
    d.intent = (u.scores.thanks ?? -Infinity) > (u.scores.goodbye ?? -Infinity) ? 'thanks' : 'goodbye';
    d.settledByState = true;
  }
}

/**
 * A longer good wish the words read as off-topic ("hope the weather is nice where you are"): a refusal is the worst answer
 * to courtesy, so one the act head is sure of (SURE_COURTESY) is courtesy at any length, still with no question.
 */
const wishedOffTopic = ({ text }: Reading, d: Draft): boolean =>
  d.intent === 'out_of_scope' && (classifyAct(text).probabilities.courtesy ?? 0) >= SURE_COURTESY;

/**
 * "cheers, I'll return the jumper at some point next week", "thanks. I'll cancel the other order tomorrow maybe": thanks
 * or a goodbye beside the shopper's own plan for later, no question: the chat closing, nothing looked up or proposed
 * for a plan not asked of the assistant. A feeling or a problem told still gets its answer.
 */
function plansLater({ text, mem }: Reading, d: Draft): boolean {
  if (mem.firstTurn || awaitsAnswer(mem) || /\?/.test(text) || FEELINGS.has(d.intent) || d.intent === 'report_problem') return false;
  return (BYE.test(text) || THANKS.test(text)) && SELF_PLAN.test(text) && LATER.test(text);
}

/** A reading a good wish is mistaken for, naming no piece (a colour or size is a piece sought). */
const misreadWish = (d: Draft): boolean => WISH_MISREADS.has(d.intent) && !d.e.colour && d.e.size === null && !d.product;

/** An answer is awaited ("which order?", a proposal): what is said is read as that answer, never as courtesy. */
const awaitsAnswer = (mem: Memory): boolean => !!(mem.asked || mem.pendingReturn || mem.pendingAction);

/**
 * Only courtesy, in words the model is unsure of ("10-4, good buddy", "right you are, squire") after the assistant
 * said something: the pleasantry the words lean to, a hello said back as an acknowledgement (thanks), never off-topic.
 */
function acknowledged(r: Reading, d: Draft): boolean {
  const { mem, u } = r;
  if (mem.firstTurn || awaitsAnswer(mem) || !u.lowConfidence || d.intent !== u.intent) return false;
  // Nothing readable ("asdfgh", "lol", "?") is no courtesy either: it is asked again (plan-guards).
  if (unreadable(r.text)) return false;
  const lean = [u.intent, ...u.alternatives].find((i) => i !== 'out_of_scope' && i !== 'unanswerable');
  if (!lean || !PLEASANTRIES.has(lean)) return false;
  d.intent = lean === 'goodbye' ? 'goodbye' : 'thanks';
  d.settledByState = true;
  return true;
}
