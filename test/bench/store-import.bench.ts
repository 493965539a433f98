// Store import at scale: generates a Shopify orders export of 200,000 orders (about 300,000
// line-item rows, 20,000 customers) plus a 60-product catalog into a temp dir, imports both into
// a fresh SQLite file through the same path as `npm run store:import`, and checks the process's
// peak memory stays bounded (the file is streamed, never held). Reports rows/s.
// Targets: peak anonymous RSS (heap, buffers, SQLite's page cache: what the import holds) < 300 MB;
// every order imported, none rejected. Total RSS is shown too: it also counts the database file's
// pages SQLite maps (mmap_size, 256 MB), which the kernel shares and reclaims like page cache.
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openNodeDb } from '../../src/db/node.js';
import { createDbSink } from '../../src/store-sync/index.js';
import { importFiles } from '../../src/cli/store-import-files.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 200_000);
const PRODUCTS = 60;
const CUSTOMERS = 20_000;
const TARGET_RSS_MB = 300;

async function write(file: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(file);
  for (const line of lines) if (!out.write(`${line}\n`)) await once(out, 'drain');
  out.end();
  await once(out, 'finish');
}

function* products(): Generator<string> {
  yield 'Handle,Title,Body (HTML),Vendor,Type,Tags,Option1 Name,Option1 Value,Variant SKU,Variant Inventory Qty,Variant Price,Image Src,Variant ID';
  for (let p = 0; p < PRODUCTS; p++) {
    for (const [i, size] of ['S', 'M', 'L'].entries()) {
      const head =
        i === 0
          ? `Bench Piece ${p},"<p>Piece ${p}, line one.\nLine two, with ""quotes"".</p>",Bench Co,Shirts,"bench, cotton",Size`
          : ',,,,,';
      yield `piece-${p},${head},${size},BP-${p}-${size},50,${(20 + p).toFixed(2)},${i === 0 ? `https://cdn.example.test/p${p}.jpg` : ''},${9_000_000 + p * 10 + i}`;
    }
  }
}

function* orders(): Generator<string> {
  yield 'Name,Email,Financial Status,Fulfillment Status,Fulfilled at,Total,Created at,Lineitem quantity,Lineitem name,Lineitem price,Lineitem sku,Shipping Name,Shipping Address1,Shipping City,Shipping Zip,Shipping Province,Shipping Country,Cancelled at,Id';
  const sizes = ['S', 'M', 'L'];
  for (let o = 0; o < ORDERS; o++) {
    const email = `shopper${o % CUSTOMERS}@bench.example`;
    const day = new Date(Date.UTC(2025, 0, 1) + (o % 600) * 86_400_000).toISOString().slice(0, 10);
    const lines = 1 + (o % 2);
    for (let l = 0; l < lines; l++) {
      const p = (o * 7 + l * 13) % PRODUCTS;
      const size = sizes[(o + l) % 3]!;
      const head =
        l === 0
          ? `${email},paid,${o % 5 === 0 ? 'unfulfilled' : 'fulfilled'},${o % 5 === 0 ? '' : `${day} 12:00:00 -0500`},${(lines * 30).toFixed(2)},${day} 09:30:00 -0500`
          : ',,,,,';
      const ship = l === 0 ? `"Shopper ${o % CUSTOMERS}","${o} Elm Street, Apt 2",Springfield,'62701,IL,US,,${40_000_000 + o}` : ',,,,,,,';
      yield `#${100_000 + o},${head},1,Bench Piece ${p} - ${size},30.00,BP-${p}-${size},${ship}`;
    }
  }
}

/** Resident memory not backed by a file (Linux /proc; elsewhere all of RSS). */
function anonRss(): number {
  try {
    const m = /RssAnon:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (m) return Number(m[1]) * 1024;
  } catch {
    // not Linux
  }
  return process.memoryUsage().rss;
}

async function main(): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-import-'));
  try {
    const productsFile = join(dir, 'products_export.csv');
    const ordersFile = join(dir, 'orders_export.csv');
    await write(productsFile, products());
    await write(ordersFile, orders());
    const mb = (n: number) => (n / 1024 / 1024).toFixed(0);
    console.log(`generated ${ORDERS.toLocaleString('en-US')} orders: ${mb(statSync(ordersFile).size)} MB of CSV`);

    const handle = openNodeDb(join(dir, 'tailor.db'));
    let peak = process.memoryUsage().rss;
    let peakAnon = anonRss();
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
      peakAnon = Math.max(peakAnon, anonRss());
    }, 20);
    const started = performance.now();
    const reports = await importFiles([ordersFile, productsFile], {
      format: 'shopify',
      sink: createDbSink(handle.db, handle.atomic, Date.now),
      progress: (line) => process.stderr.write(`  ${line}\n`),
      progressEvery: 50_000,
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
    const orderReport = reports.find((r) => r.kind === 'orders')!;
    const rows = reports.reduce((s, r) => s + r.rows, 0);
    const [{ n }] = handle.sqlite.prepare('select count(*) n from orders').all() as [{ n: number }];
    await handle.close();

    console.log(
      `imported ${orderReport.imported.toLocaleString('en-US')} orders (${n.toLocaleString('en-US')} in the db), ${orderReport.rejected} rejected, ${rows.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s: ${Math.round(rows / seconds).toLocaleString('en-US')} rows/s, ${Math.round(orderReport.imported / seconds).toLocaleString('en-US')} orders/s`,
    );
    console.log(
      `peak anonymous RSS ${mb(peakAnon)} MB (target < ${TARGET_RSS_MB} MB); peak RSS with the mapped database file ${mb(peak)} MB`,
    );
    const ok = peakAnon < TARGET_RSS_MB * 1024 * 1024 && orderReport.imported === ORDERS && n === ORDERS && orderReport.rejected === 0;
    console.log(ok ? 'met' : 'MISSED');
    return ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
