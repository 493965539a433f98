// The situation a conversation so far leaves for its next turn, read from what the earlier
// turns actually did: the products shown (in order), the product singled out, the latest search,
// the proposal waiting for a yes, the latest request a detail answers, the details already given.
import { readOutput } from '../../tools/index.js';
import type { ShopperState } from './acceptance.js';
import { isDialogueGoal, type ConversationGoal, type ConversationTurn } from './conversations.js';
import type { ObservedCall, TurnObservation } from './judge.js';

/** One earlier turn: what the shopper said and what the assistant did (and left waiting). */
export interface DialogueHistoryTurn {
  turn: ConversationTurn;
  observation: DialogueObservation;
}

/** One turn as seen in a conversation: with the action of the proposal left waiting after it, or null. */
export interface DialogueObservation extends TurnObservation {
  pendingAfter: string | null;
}

/** A product the assistant put in front of the shopper. */
export interface ShownProduct {
  id: string;
  name: string;
  colour: string;
  price: number;
  category: string;
  /** Units in stock per size, when the result gave them. */
  stock: Record<string, number>;
}

/** What the conversation so far leaves for this turn to build on. */
export interface DialogueSituation {
  /** Verified from the start, or since verify_customer succeeded. */
  state: ShopperState;
  /** The latest list of products shown (search or recommendations), in the order shown. */
  shown: ShownProduct[];
  /** The product last singled out (get_product, add_to_cart) since that list, if any. */
  focus: ShownProduct | null;
  /** Every product shown earlier in the conversation (lists and products singled out), newest first. */
  seen: ShownProduct[];
  /** The latest product search: its arguments and what it understood. */
  lastSearch: { args: Record<string, unknown>; category: string | null } | null;
  /** The tool whose proposal is waiting for a yes when this turn starts. */
  pending: string | null;
  /** The details (order number, email) the shopper gave in earlier turns. */
  given: { orderNumber?: string; email?: string };
  /** The latest single-message goal (what a detail or a yes serves). */
  pendingGoal: ConversationGoal | null;
  lastReply: string;
}

/** The tool behind each proposal action the store keeps waiting (conversation state). */
export const PROPOSAL_TOOL: Readonly<Record<string, string>> = {
  return_label: 'create_return_label',
  cancel_order: 'cancel_order',
  change_address: 'change_shipping_address',
  exchange: 'exchange_items',
  report_problem: 'report_problem',
  merge_cart: 'view_cart',
};
export const toolOfProposal = (action: string | null) => (action ? (PROPOSAL_TOOL[action] ?? action) : null);

// ---------------------------------------------------------------------------------------------
// The situation an earlier conversation leaves

export function productsListed(c: ObservedCall): ShownProduct[] | null {
  if (!c.ok) return null;
  if (c.name === 'search_products') return readOutput('search_products', c.result)?.matches.map(card) ?? null;
  if (c.name === 'recommend_products') return readOutput('recommend_products', c.result)?.picks.map(card) ?? null;
  return null;
}

function productSingled(c: ObservedCall, known: readonly ShownProduct[]): ShownProduct | null {
  if (!c.ok) return null;
  if (c.name === 'get_product') {
    const d = readOutput('get_product', c.result);
    return d ? { ...card({ ...d, stock: Object.fromEntries(d.sizes.map((s) => [s.size, s.stock])) }) } : null;
  }
  if (c.name === 'add_to_cart') {
    const d = readOutput('add_to_cart', c.result);
    if (!d) return null;
    return (
      known.find((p) => p.id === d.added.productId) ?? {
        id: d.added.productId,
        name: d.added.name,
        colour: '',
        price: 0,
        category: '',
        stock: {},
      }
    );
  }
  return null;
}

/** The shown product's fields, out of a larger tool result (a search match, a product page). */
export const card = (p: ShownProduct): ShownProduct => ({
  id: p.id,
  name: p.name,
  colour: p.colour,
  price: p.price,
  category: p.category,
  stock: p.stock,
});

export function situationOf(state: ShopperState, history: readonly DialogueHistoryTurn[]): DialogueSituation {
  const s: DialogueSituation = {
    state,
    shown: [],
    focus: null,
    seen: [],
    lastSearch: null,
    pending: toolOfProposal(history.at(-1)?.observation.pendingAfter ?? null),
    given: {},
    pendingGoal: null,
    lastReply: history.at(-1)?.observation.reply ?? '',
  };
  for (const h of history) {
    const d = detailsIn(h.turn.text);
    if (d.orderNumber) s.given.orderNumber = d.orderNumber;
    if (d.email) s.given.email = d.email;
    if (!isDialogueGoal(h.turn.goal)) s.pendingGoal = h.turn.goal;
    else if (h.turn.goal === 'give_details' && h.turn.for) s.pendingGoal = h.turn.for;
    else if (h.turn.goal === 'pick_shown' || h.turn.goal === 'add_to_cart') s.pendingGoal = h.turn.goal;
    for (const c of h.observation.toolCalls) {
      if (c.name === 'verify_customer' && c.ok) s.state = 'verified';
      const listed = productsListed(c);
      if (listed && listed.length) {
        s.shown = listed;
        s.focus = null;
        s.seen = [...listed, ...s.seen.filter((p) => !listed.some((l) => l.id === p.id))];
      }
      if (c.name === 'search_products' && c.ok) {
        const d = readOutput('search_products', c.result);
        const cats = new Set(d?.matches.map((m) => m.category));
        s.lastSearch = { args: c.args, category: d?.understood.category ?? (cats.size === 1 ? [...cats][0]! : null) };
      }
      const single = productSingled(c, s.shown);
      if (single) {
        s.focus = single;
        s.seen = [single, ...s.seen.filter((p) => p.id !== single.id)];
      }
    }
  }
  return s;
}

/** The reply names the product: its full name, or its style name without the colour. */
export function namesProduct(reply: string, p: ShownProduct): boolean {
  const r = reply.toLowerCase();
  const name = p.name.toLowerCase();
  if (r.includes(name)) return true;
  const style = p.colour && name.startsWith(`${p.colour.toLowerCase()} `) ? name.slice(p.colour.length + 1) : null;
  return !!style && r.includes(style);
}

/**
 * Which shown product the shopper means, or null when none fits. An ordinal counts in the latest list; a
 * colour or name is looked for there and in the product singled out first, then among the products shown
 * earlier in the conversation ("grey then" after a refined list without grey: the grey pair shown before).
 */
export function resolveRef(ref: ConversationTurn['ref'], s: DialogueSituation): ShownProduct | null {
  if (!ref) return s.focus ?? (s.shown.length === 1 ? s.shown[0]! : null);
  const latest = [...s.shown, ...(s.focus && !s.shown.some((p) => p.id === s.focus!.id) ? [s.focus] : [])];
  const pool = [...latest, ...s.seen.filter((p) => !latest.some((l) => l.id === p.id))];
  if (ref.ordinal !== undefined) return s.shown[ref.ordinal - 1] ?? null;
  return (
    pool.find(
      (p) =>
        (ref.colour === undefined || p.colour.toLowerCase().includes(ref.colour.toLowerCase())) &&
        (ref.name === undefined || ref.name.test(p.name)),
    ) ?? null
  );
}

/** The details a message gives: an order number, an email, a ZIP code. */
export function detailsIn(text: string): { orderNumber?: string; email?: string; zip?: string } {
  const email = /[\w.+-]+@[\w-]+(\.[\w-]+)+/.exec(text)?.[0];
  const zip = /\b[A-Z]{2},?\s+(\d{5})\b/.exec(text)?.[1];
  const rest = (email ? text.replace(email, ' ') : text).replace(zip ? new RegExp(`\\b${zip}\\b`) : /(?!)/, ' ');
  // Beside an address (a ZIP), a bare number is its house, suite or room number ("3600 S Las Vegas Blvd", "room 1412"):
  // an order number there is one said as one ("order 28511", "#28511").
  const orderNumber = (zip ? /(?:\border\s*(?:number|no\.?)?\s*#?\s*|#)(\d{4,10})\b/i : /#?\b(\d{4,10})\b/).exec(rest)?.[1];
  return { ...(orderNumber ? { orderNumber } : {}), ...(email ? { email } : {}), ...(zip ? { zip } : {}) };
}
