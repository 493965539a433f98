// JSON mode (non-streaming), full HTTP turn, side by side in one run: Tailor's server
// (src/node.ts, OpenAI-compatible model) against a bare ChatOpenAI.bindTools loop behind a
// minimal node:http endpoint (bare-loop-server.ts), both served from the same seeded SQLite
// file and calling the same Chat Completions fake, which runs in its own process so its CPU is
// counted for neither. The job: a one-turn conversation where the model first calls
// lookup_order, then answers. Each variant is measured with autocannon on 127.0.0.1 at 50
// connections, a bounded number of conversations per round, rounds interleaved (best round of
// each, as the machine is shared; conversations per second from a round's start to its last
// response). Tailor's shopper is Marcus, signed in, from a pool of 200 sessions (browsers) used in
// turn. CPU is the server process's own process.cpuUsage, peak memory its maxRSS (both read
// from inside by server-usage.mjs). Targets (issue 24): Tailor ≤ 1.2× the
// bare loop's CPU per conversation, ≥ 0.8× its conversations per second, ≤ 1.3× its peak RSS.
//
// BENCH_JSON_CONVERSATIONS (per round, default 2000), BENCH_JSON_ROUNDS (default 3), --quick;
// BENCH_TAILOR_NODE_ARGS / BENCH_BARE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profile a server.
// Both servers run compiled to plain JavaScript, as `npm start` runs Tailor; BENCH_RUNTIME=tsx
// runs both through the tsx loader instead (compiled.ts).
//
// The servers, the load and the job check live in json-mode-servers.ts (shared with alloc.ts,
// which counts the bytes each server allocates per conversation: `npx tsx test/bench/alloc.ts`).
import { cpus } from 'node:os';
import { CONNECTIONS, cannon, extraArgs, loads, startBare, runScript, startTailor, withJob, usage } from './json-mode-servers.js';
import { runtime, serverEntries } from './compiled.js';

const quick = process.argv.includes('--quick');
const N = Number(process.env.BENCH_JSON_CONVERSATIONS ?? (quick ? 800 : 2000));
const ROUNDS = Number(process.env.BENCH_JSON_ROUNDS ?? (quick ? 1 : 3));
const WARMUP = quick ? 300 : 1000;
const TARGET = { cpu: 1.2, rate: 0.8, memory: 1.3 };

async function main(): Promise<number> {
  const entries = await serverEntries(runtime());
  return withJob(async (job, fake, servers) => {
    const tailor = await startTailor(job, fake.url, extraArgs(process.env.BENCH_TAILOR_NODE_ARGS), entries);
    servers.push(tailor);
    const bare = await startBare(job, fake.url, extraArgs(process.env.BENCH_BARE_NODE_ARGS), entries);
    servers.push(bare);
    const load = await loads(tailor, bare);
    const started = { tailor: await usage(tailor), bare: await usage(bare) };

    const run = async (v: 'tailor' | 'bare', amount: number) => {
      const { server, opts } = load[v];
      const u0 = await usage(server);
      const t0 = performance.now();
      const { result: r, lastResponseAt } = await cannon({ ...opts, connections: CONNECTIONS, amount, timeout: 120 });
      const wallS = (lastResponseAt - t0) / 1000;
      const u1 = await usage(server);
      if (r.errors || r.timeouts || r.non2xx || r.requests.total !== amount)
        throw new Error(`${server.name}: ${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx of ${r.requests.total}/${amount}`);
      return {
        cpuMs: (u1.cpuMs - u0.cpuMs) / amount,
        perSec: amount / wallS,
        gcMs: (u1.gcMinorMs + u1.gcMajorMs - u0.gcMinorMs - u0.gcMajorMs) / amount,
      };
    };
    for (const v of ['tailor', 'bare'] as const) await run(v, WARMUP); // JIT, connection pools, SQLite cache
    const best = { tailor: { cpuMs: Infinity, perSec: 0, gcMs: Infinity }, bare: { cpuMs: Infinity, perSec: 0, gcMs: Infinity } };
    const rounds: string[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Alternating which goes first, so neither always runs on a machine the other just heated.
      for (const v of i % 2 ? (['bare', 'tailor'] as const) : (['tailor', 'bare'] as const)) {
        const m = await run(v, N);
        rounds.push(`${v} ${m.cpuMs.toFixed(2)} ms, ${m.perSec.toFixed(0)}/s`);
        best[v] = {
          cpuMs: Math.min(best[v].cpuMs, m.cpuMs),
          perSec: Math.max(best[v].perSec, m.perSec),
          gcMs: Math.min(best[v].gcMs, m.gcMs),
        };
      }
    }
    const mem = { tailor: await usage(tailor), bare: await usage(bare) };

    const cpuRatio = best.tailor.cpuMs / best.bare.cpuMs;
    const rateRatio = best.tailor.perSec / best.bare.perSec;
    const memRatio = mem.tailor.peakRssMb / mem.bare.peakRssMb;
    const rows: Array<[string, string, string, string, boolean | null]> = [
      [
        'CPU per conversation (server, ms)',
        best.tailor.cpuMs.toFixed(2),
        best.bare.cpuMs.toFixed(2),
        `${cpuRatio.toFixed(2)}×  (≤ ${TARGET.cpu}×)`,
        cpuRatio <= TARGET.cpu,
      ],
      ['  of which in garbage collection (ms)', best.tailor.gcMs.toFixed(2), best.bare.gcMs.toFixed(2), '(info)', null],
      [
        `conversations/s at concurrency ${CONNECTIONS}`,
        best.tailor.perSec.toFixed(0),
        best.bare.perSec.toFixed(0),
        `${rateRatio.toFixed(2)}×  (≥ ${TARGET.rate}×)`,
        rateRatio >= TARGET.rate,
      ],
      [
        'peak RSS (server, MB)',
        mem.tailor.peakRssMb.toFixed(0),
        mem.bare.peakRssMb.toFixed(0),
        `${memRatio.toFixed(2)}×  (≤ ${TARGET.memory}×)`,
        memRatio <= TARGET.memory,
      ],
      ['RSS after start (server, MB)', started.tailor.rssMb.toFixed(0), started.bare.rssMb.toFixed(0), '(info)', null],
      ['RSS at the end (server, MB)', mem.tailor.rssMb.toFixed(0), mem.bare.rssMb.toFixed(0), '(info)', null],
      [
        'V8 heap used / total at the end (MB)',
        `${mem.tailor.heapUsedMb.toFixed(0)}/${mem.tailor.heapTotalMb.toFixed(0)}`,
        `${mem.bare.heapUsedMb.toFixed(0)}/${mem.bare.heapTotalMb.toFixed(0)}`,
        '(info)',
        null,
      ],
    ];
    console.log(
      `JSON mode, full HTTP turn (lookup_order + reply, 2 model calls): ${N} conversations × ${ROUNDS} rounds per variant at ${CONNECTIONS} connections (best round), ${cpus().length} CPUs, both servers ${runtime() === 'compiled' ? 'compiled (as npm start runs Tailor)' : 'through tsx (as npm run dev does)'}${quick ? ' (quick)' : ''}`,
    );
    console.log(`  ${''.padEnd(36)} ${'Tailor'.padStart(9)} ${'bare loop'.padStart(10)}  ratio`);
    for (const [what, t, b, ratio, ok] of rows)
      console.log(
        `  ${what.padEnd(36)} ${t.padStart(9)} ${b.padStart(10)}  ${ratio.padEnd(20)} ${ok === null ? '' : ok ? 'ok' : 'MISSED'}`,
      );
    console.log(`  rounds: ${rounds.join('; ')}`);
    return rows.every((r) => r[4] !== false) ? 0 : 1;
  });
}

runScript(main);
