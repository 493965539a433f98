// HTTP load on the real Node server (offline model, temp SQLite file, rate limits off):
// autocannon on 127.0.0.1, 50 connections, ~10 s of steady chat turns (after a ramp) with
// varied messages, sessions and identities. Targets: ≥ 500 turns/s, p99 < 100 ms, no errors,
// no non-2xx.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { startServer, tempStore } from '../support/server.js';

interface Histogram {
  average: number;
  mean: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  total?: number;
}
interface Run extends Promise<Result> {
  on(event: 'response', fn: (client: unknown, status: number, bytes: number, ms: number) => void): void;
  stop(): void;
}
interface Result {
  requests: Histogram & { total: number };
  latency: Histogram;
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
  '2xx': number;
}
type Autocannon = (opts: Record<string, unknown>) => Run;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_HTTP_SECONDS ?? 10);
/** Longest wait for every connection's first reply; the measured window starts after it. */
const RAMP_MAX_S = 20;
const TARGET = { rps: 500, p99: 100 };

// Each connection holds five-turn conversations, one after another: a quarter of them as a
// signed-in demo customer (token verification on the path), the rest anonymous.
const ANONYMOUS_SCRIPTS = [
  ['hi', 'do you have red dresses under $150?', 'add the first one in size M to my cart', "what's in my cart?", 'thanks, bye'],
  ['show me blue tops in size M', 'any black shoes in 39?', 'how long does shipping take?', 'what is your return policy?', 'thanks'],
  ['I need a warm coat', 'do you ship express?', 'how do your sizes run?', 'any green dresses?', 'bye'],
];
const CUSTOMER_SCRIPTS: Record<string, string[]> = {
  'lena@example.com': [
    'hi',
    'do you have red dresses under $150?',
    'add the first one in size S to my cart',
    "what's in my cart?",
    'thanks',
  ],
  'marcus@example.com': [
    'where is my order?',
    'where is order 28473?',
    'how many loyalty points do I have?',
    'do you have trousers in size M?',
    'thanks',
  ],
  'sarah@example.com': ['hi', 'any recommendations for me?', 'how many points do I have?', 'do you have red dresses under $150?', 'thanks'],
};
const TURNS = 5;

interface Ctx {
  n?: number;
  session?: string;
  token?: string;
  script?: string[];
  conversationId?: string;
}
type Req = { headers?: Record<string, string>; body?: string };

async function main(): Promise<void> {
  const store = tempStore();
  const server = await startServer({
    dbFile: store.dbFile,
    // BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server under load.
    nodeArgs: [
      '--import',
      fileURLToPath(new URL('./server-timing.mjs', import.meta.url)),
      ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
    ],
    env: { TAILOR_RATE_SESSION_PER_MIN: '0', TAILOR_RATE_IP_PER_MIN: '0', TAILOR_LOG: 'error', TAILOR_ADMIN_TOKEN: 'bench-admin-token' },
  });
  let exitCode: number;
  try {
    const tokens: Record<string, string> = {};
    for (const email of Object.keys(CUSTOMER_SCRIPTS)) {
      const r = await fetch(`${server.url}/api/demo/token`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      tokens[email] = ((await r.json()) as { token: string }).token;
    }
    const emails = Object.keys(CUSTOMER_SCRIPTS);
    let n = 0;
    const requests = Array.from({ length: TURNS }, (_, turn) => ({
      method: 'POST',
      path: '/api/chat',
      setupRequest(req: Req, ctx: Ctx) {
        if (turn === 0) {
          const i = n++;
          ctx.n = i;
          ctx.session = `s_bench_session_${String(i).padStart(8, '0')}`;
          ctx.conversationId = undefined;
          if (i % 4 === 0) {
            const email = emails[(i >> 2) % emails.length]!;
            ctx.token = tokens[email];
            ctx.script = CUSTOMER_SCRIPTS[email];
          } else {
            ctx.token = undefined;
            ctx.script = ANONYMOUS_SCRIPTS[i % ANONYMOUS_SCRIPTS.length];
          }
        }
        const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-Tailor-Session': ctx.session! };
        if (ctx.token) headers.Authorization = `Bearer ${ctx.token}`;
        req.headers = headers;
        req.body = JSON.stringify({ message: ctx.script![turn], conversationId: ctx.conversationId });
        return req;
      },
      onResponse(status: number, body: string, ctx: Ctx) {
        if (status === 200 && !ctx.conversationId) ctx.conversationId = (JSON.parse(body) as { conversationId: string }).conversationId;
      },
    }));
    // Warm-up: JIT, SQLite page cache, persona renders.
    await autocannon({ url: server.url, connections: 10, amount: 300, requests });

    // Against a saturated Node server, connections opened mid-load get their first answer late
    // (sockets it already serves come first), so the ramp is not measured: the run goes on until
    // every connection has had a reply, then DURATION_S more (+1 s), and figures come from that
    // window. autocannon's whole-run figures are printed next to them.
    const cpuBefore = processCpuMs(server.proc.pid!);
    const selfBefore = process.cpuUsage();
    const t0 = performance.now();
    const seen = new Set<unknown>();
    let rampEnd = Number.POSITIVE_INFINITY;
    const samples: Array<{ at: number; ms: number }> = [];
    const run = autocannon({ url: server.url, connections: CONNECTIONS, duration: RAMP_MAX_S + 1 + DURATION_S, timeout: 10, requests });
    let stopped = false;
    run.on('response', (client: unknown, _status: number, _bytes: number, ms: number) => {
      const at = performance.now() - t0;
      samples.push({ at, ms });
      if (!stopped && at >= rampEnd + 1000 + DURATION_S * 1000) {
        stopped = true;
        run.stop();
      }
      if (!seen.has(client)) {
        seen.add(client);
        if (seen.size === CONNECTIONS) rampEnd = at;
      }
    });
    const r = await run;
    const cpuMs = processCpuMs(server.proc.pid!) - cpuBefore;
    const selfCpu = process.cpuUsage(selfBefore);
    const loadCpuMs = (selfCpu.user + selfCpu.system) / 1000;
    const from = rampEnd + 1000;
    const steady = samples
      .filter((x) => x.at >= from)
      .map((x) => x.ms)
      .sort((a, b) => a - b);
    const windowS = (r.duration * 1000 - from) / 1000;
    const rps = steady.length / windowS;
    const pct = (q: number) => (steady.length ? steady[Math.min(steady.length - 1, Math.floor(steady.length * q))]! : Number.NaN);
    const p99 = pct(0.99);
    const rows: Array<[string, string, string, boolean]> = [
      ['chat turns/s', rps.toFixed(0), `≥ ${TARGET.rps}`, rps >= TARGET.rps],
      ['latency p50 (ms)', pct(0.5).toFixed(0), '', true],
      ['latency p90 (ms)', pct(0.9).toFixed(0), '', true],
      ['latency p99 (ms)', p99.toFixed(0), `< ${TARGET.p99}`, p99 < TARGET.p99],
      ['latency max (ms)', (steady.at(-1) ?? Number.NaN).toFixed(0), '', true],
      ['turns measured', String(steady.length), '', steady.length > 0],
      ['whole run: turns/s', (r.requests.total / r.duration).toFixed(0), '', true],
      ['whole run: p99 (ms)', String(r.latency.p99), '', true],
      ['server CPU/turn (ms)', (cpuMs / r.requests.total).toFixed(2), '', true],
      ['autocannon CPU/turn (ms)', (loadCpuMs / r.requests.total).toFixed(2), '', true],
      ['errors + timeouts', String(r.errors + r.timeouts), '0', r.errors + r.timeouts === 0],
      ['non-2xx', String(r.non2xx), '0', r.non2xx === 0],
    ];
    console.log(
      `HTTP chat load: ${CONNECTIONS} connections, ${TURNS}-turn conversations, offline model, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'})`,
    );
    console.log(
      `  all ${CONNECTIONS} connections answered after ${(rampEnd / 1000).toFixed(1)} s; steady window ${windowS.toFixed(1)} s of ${r.duration.toFixed(1)} s`,
    );
    // Closed loop: every connection always has one turn outstanding, so the mean wait is
    // connections / throughput (Little's law); p99 < 100 ms needs well over 500 turns/s.
    console.log(`  mean wait = ${CONNECTIONS} connections / ${rps.toFixed(0)} turns/s = ${((CONNECTIONS / rps) * 1000).toFixed(0)} ms`);
    for (const [name, value, target, ok] of rows)
      console.log(`  ${name.padEnd(24)} ${value.padStart(8)}  ${target.padEnd(8)} ${target ? (ok ? 'ok' : 'MISSED') : ''}`);
    exitCode = rows.every((row) => row[3]) ? 0 : 1;
  } finally {
    await server.stop('SIGTERM');
    // Time from request to flushed response inside the server (whole run): what is not in it is queueing.
    const timing = /BENCH_SERVER_TIMING (\{.*\})/.exec(server.output())?.[1];
    if (timing) {
      const t = JSON.parse(timing) as { n: number; p50: number; p90: number; p99: number };
      console.log(
        `  inside the server, request → response flushed: p50 ${t.p50} ms, p90 ${t.p90} ms, p99 ${t.p99} ms (${t.n} requests, whole run)`,
      );
    }
    store.dispose();
  }
  process.exit(exitCode);
}

/** user + system CPU time of a process, from /proc (Linux), in ms. */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks at USER_HZ = 100
  } catch {
    return Number.NaN;
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
