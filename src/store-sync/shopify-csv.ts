// Shopify's CSV exports (products, customers, orders) → store records. Products span several
// rows (one per variant, plus image rows) grouped by Handle; orders one row per line item
// grouped by Name. Rows are checked one by one: a bad row is rejected with its line and reason,
// the rest of its product or order still imports.
import { isColourOption, isSizeOption, htmlToText, mapCategory, mapColour, searchWords, slugify } from './vocab.js';
import type { StoreRecordInput } from './records.js';
import type { Mapped, Row } from './rows.js';

export type { Mapped, Row } from './rows.js';
import { amount, orderGroups } from './shopify-orders.js';

export { orderStatus } from './shopify-orders.js';

export type ShopifyCsvKind = 'products' | 'customers' | 'orders';

export interface ShopifyCsvOptions {
  /** The store's address (https://shop.example.com): product pages are <store>/products/<handle>. */
  storeUrl?: string | null;
}

export interface RowMapper {
  kind: ShopifyCsvKind;
  push(line: number, fields: string[]): Mapped[];
  end(): Mapped[];
}

/** Which export a header is, from its columns. */
export function shopifyKind(header: readonly string[]): ShopifyCsvKind | undefined {
  const cols = new Set(header.map((h) => h.trim().toLowerCase()));
  if (cols.has('handle')) return 'products';
  if (cols.has('lineitem quantity') || cols.has('lineitem name')) return 'orders';
  if (cols.has('email') && (cols.has('accepts email marketing') || cols.has('accepts marketing') || cols.has('first name')))
    return 'customers';
  return undefined;
}

export function createShopifyRowMapper(header: readonly string[], opts: ShopifyCsvOptions = {}): RowMapper | { error: string } {
  const kind = shopifyKind(header);
  if (!kind)
    return {
      error: 'not a Shopify products, customers or orders export (no Handle, Lineitem or Email column)',
    };
  const index = new Map(header.map((h, i) => [h.trim().toLowerCase(), i]));
  const rowOf = (line: number, fields: string[]): Row => ({
    line,
    get: (name) => (fields[index.get(name.toLowerCase()) ?? -1] ?? '').trim(),
  });
  const width = header.length;
  const checkWidth = (line: number, fields: string[]): Mapped | null =>
    fields.length === width
      ? null
      : {
          line,
          error: `has ${fields.length} fields where the header has ${width} (broken quoting?)`,
        };
  if (kind === 'customers') {
    return {
      kind,
      push: (line, fields) => [
        checkWidth(line, fields) ?? {
          line,
          record: customerRecord(rowOf(line, fields)),
        },
      ],
      end: () => [],
    };
  }
  const group = kind === 'products' ? productGroups(opts) : orderGroups();
  return {
    kind,
    push(line, fields) {
      const bad = checkWidth(line, fields);
      return bad ? [bad] : group.push(rowOf(line, fields));
    },
    end: () => group.end(),
  };
}

// ---- customers

const yes = (v: string) => /^(yes|true|1|subscribed)$/i.test(v.trim());
const list = (v: string) =>
  v
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);

function customerRecord(r: Row): StoreRecordInput {
  return {
    type: 'customer',
    email: r.get('Email'),
    externalId: r.get('Customer ID') || r.get('ID') || null,
    firstName: r.get('First Name'),
    lastName: r.get('Last Name'),
    tags: list(r.get('Tags')),
    acceptsMarketing: yes(r.get('Accepts Email Marketing') || r.get('Accepts Marketing')),
  };
}

// ---- products

export interface ProductRow {
  line: number;
  option: string[];
  sku: string;
  stock: number;
  price: number;
  variantId: string;
  variantImage: string;
}

/** A variant row, a rejection, or null for a row that only adds an image. */
function variantRow(r: Row): ProductRow | { line: number; error: string } | null {
  const priceText = r.get('Variant Price');
  if (!priceText && !r.get('Variant SKU') && !r.get('Option1 Value')) return null;
  const price = amount(priceText);
  if (price === null) return { line: r.line, error: `Variant Price "${priceText}" is not an amount` };
  const qtyText = r.get('Variant Inventory Qty') || '0';
  if (!/^-?\d+$/.test(qtyText)) return { line: r.line, error: `Variant Inventory Qty "${qtyText}" is not a whole number` };
  const option = [r.get('Option1 Value'), r.get('Option2 Value'), r.get('Option3 Value')];
  return {
    line: r.line,
    option,
    sku: r.get('Variant SKU'),
    stock: Math.max(0, Number(qtyText)),
    price,
    variantId: r.get('Variant ID'),
    variantImage: r.get('Variant Image'),
  };
}

function productGroups(opts: ShopifyCsvOptions) {
  let handle: string | null = null;
  let head: Row | null = null;
  let rows: ProductRow[] = [];
  let images: Array<{ src: string; position: number }> = [];
  const flush = (): Mapped[] => {
    const out = head ? productRecords(head, rows, images, opts) : [];
    handle = null;
    head = null;
    rows = [];
    images = [];
    return out;
  };
  return {
    push(r: Row): Mapped[] {
      const h = r.get('Handle');
      if (!h) return [{ line: r.line, error: 'Handle is missing' }];
      const out = h !== handle ? flush() : [];
      if (handle === null) {
        handle = h;
        head = r;
      }
      const src = r.get('Image Src');
      if (src) images.push({ src, position: Number(r.get('Image Position')) || images.length + 1 });
      const variant = variantRow(r);
      if (variant && 'error' in variant) return [...out, variant];
      if (variant) rows.push(variant);
      return out;
    },
    end: flush,
  };
}

/** The variant rows by colour (the option named like a colour), and each row's size: the size option plus any other option. */
function readOptions(head: Row, rows: ProductRow[]): { byColour: Map<string, ProductRow[]>; sizeOf: (r: ProductRow) => string } {
  const names = [head.get('Option1 Name'), head.get('Option2 Name'), head.get('Option3 Name')];
  const colourAt = names.findIndex((n) => n && isColourOption(n));
  const sizeAt = names.findIndex((n) => n && isSizeOption(n));
  const sizeOf = (r: ProductRow) => {
    const others = r.option.filter((v, i) => v && i !== colourAt && i !== sizeAt && names[i] && !/^default title$/i.test(v));
    return [sizeAt >= 0 ? r.option[sizeAt] : '', ...others].filter(Boolean).join(' / ') || 'ONE';
  };
  const byColour = new Map<string, ProductRow[]>();
  for (const r of rows) {
    const colour = colourAt >= 0 ? mapColour(r.option[colourAt]) : '';
    byColour.set(colour, [...(byColour.get(colour) ?? []), r]);
  }
  return { byColour, sizeOf };
}

/** One record per colour: the shop keeps a colour per product and its sizes as variants. */
export function productRecords(
  head: Row,
  rows: ProductRow[],
  images: Array<{ src: string; position: number }>,
  opts: ShopifyCsvOptions,
): Mapped[] {
  const handle = head.get('Handle');
  const title = head.get('Title');
  if (!title) return [{ line: head.line, error: `Title is missing for product "${handle}"` }];
  if (rows.length === 0) return [{ line: head.line, error: `product "${handle}" has no valid variant row` }];
  const { byColour, sizeOf } = readOptions(head, rows);
  const status = (head.get('Status') || (head.get('Published') && !yes(head.get('Published')) ? 'draft' : 'active')).toLowerCase();
  const firstImage = [...images].sort((a, b) => a.position - b.position)[0]?.src ?? null;
  const category = mapCategory([head.get('Type'), head.get('Product Category'), head.get('Product Type'), title, head.get('Tags')]);
  const tags = list(head.get('Tags'));
  const base = opts.storeUrl ? opts.storeUrl.replace(/\/+$/, '') : null;
  const split = byColour.size > 1;
  return [...byColour].map(([colour, vs]): Mapped => {
    const first = vs[0]!;
    const variantQuery = split && first.variantId ? `?variant=${encodeURIComponent(first.variantId)}` : '';
    return {
      line: first.line,
      record: {
        type: 'product',
        handle: split ? `${handle}--${slugify(colour)}` : handle,
        externalId: head.get('ID') || null,
        title,
        description: htmlToText(head.get('Body (HTML)')),
        vendor: head.get('Vendor') || null,
        category,
        tags: [searchWords(tags, head.get('Type'), head.get('Vendor'))].filter(Boolean),
        status: (['active', 'draft', 'archived'].includes(status) ? status : 'active') as 'active',
        price: Math.min(...vs.map((v) => v.price)),
        url: base ? `${base}/products/${encodeURIComponent(handle)}${variantQuery}` : null,
        imageUrl: vs.find((v) => v.variantImage)?.variantImage || firstImage,
        variants: vs.map((v) => ({
          externalId: v.variantId || null,
          sku: v.sku || null,
          size: sizeOf(v),
          colour,
          stock: v.stock,
          price: v.price,
          imageUrl: v.variantImage || null,
        })),
      },
    };
  });
}
