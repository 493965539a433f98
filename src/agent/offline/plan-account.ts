// Plans for the shopper's own account: verification, order status, returns, reorders, loyalty
// and a hand-over to a person. A return is only ever proposed here (confirm: false); the yes
// that creates it is plan-talk.ts's.
import { classify, type Intent } from './classify.js';
import { extractEntities, type Entities } from './entities.js';
import { normalize } from './normalize.js';
import type { Frame } from './frame.js';
import type { Memory } from './memory.js';
import { ordersIn, type OrderView } from './results.js';
import type { Reply } from './voice.js';
import { call, reply, type IntentPlan, type Link, type Step } from './steps.js';
import { holdingPiece } from './replies-account.js';
import { PHRASES } from './phrases.js';
import { saysShortOrderNumber } from './plan-reading.js';
import { classifyScope } from './nlu/index.js';

/** What the person handed the chat is told the shopper asked (decide.ts gives it the whole message when it held several requests). */
export function humanReason(f: Pick<Frame, 'text'>): string {
  const text = f.text.replace(/\s+/g, ' ').trim();
  return `Shopper asked for a person: "${text.length > 200 ? `${text.slice(0, 199)}…` : text}"`;
}

function returnReason(f: Frame): string | undefined {
  const m =
    /\b(too (?:small|big|large|long|short|tight|loose)|wrong (?:size|colou?r|item)|doesn'?t fit|does not fit|damaged|faulty|broken|defective|ripped|torn|stained|has a hole|changed my mind)\b/i.exec(
      f.text,
    );
  return m ? m[1]!.toLowerCase() : undefined;
}

/**
 * The items of an order the message names ("the chinos", "the jumper"), when it names some of
 * them but not all; null means the whole order.
 */
function namedItems(order: OrderView, f: Frame): number[] | null {
  if (order.items.length < 2) return null;
  const holding = (words: string[]) => order.items.flatMap((item, i) => (words.some((w) => item.toLowerCase().includes(w)) ? [i] : []));
  const picked = [singledOutWords(f.text), askedPieceWords(f.text), pieceWords(f.e)].map(holding).find((p) => p.length) ?? [];
  return picked.length && picked.length < order.items.length ? picked : null;
}

/**
 * The pieces singled out by "only" or "just" before them, up to the clause's end: "the trousers I keep, ok? Only the
 * jumper." returns the jumper, not the piece kept named first ("I only bought the jumper…" singles out nothing).
 */
function singledOutWords(text: string): string[] {
  const clause = /\b(?:only|just)\s+((?:the|my|this|that|these|those)\s[^.?!;,]*)/i.exec(text)?.[1];
  return clause ? pieceWords(extractEntities(normalize(clause))) : [];
}

const pieceWords = (e: Entities): string[] => [e.categoryWord, e.colour, ...e.descriptors].filter((w): w is string => !!w && w.length >= 3);

/** What a sentence may ask to be done about a piece bought. */
const AFTER_SALE_READS: ReadonlySet<Intent> = new Set(['return', 'exchange', 'report_problem']);
/** How sure (a probability × 10) the reading of a sentence must be: praise is no problem told ("the chinos are wonderful"). */
const SURE = 6;

/**
 * In a message of several sentences, the words naming pieces in those the classifier reads as the
 * return (or swap, or problem) itself: "may I say how much I've enjoyed the jumper — the trousers,
 * though, don't suit me, could I send them back?" returns the trousers, not the piece praised.
 */
function askedPieceWords(text: string): string[] {
  const sentences = text.split(/(?<=[.?!;])\s+|\s+[—–]\s+/).filter((s) => /\p{L}/u.test(s));
  if (sentences.length < 2) return [];
  return sentences.flatMap((s) => {
    const u = classify(s);
    return AFTER_SALE_READS.has(u.intent) && u.score >= SURE ? pieceWords(u.entities) : [];
  });
}

/**
 * The return proposal for an order: of the items the message names if it names some (their ids
 * come from looking the order up, when the order was only seen in a list), else of every item.
 */
export function proposeReturn(
  orderNumber: string,
  order: OrderView | null,
  f: Frame,
  tools: ReadonlySet<string>,
  pending: Record<string, unknown> | null = null,
): Step {
  const reason = returnReason(f);
  const args: Record<string, unknown> = { orderNumber, confirm: false, ...(reason ? { reason } : {}) };
  // "only the jumper" for an order not looked up yet: its items first.
  if (!order && f.e.categoryWord && tools.has('lookup_order')) return call('lookup_order', { orderNumber });
  const picked = order ? namedItems(order, f) : null;
  if (order && picked) {
    let ids = picked.map((i) => order.itemIds[i]);
    if (!ids.every((id): id is string => !!id)) {
      if (tools.has('lookup_order')) return call('lookup_order', { orderNumber });
    } else {
      // "the chinos too" while the jumper's return is proposed: both (the scope head's `adds`; "the chinos instead": the chinos alone).
      const before =
        pending?.orderNumber === orderNumber && Array.isArray(pending.items) && classifyScope(f.text, ['adds', 'replaces']).scope === 'adds'
          ? pending.items.filter((x): x is string => typeof x === 'string')
          : [];
      ids = [...new Set([...before, ...ids])];
      if (ids.length < order.items.length) args.items = ids;
    }
  }
  return call('create_return_label', args);
}

/** The email and order number to verify with: this message's, else the latest the conversation gave. */
function verificationHalves(f: Frame, memory: Memory): { email: string | null; orderNumber: string | null } {
  return { email: f.e.email ?? memory.mentionedEmail, orderNumber: f.e.orderNumbers[0] ?? memory.mentionedOrder };
}

/**
 * What verification still needs. `first`: the shopper asked about their orders and has not been
 * asked yet ("track order 28473": only the email is missing, so only the email is asked for).
 */
function askMissingHalf(email: string | null, orderNumber: string | null, first: boolean): Reply {
  if (email && !orderNumber) return { kind: 'ask', body: PHRASES.askVerifyOrder };
  if (orderNumber && !email) return { kind: 'ask', body: first ? PHRASES.askVerifyEmailFor(orderNumber) : PHRASES.askVerifyEmail };
  return { kind: 'ask', body: PHRASES.askVerify };
}

/** Needs account tools the persona lacks: verification first if it is offered, else honesty. */
export function needAccount(tools: ReadonlySet<string>, memory: Memory, fallback: string, f: Frame): Step {
  if (tools.has('verify_customer') && !memory.verified) {
    // Both halves already given (an email earlier, the order number now): that is the verification.
    const { email, orderNumber } = verificationHalves(f, memory);
    if (email && orderNumber) return call('verify_customer', { email, orderNumber });
    // "its order 28" when the order number was asked for, whatever the words lean to: too short to be one (as plan-talk.ts says it).
    if (!orderNumber && (memory.asked === 'verify' || memory.asked === 'order') && saysShortOrderNumber(f.text))
      return reply({ kind: 'ask', body: PHRASES.shortOrderNumber });
    return reply(askMissingHalf(email, orderNumber, true));
  }
  return reply({ kind: 'fact', body: `${fallback} ${tools.has('escalate_to_human') ? PHRASES.humanOffer : ''}`.trim() });
}

/** Asks for the orders as a whole ("show my orders", "what have I ordered?", "my order history"), not for one of them: the scope head's `all`. */
const asksWholeList = (text: string): boolean => classifyScope(text, ['all', 'one']).scope === 'all';

/**
 * The order asked about, or the list. An order the conversation points at (the one verified with, the one shown) does
 * not answer a question about the orders as a whole: the list does, which to a shopper verified in chat also says how
 * to reach the orders not yet proven (tools/results.ts SCOPED_NOTE).
 */
const planOrderStatus: IntentPlan = ({ f, memory, tools }) => {
  if (!tools.has('lookup_order')) return needAccount(tools, memory, PHRASES.noOrdersTool, f);
  const wholeList = !f.e.orderNumbers.length && f.e.ordinal === null && !f.e.categoryWord && asksWholeList(f.text);
  return call('lookup_order', f.orderNumber && !wholeList ? { orderNumber: f.orderNumber } : {});
};

const planReturn: IntentPlan = ({ f, memory, tools }) => {
  if (!tools.has('create_return_label')) {
    if (tools.has('lookup_order') || f.orderNumber || (tools.has('verify_customer') && !memory.verified))
      return needAccount(tools, memory, PHRASES.noReturnsTool, f);
    return tools.has('store_policy') ? call('store_policy', { topic: 'returns' }) : needAccount(tools, memory, PHRASES.noReturnsTool, f);
  }
  if (f.orderNumber)
    return proposeReturn(f.orderNumber, memory.orders.find((o) => o.orderNumber === f.orderNumber) ?? null, f, tools, memory.pendingReturn);
  return tools.has('lookup_order')
    ? call('lookup_order', {})
    : reply({ kind: 'ask', body: 'Which order would you like to return? Please tell me the order number.' });
};

const planReorder: IntentPlan = ({ f, memory, tools }) => {
  if (!tools.has('reorder')) return needAccount(tools, memory, "I'm not able to reorder from this chat.", f);
  if (f.orderNumber) return call('reorder', { orderNumber: f.orderNumber });
  return tools.has('lookup_order')
    ? call('lookup_order', {})
    : reply({ kind: 'ask', body: 'Which order would you like again? Please tell me the order number.' });
};

const planLoyalty: IntentPlan = ({ memory, tools }) => {
  if (tools.has('loyalty_status')) return call('loyalty_status', {});
  if (tools.has('verify_customer') && !memory.verified && tools.has('store_policy')) return call('store_policy', { topic: 'general' });
  return tools.has('store_policy') ? call('store_policy', { topic: 'general' }) : reply({ kind: 'fact', body: PHRASES.notAllowed });
};

const planHuman: IntentPlan = ({ f, tools }) => {
  if (tools.has('escalate_to_human')) return call('escalate_to_human', { reason: humanReason(f) });
  return reply({ kind: 'fact', body: PHRASES.humanUnavailable });
};

const planVerify: IntentPlan = ({ f, memory, tools }) => {
  // Not offered to a shopper who is signed in already: no switching accounts. An email and an order
  // number from them ask about that order (the tool shows it only if it is theirs).
  if (!tools.has('verify_customer')) {
    const n = f.orderNumber ?? f.e.orderNumbers[0];
    return n && tools.has('lookup_order') ? call('lookup_order', { orderNumber: n }) : reply({ kind: 'fact', body: PHRASES.noVerify });
  }
  // After "couldn't match", a new email alone retries with the order number given before.
  const { email, orderNumber } = verificationHalves(f, memory);
  if (email && orderNumber) return call('verify_customer', { email, orderNumber });
  return reply(askMissingHalf(email, orderNumber, false));
};

export const ACCOUNT_PLANS = {
  order_status: planOrderStatus,
  return: planReturn,
  reorder: planReorder,
  loyalty: planLoyalty,
  human: planHuman,
  verify: planVerify,
} satisfies Record<string, IntentPlan>;

// "is it too late to send the sneakers back?": the orders listed, the one holding the piece looked up (its items and labels).
export const pieceInOrders: Link = ({ f, tools, done }) => {
  if (!f.stillReturnable || !tools.has('lookup_order') || done.some((d) => d.name === 'lookup_order' && 'orderNumber' in d.args))
    return null;
  const list = done.find((d) => d.name === 'lookup_order' && d.result?.ok && !('orderNumber' in d.args));
  const holding = list ? holdingPiece(ordersIn(list), f.e) : [];
  return holding.length === 1 ? call('lookup_order', { orderNumber: holding[0]!.orderNumber }) : { kind: 'compose' };
};
