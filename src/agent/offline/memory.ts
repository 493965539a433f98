// What earlier turns left behind that the next message may refer to: the products and orders
// shown, a return proposal awaiting yes/no, a question the assistant asked, a human offer.
import type { Exchange, Turn } from './conversation.js';
import {
  isProposal,
  lastCartLines,
  lastShownOrders,
  lastShownProducts,
  mySizeUsed,
  proposalIn,
  type CartLineView,
  type OrderView,
  type ProductView,
} from './results.js';
import { ASK_MARKERS, type Ask } from './phrases.js';
import { subjectOf, type Subject } from './subject.js';
import { classify } from './classify.js';
import { ACTION_ECHO, isClearNo } from '../../core/index.js';

export interface Memory {
  products: ProductView[];
  /** The last list of products shown (a search, picks): "the second one" after a product's details still means that list. */
  listed: ProductView[];
  orders: OrderView[];
  /** The latest full list of the shopper's orders (newest first), if one is in view. */
  orderList: OrderView[];
  /** Arguments of a return label proposed in a recent turn, still awaiting the shopper's answer. */
  pendingReturn: Record<string, unknown> | null;
  /** Another action proposed and waiting for a yes (a cancellation, a new address, an exchange, a report). */
  /** `sends`: of a swap, the pieces it sends back as proposed ("Navy Merino Crew-Neck Jumper (L)"). */
  pendingAction: { name: string; args: Record<string, unknown>; action: string; sends?: string[] } | null;
  /** The swap the previous turn asked for and the tool refused (sold out, no such colour): "olive in S then?" retries it. */
  refusedSwap: Record<string, unknown> | null;
  /** Every action proposed in the recent turns (replaced by a newer one or not), oldest first: "proceed with the cancellation" may name one. */
  proposals: Array<{ name: string; args: Record<string, unknown> }>;
  /** How many turns ago it was proposed (1 = the previous turn). */
  pendingAge: number;
  /** The order number talked about most recently (a tool argument or the shopper's words). */
  mentionedOrder: string | null;
  /** The email address the shopper gave most recently (to verify): a retry may change only the other half. */
  mentionedEmail: string | null;
  offeredHuman: boolean;
  /** What the previous reply asked the shopper for. */
  asked: Ask | null;
  /** The order the previous reply offered to look up ("Shall I look up order #28473 for you?"). */
  offeredOrder: string | null;
  /** The order the previous reply offered to start a return for, after saying until when a piece of it can go back. */
  offeredReturn: string | null;
  /** The shopper message verification was asked for ("where is my order?" before the email, then the order number; failed attempts in between). */
  verifyFor: string | null;
  /** The previous turn's verification failed ("couldn't match"): an email or number now retries it, for the request before. */
  verifyFailed: boolean;
  /** With a lookup offered after verifying: the request the shopper made before it, which a yes goes on with. */
  lookupFor: string | null;
  /** The previous shopper message, and the reply it got. */
  prevUser: string | null;
  /** The shopper's messages of the recent turns, newest first (the request a narrowing to one piece goes on with). */
  recentUsers: string[];
  prevReply: string;
  /** Every earlier reply the conversation still shows, so a line said once is not said again. */
  earlierReplies: string;
  /** No earlier turn in this conversation (the reply may open with the persona's greeting). */
  firstTurn: boolean;
  /** A verification succeeded earlier in this conversation. */
  verified: boolean;
  /** The email of the latest verification that succeeded: another order is proven with it (chat verification opens only the orders named). */
  verifiedEmail: string | null;
  /** The arguments of the latest product search in view, which "what about in blue?" narrows and "more" pages. */
  lastSearch: Record<string, unknown> | null;
  /** The cart lines the latest cart result showed (null: none in the recent turns). */
  cart: CartLineView[] | null;
  /** What the previous turn put in the cart ("add 2 more" means more of it). */
  lastAdded: { productId: string; size: string } | null;
  /** What the previous reply was about (its policy topics, the order, refund or return it showed, a hand-over). */
  subject: Subject;
}

const LOOKBACK_TURNS = 3;

export function remember(previous: readonly Turn[]): Memory {
  const recent = previous.slice(-LOOKBACK_TURNS);
  const exchanges = recent.flatMap((t) => t.exchanges);
  const last = previous[previous.length - 1];
  // The server keeps one proposal per conversation, the newest replacing any other: only that one waits.
  const newest = newestProposer(recent);
  const { pendingReturn, pendingAge } = newest === 'create_return_label' ? findPending(recent) : { pendingReturn: null, pendingAge: 0 };
  const reply = last?.reply ?? '';
  const pendingAction = newest && TOOL_ACTION[newest] ? findPendingAction(recent) : null;
  // A proposal still waiting that the previous turn did not make was put to the shopper again under its reply, as that
  // reply's last paragraph (decide.ts stillPending, or the server's line): read from the turns' tool calls, not the words.
  const restated = !!(pendingReturn || pendingAction) && !last?.exchanges.some(proposes);
  let asked: Ask | null = null;
  for (const [ask, marker] of Object.entries(ASK_MARKERS) as Array<[Ask, string]>) {
    if (reply.includes(marker)) asked = ask;
  }
  return {
    products: lastShownProducts(recent),
    listed: lastShownProducts(recent, { listsOnly: true }),
    orders: lastShownOrders(exchanges),
    orderList: lastShownOrders(exchanges.filter((ex) => !ex.args.orderNumber)),
    pendingReturn,
    pendingAge,
    refusedSwap: last?.exchanges.filter((x) => x.name === 'exchange_items' && x.result?.error?.code === 'refused').at(-1)?.args ?? null,
    proposals: exchanges.filter(proposes).map((x) => ({ name: x.name, args: x.args })),
    pendingAction,
    mentionedOrder: findMentionedOrder(recent),
    mentionedEmail: findMentionedEmail(recent),
    offeredHuman: offersHuman(reply, restated),
    asked,
    offeredOrder: new RegExp(`${ASK_MARKERS.lookup} #(\\d{4,10})`).exec(reply)?.[1] ?? null,
    offeredReturn: new RegExp(`${ASK_MARKERS.startReturn} #(\\d{4,10})`).exec(reply)?.[1] ?? null,
    lookupFor: reply.includes(ASK_MARKERS.lookup) ? (verifyFor(previous.slice(0, -1)) ?? last?.user ?? null) : null,
    verifyFor: verifyFor(previous),
    verifyFailed: !!last && failedVerify(last),
    prevUser: last ? last.user : null,
    recentUsers: recent.map((t) => t.user).reverse(),
    prevReply: reply,
    earlierReplies: previous.map((t) => t.reply).join('\n'),
    firstTurn: previous.length === 0,
    verified: previous.some((t) => t.exchanges.some((ex) => ex.name === 'verify_customer' && ex.result?.ok)),
    verifiedEmail: verifiedEmail(previous.flatMap((t) => t.exchanges)),
    cart: lastCartLines(exchanges),
    lastSearch: searchedWith(exchanges.filter((ex) => ex.name === 'search_products' && ex.result?.ok).at(-1)),
    lastAdded: lastAdded(last),
    subject: subjectOf(previous),
  };
}

/**
 * The newest return proposal in the recent turns, unless something settled it since: a later
 * create_return_label call, or the shopper saying no.
 */
function findPending(recent: readonly Turn[]): { pendingReturn: Record<string, unknown> | null; pendingAge: number } {
  for (let t = recent.length - 1; t >= 0; t--) {
    const turn = recent[t]!;
    const calls = turn.exchanges.filter((ex) => ex.name === 'create_return_label' && ex.result);
    const lastCall = calls[calls.length - 1];
    if (!lastCall) continue;
    const open = lastCall.args.confirm !== true && isProposal(lastCall);
    // Declined only by a plain no, as the server reads it (core/consent): "hmm not sure" leaves it open.
    const declined = recent.slice(t + 1).some((later) => isClearNo(later.user));
    return open && !declined ? { pendingReturn: lastCall.args, pendingAge: recent.length - t } : { pendingReturn: null, pendingAge: 0 };
  }
  return { pendingReturn: null, pendingAge: 0 };
}

/** A call that proposed an action (a return label or an action tool's, confirm: false) and got its answer. */
const proposes = (x: Exchange): boolean => (x.name === 'create_return_label' || !!TOOL_ACTION[x.name]) && !!x.result && isProposal(x);

/** The tool whose proposal is the newest in the recent turns (a return label or an action tool's), or null. */
function newestProposer(recent: readonly Turn[]): string | null {
  for (let t = recent.length - 1; t >= 0; t--) {
    const ex = recent[t]!.exchanges.filter(proposes).at(-1);
    if (ex) return ex.name;
  }
  return null;
}

/** The action tools, and the proposal action each records (the consent words of src/core/consent.ts are per action). */
export const TOOL_ACTION: Record<string, string> = {
  cancel_order: 'cancel_order',
  change_shipping_address: 'change_address',
  exchange_items: 'exchange',
  report_problem: 'report_problem',
};

/** The newest proposal of an action tool in the recent turns, unless a later turn settled it (a confirming call, or a no). */
const refusedProposal = (x: Exchange): boolean => x.args.confirm !== true && !!x.result?.error;

function findPendingAction(recent: readonly Turn[]): Memory['pendingAction'] {
  for (let t = recent.length - 1; t >= 0; t--) {
    // A proposal the tool refused ("no olive in S") proposed nothing: the one before it still waits, as the server keeps it.
    const call = recent[t]!.exchanges.filter((ex) => TOOL_ACTION[ex.name] && ex.result && !refusedProposal(ex)).at(-1);
    if (!call) continue;
    const open = call.args.confirm !== true && isProposal(call);
    // Declined only by a plain no, as the server reads it (core/consent): "hmm not sure" leaves it open,
    // and so does the action's own word ("please cancel it" to a proposed cancellation).
    const echo = ACTION_ECHO[TOOL_ACTION[call.name]!];
    const declined = recent.slice(t + 1).some((later) => isClearNo(later.user, { echo }));
    const swap = proposalIn(call, 'exchange_items');
    const sends = swap ? { sends: swap.swap.map((x) => x.send) } : {};
    return open && !declined ? { name: call.name, args: call.args, action: TOOL_ACTION[call.name]!, ...sends } : null;
  }
  return null;
}

const ORDER_IN_TEXT = /#?\b(\d{4,10})\b/;

function findMentionedOrder(recent: readonly Turn[]): string | null {
  for (let t = recent.length - 1; t >= 0; t--) {
    const turn = recent[t]!;
    for (let i = turn.exchanges.length - 1; i >= 0; i--) {
      const n = turn.exchanges[i]!.args.orderNumber;
      if (typeof n === 'string' && n) return n.replace(/^#/, '');
    }
    const m = ORDER_IN_TEXT.exec(turn.user.replace(/\$\s*\d+/g, ''));
    if (m) return m[1]!;
  }
  return null;
}

function findMentionedEmail(recent: readonly Turn[]): string | null {
  for (let t = recent.length - 1; t >= 0; t--) {
    const email = classify(recent[t]!.user).entities.email;
    if (email) return email;
  }
  return null;
}

/** The email of the latest successful verify_customer call among these exchanges. */
export function verifiedEmail(exchanges: readonly Exchange[]): string | null {
  const email = exchanges.filter((ex) => ex.name === 'verify_customer' && ex.result?.ok).at(-1)?.args.email;
  return typeof email === 'string' && email ? email : null;
}

const failedVerify = (turn: Turn): boolean => turn.exchanges.some((ex) => ex.name === 'verify_customer' && ex.result && !ex.result.ok);

/** The message that led to the run of "please tell me your email…" asks (and failed attempts) ending with the last reply. */
function verifyFor(previous: readonly Turn[]): string | null {
  let asked: string | null = null;
  for (let t = previous.length - 1; t >= 0 && (previous[t]!.reply.includes(ASK_MARKERS.verify) || failedVerify(previous[t]!)); t--)
    asked = previous[t]!.user;
  return asked;
}

/**
 * The reply offered a person, as its last question: above the waiting proposal put again under it ("Want a human
 * colleague?\n\nAbout the cancellation…: …reply "yes, cancel it"…"), the offer is still what it asked.
 */
function offersHuman(reply: string, restated: boolean): boolean {
  const paragraphs = reply.trim().split(/\n\n+/);
  const own = restated && paragraphs.length > 1 ? paragraphs.slice(0, -1).join('\n\n') : reply;
  return /colleague|priority team|human|real person/i.test(lastSentences(own, 2)) && own.trim().endsWith('?');
}

function lastSentences(text: string, n: number): string {
  return text
    .trim()
    .split(/(?<=[.!?])\s+/)
    .slice(-n)
    .join(' ');
}

/** A search's filters; "in my size" counts as the size the tool found in the customer's orders. */
function searchedWith(ex: Exchange | undefined): Record<string, unknown> | null {
  if (!ex) return null;
  const mySize = mySizeUsed(ex);
  return mySize ? { ...ex.args, size: mySize } : ex.args;
}

function lastAdded(turn: Turn | undefined): Memory['lastAdded'] {
  const ex = turn?.exchanges.filter((x) => x.name === 'add_to_cart' && x.result?.ok).at(-1);
  const productId = ex?.args.productId;
  const size = ex?.args.size;
  return typeof productId === 'string' && typeof size === 'string' ? { productId, size } : null;
}
