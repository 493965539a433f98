// Tool routing: which of the persona's tools a hosted model is offered this turn. Every tool's
// definition travels with every model call (the repeat-buyer persona's 15 are ~7,000 characters of
// JSON, three times its rendered prompt); a turn about an order needs the order tools. The
// learned intent classifier (./offline/nlu, the offline model's) scores the shopper's message;
// INTENT_TOOLS maps each intent to the tools that serve it; the turn is offered the union for
// the intents that together hold most of the probability, plus the tools every turn keeps, the
// tool of a proposal waiting for an answer and the tools called in the recent turns. When the
// classifier is unsure, names an intent the table does not know or reads a bare yes or no (an
// answer to whatever the assistant asked), every tool is offered.
//
// Only ever a subset of the persona's own tools, in the persona's order; what a call may do is
// still decided by the registry against the persona's full list (authorization is unchanged).
// The offline model is never routed (it answers from its own understanding of the message), nor
// is the offline fallback: it gets the persona's full list (model-step.ts).
import type { ToolName } from '../tools/index.js';
import { loadDefaultClassifier } from './offline/nlu/default-model.js';

/** The tools that serve each intent (data/nlu/intents.yaml says what each one means); 'all': every tool. */
export const INTENT_TOOLS: Readonly<Record<string, readonly ToolName[] | 'all'>> = {
  greeting: [],
  thanks: [],
  goodbye: [],
  smalltalk: [],
  capabilities: [],
  search: ['search_products', 'get_product'],
  stock: ['get_product', 'search_products'],
  compare: ['get_product', 'search_products'],
  recommend: ['recommend_products', 'search_products', 'get_product'],
  add_to_cart: ['add_to_cart', 'get_product', 'search_products', 'view_cart'],
  update_cart: ['update_cart', 'view_cart'],
  view_cart: ['view_cart'],
  checkout: ['view_cart'],
  how_to_order: [],
  order_status: ['lookup_order'],
  delivery_time: ['lookup_order'],
  policy_shipping: [],
  return: ['lookup_order', 'create_return_label'],
  refund_status: ['refund_status', 'lookup_order'],
  policy_returns: [],
  exchange: ['lookup_order', 'exchange_items'],
  cancel_order: ['lookup_order', 'cancel_order'],
  change_address: ['lookup_order', 'change_shipping_address'],
  report_problem: ['lookup_order', 'report_problem'],
  complaint: [],
  reorder: ['reorder', 'lookup_order'],
  loyalty: ['loyalty_status'],
  discount: ['loyalty_status'],
  policy_payment: [],
  policy_sizing: [],
  policy_general: [],
  policy_ai: [],
  human: [],
  frustrated: [],
  verify: ['verify_customer', 'lookup_order'],
  // A yes or no answers the assistant's last question, which may have offered any tool ("Shall I
  // add it to your cart?"): every tool. A proposal's own yes is decided by the server (chat/approval).
  confirm: 'all',
  deny: 'all',
  unsupported: [],
  out_of_scope: [],
};

/** Offered on every turn the persona has them: a hand-over, the store's policies, signing in. */
export const ALWAYS_OFFERED: readonly ToolName[] = ['escalate_to_human', 'store_policy', 'verify_customer'];

/** The tool that made a proposal of each action (tools/*: the ACTION each two-phase tool proposes). */
export const PROPOSAL_TOOLS: Readonly<Record<string, ToolName>> = {
  return_label: 'create_return_label',
  cancel_order: 'cancel_order',
  change_address: 'change_shipping_address',
  exchange: 'exchange_items',
  report_problem: 'report_problem',
};

/** The intents that together hold this much probability decide the tools. */
const COVERED = 0.9;
/** More intents than this to reach COVERED, or a best intent below SURE: unsure, every tool. */
const MAX_INTENTS = 3;
const SURE = 0.5;

export interface RouteInput {
  /** The persona's tools (already narrowed for the shopper), in its order. */
  tools: readonly ToolName[];
  message: string;
  /** Tools called in the conversation's recent turns (a follow-up often needs them again). */
  recentTools?: Iterable<string>;
  /** The action of a proposal waiting for the shopper's answer, if any. */
  pendingAction?: string | null;
}

export interface ToolRoute {
  /** What the model is offered this turn: a subset of `tools`, in the same order. */
  tools: ToolName[];
  /** false: every tool (the classifier was unsure, or the message matched nothing in the table). */
  routed: boolean;
  /** The intents that decided it, best first (empty when not routed). */
  intents: string[];
}

/** The tools a turn is offered; loads the intent classifier on first use. */
export async function routeTools(input: RouteInput): Promise<ToolRoute> {
  const classifier = await loadDefaultClassifier();
  // Only the leaders are read: `top`, not a whole prediction (a record of every label), on every turn.
  const top = classifier.top(input.message, MAX_INTENTS + 1);
  if (top[0]!.probability < SURE) return everyTool(input.tools);
  const intents: string[] = [];
  let mass = 0;
  for (const { label, probability } of top) {
    if (mass >= COVERED) break;
    if (intents.length === MAX_INTENTS || !(label in INTENT_TOOLS) || INTENT_TOOLS[label] === 'all') return everyTool(input.tools);
    intents.push(label);
    mass += probability;
  }
  if (mass < COVERED) return everyTool(input.tools);
  const wanted = new Set<string>(ALWAYS_OFFERED);
  for (const intent of intents) for (const tool of INTENT_TOOLS[intent] as readonly ToolName[]) wanted.add(tool);
  for (const tool of input.recentTools ?? []) wanted.add(tool);
  const pending = input.pendingAction ? PROPOSAL_TOOLS[input.pendingAction] : undefined;
  if (pending) wanted.add(pending);
  return { tools: input.tools.filter((t) => wanted.has(t)), routed: true, intents };
}

/** Not routed: every one of the persona's tools. */
function everyTool(tools: readonly ToolName[]): ToolRoute {
  return { tools: [...tools], routed: false, intents: [] };
}
