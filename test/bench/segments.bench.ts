// Segment lookup (profile aggregates + rules) on a generated store of 100,000 customers and
// 1,000,000 orders in a real SQLite file, through the real createSegmenter.
// Targets per lookup: median < 0.2 ms, p99 < 1 ms, for the shipped rules and a windowed rule set.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { DAY_MS } from '../../src/db/index.js';
import { openNodeDb } from '../../src/db/node.js';
import { createSegmenter, loadSegmentRules, type SegmentRules } from '../../src/segments/index.js';
import { createRng } from '../../src/db/seed/rng.js';

const CUSTOMERS = 100_000;
const ORDERS = 1_000_000;
// The shop's spread: half never ordered, a third ordered 1–4 times, the rest share the
// remaining ~920,000 orders (about 54 each), so VIP lookups scan long index ranges.
const LIGHT_BUYERS = 33_000;
const HEAVY_BUYERS = 17_000;
const ANON_SESSIONS = 50_000;
const LOOKUPS = 20_000;
const WARMUP = 2_000;
const TARGET = { median: 0.2, p99: 1 };
const NOW = Date.parse('2025-06-01T12:00:00Z');
const HISTORY = 548 * DAY_MS;

const WINDOWED_RULES = `rules:
  - id: manual-vip
    segment: vip
    when: { member: vip }
  - id: first-session
    segment: new_visitor
    when: { sessions: { max: 1 } }
  - id: big-spender-90d
    segment: vip
    when: { totalSpend: { min: 1000 }, timeFrame: { lastDays: 90 } }
  - id: orders-5-plus-this-year
    segment: vip
    when: { orders: { min: 5 }, timeFrame: { from: 2025-01-01 } }
  - id: lapsed
    segment: repeat_buyer
    when: { orders: { min: 1 }, lastInteraction: { olderThanDays: 120 } }
  - id: minimal-gold
    segment: vip
    when: { loyaltyTier: [gold, platinum], answers: { style: minimal } }
  - id: returning-buyer
    segment: repeat_buyer
    when: { sessions: { min: 2 }, orders: { min: 1 }, averageOrder: { min: 20 } }
default: { segment: new_visitor }
`;

function build(file: string) {
  const handle = openNodeDb(file);
  const db = handle.sqlite;
  const rng = createRng(42);
  db.pragma('foreign_keys = OFF');
  db.pragma('synchronous = OFF');
  const insCustomer = db.prepare(
    'INSERT INTO customers (id, email, first_name, last_name, loyalty_tier, loyalty_points, answers, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insSession = db.prepare('INSERT INTO sessions (id, customer_id, started_at, pages_seen) VALUES (?, ?, ?, ?)');
  const insOrder = db.prepare(
    'INSERT INTO orders (id, number, customer_id, status, total_cents, created_at, shipped_at, delivered_at, carrier, tracking_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insMember = db.prepare('INSERT INTO segment_memberships (customer_id, segment, created_at) VALUES (?, ?, ?)');
  const tiers = ['none', 'none', 'none', 'silver', 'gold', 'platinum'];
  const styles = ['minimal', 'classic', 'romantic', 'streetwear'];
  db.transaction(() => {
    for (let i = 0; i < CUSTOMERS; i++) {
      const answers = rng.chance(0.6) ? JSON.stringify({ style: rng.pick(styles), shoeSize: String(rng.int(36, 45)) }) : '{}';
      insCustomer.run(
        `c${i}`,
        `shopper${i}@example.com`,
        'Bench',
        `Shopper${i}`,
        rng.pick(tiers),
        rng.int(0, 3000),
        answers,
        NOW - HISTORY - rng.int(0, 30) * DAY_MS,
      );
      const visits = i < LIGHT_BUYERS + HEAVY_BUYERS ? rng.int(1, 8) : rng.int(0, 3);
      for (let k = 0; k < visits; k++) insSession.run(`s${i}_${k}`, `c${i}`, NOW - Math.floor(rng.next() * HISTORY), rng.int(1, 20));
      if (i % 100 === 0) insMember.run(`c${i}`, rng.chance(0.5) ? 'vip' : 'staff', NOW - DAY_MS);
    }
    for (let k = 0; k < ANON_SESSIONS; k++) insSession.run(`a${k}`, null, NOW - rng.int(0, 60) * DAY_MS, 1);
    // Shuffled then dated in sequence, so each customer's orders are scattered through the
    // table and its index as in a real shop.
    const owners = new Int32Array(ORDERS);
    let filled = 0;
    for (let i = 0; i < LIGHT_BUYERS; i++) for (let k = rng.int(1, 4); k > 0; k--) owners[filled++] = i;
    for (let i = LIGHT_BUYERS; i < LIGHT_BUYERS + HEAVY_BUYERS; i++) for (let k = 0; k < 5; k++) owners[filled++] = i;
    while (filled < ORDERS) owners[filled++] = LIGHT_BUYERS + rng.int(0, HEAVY_BUYERS - 1);
    for (let i = ORDERS - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [owners[i], owners[j]] = [owners[j]!, owners[i]!];
    }
    for (let n = 0; n < ORDERS; n++) {
      const createdAt = NOW - HISTORY + Math.floor((n / ORDERS) * HISTORY);
      const status = rng.chance(0.04) ? 'cancelled' : rng.chance(0.06) ? 'returned' : 'delivered';
      const shipped = status === 'cancelled' ? null : createdAt + DAY_MS;
      insOrder.run(
        `o${n}`,
        String(100000 + n),
        `c${owners[n]}`,
        status,
        rng.int(1500, 40000),
        createdAt,
        shipped,
        shipped && shipped + 3 * DAY_MS,
        shipped && 'UPS',
        shipped && `1Z${n}`,
      );
    }
  })();
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.exec('ANALYZE');
  return handle;
}

async function measure(handle: ReturnType<typeof openNodeDb>, rules: SegmentRules) {
  const segmenter = createSegmenter({ db: handle.db, rules, now: () => NOW });
  const rng = createRng(7);
  // 90% signed-in customers (their first session id, which may not be saved yet), 10% anonymous.
  const who = () => {
    if (rng.chance(0.1)) return { customerId: null, sessionId: `a${rng.int(0, ANON_SESSIONS - 1)}` };
    const i = rng.int(0, CUSTOMERS - 1);
    return { customerId: `c${i}`, sessionId: `s${i}_0` };
  };
  for (let k = 0; k < WARMUP; k++) await segmenter.segment(who());
  const times = new Float64Array(LOOKUPS);
  const cpuTimes = new Float64Array(LOOKUPS);
  const segments = new Map<string, number>();
  for (let k = 0; k < LOOKUPS; k++) {
    const w = who();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const { segment } = await segmenter.segment(w);
    times[k] = performance.now() - t0;
    const c = process.cpuUsage(c0);
    cpuTimes[k] = (c.user + c.system) / 1000;
    segments.set(segment.id, (segments.get(segment.id) ?? 0) + 1);
  }
  // Wall time is the target. CPU time separates our cost from time spent waiting for a core
  // on a busy machine: a lookup slow on the wall clock but cheap on the CPU was descheduled.
  let descheduled = 0;
  for (let k = 0; k < LOOKUPS; k++) if (times[k]! >= 1 && cpuTimes[k]! < 0.5) descheduled++;
  times.sort();
  cpuTimes.sort();
  const at = (a: Float64Array, q: number) => a[Math.min(LOOKUPS - 1, Math.floor(q * LOOKUPS))]!;
  const total = times.reduce((a, b) => a + b, 0);
  return {
    median: at(times, 0.5),
    p90: at(times, 0.9),
    p99: at(times, 0.99),
    max: times[LOOKUPS - 1]!,
    mean: total / LOOKUPS,
    cpuMedian: at(cpuTimes, 0.5),
    cpuP99: at(cpuTimes, 0.99),
    descheduled,
    perSecond: Math.round(LOOKUPS / (total / 1000)),
    segments,
  };
}

async function main(): Promise<number> {
  // BENCH_SEGMENTS_DB=<file> keeps the generated store between runs (built if missing).
  const keep = process.env.BENCH_SEGMENTS_DB;
  const dir = mkdtempSync(join(tmpdir(), 'tailor-bench-seg-'));
  try {
    const file = keep ?? join(dir, 'bench.db');
    const t0 = performance.now();
    const handle = keep && existsSync(keep) ? openNodeDb(keep) : build(file);
    const buildS = (performance.now() - t0) / 1000;
    console.log(
      `store: ${CUSTOMERS.toLocaleString('en-US')} customers, ${ORDERS.toLocaleString('en-US')} orders, built in ${buildS.toFixed(1)} s (${(statSync(file).size / 1e6).toFixed(0)} MB)`,
    );
    console.log(`machine: ${cpus()[0]?.model ?? 'unknown cpu'} ×${cpus().length}, node ${process.version}`);
    const sets: Array<[string, SegmentRules]> = [
      ['data/segments.yaml', loadSegmentRules(readFileSync('data/segments.yaml', 'utf8'), 'data/segments.yaml')],
      ['windowed rules (2 time frames)', loadSegmentRules(WINDOWED_RULES, 'bench-windowed.yaml')],
    ];
    let ok = true;
    console.log(
      `load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    console.log(
      `\n${LOOKUPS.toLocaleString('en-US')} lookups each (after ${WARMUP.toLocaleString('en-US')} warm-up); wall-clock ms, then CPU ms`,
    );
    console.log(
      ['rules'.padEnd(32), 'median', '   p90', '   p99', '   max', '  mean', 'cpu p50', 'cpu p99', 'lookups/s', ' result'].join(' '),
    );
    for (const [name, rules] of sets) {
      const r = await measure(handle, rules);
      const pass = r.median < TARGET.median && r.p99 < TARGET.p99;
      ok &&= pass;
      const f = (n: number) => n.toFixed(3).padStart(6);
      console.log(
        [
          name.padEnd(32),
          f(r.median),
          f(r.p90),
          f(r.p99),
          f(r.max),
          f(r.mean),
          f(r.cpuMedian).padStart(7),
          f(r.cpuP99).padStart(7),
          String(r.perSecond).padStart(9),
          pass ? ' ok' : ' MISSED',
        ].join(' '),
      );
      console.log(`${''.padEnd(32)} segments: ${[...r.segments].map(([s, n]) => `${s} ${n}`).join(', ')}`);
      console.log(`${''.padEnd(32)} ${r.descheduled} lookups took ≥ 1 ms on the wall clock but < 0.5 ms of CPU (waiting for a core)`);
    }
    console.log(`targets: median < ${TARGET.median} ms, p99 < ${TARGET.p99} ms`);
    await handle.close();
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
