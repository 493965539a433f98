// npm run worker:seed (first step) — writes the demo store as SQL for
// `wrangler d1 execute DB --local --file=<out>`: D1 cannot be written from a Node CLI, so the
// same generator as `npm run db:seed` renders literal INSERTs instead.
//   tsx src/cli/seed-d1.ts [--out .wrangler/tailor-seed.sql] [--reset] [--now <epoch ms>]
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { seedSql } from '../db/seed/index.js';
import { runCli } from './run.js';

function main(): number {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.wrangler/tailor-seed.sql' },
      // Deletes every table's rows first (conversations included), so the file can be re-run.
      reset: { type: 'boolean', default: false },
      now: { type: 'string' },
    },
  });
  const now = values.now === undefined ? Date.now() : Number(values.now);
  if (!Number.isSafeInteger(now) || now <= 0) {
    console.error('seed-d1: --now must be a time in epoch milliseconds');
    return 2;
  }
  const out = resolve(values.out!);
  const sql = seedSql({ now, reset: values.reset });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, sql);
  const statements = sql.split(/;\n/).length - 1;
  console.log(
    `seed-d1: wrote ${statements} statements (${(sql.length / 1024).toFixed(0)} KB) to ${out}${values.reset ? ', resetting every table first' : ''}`,
  );
  return 0;
}

runCli(
  'seed-d1',
  main,
  'usage: tsx src/cli/seed-d1.ts [--out .wrangler/tailor-seed.sql] [--reset] [--now <epoch ms>]\n  Writes the demo store as SQL for `wrangler d1 execute DB --local --file=<out>` (npm run worker:seed runs it).',
);
