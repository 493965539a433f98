// Reply builders on tool results a shopper's conversation could produce but the demo catalog does not.
import { describe, expect, it } from 'vitest';
import { searchReply } from '../../../src/agent/offline/replies-shop.js';
import { extractEntities } from '../../../src/agent/offline/entities.js';
import { normalize } from '../../../src/agent/offline/normalize.js';
import type { Frame } from '../../../src/agent/offline/frame.js';
import { productsIn, type ProductView } from '../../../src/agent/offline/results.js';
import { card, searchResult } from './tool-results.js';

/**
 * An accessory as search_products lists it, synced from a store that gave it no sizes (stock {}:
 * no variants) — and, for colour '', no colour either.
 */
const tote = (id: string, name: string, colour: string) =>
  card({ id, name, colour, category: 'accessories', price: 20, description: 'A bag.', stock: {} });

describe('which colours a product comes in', () => {
  const text = 'what colours does it come in?';
  const frame = (product: ProductView): Frame => ({
    intent: 'stock',
    e: extractEntities(normalize(text)),
    text,
    product,
    orderNumber: null,
    injection: false,
    offset: 0,
    aboutProductPage: false,
    pageQuestion: text,
    aboutColours: true,
    foreign: false,
  });
  const found = (...rows: Array<ReturnType<typeof tote>>) => ({
    id: 'call_1',
    name: 'search_products',
    args: { query: 'Canvas Tote', limit: 10 },
    result: { ok: true, error: null, data: searchResult(rows) },
  });
  /** The product as the model reads it out of the results it was shown in. */
  const view = (shown: ReturnType<typeof found>, id: string) => productsIn(shown).find((p) => p.id === id)!;

  it('a product without a colour in the results says what it can, and does not fail', () => {
    const shown = found(tote('p1', 'Canvas Tote', ''));
    const r = searchReply(shown, frame(view(shown, 'p1')));
    expect(r.body).toBe('Canvas Tote only comes in the one colour shown.');
  });

  it('lists the same piece in each colour, the product asked about first', () => {
    const shown = found(
      tote('p3', 'Red Canvas Tote', 'red'),
      tote('p2', 'Navy Canvas Tote', 'navy'),
      tote('p4', 'Red Leather Belt', 'red'),
    );
    const r = searchReply(shown, frame(view(shown, 'p2')));
    expect(r.body).toMatch(/^Canvas Tote comes in navy and red:\n1\. Red Canvas Tote: \$20\n2\. Navy Canvas Tote: \$20$/);
    expect(r.body).not.toContain('Belt');
  });
});
