// `npm run segment -- <email> [--rules data/segments.yaml]`: the profile, segment and reasons
// a shopper would get on their next visit.
import { parseArgs } from 'node:util';
import { eq } from 'drizzle-orm';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { customers } from '../db/index.js';
import { openNodeDb } from '../db/node.js';
import { createSegmenter, type Profile } from '../segments/index.js';
import { loadSegmentRulesFile } from '../segments/node.js';
import { runCli } from './run.js';

const USAGE =
  'usage: npm run segment -- <email> [--rules <file>]\n  The profile, segment and reasons the shopper with this email would get on their next visit.';

const day = (ms: number | null) => (ms === null ? '—' : new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC');
const usd = (cents: number) => `$${(cents / 100).toFixed(2)}`;

function printProfile(p: Profile): void {
  const rows: Array<[string, string]> = [
    ['customer', p.customerId ?? 'anonymous'],
    ['sessions', `${p.sessions} (including this visit)`],
    ['orders', String(p.orders)],
    ['total spend', usd(p.totalSpendCents)],
    ['average order', p.orders ? usd(p.averageOrderCents) : '—'],
    ['first interaction', day(p.firstInteraction)],
    ['last interaction', day(p.lastInteraction)],
    ['loyalty', `${p.loyaltyTier}, ${p.loyaltyPoints} points`],
    [
      'answers',
      Object.entries(p.answers)
        .map(([q, a]) => `${q}: ${a}`)
        .join(', ') || '—',
    ],
    ['memberships', p.memberships.join(', ') || '—'],
    ...Object.entries(p.windows).map(([key, w]): [string, string] => [`window ${key}`, `${w.orders} orders, ${usd(w.totalSpendCents)}`]),
  ];
  for (const [k, v] of rows) console.log(`  ${k.padEnd(18)} ${v}`);
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { rules: { type: 'string' } } });
  const email = positionals[0]?.trim().toLowerCase();
  if (!email) {
    console.error(USAGE);
    return 2;
  }
  const config = loadConfig(process.env);
  const rules = loadSegmentRulesFile(values.rules ?? join(config.dataDir, 'segments.yaml'));
  const handle = openNodeDb(config.dbFile);
  try {
    const [customer] = await handle.db
      .select({ id: customers.id, firstName: customers.firstName })
      .from(customers)
      .where(eq(customers.email, email));
    if (!customer) {
      console.error(`No customer with email ${email} in ${config.dbFile} (seed the demo store with: npm run db:seed).`);
      return 1;
    }
    const segmenter = createSegmenter({ db: handle.db, rules, now: Date.now });
    // A fresh session id: the lookup answers "what would this shopper get on their next visit".
    const { segment, profile } = await segmenter.segment({ customerId: customer.id, sessionId: `cli_${Date.now()}` });
    console.log(`${customer.firstName} <${email}>`);
    printProfile(profile);
    console.log(`Segment: ${segment.id} (rule ${segment.rule} in ${rules.file})`);
    for (const r of segment.reasons) console.log(`  - ${r}`);
    return 0;
  } finally {
    await handle.close();
  }
}

runCli('segment', main, USAGE);
