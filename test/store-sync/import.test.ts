// The store import: Shopify's CSV exports and JSON Lines into a real SQLite file, row by row
// with a report; a re-import updates; the D1 script writes the same rows.
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createCsvParser, createDbSink, createSqlSink, importStream, type ImportReport } from '../../src/store-sync/index.js';
import { importFiles } from '../../src/cli/store-import-files.js';
import { migrationsFolder } from '../../src/db/node.js';
import { searchProducts } from '../../src/shop/index.js';
import { tempDbsPerTest, type TempDb } from '../support/db.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const open = tempDbsPerTest();
const STORE = 'https://northwind.example';

const importInto = (db: TempDb, paths: string[], format: 'shopify' | 'jsonl' = 'shopify') =>
  importFiles(paths, {
    format,
    sink: createDbSink(db.db, db.atomic, () => 1_790_000_000_000),
    storeUrl: STORE,
  });

const rows = (db: TempDb, sql: string) => db.sqlite.prepare(sql).all() as Array<Record<string, unknown>>;

async function* chunks(text: string, size = 7) {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

describe('Shopify CSV import', () => {
  it('loads products per colour with sizes, stock, prices, images and page URLs; customers; orders with lines', async () => {
    const db = open();
    const reports = await importInto(db, [join(FIXTURES, 'shopify')]);
    // Products first, then customers, then orders, whatever the order on the command line.
    expect(reports.map((r) => [r.kind, r.imported, r.updated, r.rejected])).toEqual([
      ['products', 4, 0, 0],
      ['customers', 2, 0, 0],
      ['orders', 3, 0, 0],
    ]);
    expect(
      rows(
        db,
        `select slug, name, category, colour, price_cents, image_url, url, vendor from products where status = 'active' order by slug`,
      ),
    ).toEqual([
      {
        slug: 'alder-ceramic-mug',
        name: 'Alder Ceramic Mug',
        category: 'home decor',
        colour: '',
        price_cents: 2400,
        image_url: 'https://cdn.example.test/alder-mug.jpg',
        url: `${STORE}/products/alder-ceramic-mug`,
        vendor: 'Kiln & Co',
      },
      {
        slug: 'fjord-wool-coat',
        name: 'Fjord Wool Coat',
        category: 'outerwear',
        colour: '',
        price_cents: 24000,
        image_url: 'https://cdn.example.test/fjord-1.jpg',
        url: `${STORE}/products/fjord-wool-coat`,
        vendor: 'Northwind Atelier',
      },
      {
        slug: 'harbor-linen-shirt--navy',
        name: 'Harbor Linen Shirt',
        category: 'tops',
        colour: 'navy',
        price_cents: 6200,
        image_url: 'https://cdn.example.test/harbor-navy.jpg',
        url: `${STORE}/products/harbor-linen-shirt?variant=41000000104`,
        vendor: 'Northwind Atelier',
      },
      {
        slug: 'harbor-linen-shirt--sand',
        name: 'Harbor Linen Shirt',
        category: 'tops',
        colour: 'sand',
        price_cents: 5800,
        image_url: 'https://cdn.example.test/harbor-sand.jpg',
        url: `${STORE}/products/harbor-linen-shirt?variant=41000000101`,
        vendor: 'Northwind Atelier',
      },
    ]);
    // The multi-line quoted description arrives whole, as text.
    expect(rows(db, `select description from products where slug = 'harbor-linen-shirt--sand'`)[0]!.description).toBe(
      'A relaxed linen shirt, cut for warm days & breezy evenings.',
    );
    expect(rows(db, `select sku, size, stock, external_id from variants where sku like 'HLS-SAND-%' order by sku`)).toEqual([
      { sku: 'HLS-SAND-L', size: 'L', stock: 0, external_id: '41000000103' },
      { sku: 'HLS-SAND-M', size: 'M', stock: 7, external_id: '41000000102' },
      { sku: 'HLS-SAND-S', size: 'S', stock: 4, external_id: '41000000101' },
    ]);
    expect(rows(db, `select email, first_name, tags, accepts_marketing, external_id from customers order by email`)).toEqual([
      {
        email: 'ines.okafor@example.test',
        first_name: 'Ines',
        tags: 'vip, newsletter',
        accepts_marketing: 1,
        external_id: '7100000001',
      },
      {
        email: 'maya.r@example.test',
        first_name: '',
        tags: '',
        accepts_marketing: 0,
        external_id: null,
      }, // known only from her order
      {
        email: 'tomas.l@example.test',
        first_name: 'Tomas',
        tags: '',
        accepts_marketing: 0,
        external_id: '7100000002',
      },
    ]);
    expect(
      rows(
        db,
        `select number, status, total_cents, shipped_at is not null as shipped, external_id, financial_status from orders order by number`,
      ),
    ).toEqual([
      {
        number: '1001',
        status: 'shipped',
        total_cents: 11600,
        shipped: 1,
        external_id: '5500000001',
        financial_status: 'paid',
      },
      {
        number: '1002',
        status: 'processing',
        total_cents: 3000,
        shipped: 0,
        external_id: '5500000002',
        financial_status: 'paid',
      },
      {
        number: '1003',
        status: 'cancelled',
        total_cents: 2400,
        shipped: 0,
        external_id: '5500000003',
        financial_status: 'refunded',
      },
    ]);
    expect(
      rows(
        db,
        `select o.number, i.name, i.size, i.colour, i.quantity, i.unit_price_cents, v.sku from order_items i join orders o on o.id = i.order_id join variants v on v.id = i.variant_id order by o.number, i.id`,
      ),
    ).toEqual(
      expect.arrayContaining([
        {
          number: '1001',
          name: 'Harbor Linen Shirt',
          size: 'M',
          colour: 'sand',
          quantity: 1,
          unit_price_cents: 5800,
          sku: 'HLS-SAND-M',
        },
        {
          number: '1001',
          name: 'Harbor Linen Shirt',
          size: 'M',
          colour: 'navy',
          quantity: 1,
          unit_price_cents: 5800,
          sku: 'HLS-NAVY-M',
        },
        {
          number: '1002',
          name: 'Alder Ceramic Mug',
          size: 'ONE',
          colour: '',
          quantity: 1,
          unit_price_cents: 2400,
          sku: 'ACM-1',
        },
        {
          number: '1003',
          name: 'Discontinued Tote',
          size: 'ONE',
          colour: '',
          quantity: 2,
          unit_price_cents: 900,
          sku: 'OLD-TOTE-1',
        },
      ]),
    );
  });

  it('makes imported products searchable by name and by the store own category, and keeps stand-ins for old lines out of search', async () => {
    const db = open();
    await importInto(db, [join(FIXTURES, 'shopify')]);
    const shirts = await searchProducts(db.db, {
      query: 'harbor linen shirt',
      limit: 5,
    });
    expect(shirts.matches.map((m) => [m.name, m.colour])).toEqual(
      expect.arrayContaining([
        ['Harbor Linen Shirt', 'sand'],
        ['Harbor Linen Shirt', 'navy'],
      ]),
    );
    expect(shirts.matches[0]!.imageUrl).toMatch(/^https:\/\/cdn\.example\.test\//);
    const mugs = await searchProducts(db.db, {
      query: 'ceramic mug',
      limit: 5,
    });
    expect(mugs.matches.map((m) => m.name)).toEqual(['Alder Ceramic Mug']);
    const coats = await searchProducts(db.db, {
      query: 'wool coats',
      limit: 5,
    });
    expect(coats.matches.map((m) => m.name)).toEqual(['Fjord Wool Coat']);
    // The tote of order 1003 is no longer sold: its stand-in keeps the order whole but is not offered.
    expect(rows(db, `select status from products where name = 'Discontinued Tote'`)).toEqual([{ status: 'archived' }]);
    expect((await searchProducts(db.db, { query: 'discontinued tote', limit: 5 })).matches).toEqual([]);
  });

  it('is idempotent: a re-import updates the same rows, and a changed export changes them', async () => {
    const db = open();
    await importInto(db, [join(FIXTURES, 'shopify')]);
    const count = () =>
      rows(
        db,
        `select (select count(*) from products) p, (select count(*) from variants) v, (select count(*) from customers) c, (select count(*) from orders) o, (select count(*) from order_items) i`,
      )[0];
    const before = count();
    const again = await importInto(db, [join(FIXTURES, 'shopify')]);
    expect(again.map((r) => [r.kind, r.imported, r.updated, r.rejected])).toEqual([
      ['products', 0, 4, 0],
      ['customers', 0, 2, 0],
      ['orders', 0, 3, 0],
    ]);
    expect(count()).toEqual(before);

    const csv = readFileSync(join(FIXTURES, 'shopify/products_export.csv'), 'utf8').replace(
      'HLS-SAND-M,300,shopify,7,deny,manual,58.00',
      'HLS-SAND-M,300,shopify,1,deny,manual,49.00',
    );
    const report = await importStream(chunks(csv, 100), {
      source: 'changed.csv',
      format: 'shopify',
      sink: createDbSink(db.db, db.atomic, Date.now),
    });
    expect([report.imported, report.updated]).toEqual([0, 4]);
    expect(
      rows(db, `select v.stock, p.price_cents from variants v join products p on p.id = v.product_id where v.sku = 'HLS-SAND-M'`),
    ).toEqual([{ stock: 1, price_cents: 4900 }]);
  });

  it('rejects malformed rows with their line numbers and reasons, and imports the rest', async () => {
    const db = open();
    const [products, orders] = (await importInto(db, [
      join(FIXTURES, 'malformed/products_export.csv'),
      join(FIXTURES, 'malformed/orders_export.csv'),
    ])) as [ImportReport, ImportReport];
    expect(products.rejections).toEqual([
      { line: 3, reason: 'Variant Price "twenty" is not an amount' },
      { line: 4, reason: 'Handle is missing' },
      { line: 5, reason: 'stray quote inside an unquoted field' },
      {
        line: 6,
        reason: 'has 2 fields where the header has 33 (broken quoting?)',
      },
    ]);
    expect([products.imported, products.rejected]).toEqual([2, 4]);
    expect(rows(db, `select slug from products order by slug`)).toEqual([{ slug: 'after-tee' }, { slug: 'good-tee' }]);
    expect(rows(db, `select sku from variants order by sku`)).toEqual([{ sku: 'AT-S' }, { sku: 'GT-M' }]);
    expect(orders.rejections).toEqual([
      {
        line: 3,
        reason: 'order #2002: unknown Fulfillment Status "teleported"',
      },
      { line: 4, reason: 'order #2003: Lineitem price "abc" is not an amount' },
      { line: 5, reason: 'email: must be an email address' },
    ]);
    expect(rows(db, `select number from orders`)).toEqual([{ number: '2001' }]);
  });

  it('reads quoted fields split across chunks of any size, and reports an unterminated quote', () => {
    const text = 'a,b\r\n"one, ""two""\nthree",4\n5,6\n"never closed,7\n';
    for (const size of [1, 2, 3, 5, 1000]) {
      const p = createCsvParser();
      const out = [];
      for (let i = 0; i < text.length; i += size) out.push(...p.push(text.slice(i, i + size)));
      out.push(...p.end());
      expect(out).toEqual([
        { line: 1, fields: ['a', 'b'] },
        { line: 2, fields: ['one, "two"\nthree', '4'] },
        { line: 4, fields: ['5', '6'] },
        { line: 5, error: 'unterminated quoted field' },
      ]);
    }
  });
});

describe('JSON Lines import', () => {
  const jsonl = [
    JSON.stringify({
      type: 'product',
      handle: 'moss-beanie',
      title: 'Moss Beanie',
      category: 'Hats',
      price: '32.00',
      imageUrl: 'https://cdn.example.test/beanie.jpg',
      url: 'https://woo.example/product/moss-beanie',
      variants: [
        {
          externalId: '901',
          sku: 'MB-1',
          size: 'ONE',
          colour: 'Moss Green',
          stock: 9,
        },
      ],
    }),
    JSON.stringify({
      type: 'customer',
      email: 'Ada@Example.test',
      firstName: 'Ada',
      tags: ['wholesale'],
      acceptsMarketing: true,
    }),
    JSON.stringify({
      type: 'order',
      number: 'W-77',
      email: 'ada@example.test',
      status: 'delivered',
      total: 32,
      createdAt: '2026-11-02T10:00:00Z',
      deliveredAt: '2026-11-05T10:00:00Z',
      lines: [{ sku: 'MB-1', name: 'Moss Beanie', quantity: 1, price: 32 }],
    }),
    '{ not json',
    JSON.stringify({
      type: 'order',
      number: 'W-78',
      email: 'ada@example.test',
      status: 'lost',
      total: 1,
      createdAt: '2026-11-02T10:00:00Z',
      lines: [{ name: 'x', quantity: 1, price: 1 }],
    }),
    JSON.stringify({
      type: 'product',
      handle: 'bad-price',
      title: 'Bad',
      price: 'twelve',
      variants: [{ size: 'M' }],
    }),
    JSON.stringify({ type: 'coupon', code: 'X' }),
  ].join('\n');

  it('imports each valid line and rejects the others with the line and the failing field', async () => {
    const db = open();
    const report = await importStream(chunks(jsonl, 50), {
      source: 'store.jsonl',
      format: 'jsonl',
      sink: createDbSink(db.db, db.atomic, Date.now),
    });
    expect([report.imported, report.updated, report.rejected]).toEqual([3, 0, 4]);
    expect(report.rejections).toEqual([
      { line: 4, reason: 'not valid JSON' },
      { line: 5, reason: expect.stringMatching(/^status: /) },
      { line: 6, reason: 'price: must be an amount like 12.50' },
      { line: 7, reason: expect.stringMatching(/^type: /) },
    ]);
    expect(rows(db, `select name, category, colour, image_url, url from products`)).toEqual([
      {
        name: 'Moss Beanie',
        category: 'accessories',
        colour: 'moss green',
        image_url: 'https://cdn.example.test/beanie.jpg',
        url: 'https://woo.example/product/moss-beanie',
      },
    ]);
    expect(rows(db, `select o.status, c.email, c.tags from orders o join customers c on c.id = o.customer_id`)).toEqual([
      { status: 'delivered', email: 'ada@example.test', tags: 'wholesale' },
    ]);
  });
});

describe('the D1 script', () => {
  it('writes the same rows when applied to a migrated database (D1 is SQLite), and can be applied twice', async () => {
    let script = '';
    const reports = await importFiles([join(FIXTURES, 'shopify')], {
      format: 'shopify',
      sink: createSqlSink(
        (t) => void (script += t),
        () => 1_790_000_000_000,
      ),
      storeUrl: STORE,
    });
    expect(reports.map((r) => r.written)).toEqual([4, 2, 3]);
    const sqlite = new Database(':memory:');
    migrate(drizzle(sqlite), { migrationsFolder });
    sqlite.exec(script);
    sqlite.exec(script);
    const viaScript = sqlite
      .prepare(`select p.slug, v.sku, v.stock, v.external_id from variants v join products p on p.id = v.product_id order by v.sku`)
      .all();
    const db = open();
    await importInto(db, [join(FIXTURES, 'shopify')]);
    expect(viaScript).toEqual(
      rows(db, `select p.slug, v.sku, v.stock, v.external_id from variants v join products p on p.id = v.product_id order by v.sku`),
    );
    expect(sqlite.prepare(`select count(*) n from order_items`).get()).toEqual({
      n: 4,
    });
    sqlite.close();
  });
});
