// What counts as the right action for each shopper goal, as data: a turn is "right" when one
// `right` rule holds, "weak" when a `weak` rule holds (or it is a clarifying question naming the
// goal, or a generic offer of help), "wrong" when a `wrong` rule or a general failure (see
// judge.ts) holds, or nothing acceptable happened. Every condition of a rule must hold.
import { toolsWithEffect } from '../../tools/index.js';
import type { ActionIntent } from './set.js';

export type ShopperState = 'anonymous' | 'verified';

export interface Rule {
  /** One of these tools was called. */
  tool?: string | readonly string[];
  /** On that call, each argument (as text) matches. */
  args?: Readonly<Record<string, RegExp>>;
  /** The reply matches. */
  reply?: RegExp;
  /** Only for this shopper. */
  state?: ShopperState;
  /** What the rule accepts or rejects, shown with --failures. */
  note: string;
}

export interface IntentRules {
  right: readonly Rule[];
  weak?: readonly Rule[];
  wrong?: readonly Rule[];
  /** How a clarifying question names this goal: naming it among ≤ 3 options is weak, not wrong. */
  asked: RegExp;
  /** General failures that do not apply to this goal (see judge.ts). */
  exempt?: readonly GeneralFailure[];
}

export type GeneralFailure = 'product_list' | 'unasked_write' | 'refusal' | 'bare_ack' | 'tool_error';

/** Tools that change the store (or propose a change): called for a goal whose rules do not name them, they are wrong. */
export const WRITE_TOOLS: readonly string[] = toolsWithEffect('write');

/** Reply phrasings shared by several goals. */
export const SAYS = {
  verify: /confirm it'?s you|email (address )?(on|for) your account|verif(y|ication)|sign(ed)? in|log(ged)? in/i,
  whichOrder: /which order|order number/i,
  person:
    /\b(connect(ed)? you (with|to)|hand(ed)? (you|this|it) over|pass(ed)? (you|this|it) (on )?to|colleague|human|real person|support team|customer service team|ticket)\b/i,
  shippingOptions: /\b(standard|express)\b.*\b(standard|express|business days|\$\d)/is,
  deliveryTime: /\b\d+\s*(–|-|to)\s*\d+ business days\b|\bbusiness days?\b/i,
  returnsPolicy: /\b(\d+ days of delivery|unworn|tags attached|returns are free|free returns?|return window)\b/i,
  howToOrder: /\b(checkout|check out|basket|cart)\b/i,
  capabilities: /\bI can\b/i,
  discount: /\b(discount|promo|voucher|coupon|code|offer|sale)s?\b/i,
  outOfScope:
    /\b(outside what I can|can only help with|not something I can|don'?t have reliable information|rather not guess|can'?t help with)\b/i,
} as const;

const ORDER_TOOLS = ['lookup_order'] as const;

export const ACCEPTANCE: Record<ActionIntent, IntentRules> = {
  track_order: {
    right: [
      { tool: ORDER_TOOLS, note: 'looked the order up' },
      { state: 'anonymous', tool: 'verify_customer', note: 'verified the shopper' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify (email + order number)' },
    ],
    asked: /where an order is|an order/i,
  },
  get_refund: {
    right: [
      { tool: 'create_return_label', note: 'proposed a return label' },
      { tool: ['report_problem', 'exchange_items'], note: 'took up the faulty item' },
      { state: 'verified', tool: ORDER_TOOLS, note: 'looked up the orders to pick one' },
      { reply: /which order|which (item|piece)/i, note: 'asked which order' },
      { state: 'anonymous', tool: 'verify_customer', note: 'verified the shopper' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /returns|orders/ }, note: 'gave the returns policy instead of starting one' },
      { tool: 'escalate_to_human', note: 'handed over to a person' },
    ],
    asked: /returning something|a refund|a problem with an item/i,
  },
  refund_status: {
    right: [
      { tool: 'refund_status', note: 'checked the refund' },
      { tool: ORDER_TOOLS, note: 'looked up the order with its refunds' },
      { state: 'anonymous', tool: 'verify_customer', note: 'verified the shopper' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /returns|orders/ }, note: 'gave refund timings instead of the refund' },
      { tool: 'escalate_to_human', note: 'handed over to a person' },
    ],
    wrong: [{ tool: 'create_return_label', note: 'proposed a new return' }],
    asked: /a refund you are waiting for|a refund/i,
  },
  reach_person: {
    right: [
      { tool: 'escalate_to_human', note: 'handed over to a person' },
      { reply: SAYS.person, note: 'offered a person' },
    ],
    asked: /talking to a person/i,
  },
  contact_service: {
    right: [
      { tool: 'escalate_to_human', note: 'handed over to a person' },
      { reply: SAYS.person, note: 'offered a person' },
      { tool: 'store_policy', args: { topic: /general|ai/ }, reply: /support|8 am/i, note: 'gave the support hours' },
    ],
    asked: /talking to a person|store information/i,
  },
  delivery_time: {
    right: [
      { tool: 'store_policy', args: { topic: /shipping/ }, note: 'gave the delivery times' },
      { reply: SAYS.deliveryTime, note: 'said how many business days' },
      { state: 'verified', tool: ORDER_TOOLS, note: 'looked up the order on its way' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify to check an order' },
    ],
    asked: /how long delivery takes|delivery options/i,
  },
  delivery_options: {
    right: [
      { tool: 'store_policy', args: { topic: /shipping/ }, note: 'gave the shipping options' },
      { reply: SAYS.shippingOptions, note: 'listed standard and express' },
    ],
    asked: /delivery options|how long delivery takes/i,
  },
  refund_policy: {
    right: [
      { tool: 'store_policy', args: { topic: /returns|orders/ }, note: 'gave the returns policy' },
      { reply: SAYS.returnsPolicy, note: 'stated the returns policy' },
    ],
    wrong: [{ tool: 'create_return_label', note: 'proposed a return label to a policy question' }],
    asked: /our returns policy/i,
  },
  place_order: {
    right: [
      { tool: ['add_to_cart', 'view_cart', 'reorder'], note: 'started the order (basket)' },
      { tool: 'store_policy', args: { topic: /payment/ }, reply: SAYS.howToOrder, note: 'explained ordering and checkout' },
      { reply: /\b(basket|cart)\b.*\bcheck ?out\b|\bcheck ?out\b.*\b(basket|cart)\b/is, note: 'explained basket and checkout' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /payment/ }, note: 'gave payment methods only' },
      { tool: 'search_products', args: { category: /\w/ }, note: 'looked for the piece named, without starting the order' },
      { reply: /\bwhich (one|piece|item)\b/i, note: 'asked which piece to order' },
    ],
    // A search for the piece named is how an order starts; a search for anything else is not.
    wrong: [{ tool: 'search_products', args: { category: /^$/ }, note: 'a product search for words that name no piece' }],
    asked: /how ordering works|checking out|adding something to your basket/i,
    exempt: ['product_list'],
  },
  search_product: {
    right: [{ tool: ['search_products', 'recommend_products', 'get_product'], note: 'searched the catalogue' }],
    asked: /finding a product|a question about a product|some suggestions/i,
    exempt: ['product_list'],
  },
  cancel_order: {
    right: [
      { tool: 'cancel_order', note: 'proposed the cancellation' },
      { state: 'verified', tool: ORDER_TOOLS, note: 'looked up the orders to pick one' },
      { reply: SAYS.whichOrder, note: 'asked which order' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /orders/ }, note: 'gave the cancellation policy' },
      { tool: 'escalate_to_human', note: 'handed over to a person' },
      { reply: SAYS.person, note: 'offered a person' },
    ],
    asked: /cancelling an order/i,
    exempt: ['refusal'],
  },
  change_address: {
    right: [
      { tool: 'change_shipping_address', note: 'proposed the new address' },
      { state: 'verified', tool: ORDER_TOOLS, note: 'looked up the orders to pick one' },
      { reply: /which order|new address|order number/i, note: 'asked which order or what address' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /orders/ }, note: 'gave the address policy' },
      { tool: 'escalate_to_human', note: 'handed over to a person' },
      { reply: SAYS.person, note: 'offered a person' },
    ],
    asked: /changing a delivery address/i,
    exempt: ['refusal'],
  },
  exchange: {
    right: [
      { tool: ['exchange_items', 'create_return_label'], note: 'proposed the swap (or the return)' },
      { state: 'verified', tool: ORDER_TOOLS, note: 'looked up the orders to pick one' },
      { reply: /which (piece|item|order|size)|order number/i, note: 'asked what to swap' },
      { state: 'anonymous', reply: SAYS.verify, note: 'asked to verify' },
    ],
    weak: [
      { tool: 'store_policy', args: { topic: /returns/ }, note: 'gave the exchange policy' },
      { tool: 'escalate_to_human', note: 'handed over to a person' },
      { reply: SAYS.person, note: 'offered a person' },
    ],
    asked: /swapping for another size|returning something/i,
    exempt: ['refusal'],
  },
  complaint: {
    right: [
      { tool: ['escalate_to_human', 'report_problem'], note: 'handed over or filed the problem' },
      { reply: SAYS.person, note: 'offered a person' },
    ],
    asked: /making a complaint|talking to a person/i,
  },
  discount: {
    right: [{ reply: SAYS.discount, note: 'answered about discount codes' }],
    weak: [{ tool: 'loyalty_status', note: 'showed the points' }],
    asked: /discount codes/i,
    exempt: ['refusal'],
  },
  thanks_bye: {
    right: [{ reply: /\S/, note: 'a short answer' }],
    wrong: [
      {
        tool: ['search_products', 'lookup_order', 'create_return_label', 'escalate_to_human', 'add_to_cart'],
        note: 'acted on a thank-you',
      },
    ],
    asked: /(?!)/,
    exempt: ['bare_ack'],
  },
  capabilities: {
    right: [{ reply: SAYS.capabilities, note: 'said what it can do' }],
    asked: /(?!)/,
  },
  out_of_scope: {
    right: [
      { reply: SAYS.outOfScope, note: 'declined honestly' },
      { reply: SAYS.person, note: 'offered a person' },
      { reply: /\bI can help you\b/i, note: 'steered back to what it can do' },
    ],
    wrong: [{ tool: ['lookup_order', 'create_return_label', 'add_to_cart', 'store_policy'], note: 'acted on an off-topic message' }],
    asked: /(?!)/,
    exempt: ['refusal', 'bare_ack'],
  },
};
