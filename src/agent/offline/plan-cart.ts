// Cart changes the shopper asks for in words: which line ("the white ones", "it", the only one)
// and what to do to it (remove, another size, a quantity).
import type { Frame } from './frame.js';
import { pickProduct, sizeStep } from './frame.js';
import type { CartLineView, ProductView } from './results.js';
import { PHRASES } from './phrases.js';
import { call, reply, type Step } from './steps.js';
import { classifyScope } from './nlu/index.js';

/**
 * The cart change the message asks for, on the line it names: by name, colour or category, or
 * the only line, or "it" for the line added last. 0 removes; a size moves the line; a number sets
 * the quantity.
 */
export function changeCart(lines: readonly CartLineView[], f: Frame): Step {
  if (lines.length === 0) return reply({ kind: 'fact', body: PHRASES.cartEmpty });
  if (emptiesBasket(f.text))
    return {
      kind: 'call',
      calls: lines.map((l) => ({ name: 'update_cart', args: { productId: l.productId, size: l.size, quantity: 0 } })),
    };
  const views: ProductView[] = lines.map((l) => ({
    id: `${l.productId}|${l.size}`,
    name: l.name,
    colour: l.colour,
    category: l.category,
    price: null,
    stock: [],
    because: null,
    description: null,
  }));
  const line = cartLineMeant(lines, views, f);
  if (!line) {
    // "remove the scarf" with no scarf in the cart: say so before asking which line.
    const word = f.e.categoryWord ? new RegExp(`\\b${f.e.categoryWord}\\w*`, 'i').exec(f.text)?.[0] : undefined;
    const absent = word ? `I don't see the ${word.toLowerCase()} in your cart. ` : '';
    return reply({
      kind: 'ask',
      body: `${absent}${PHRASES.whichCartLine}\n${lines.map((l, i) => `${i + 1}. ${l.name} (${l.size})${l.quantity > 1 ? ` ×${l.quantity}` : ''}`).join('\n')}`,
    });
  }
  const args: Record<string, unknown> = { productId: line.productId, size: line.size };
  // "in a bigger size", "one size down": the size next to the line's.
  const step = f.e.size ? null : sizeStep(f.text);
  if (step) {
    const next = nextSize(line.size, step);
    if (!next)
      return reply({
        kind: 'fact',
        body: `${line.name} (${line.size}) is already the ${step > 0 ? 'largest' : 'smallest'} size I can change it to.`,
      });
    return call('update_cart', { ...args, newSize: next });
  }
  if (REMOVE.test(f.text)) args.quantity = 0;
  else if (f.e.size && f.e.size !== line.size) args.newSize = f.e.size;
  else if (f.e.quantity !== null) args.quantity = f.e.quantity;
  else if (/\b(only|just) (want )?(one|1)\b/i.test(f.text)) args.quantity = 1;
  else return reply({ kind: 'ask', body: `${PHRASES.howChangeLine} ${line.name} (${line.size})?` });
  return call('update_cart', args);
}

function cartLineMeant(lines: readonly CartLineView[], views: ProductView[], f: Frame): CartLineView | null {
  const named = pickProduct(views, { ...f.e, size: null }, f.text);
  if (named) return lines[views.indexOf(named)]!;
  // "remove the sneakers" with no sneakers in the cart is not about the one line there is.
  if (f.e.category !== null || f.e.colour !== null) return null;
  if (lines.length === 1) return lines[0]!;
  // Lines are in the order they were added: "it" is the newest.
  return f.e.pronoun ? lines[lines.length - 1]! : null;
}

/** How sure the scope head must be of `all` before every line of the basket goes. */
const SURE_ALL = 0.5;
/** Every line meant ("empty my basket", "remove everything"), not one of them: the scope head's `all`, sure of it. */
const emptiesBasket = (text: string): boolean => {
  const read = classifyScope(text, ['all', 'one']);
  return read.scope === 'all' && read.confidence >= SURE_ALL;
};
const REMOVE =
  /\b(remove|delete|take (it|that|this|them|the [\w-]+( [\w-]+)?) out|take out (the|my|those|these|that|both)|out of (my|the) (cart|basket|bag)|get rid of|don'?t want (it|that|this|them|the [\w-]+) anymore)\b/i;

const LETTERS = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL'];

/** The size next to `size` (letters XXS–XXL, shoe numbers), or null past the end. */
function nextSize(size: string, step: 1 | -1): string | null {
  const i = LETTERS.indexOf(size.toUpperCase());
  if (i >= 0) return LETTERS[i + step] ?? null;
  return /^\d{2}$/.test(size) ? String(Number(size) + step) : null;
}
