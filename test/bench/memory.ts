// Where a JSON-mode server's memory goes, Tailor's against the bare loop's: the job and the
// servers of json-mode.bench.ts (json-mode-servers.ts), both run with `node --trace-gc` (the same
// flag for both), the figures read from inside each process (server-usage.mjs) and from
// /proc/<pid>/smaps_rollup, after start and after a load. Not a benchmark with a target:
// `npx tsx test/bench/memory.ts` (it is not one of `npm run bench`'s *.bench.ts).
//
// What to read in it. Peak RSS is about the V8 heap at its largest plus what lives outside it.
// V8 lets the old generation grow to about four times what survived the last mark-compact (plus
// the young generation) before it collects again, so every MB still live after a full collection
// ("live after mark-compact": long-lived caches, models, module code, and what the turns in
// flight hold) costs about four MB of peak; outside the heap: threads (each worker thread
// carries its own isolate), the C heap (SQLite's page cache, buffers), code.
//
// MEMORY_CONVERSATIONS (per round, default 2000), MEMORY_ROUNDS (default 2); BENCH_TAILOR_NODE_ARGS /
// BENCH_BARE_NODE_ARGS as in json-mode.bench.ts (e.g. "--heapsnapshot-near-heap-limit=1").
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extraArgs, loads, runLoad, startBare, runScript, startTailor, withJob, usage, type Server } from './json-mode-servers.js';
import { runtime, serverEntries } from './compiled.js';

const N = Number(process.env.MEMORY_CONVERSATIONS ?? 2000);
const ROUNDS = Number(process.env.MEMORY_ROUNDS ?? 2);

interface Figures {
  rssMb: number;
  peakRssMb: number;
  anonMb: number | null;
  fileMb: number | null;
  threads: number | null;
  heapUsedMb: number;
  heapTotalMb: number;
  oldSpaceMb: number;
  newSpaceMb: number;
  liveAfterMarkCompactMb: number | null;
  markCompacts: number;
  externalMb: number;
  arrayBuffersMb: number;
  mallocedMb: number;
  codeMb: number;
}

/** The main isolate's `--trace-gc` mark-compacts: "Mark-Compact 181.6 (208.1) -> 42.7 (208.1) MB". */
function markCompacts(output: string): number[] {
  const lines = [...output.matchAll(/\[\d+:(0x[0-9a-f]+)\][^\n]*?Mark-Compact(?: \(reduce\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/g)];
  // The main isolate collects first; worker threads' isolates (the checkpointer's) have their own lines.
  const main = lines[0]?.[1];
  return lines.filter((m) => m[1] === main).map((m) => Number(m[2]));
}

async function figures(s: Server): Promise<Figures> {
  const u = (await usage(s)) as unknown as Record<string, number> & { spacesMb: Record<string, number> };
  const rollup = `/proc/${s.proc.pid}/smaps_rollup`;
  const kb = (text: string, key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? NaN) / 1024;
  const roll = existsSync(rollup) ? readFileSync(rollup, 'utf8') : null;
  const mc = markCompacts(s.output());
  return {
    rssMb: u.rssMb!,
    peakRssMb: u.peakRssMb!,
    anonMb: roll ? kb(roll, 'Anonymous') : null,
    fileMb: roll ? kb(roll, 'Rss') - kb(roll, 'Anonymous') : null,
    threads: existsSync(`/proc/${s.proc.pid}/task`) ? readdirSync(`/proc/${s.proc.pid}/task`).length : null,
    heapUsedMb: u.heapUsedMb!,
    heapTotalMb: u.heapTotalMb!,
    oldSpaceMb: u.spacesMb.old ?? NaN,
    newSpaceMb: u.spacesMb.new ?? NaN,
    liveAfterMarkCompactMb: mc.at(-1) ?? null,
    markCompacts: mc.length,
    externalMb: u.externalMb!,
    arrayBuffersMb: u.arrayBuffersMb!,
    mallocedMb: u.mallocedMb!,
    codeMb: u.codeMb!,
  };
}

const ROWS: Array<[string, (f: Figures) => string]> = [
  ['peak RSS', (f) => f.peakRssMb.toFixed(0)],
  ['RSS now', (f) => f.rssMb.toFixed(0)],
  ['  anonymous / file-backed', (f) => (f.anonMb === null ? 'n/a' : `${f.anonMb.toFixed(0)} / ${f.fileMb!.toFixed(0)}`)],
  ['  outside the V8 heap (RSS - heap total)', (f) => (f.rssMb - f.heapTotalMb).toFixed(0)],
  ['threads', (f) => String(f.threads ?? 'n/a')],
  ['V8 heap used / total', (f) => `${f.heapUsedMb.toFixed(0)} / ${f.heapTotalMb.toFixed(0)}`],
  ['  old / young generation (committed)', (f) => `${f.oldSpaceMb.toFixed(0)} / ${f.newSpaceMb.toFixed(0)}`],
  ['  live after the last mark-compact', (f) => (f.liveAfterMarkCompactMb === null ? 'none yet' : f.liveAfterMarkCompactMb.toFixed(1))],
  ['  mark-compacts so far', (f) => String(f.markCompacts)],
  ['external / of which ArrayBuffers', (f) => `${f.externalMb.toFixed(1)} / ${f.arrayBuffersMb.toFixed(1)}`],
  ['V8 malloced (compiler zones) / code', (f) => `${f.mallocedMb.toFixed(1)} / ${f.codeMb.toFixed(1)}`],
];

async function main(): Promise<void> {
  const entries = await serverEntries(runtime());
  await withJob(async (job, fake, servers) => {
    const tailor = await startTailor(job, fake.url, ['--trace-gc', ...extraArgs(process.env.BENCH_TAILOR_NODE_ARGS)], entries);
    servers.push(tailor);
    const bare = await startBare(job, fake.url, ['--trace-gc', ...extraArgs(process.env.BENCH_BARE_NODE_ARGS)], entries);
    servers.push(bare);
    const load = await loads(tailor, bare);
    const started = { tailor: await figures(tailor), bare: await figures(bare) };
    for (let i = 0; i < ROUNDS; i++) for (const v of ['tailor', 'bare'] as const) await runLoad(load[v], N);
    const ended = { tailor: await figures(tailor), bare: await figures(bare) };
    console.log(
      `Memory of the JSON-mode servers (MB), after start and after ${ROUNDS} × ${N} conversations at 50 connections each, both ${runtime()}`,
    );
    console.log(
      `  ${''.padEnd(42)} ${'Tailor start'.padStart(13)} ${'bare start'.padStart(11)} ${'Tailor end'.padStart(11)} ${'bare end'.padStart(11)}`,
    );
    for (const [what, f] of ROWS)
      console.log(
        `  ${what.padEnd(42)} ${f(started.tailor).padStart(13)} ${f(started.bare).padStart(11)} ${f(ended.tailor).padStart(11)} ${f(ended.bare).padStart(11)}`,
      );
  });
}

runScript(main);
