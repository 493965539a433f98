// One assistant reply as it streams in: its bubble, its cards, and the chat events that fill them.
import { orderCard, productCard, proposalCard } from './cards.js';
import { el } from './dom.js';
import { findCart, findOrders, findProducts, findProposal, isObj, type Cart } from './results.js';

export interface Turn {
  msg: HTMLElement;
  bubble: HTMLElement;
  text: string;
  products: Record<string, true>;
  cards: HTMLElement | null;
  done: boolean;
}

export interface TurnHost {
  busy: boolean;
  /** Where relative addresses in tool results point: the API base. */
  readonly urlBase: string;
  addToCart(name: string, size: string): void;
  decideProposal(id: string, decision: 'confirm' | 'cancel'): void;
  showCart(cart: Cart): void;
  scroll(): void;
}

export function newTurn(msg: HTMLElement, bubble: HTMLElement): Turn {
  return { msg, bubble, text: '', products: {}, cards: null, done: false };
}

function cardList(turn: Turn): HTMLElement {
  if (!turn.cards) {
    turn.cards = el('ul', { class: 'cards', 'aria-label': 'Results' });
    turn.msg.appendChild(turn.cards);
  }
  return turn.cards;
}

/** A `tool_result` event: the cart it reports, and the product, order and proposal cards it carries. */
export function onToolResult(w: TurnHost, turn: Turn, ev: unknown): void {
  if (!isObj(ev) || !ev.ok) return;
  let r = ev.result;
  if (isObj(r) && typeof r.ok === 'boolean' && 'data' in r) r = r.ok ? r.data : null;
  if (!isObj(r)) return;
  const name = String(ev.name);
  const cart = findCart(r, w.urlBase);
  if (cart) w.showCart(cart);
  const products = findProducts(name, r, w.urlBase);
  const orders = findOrders(name, r);
  const proposal = findProposal(r);
  if (!products.length && !orders.length && !proposal) return;
  const list = cardList(turn);
  for (const p of products) {
    if (turn.products[p.key]) continue;
    turn.products[p.key] = true;
    list.appendChild(el('li', {}, [productCard(p, (n, s) => w.addToCart(n, s), w.busy)]));
  }
  for (const o of orders) list.appendChild(el('li', { class: 'wide' }, [orderCard(o)]));
  if (proposal) list.appendChild(el('li', { class: 'wide' }, [proposalCard(proposal, (id, d) => w.decideProposal(id, d), w.busy)]));
  w.scroll();
}
