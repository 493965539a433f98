// npm run store:import -- --from shopify <files or folders>   (or --from jsonl)
// Loads a store's products, customers and orders into Tailor's database (TAILOR_DB, or --db),
// or with --d1-sql <out.sql> writes the same upserts as a SQL script for
//   npx wrangler d1 execute DB --local --file=<out.sql>   (--remote for the deployed database).
// Re-running updates what is there. Progress goes to stderr, the report to stdout; the exit code
// is 1 when some rows were rejected (each is listed with its line and reason).
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openNodeDb } from '../db/node.js';
import { createDbSink, createSqlSink, type ImportFormat, type ImportReport } from '../store-sync/index.js';
import { importFiles, summary } from './store-import-files.js';
import { runCli } from './run.js';

const USAGE = `usage: npm run store:import -- --from shopify|jsonl [--db <file>] [--d1-sql <out.sql>] [--store-url <https://shop>] [--json] <files or folders>
  --from shopify   Shopify's products, customers and orders CSV exports (a folder: every .csv in it)
  --from jsonl     JSON Lines, one {"type":"product"|"customer"|"order",…} per line (README: "Importing a store")
  --db             the SQLite file (default: TAILOR_DB, data/tailor.db)
  --d1-sql         write the upserts to a SQL file for \`wrangler d1 execute DB --file\` instead of a SQLite file
  --store-url      the store's address, for product page links (default: TAILOR_STORE_URL)
  --json           print the report as JSON`;

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      from: { type: 'string' },
      db: { type: 'string' },
      'd1-sql': { type: 'string' },
      'store-url': { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.from !== 'shopify' && values.from !== 'jsonl') {
    console.error(`store-import: --from must be shopify or jsonl\n${USAGE}`);
    return 2;
  }
  if (positionals.length === 0) {
    console.error(`store-import: name the files or folders to import\n${USAGE}`);
    return 2;
  }
  const config = loadConfig(process.env);
  const format: ImportFormat = values.from;
  const storeUrl = values['store-url'] ?? config.checkout.storeUrl;
  const progress = (line: string) => process.stderr.write(`store-import: ${line}\n`);
  let reports: ImportReport[];
  if (values['d1-sql']) {
    const out = createWriteStream(values['d1-sql']);
    out.write(
      `-- Tailor store import (${format}), ${new Date().toISOString()}: npx wrangler d1 execute DB --local --file=${values['d1-sql']}\n`,
    );
    const emit = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    reports = await importFiles(positionals, {
      format,
      sink: createSqlSink(emit, Date.now),
      storeUrl,
      progress,
    });
    out.end();
    await once(out, 'finish');
  } else {
    const handle = openNodeDb(values.db ?? config.dbFile);
    try {
      reports = await importFiles(positionals, {
        format,
        sink: createDbSink(handle.db, handle.atomic, Date.now),
        storeUrl,
        progress,
      });
    } finally {
      await handle.close();
    }
  }
  if (values.json) console.log(JSON.stringify(reports, null, 2));
  else for (const r of reports) printReport(r);
  if (values['d1-sql'])
    console.log(`store-import: wrote ${values['d1-sql']}; apply it with: npx wrangler d1 execute DB --local --file=${values['d1-sql']}`);
  return reports.some((r) => r.rejected > 0) ? 1 : 0;
}

function printReport(r: ImportReport): void {
  console.log(`${r.source} (${r.kind}): ${r.rows} rows — ${summary(r)}`);
  for (const x of r.rejections) console.log(`  line ${x.line}: ${x.reason}`);
  if (r.rejected > r.rejections.length) console.log(`  … and ${r.rejected - r.rejections.length} more`);
}

runCli('store-import', main, USAGE);
