// What counts as the right action for the dialogue goals of a conversation (a yes, a no, "the
// second one", "in black instead", an order number the assistant asked for…), judged against
// what the EARLIER turns actually did: the products they showed, the proposal they left
// waiting, the goal a detail answers. Single-message goals inside a conversation keep the
// acceptance table (acceptance.ts), with the shopper counted as verified once verify_customer
// has succeeded in the conversation. Strict by design: a turn is right only when it does what
// that shopper asked, with THAT product, size, order or proposal.
import { readOutput } from '../../tools/index.js';
import { SAYS, WRITE_TOOLS, type ShopperState } from './acceptance.js';
import { isDialogueGoal, type ConversationGoal, type ConversationTurn, type DialogueGoal } from './conversations.js';
import { judgeTurn, type ObservedCall, type TurnObservation, type Verdict } from './judge.js';
import {
  card,
  detailsIn,
  namesProduct,
  productsListed,
  resolveRef,
  situationOf,
  toolOfProposal,
  type DialogueHistoryTurn,
  type DialogueObservation,
  type DialogueSituation,
  type ShownProduct,
} from './dialogue-situation.js';

export type { DialogueHistoryTurn, DialogueObservation } from './dialogue-situation.js';

/** Tools that propose first and act only after the shopper's yes. */
export const TWO_PHASE_TOOLS: readonly string[] = [
  'create_return_label',
  'cancel_order',
  'change_shipping_address',
  'exchange_items',
  'report_problem',
];

/** The tools that serve a goal once the shopper has given the detail it needed. */
export const DETAIL_TOOLS: Partial<Record<ConversationGoal, readonly string[]>> = {
  track_order: ['lookup_order'],
  delivery_time: ['lookup_order'],
  refund_status: ['refund_status', 'lookup_order'],
  get_refund: ['create_return_label', 'report_problem', 'exchange_items'],
  exchange: ['exchange_items', 'create_return_label'],
  cancel_order: ['cancel_order'],
  change_address: ['change_shipping_address'],
  complaint: ['report_problem', 'escalate_to_human'],
  reach_person: ['escalate_to_human'],
  contact_service: ['escalate_to_human'],
  place_order: ['add_to_cart'],
  pick_shown: ['add_to_cart'],
  add_to_cart: ['add_to_cart'],
  search_product: ['search_products'],
  refine_search: ['search_products'],
};

const WRITE_GOALS: readonly ConversationGoal[] = ['get_refund', 'exchange', 'cancel_order', 'change_address', 'complaint'];

// ---------------------------------------------------------------------------------------------
// Shared tests on a turn

const isTrue = (v: unknown) => v === true || v === 'true';
const needsConfirmation = (c: ObservedCall) =>
  typeof c.result === 'object' && c.result !== null && (c.result as Record<string, unknown>).needsConfirmation === true;
/** A two-phase call that went through (not just proposed). */
const acted = (c: ObservedCall) => c.ok && isTrue(c.args.confirm) && !needsConfirmation(c);
const writesOf = (o: TurnObservation) => o.toolCalls.filter((c) => WRITE_TOOLS.includes(c.name));
const listsProducts = (o: TurnObservation) => o.toolCalls.some((c) => c.name === 'search_products' || c.name === 'recommend_products');
const failed = (o: TurnObservation) => o.status !== 200 || !!o.error || /something went wrong/i.test(o.reply);
const REFUSAL = /\b(outside what I can|I can only help with shopping|not something I can do|can'?t help with)\b/i;
const CLARIFYING = /\b(is it about|do you mean|did you mean|are you asking about|which one|which (of|product|item))\b[^?]*\?/i;
const ASKS_SIZE = /\b(which|what) size\b|\bsize\b[^.?!]*\?/i;

const right = (why: string): Verdict => ({ verdict: 'right', why });
const weak = (why: string): Verdict => ({ verdict: 'weak', why });
const wrong = (why: string): Verdict => ({ verdict: 'wrong', why });

function usesDetails(c: ObservedCall, d: ReturnType<typeof detailsIn>, size: string | undefined): boolean {
  const args = c.args;
  if (d.orderNumber && String(args.orderNumber ?? '').replace(/^#/, '') !== d.orderNumber) return false;
  if (d.zip && !JSON.stringify(args.address ?? {}).includes(d.zip)) return false;
  if (size) {
    const sizes = [
      args.size,
      args.newSize,
      ...((Array.isArray(args.items) ? args.items : []) as Array<{ size?: unknown }>).map((i) => i?.size),
    ];
    if (!sizes.some((x) => typeof x === 'string' && x.toUpperCase() === size.toUpperCase())) return false;
  }
  return !!(d.orderNumber || d.zip || size);
}

// ---------------------------------------------------------------------------------------------
// The dialogue goals

type DialogueJudge = (turn: ConversationTurn, s: DialogueSituation, o: DialogueObservation) => Verdict;

/** What the shopper says yes to: the turn's own `confirms`, the proposal waiting, or an offer in words. */
function confirmTarget(turn: ConversationTurn, s: DialogueSituation): string | null {
  if (turn.confirms) return turn.confirms;
  if (s.pending) return s.pending;
  if (SAYS.person.test(s.lastReply) && /\?/.test(s.lastReply)) return 'escalate_to_human';
  if (/\b(add|put)\b[^?]*\b(cart|basket)\b[^?]*\?/i.test(s.lastReply)) return 'add_to_cart';
  return null;
}

/** The item names a two-phase action went through with (return label, exchange, claim). */
function itemsActedOn(c: ObservedCall): string[] {
  const r = (c.result ?? {}) as {
    label?: { items?: unknown };
    exchange?: { returnLabel?: { items?: unknown } };
    claim?: { items?: unknown };
  };
  const items = r.label?.items ?? r.exchange?.returnLabel?.items ?? r.claim?.items;
  return Array.isArray(items) ? items.map(String) : [];
}

const confirm: DialogueJudge = (turn, s, o) => {
  const target = confirmTarget(turn, s);
  if (!target) return wrong('a yes with nothing proposed (an earlier turn went astray)');
  const other = writesOf(o).find((c) => c.name !== target);
  if (other) return wrong(`a yes to ${target} did ${other.name}`);
  const calls = o.toolCalls.filter((c) => c.name === target);
  if (TWO_PHASE_TOOLS.includes(target)) {
    const done = calls.find(acted);
    if (done) {
      const stray = turn.items ? itemsActedOn(done).filter((i) => !turn.items!.test(i)) : [];
      return stray.length
        ? wrong(`${target} also took ${stray.join(', ')}, which the shopper did not choose`)
        : right(`did the agreed ${target}`);
    }
    if (calls.some((c) => isTrue(c.args.confirm))) return wrong(`${target} refused or failed on the yes`);
    if (calls.some((c) => c.ok && needsConfirmation(c)))
      return s.pending === target ? weak(`proposed ${target} again instead of acting`) : weak(`proposed ${target} only now`);
    return wrong(`did not act on the yes to ${target}`);
  }
  if (calls.some((c) => c.ok)) return right(`did the agreed ${target}`);
  return wrong(`did not act on the yes to ${target}`);
};

const deny: DialogueJudge = (turn, s, o) => {
  const target = turn.confirms ?? s.pending;
  if (o.toolCalls.some(acted)) return wrong('acted despite the no');
  const w = writesOf(o)[0];
  if (w) return wrong(`a no answered with ${w.name}`);
  if (listsProducts(o)) return wrong('a product list for a no');
  if (REFUSAL.test(o.reply)) return wrong('refused');
  if (!target) return right('nothing was waiting; nothing done');
  if (toolOfProposal(o.pendingAfter) === target) return weak(`the ${target} proposal is still waiting after the no`);
  if (
    /\b(shall I|should I|go ahead|want me to)\b[^?]*\?/i.test(o.reply) &&
    /\b(cancel|return|label|address|exchange|swap)\b/i.test(o.reply)
  )
    return weak('withdrawn, but asked again');
  return right(`withdrew the ${target} proposal`);
};

const sideQuestion: DialogueJudge = (turn, s, o) => {
  if (o.toolCalls.some(acted)) return wrong('acted on the waiting proposal after a mere question');
  // Re-stating the waiting proposal is not a change nobody asked for.
  const calls = o.toolCalls.filter((c) => !(c.name === s.pending && !isTrue(c.args.confirm)));
  const v = judgeTurn(turn.asks!, s.state, { ...o, toolCalls: calls });
  if (v.verdict !== 'right') return v;
  if (turn.answer && !turn.answer.test(o.reply)) return weak(`${v.why}, but not the fact asked for`);
  if (s.pending && !o.pendingAfter) return weak(`${v.why}, but dropped the waiting ${s.pending}`);
  return v;
};

function fits(p: ShownProduct, f: NonNullable<ConversationTurn['filter']>): string | null {
  if (f.colour && !`${p.colour} ${p.name}`.toLowerCase().includes(f.colour.toLowerCase())) return `${p.name} is not ${f.colour}`;
  if (f.maxPrice !== undefined && p.price > f.maxPrice) return `${p.name} costs $${p.price} > $${f.maxPrice}`;
  if (f.size && !((p.stock[f.size] ?? p.stock[f.size.toUpperCase()] ?? 0) > 0)) return `${p.name} is not in stock in ${f.size}`;
  if (f.category && p.category !== f.category) return `${p.name} is not in ${f.category}`;
  return null;
}

const refineSearch: DialogueJudge = (turn, s, o) => {
  const w = writesOf(o)[0];
  if (w) return wrong(`a refinement answered with ${w.name}`);
  const search = o.toolCalls.filter((c) => c.name === 'search_products' && c.ok).at(-1);
  if (!search) return !o.toolCalls.length && CLARIFYING.test(o.reply) ? weak('a clarifying question') : wrong('no refined search');
  const d = readOutput('search_products', search.result);
  if (!d) return wrong('an unreadable search result');
  const f = turn.filter!;
  const keep = s.lastSearch?.category;
  if (!f.category && keep && d.matches.some((m) => m.category !== keep)) return wrong(`lost the earlier search (${keep})`);
  if (!d.matches.length) return weak('the refined search found nothing');
  const miss = d.matches.map((m) => fits(card(m), f)).find(Boolean);
  if (miss) return wrong(`showed products outside the refinement: ${miss}`);
  return right('searched again with the refinement');
};

/** Picking or adding a product: the product meant, and the size when given. */
function judgeProductChoice(turn: ConversationTurn, s: DialogueSituation, o: TurnObservation, what: string): Verdict {
  const target = resolveRef(turn.ref, s);
  const other = writesOf(o).find((c) => c.name !== 'add_to_cart');
  if (other) return wrong(`${what} answered with ${other.name}`);
  const adds = o.toolCalls.filter((c) => c.name === 'add_to_cart');
  const sizeOk = (c: ObservedCall) => !turn.size || String(c.args.size ?? '').toUpperCase() === turn.size.toUpperCase();
  const addedName = (c: ObservedCall) => readOutput('add_to_cart', c.result)?.added.name ?? '';
  if (!target) {
    if (!s.shown.length && !s.focus && !turn.ref?.name)
      return wrong(`${what}: nothing was shown to choose from (an earlier turn went astray)`);
    const add = adds.find((c) => c.ok);
    if (add && turn.ref?.name?.test(addedName(add)) && sizeOk(add)) return right('added the product named');
    if (CLARIFYING.test(o.reply)) return weak('asked which product (the one meant was not shown)');
    return wrong(`${what}: the product meant was not among those shown`);
  }
  if (adds.some((c) => String(c.args.productId) !== target.id)) return wrong(`added another product than ${target.name}`);
  const add = adds.find((c) => c.ok);
  if (add) return sizeOk(add) ? right(`added ${target.name}`) : wrong(`added ${target.name} in ${String(add.args.size)}, not ${turn.size}`);
  if (adds.length) return namesProduct(o.reply, target) ? weak(`could not add ${target.name} (said why)`) : wrong('the add failed');
  const gets = o.toolCalls.filter((c) => c.name === 'get_product');
  if (gets.some((c) => String(c.args.productId) !== target.id)) return wrong(`opened another product than ${target.name}`);
  if (listsProducts(o)) {
    const first = o.toolCalls.map(productsListed).find((l) => l?.length)?.[0];
    return first?.id === target.id
      ? weak('searched again, landing on the product meant')
      : wrong('searched again instead of taking the product shown');
  }
  if (!namesProduct(o.reply, target)) return wrong(`the reply does not name ${target.name}`);
  if (ASKS_SIZE.test(o.reply))
    return turn.size ? wrong(`asked again for the size given (${turn.size})`) : right(`asked the size for ${target.name}`);
  if (gets.length) return turn.size ? weak(`showed ${target.name} without adding it in ${turn.size}`) : right(`showed ${target.name}`);
  return weak(`named ${target.name} without acting`);
}

const pickShown: DialogueJudge = (turn, s, o) => judgeProductChoice(turn, s, o, 'a pick');

const addToCart: DialogueJudge = (turn, s, o) => {
  const v = judgeProductChoice(turn, s, o, 'an add to cart');
  if (v.verdict === 'right' && !o.toolCalls.some((c) => c.name === 'add_to_cart' && c.ok) && turn.size)
    return weak('the size was given but nothing was added');
  if (v.verdict !== 'right' && !o.toolCalls.length && !turn.size && ASKS_SIZE.test(o.reply)) return right('asked the size');
  return v;
};

const viewCart: DialogueJudge = (_turn, _s, o) => {
  const w = writesOf(o)[0];
  if (w) return wrong(`showing the basket did ${w.name}`);
  return o.toolCalls.some((c) => c.name === 'view_cart' && c.ok) ? right('showed the basket') : wrong('did not show the basket');
};

const askAboutShown: DialogueJudge = (turn, s, o) => {
  const target = turn.ref ? resolveRef(turn.ref, s) : s.focus;
  const candidates = target ? [target] : turn.ref ? [] : s.shown;
  if (!candidates.length) return wrong('a question about a product that was not shown (an earlier turn went astray)');
  const w = writesOf(o)[0];
  if (w) return wrong(`a question answered with ${w.name}`);
  const ids = new Set(candidates.map((p) => p.id));
  for (const c of o.toolCalls) {
    const listed = productsListed(c);
    if (listed && !listed.some((p) => ids.has(p.id))) return wrong('a new unrelated search instead of an answer');
    if (c.name === 'get_product' && !ids.has(String(c.args.productId))) return wrong('opened another product');
  }
  if (!candidates.some((p) => namesProduct(o.reply, p))) return wrong('the answer does not name the product asked about');
  if (turn.answer && !turn.answer.test(o.reply)) return wrong('named the product but did not answer the question');
  return right('answered about the product shown');
};

const giveDetails: DialogueJudge = (turn, s, o) => {
  const goal = turn.for ?? s.pendingGoal;
  if (!goal) return wrong('a detail with no request before it');
  const d = detailsIn(turn.text);
  const expected = DETAIL_TOOLS[goal] ?? [];
  const stray = writesOf(o).find((c) => !expected.includes(c.name));
  if (stray) return wrong(`a ${goal} detail answered with ${stray.name}`);
  if (listsProducts(o) && !expected.includes('search_products')) return wrong('a product list for a detail');
  // The order number may have come in an earlier turn (the email now): the call must use it.
  const used = o.toolCalls.find((c) => expected.includes(c.name) && usesDetails(c, { orderNumber: s.given.orderNumber, ...d }, turn.size));
  if (used) {
    if (used.ok) return right(`${used.name} with the detail given`);
    const code = (used.result as { code?: string } | undefined)?.code ?? '';
    return ['not_found', 'invalid_arguments'].includes(code)
      ? wrong(`${used.name} with the detail failed (${code})`)
      : weak(`${used.name} with the detail could not go through (${code || 'failed'})`);
  }
  if (s.state === 'anonymous' && (d.email || d.orderNumber) && !(goal === 'pick_shown' || goal === 'add_to_cart')) {
    const verify = o.toolCalls.find((c) => c.name === 'verify_customer');
    // A detail given earlier in the conversation counts: the email now, the order number before.
    const email = d.email ?? s.given.email;
    const orderNumber = d.orderNumber ?? s.given.orderNumber;
    if (email && orderNumber) {
      if (!verify) return wrong('email and order number given, no verification');
      if (!verify.ok) return wrong('the verification failed');
      return weak(`verified, but did not go on with ${goal}`);
    }
    if (email)
      return SAYS.whichOrder.test(o.reply)
        ? right('asked for the order number to verify')
        : wrong('an email alone, and no ask for the order number');
    return /\bemail\b/i.test(o.reply) ? right('asked for the email to verify') : wrong('an order number alone, and no ask for the email');
  }
  if (d.orderNumber && WRITE_GOALS.includes(goal)) {
    const look = o.toolCalls.find((c) => c.name === 'lookup_order' && usesDetails(c, d, undefined));
    if (look)
      return /\bwhich (item|piece|one|of)\b/i.test(o.reply)
        ? right('looked the order up and asked which item')
        : weak('looked the order up without going on');
  }
  if (!o.toolCalls.length && CLARIFYING.test(o.reply)) return weak('a clarifying question');
  return wrong(`did not use the detail for ${goal}`);
};

export const DIALOGUE_ACCEPTANCE: Record<DialogueGoal, DialogueJudge> = {
  confirm,
  deny,
  side_question: sideQuestion,
  refine_search: refineSearch,
  pick_shown: pickShown,
  add_to_cart: addToCart,
  view_cart: viewCart,
  ask_about_shown: askAboutShown,
  give_details: giveDetails,
};

/** Judges one conversation turn given the turns before it. */
export function judgeConversationTurn(
  turn: ConversationTurn,
  state: ShopperState,
  history: readonly DialogueHistoryTurn[],
  o: DialogueObservation,
): Verdict {
  const s = situationOf(state, history);
  if (!isDialogueGoal(turn.goal)) return judgeTurn(turn.goal, s.state, o);
  if (failed(o)) return wrong('the turn failed (tool_error)');
  return DIALOGUE_ACCEPTANCE[turn.goal](turn, s, o);
}
