// Replies about the cart: an item added, a line changed or removed, the cart itself, and a
// reorder, built only from fields of the tool results.
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { PHRASES } from './phrases.js';
import { isRec, listText, money, namedSize, num, str } from './results.js';
import type { Reply } from './voice.js';

function cartTotals(cart: Record<string, unknown>): string {
  const count = num(cart.itemCount);
  const subtotal = num(cart.subtotal);
  const shipping = str(cart.shipping);
  const parts: string[] = [];
  if (count === 0) return 'Your cart is now empty.';
  if (count !== null && subtotal !== null)
    parts.push(`Your cart now has ${count} ${count === 1 ? 'item' : 'items'}, subtotal ${money(subtotal)}.`);
  if (shipping) parts.push(`Shipping: ${shipping}.`);
  return parts.join(' ');
}

export function addReply(ex: Exchange, f: Frame): Reply {
  const data = ex.result!.data;
  const added = isRec(data.added) ? data.added : isRec(data.line) ? data.line : data;
  const name = str(added.name) ?? f.product?.name ?? 'the item';
  const size = namedSize(str(added.size) ?? str(ex.args.size));
  const qty = num(added.quantity) ?? num(ex.args.quantity) ?? 1;
  const cart = isRec(data.cart) ? data.cart : data;
  return {
    kind: 'fact',
    body: `I've added ${qty > 1 ? `${qty} × ` : ''}${name}${size ? ` in ${size}` : ''} to your cart. ${cartTotals(cart)}`.trim(),
  };
}

export function updateReply(ex: Exchange): Reply {
  const data = ex.result!.data;
  const cart = isRec(data.cart) ? data.cart : data;
  const totals = cartTotals(cart);
  if (isRec(data.removed))
    return {
      kind: 'fact',
      body: `I've removed ${str(data.removed.name) ?? 'that item'} (${str(data.removed.size) ?? ''}) from your cart. ${totals}`
        .replace(' ()', '')
        .trim(),
    };
  const changed = isRec(data.changed) ? data.changed : {};
  const from = isRec(changed.from) ? changed.from : {};
  const to = isRec(changed.to) ? changed.to : {};
  const name = str(changed.name) ?? 'the item';
  const what =
    str(from.size) !== str(to.size)
      ? `moved ${name} from size ${str(from.size)} to ${str(to.size)}`
      : `changed ${name} (${str(to.size)}) to ${num(to.quantity)} ${num(to.quantity) === 1 ? 'unit' : 'units'}`;
  return { kind: 'fact', body: `I've ${what}. ${totals}`.trim() };
}

export function removedAllReply(removals: readonly Exchange[]): Reply {
  const names = removals.map((ex) => {
    const r = ex.result!.data.removed as Record<string, unknown>;
    return `${str(r.name) ?? 'an item'}${str(r.size) ? ` (${str(r.size)})` : ''}`;
  });
  return { kind: 'fact', body: `I've removed ${listText(names)} from your cart; it is empty now.` };
}

export function cartReply(ex: Exchange, f: Frame): Reply {
  const data = ex.result!.data;
  const cart = isRec(data.cart) ? data.cart : data;
  const items = Array.isArray(cart.items) ? cart.items.filter(isRec) : [];
  if (items.length === 0)
    return {
      kind: 'fact',
      body: `Your cart is empty${f.intent === 'checkout' ? ', so there is nothing to check out yet' : ''}.`,
      hint: 'Tell me what you are looking for and I will help you find it.',
    };
  const lines = items.map((i) => {
    const q = num(i.quantity) ?? 1;
    const total = num(i.lineTotal) ?? num(i.unitPrice);
    return `${q} × ${str(i.name) ?? 'item'}${namedSize(str(i.size)) ? ` (${str(i.size)})` : ''}${total !== null ? `: ${money(total)}` : ''}${i.inStock === false ? ' (no longer in stock)' : ''}`;
  });
  const subtotal = num(cart.subtotal);
  const shipping = str(cart.shipping);
  const body = `In your cart:\n${lines.join('\n')}${subtotal !== null ? `\nSubtotal: ${money(subtotal)}.` : ''}${shipping ? ` Shipping: ${shipping}.` : ''}`;
  return { kind: 'fact', body: f.intent === 'checkout' ? `${body}\n${PHRASES.checkout}` : body };
}

export function reorderReply(ex: Exchange): Reply {
  const data = ex.result!.data;
  const n = str(ex.args.orderNumber);
  const names = (v: unknown): string[] =>
    Array.isArray(v)
      ? v
          .map((i) =>
            typeof i === 'string' ? i : isRec(i) ? [str(i.name), str(i.size) ? `(${str(i.size)})` : null].filter(Boolean).join(' ') : '',
          )
          .filter(Boolean)
      : [];
  const added = names(data.added);
  const missing = names(data.unavailable);
  const cart = isRec(data.cart) ? data.cart : {};
  const parts = [
    added.length
      ? `I've added ${added.length === 1 ? 'the item' : `${added.length} items`} from order #${n} to your cart: ${listText(added)}.`
      : `Nothing from order #${n} could be added: it is no longer in stock.`,
    missing.length ? `Not available any more: ${listText(missing)}.` : '',
    cartTotals(cart),
  ];
  return { kind: 'fact', body: parts.filter(Boolean).join(' ') };
}
