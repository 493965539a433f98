// Replies about the cart: an item added, a line changed or removed, the cart itself, and a
// reorder, built only from fields of the tool results.
import type { Exchange } from './conversation.js';
import type { Frame } from './frame.js';
import { PHRASES } from './phrases.js';
import type { CartView } from '../../tools/index.js';
import { listText, money, namedSize, outputOf } from './results.js';
import type { Reply } from './voice.js';

function cartTotals(cart: CartView): string {
  if (cart.itemCount === 0) return 'Your cart is now empty.';
  const count = cart.itemCount;
  return `Your cart now has ${count} ${count === 1 ? 'item' : 'items'}, subtotal ${money(cart.subtotal)}. Shipping: ${cart.shipping}.`;
}

const failed: Reply = { kind: 'fact', body: PHRASES.toolFailed };
/** "Linen Shirt (M)"; a one-size item without its size. */
const named = (name: string, size: string) => `${name}${namedSize(size) ? ` (${size})` : ''}`;

export function addReply(ex: Exchange): Reply {
  const out = outputOf(ex, 'add_to_cart');
  if (!out) return failed;
  const { name, size, quantity } = out.added;
  const sized = namedSize(size);
  return {
    kind: 'fact',
    body: `I've added ${quantity > 1 ? `${quantity} × ` : ''}${name}${sized ? ` in ${sized}` : ''} to your cart. ${cartTotals(out.cart)}`.trim(),
  };
}

export function updateReply(ex: Exchange): Reply {
  const out = outputOf(ex, 'update_cart');
  if (!out) return failed;
  const totals = cartTotals(out.cart);
  if ('removed' in out)
    return { kind: 'fact', body: `I've removed ${named(out.removed.name, out.removed.size)} from your cart. ${totals}`.trim() };
  const { name, from, to } = out.changed;
  const what =
    from.size !== to.size
      ? `moved ${name} from size ${from.size} to ${to.size}`
      : `changed ${name} (${to.size}) to ${to.quantity} ${to.quantity === 1 ? 'unit' : 'units'}`;
  return { kind: 'fact', body: `I've ${what}. ${totals}`.trim() };
}

export function removedAllReply(removals: readonly Exchange[]): Reply {
  const names = removals.flatMap((ex) => {
    const out = outputOf(ex, 'update_cart');
    return out && 'removed' in out ? [named(out.removed.name, out.removed.size)] : [];
  });
  return { kind: 'fact', body: `I've removed ${listText(names)} from your cart; it is empty now.` };
}

export function cartReply(ex: Exchange, f: Frame): Reply {
  const cart = outputOf(ex, 'view_cart')?.cart;
  if (!cart) return failed;
  if (cart.items.length === 0)
    return {
      kind: 'fact',
      body: `Your cart is empty${f.intent === 'checkout' ? ', so there is nothing to check out yet' : ''}.`,
      hint: 'Tell me what you are looking for and I will help you find it.',
    };
  const lines = cart.items.map(
    (i) => `${i.quantity} × ${named(i.name, i.size)}: ${money(i.lineTotal)}${i.inStock ? '' : ' (no longer in stock)'}`,
  );
  const body = `In your cart:\n${lines.join('\n')}\nSubtotal: ${money(cart.subtotal)}. Shipping: ${cart.shipping}.`;
  return { kind: 'fact', body: f.intent === 'checkout' ? `${body}\n${PHRASES.checkout}` : body };
}

export function reorderReply(ex: Exchange): Reply {
  const out = outputOf(ex, 'reorder');
  if (!out) return failed;
  const n = out.orderNumber;
  const added = out.added.map((i) => `${i.name} (${i.size})`);
  const missing = out.unavailable.map((i) => `${i.name} (${i.size})`);
  const parts = [
    added.length
      ? `I've added ${added.length === 1 ? 'the item' : `${added.length} items`} from order #${n} to your cart: ${listText(added)}.`
      : `Nothing from order #${n} could be added: it is no longer in stock.`,
    missing.length ? `Not available any more: ${listText(missing)}.` : '',
    cartTotals(out.cart),
  ];
  return { kind: 'fact', body: parts.filter(Boolean).join(' ') };
}
