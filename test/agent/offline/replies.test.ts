// Reply builders on tool results a shopper's conversation could produce but the demo catalog does not.
import { describe, expect, it } from 'vitest';
import { searchReply } from '../../../src/agent/offline/replies-shop.js';
import { extractEntities } from '../../../src/agent/offline/entities.js';
import { normalize } from '../../../src/agent/offline/normalize.js';
import type { Frame } from '../../../src/agent/offline/frame.js';
import type { ProductView } from '../../../src/agent/offline/results.js';

const view = (id: string, name: string, colour: string | null): ProductView => ({
  id,
  name,
  colour,
  category: 'accessories',
  price: 20,
  stock: [{ size: 'ONE', units: 4 }],
  because: null,
  description: null,
});

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
  const found = (...rows: ProductView[]) => ({
    id: 'call_1',
    name: 'search_products',
    args: { query: 'Canvas Tote', limit: 10 },
    result: { ok: true, error: null, data: { products: rows } },
  });

  it('a product without a colour in the results says what it can, and does not fail', () => {
    const plain = view('p1', 'Canvas Tote', null);
    const r = searchReply(found(plain), frame(plain));
    expect(r.body).toBe('Canvas Tote only comes in the one colour shown.');
  });

  it('lists the same piece in each colour, the product asked about first', () => {
    const navy = view('p2', 'Navy Canvas Tote', 'navy');
    const r = searchReply(found(view('p3', 'Red Canvas Tote', 'red'), navy, view('p4', 'Red Leather Belt', 'red')), frame(navy));
    expect(r.body).toMatch(/^Canvas Tote comes in navy and red:\n1\. Red Canvas Tote: \$20\n2\. Navy Canvas Tote: \$20$/);
    expect(r.body).not.toContain('Belt');
  });
});
