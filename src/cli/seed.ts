// `npm run db:seed [-- --reset] [-- --now <ISO date>]`: seeds the demo store into TAILOR_DB,
// idempotently; --reset rebuilds it. (D1 gets the same store from `npm run worker:seed`.)
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { ConfigError } from '../core/index.js';
import { openNodeDb } from '../db/node.js';
import { DEMO_SHOPPERS, seedDemoStore } from '../db/seed/index.js';
import { runCli } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: { reset: { type: 'boolean', default: false }, now: { type: 'string' } },
  });
  const now = values.now ? Date.parse(values.now) : Date.now();
  if (Number.isNaN(now)) throw new ConfigError(`--now: not a date: ${values.now}`);

  const config = loadConfig(process.env);
  const handle = openNodeDb(config.dbFile);
  try {
    const summary = await seedDemoStore(handle.db, { now, reset: values.reset, atomic: handle.atomic });
    const { seeded, ...counts } = summary;
    console.log(
      seeded
        ? `Seeded the demo store into ${config.dbFile}${values.reset ? ' (after clearing it)' : ''}:`
        : `${config.dbFile} already has a store; left it as it is (use --reset to rebuild it):`,
    );
    for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(20)} ${n}`);
    console.log('Demo shoppers:');
    console.log(`  ${DEMO_SHOPPERS.lena.email.padEnd(20)} new visitor, no orders`);
    console.log(
      `  ${DEMO_SHOPPERS.marcus.email.padEnd(20)} repeat buyer, order ${DEMO_SHOPPERS.marcus.returnableOrder} delivered 5 days before seeding (returnable)`,
    );
    console.log(`  ${DEMO_SHOPPERS.sarah.email.padEnd(20)} VIP, 7 orders, gold tier`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli(
  'db:seed',
  main,
  'usage: npm run db:seed [-- --reset] [-- --now <ISO date>]\n  Seeds the demo store into TAILOR_DB (default data/tailor.db); an existing store is left alone unless --reset.',
);
