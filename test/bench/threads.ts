// Where each JSON-mode server's CPU goes by thread, round by round: the job and the servers of
// json-mode.bench.ts (json-mode-servers.ts), a warm-up, then rounds interleaved A B B A as the
// bench runs them, and per round and conversation the CPU of the main thread and of every other
// thread (/proc/<pid>/task/*/stat: V8's helper threads — parallel scavenges, concurrent marking,
// TurboFan's concurrent compiles —, libuv's pool, the checkpointer's worker), and the TurboFan
// compiles finished during the round with their off-thread time (from `--trace-opt`, passed to
// both servers). A CPU profile sees the main thread only; this shows the rest, and whether a
// server is still compiling (warming up) in a given round. Not a benchmark with a target (Linux
// only): `npx tsx test/bench/threads.ts`.
//
// THREADS_WARMUP (default 1000, as the bench), THREADS_ROUNDS (default 4), THREADS_CONVERSATIONS
// (per round, default 1000, as the bench); BENCH_TAILOR_NODE_ARGS / BENCH_BARE_NODE_ARGS as in
// json-mode.bench.ts.
import { readdirSync, readFileSync } from 'node:fs';
import { extraArgs, loads, runLoad, runScript, startBare, startTailor, withJob, type Server, type Variant } from './json-mode-servers.js';
import { runtime, serverEntries } from './compiled.js';
import { sleep } from '../support/server.js';

const WARMUP = Number(process.env.THREADS_WARMUP ?? 1000);
const ROUNDS = Number(process.env.THREADS_ROUNDS ?? 4);
const N = Number(process.env.THREADS_CONVERSATIONS ?? 1000);
const TICKS_PER_S = 100; // USER_HZ, the unit of /proc/<pid>/task/<tid>/stat

/** CPU ms of each thread of a process, by thread id. */
function threadCpu(pid: number): Map<number, number> {
  const out = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const text = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), ((Number(f[11]) + Number(f[12])) * 1000) / TICKS_PER_S);
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

/** TurboFan compiles finished in a stretch of `--trace-opt` output, and their off-thread (middle) phase in ms. */
function compiles(text: string): { count: number; offThreadMs: number } {
  let count = 0;
  let offThreadMs = 0;
  for (const m of text.matchAll(/\[completed compiling .*? took [\d.]+, ([\d.]+), [\d.]+ ms\]/g)) {
    count++;
    offThreadMs += Number(m[1]);
  }
  return { count, offThreadMs };
}

async function round(s: Server, load: { server: Server; opts: Record<string, unknown> }) {
  const pid = s.proc.pid!;
  const before = threadCpu(pid);
  const from = s.output().length;
  await runLoad(load, N);
  await sleep(200); // the last responses' work, and the output's last lines
  const after = threadCpu(pid);
  let main = 0;
  let others = 0;
  for (const [tid, ms] of after) {
    const d = ms - (before.get(tid) ?? 0);
    if (tid === pid) main += d;
    else others += d;
  }
  return { mainMs: main / N, offMainMs: others / N, jit: compiles(s.output().slice(from)) };
}

async function main(): Promise<void> {
  const entries = await serverEntries(runtime());
  await withJob(async (job, fake, servers) => {
    const trace = ['--trace-opt'];
    const tailor = await startTailor(job, fake.url, [...trace, ...extraArgs(process.env.BENCH_TAILOR_NODE_ARGS)], entries);
    servers.push(tailor);
    const bare = await startBare(job, fake.url, [...trace, ...extraArgs(process.env.BENCH_BARE_NODE_ARGS)], entries);
    servers.push(bare);
    const load = await loads(tailor, bare);
    for (const v of ['tailor', 'bare'] as const) await runLoad(load[v], WARMUP);
    console.log(`CPU by thread per JSON-mode conversation: ${ROUNDS} slots × ${N} conversations a server, after ${WARMUP} warm-up`);
    console.log('  slot server      main ms  other threads ms  total ms  TurboFan compiles (off-thread ms/conversation)');
    const totals: Record<Variant, number[]> = { tailor: [], bare: [] };
    for (let i = 0; i < ROUNDS; i++) {
      for (const v of i % 2 ? (['bare', 'tailor'] as const) : (['tailor', 'bare'] as const)) {
        const r = await round(load[v].server, load[v]);
        totals[v].push(r.mainMs + r.offMainMs);
        console.log(
          `  ${String(i + 1).padStart(4)} ${load[v].server.name.padEnd(10)} ${r.mainMs.toFixed(2).padStart(8)} ${r.offMainMs.toFixed(2).padStart(17)} ${(r.mainMs + r.offMainMs).toFixed(2).padStart(9)}  ${String(r.jit.count).padStart(4)} (${(r.jit.offThreadMs / N).toFixed(3)})`,
        );
      }
      console.log(`       Tailor / bare loop: ${(totals.tailor[i]! / totals.bare[i]!).toFixed(2)}×`);
    }
  });
}

runScript(main);
