// Which items of an order a shopper means: an item id from lookup_order, or words of its name
// ("the jumper", "chinos"), so a model need not copy ids to act on "the jumper from that order".
import type { OrderItemRow, OwnedOrder } from './orders.js';
import { itemLabel } from './orders.js';

export type ItemPick = { ok: true; items: OrderItemRow[] } | { ok: false; message: string };

const words = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 1);
const stem = (w: string) => w.replace(/(es|s)$/, '');

function matches(item: OrderItemRow, ref: string): boolean {
  if (item.id === ref) return true;
  const name = new Set(words(`${item.name} ${item.colour}`).map(stem));
  const asked = words(ref)
    .map(stem)
    .filter((w) => !['the', 'my', 'one', 'item', 'size'].includes(w));
  return asked.length > 0 && asked.every((w) => name.has(w));
}

/** Resolves each reference to exactly one item of the order; otherwise says which items there are. */
export function pickItems(owned: OwnedOrder, refs: readonly string[] | undefined): ItemPick {
  const listing = owned.items.map((i) => `${itemLabel(i)} [${i.id}]`).join('; ');
  if (!refs?.length) {
    if (owned.items.length === 1) return { ok: true, items: [...owned.items] };
    return { ok: false, message: `Order #${owned.order.number} has several items: say which (${listing}).` };
  }
  const chosen = new Map<string, OrderItemRow>();
  for (const ref of refs) {
    const hits = owned.items.filter((i) => matches(i, ref.trim()));
    if (hits.length !== 1) {
      return {
        ok: false,
        message: `${hits.length ? 'Several items' : 'No item'} of order #${owned.order.number} match "${ref.slice(0, 60)}". Its items: ${listing}.`,
      };
    }
    chosen.set(hits[0]!.id, hits[0]!);
  }
  return { ok: true, items: [...chosen.values()].sort((a, b) => a.id.localeCompare(b.id)) };
}
