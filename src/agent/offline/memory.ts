// What earlier turns left behind that the next message may refer to: the products and orders
// shown, a return proposal awaiting yes/no, a question the assistant asked, a human offer.
import type { Turn } from './conversation.js';
import { lastShownOrders, lastShownProducts, type OrderView, type ProductView } from './results.js';
import { ASK_MARKERS, type Ask } from './phrases.js';

export interface Memory {
  products: ProductView[];
  orders: OrderView[];
  /** Arguments of the return label proposed in the previous turn, awaiting the shopper's answer. */
  pendingReturn: Record<string, unknown> | null;
  offeredHuman: boolean;
  /** What the previous reply asked the shopper for. */
  asked: Ask | null;
  /** The order the previous reply offered to look up ("Shall I look up order #28473 for you?"). */
  offeredOrder: string | null;
  /** The previous shopper message. */
  prevUser: string | null;
  /** No earlier turn in this conversation (the reply may open with the persona's greeting). */
  firstTurn: boolean;
  /** A verification succeeded earlier in this conversation. */
  verified: boolean;
}

const LOOKBACK_TURNS = 3;

export function remember(previous: readonly Turn[]): Memory {
  const recent = previous.slice(-LOOKBACK_TURNS);
  const exchanges = recent.flatMap((t) => t.exchanges);
  const last = previous[previous.length - 1];
  let pendingReturn: Record<string, unknown> | null = null;
  if (last) {
    for (const ex of last.exchanges) {
      if (ex.name !== 'create_return_label' || !ex.result) continue;
      pendingReturn = ex.result.ok && ex.args.confirm !== true && proposalOpen(ex.result.data) ? ex.args : null;
    }
  }
  const reply = last?.reply ?? '';
  let asked: Ask | null = null;
  for (const [ask, marker] of Object.entries(ASK_MARKERS) as Array<[Ask, string]>) {
    if (reply.includes(marker)) asked = ask;
  }
  return {
    products: lastShownProducts(exchanges),
    orders: lastShownOrders(exchanges),
    pendingReturn,
    offeredHuman: /colleague|priority team|human|real person/i.test(lastSentences(reply, 2)) && reply.trim().endsWith('?'),
    asked,
    offeredOrder: new RegExp(`${ASK_MARKERS.lookup} #(\\d{4,10})`).exec(reply)?.[1] ?? null,
    prevUser: last ? last.user : null,
    firstTurn: previous.length === 0,
    verified: previous.some((t) => t.exchanges.some((ex) => ex.name === 'verify_customer' && ex.result?.ok)),
  };
}

/** A proposal is open unless the tool says the label already exists (an idempotent repeat). */
function proposalOpen(data: Record<string, unknown>): boolean {
  if (data.created === true || data.label || data.trackingCode) return false;
  return true;
}

function lastSentences(text: string, n: number): string {
  return text.trim().split(/(?<=[.!?])\s+/).slice(-n).join(' ');
}
