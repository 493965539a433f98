// Replies about products and the cart, built only from fields of the tool results.
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { ASK_MARKERS, PHRASES } from './phrases.js';
import { inSizes, inStockSizes, isRec, money, num, productsIn, sizeText, str, type ProductView } from './results.js';
import type { Reply } from './voice.js';

const MAX_SHOWN = 3;

const list = (items: readonly string[]): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

function sizeNote(p: ProductView, size: string | null): string {
  const sizes = inStockSizes(p);
  if (size) {
    const s = p.stock.find((x) => x.size.toUpperCase() === size.toUpperCase());
    if (s) return s.units > 0 ? `in stock in ${s.size}` : `sold out in ${s.size}${sizes.length ? ` (in stock ${inSizes(sizes)})` : ''}`;
  }
  if (p.stock.length === 0) return '';
  if (!sizes.length) return 'currently sold out';
  const text = sizeText(sizes);
  return text === 'one size' ? text : `sizes ${text}`;
}

export function productLine(p: ProductView, size: string | null, index?: number): string {
  const head = `${index !== undefined ? `${index}. ` : ''}${p.name}${p.colour && !p.name.toLowerCase().includes(p.colour.toLowerCase()) ? ` (${p.colour})` : ''}`;
  const parts = [p.price !== null ? money(p.price) : null, sizeNote(p, size) || null].filter(Boolean);
  return parts.length ? `${head}: ${parts.join(', ')}` : head;
}

export function askSize(p: ProductView): Reply {
  const sizes = inStockSizes(p);
  const body = sizes.length
    ? `${p.name} is in stock ${inSizes(sizes)}. ${ASK_MARKERS.size}?`
    : `Sorry, ${p.name} is currently sold out in every size. ${ASK_MARKERS.product} instead? I can look for something similar.`;
  return { kind: 'ask', body };
}

export function askProduct(shown: readonly ProductView[]): Reply {
  if (shown.length === 0) return { kind: 'ask', body: PHRASES.askProductNothingShown };
  const lines = shown.slice(0, MAX_SHOWN).map((p, i) => productLine(p, null, i + 1));
  return { kind: 'ask', body: `${ASK_MARKERS.product}?\n${lines.join('\n')}` };
}

function describeSearch(args: Record<string, unknown>): string {
  const cat = str(args.category);
  const words = [str(args.colour), str(args.query), cat ?? (str(args.query) ? null : 'items')].filter(Boolean).join(' ');
  const max = num(args.maxPrice);
  const size = str(args.size);
  return `${words || 'items'}${max !== null ? ` under ${money(max)}` : ''}${size ? ` in size ${size}` : ''}`;
}

export function searchReply(ex: Exchange, f: Frame): Reply {
  const data = ex.result!.data;
  const found = productsIn(data);
  const size = str(ex.args.size) ?? f.e.size;
  if (found.length === 0) {
    return { kind: 'fact', body: `I couldn't find any ${describeSearch(ex.args)} right now.`, hint: 'Try another colour, size or budget and I will look again.' };
  }
  if (f.intent === 'add_to_cart' && !f.e.size && found.length === 1) return askSize(found[0]!);
  const shown = found.slice(0, MAX_SHOWN);
  const lines = shown.map((p, i) => productLine(p, size, i + 1));
  const words = isRec(data.understood) && Array.isArray(data.understood.words) ? data.understood.words.filter((w): w is string => typeof w === 'string') : [];
  const intro =
    data.approximate === true && words.length
      ? `I found nothing matching "${words.join(' ')}" exactly, but these fit the rest of your search:`
      : f.intent === 'add_to_cart'
        ? `${ASK_MARKERS.product}?${size ? ` These are in stock in ${size}:` : ''}`
        : shown.length === 1
          ? 'Here is what I found:'
          : `Here are ${shown.length} options:`;
  const hint = f.intent === 'add_to_cart' ? undefined : 'Tell me which one you like and your size, and I will add it to your cart.';
  return { kind: f.intent === 'add_to_cart' ? 'ask' : 'fact', body: `${intro}\n${lines.join('\n')}`, ...(hint ? { hint } : {}) };
}

export function productReply(ex: Exchange, f: Frame): Reply {
  const p = productsIn(ex.result!.data)[0];
  if (!p) return { kind: 'fact', body: PHRASES.toolFailed };
  if (f.intent === 'add_to_cart') return askSize(p);
  const sizes = inStockSizes(p);
  const soldOut = p.stock.filter((s) => s.units <= 0).map((s) => s.size);
  if (f.e.size) {
    const s = p.stock.find((x) => x.size.toUpperCase() === f.e.size!.toUpperCase());
    const answer = !s
      ? `${p.name} doesn't come in ${f.e.size}.`
      : s.units > 0
        ? `Yes, ${p.name} is in stock in ${s.size}${s.units <= 3 ? ` (only ${s.units} left)` : ''}.`
        : `Sorry, ${p.name} is sold out in ${s.size}.`;
    return { kind: 'fact', body: `${answer}${sizes.length ? ` In stock ${inSizes(sizes)}.` : ''}`, hint: 'Tell me your size and I will add it to your cart.' };
  }
  const price = p.price !== null ? ` costs ${money(p.price)}` : '';
  const stock = sizes.length ? ` It is in stock ${inSizes(sizes)}${soldOut.length ? ` (sold out in ${sizeText(soldOut)})` : ''}.` : ' It is currently sold out.';
  const colour = p.colour && !p.name.toLowerCase().includes(p.colour.toLowerCase()) ? ` in ${p.colour}` : '';
  return { kind: 'fact', body: `${p.name}${colour}${price}.${stock}`, hint: 'Tell me your size and I will add it to your cart.' };
}

function cartTotals(cart: Record<string, unknown>): string {
  const count = num(cart.itemCount);
  const subtotal = num(cart.subtotal);
  const shipping = str(cart.shipping);
  const parts: string[] = [];
  if (count !== null && subtotal !== null) parts.push(`Your cart now has ${count} ${count === 1 ? 'item' : 'items'}, subtotal ${money(subtotal)}.`);
  if (shipping) parts.push(`Shipping: ${shipping}.`);
  return parts.join(' ');
}

export function addReply(ex: Exchange, f: Frame): Reply {
  const data = ex.result!.data;
  const added = isRec(data.added) ? data.added : isRec(data.line) ? data.line : data;
  const name = str(added.name) ?? f.product?.name ?? 'the item';
  const size = str(added.size) ?? str(ex.args.size);
  const qty = num(added.quantity) ?? num(ex.args.quantity) ?? 1;
  const cart = isRec(data.cart) ? data.cart : data;
  return { kind: 'fact', body: `I've added ${qty > 1 ? `${qty} × ` : ''}${name}${size ? ` in ${size}` : ''} to your cart. ${cartTotals(cart)}`.trim() };
}

export function updateReply(ex: Exchange): Reply {
  const data = ex.result!.data;
  const cart = isRec(data.cart) ? data.cart : data;
  const totals = cartTotals(cart);
  if (isRec(data.removed)) return { kind: 'fact', body: `I've removed ${str(data.removed.name) ?? 'that item'} (${str(data.removed.size) ?? ''}) from your cart. ${totals}`.replace(' ()', '').trim() };
  const changed = isRec(data.changed) ? data.changed : {};
  const from = isRec(changed.from) ? changed.from : {};
  const to = isRec(changed.to) ? changed.to : {};
  const name = str(changed.name) ?? 'the item';
  const what = str(from.size) !== str(to.size) ? `moved ${name} from size ${str(from.size)} to ${str(to.size)}` : `changed ${name} (${str(to.size)}) to ${num(to.quantity)} ${num(to.quantity) === 1 ? 'unit' : 'units'}`;
  return { kind: 'fact', body: `I've ${what}. ${totals}`.trim() };
}

export function removedAllReply(removals: readonly Exchange[]): Reply {
  const names = removals.map((ex) => {
    const r = ex.result!.data.removed as Record<string, unknown>;
    return `${str(r.name) ?? 'an item'}${str(r.size) ? ` (${str(r.size)})` : ''}`;
  });
  return { kind: 'fact', body: `I've removed ${list(names)} from your cart; it is empty now.` };
}

export function cartReply(ex: Exchange): Reply {
  const data = ex.result!.data;
  const cart = isRec(data.cart) ? data.cart : data;
  const items = Array.isArray(cart.items) ? cart.items.filter(isRec) : [];
  if (items.length === 0) return { kind: 'fact', body: 'Your cart is empty.', hint: 'Tell me what you are looking for and I will help you find it.' };
  const lines = items.map((i) => {
    const q = num(i.quantity) ?? 1;
    const total = num(i.lineTotal) ?? num(i.unitPrice);
    return `${q} × ${str(i.name) ?? 'item'}${str(i.size) ? ` (${str(i.size)})` : ''}${total !== null ? `: ${money(total)}` : ''}${i.inStock === false ? ' (no longer in stock)' : ''}`;
  });
  const subtotal = num(cart.subtotal);
  const shipping = str(cart.shipping);
  return { kind: 'fact', body: `In your cart:\n${lines.join('\n')}${subtotal !== null ? `\nSubtotal: ${money(subtotal)}.` : ''}${shipping ? ` Shipping: ${shipping}.` : ''}` };
}

export function recommendReply(ex: Exchange, intro: string | undefined): Reply {
  const picks = productsIn(ex.result!.data).slice(0, MAX_SHOWN);
  if (picks.length === 0) return { kind: 'fact', body: "I don't have any suggestions in stock for you right now." };
  const lines = picks.map((p, i) => `${productLine(p, null, i + 1)}${p.because ? ` (${p.because})` : ''}`);
  return { kind: 'fact', body: `${intro ?? 'You might like:'}\n${lines.join('\n')}`, hint: 'Tell me which one you like and your size, and I will add it to your cart.' };
}

export function reorderReply(ex: Exchange): Reply {
  const data = ex.result!.data;
  const n = str(ex.args.orderNumber);
  const names = (v: unknown): string[] =>
    Array.isArray(v) ? v.map((i) => (typeof i === 'string' ? i : isRec(i) ? [str(i.name), str(i.size) ? `(${str(i.size)})` : null].filter(Boolean).join(' ') : '')).filter(Boolean) : [];
  const added = names(data.added);
  const missing = names(data.unavailable);
  const cart = isRec(data.cart) ? data.cart : {};
  const parts = [
    added.length ? `I've added ${added.length === 1 ? 'the item' : `${added.length} items`} from order #${n} to your cart: ${list(added)}.` : `Nothing from order #${n} could be added: it is no longer in stock.`,
    missing.length ? `Not available any more: ${list(missing)}.` : '',
    cartTotals(cart),
  ];
  return { kind: 'fact', body: parts.filter(Boolean).join(' ') };
}
