// What one JSON-mode conversation allocates, Tailor's server against the bare loop: the job and
// the servers of json-mode.bench.ts (json-mode-servers.ts), each server run with
// `node --trace-gc-nvp`, a fixed number of conversations at 50 connections after a warm-up, and
// per conversation: the bytes allocated on the V8 heap and the bytes promoted to the old
// generation (from the `--trace-gc-nvp` lines between two forced scavenges that bound the
// window, alloc-preload.mjs: heap size before each GC less the size after the previous one, and
// the `promoted=` fields), and the number of scavenges and mark-compacts (the closing forced
// scavenge included). Unlike time, these barely depend on how busy the machine is,
// so an allocation cut can be judged on a shared machine. Not a benchmark with a target:
// `npx tsx test/bench/alloc.ts` (it is not one of `npm run bench`'s *.bench.ts).
//
// ALLOC_CONVERSATIONS (per round, default 2000), ALLOC_ROUNDS (default 2), ALLOC_WARMUP
// (default 1000), ALLOC_ONLY=tailor|bare; BENCH_TAILOR_NODE_ARGS / BENCH_BARE_NODE_ARGS as in
// json-mode.bench.ts. ALLOC_PROFILE_DIR=/tmp/prof samples where the bytes go during each
// server's first round (alloc-preload.mjs: V8's sampling heap profiler, collected objects
// included) and prints the top allocation sites per conversation: by function, and by the
// nearest function of src/ on the stack (what in Tailor's own code led to the allocation).
// ALLOC_DUMP=file appends each window's GC lines (parsed) to a file.
import { appendFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { repoRoot, sleep } from '../support/server.js';
import { extraArgs, loads, runLoad, startBare, runScript, startTailor, withJob, type Server, type Variant } from './json-mode-servers.js';
import { runtime, serverEntries } from './compiled.js';

const N = Number(process.env.ALLOC_CONVERSATIONS ?? 2000);
const ROUNDS = Number(process.env.ALLOC_ROUNDS ?? 2);
const WARMUP = Number(process.env.ALLOC_WARMUP ?? 1000);
const ONLY = process.env.ALLOC_ONLY as Variant | undefined;
const PROFILE_DIR = process.env.ALLOC_PROFILE_DIR;
const preload = fileURLToPath(new URL('./alloc-preload.mjs', import.meta.url));

interface Gc {
  kind: string;
  sizeBefore: number;
  sizeAfter: number;
  allocated: number;
  promoted: number;
  pauseMs: number;
}

/** The complete `--trace-gc-nvp` lines in a stretch of the server's output. */
function gcLines(text: string): Gc[] {
  const out: Gc[] = [];
  for (const m of text.matchAll(
    /pause=([\d.]+) .*?gc=(\w+) .*?total_size_before=(\d+) total_size_after=(\d+) .*?allocated=(\d+) promoted=(\d+)[^\n]*\n/g,
  )) {
    out.push({
      pauseMs: Number(m[1]),
      kind: m[2]!,
      sizeBefore: Number(m[3]),
      sizeAfter: Number(m[4]),
      allocated: Number(m[5]),
      promoted: Number(m[6]),
    });
  }
  return out;
}

interface Window {
  allocatedPerConv: number;
  promotedPerConv: number;
  scavenges: number;
  markCompacts: number;
  pauseMsPerConv: number;
}

/**
 * Runs `amount` conversations and counts what the server's heap saw in between: the GC lines
 * after the opening mark's scavenge, up to and including the closing mark's (which collects what
 * the window allocated since the last collection). The server is idle at both marks.
 */
async function measure(load: { server: Server; opts: Record<string, unknown> }, amount: number, profile: boolean): Promise<Window> {
  const s = load.server;
  if (profile) await profileSignal(s, 'started');
  const start = await mark(s);
  await runLoad(load, amount);
  await sleep(300); // let the last responses' work finish
  const end = await mark(s);
  if (profile) printProfile(s.name, await profileSignal(s, 'written'), amount);
  const previous = gcLines(s.output().slice(0, start)).at(-1);
  const within = gcLines(s.output().slice(start, end));
  if (process.env.ALLOC_DUMP) appendFileSync(process.env.ALLOC_DUMP, `${s.name}\n${within.map((g) => JSON.stringify(g)).join('\n')}\n`);
  return {
    allocatedPerConv: allocatedIn(within, previous) / amount,
    promotedPerConv: within.reduce((a, g) => a + g.promoted, 0) / amount,
    scavenges: within.filter((g) => g.kind === 's').length,
    markCompacts: within.filter((g) => g.kind === 'mc' || g.kind === 'mmc').length,
    pauseMsPerConv: within.reduce((a, g) => a + g.pauseMs, 0) / amount,
  };
}

/**
 * The bytes allocated between the GCs: each GC's heap size before it less the previous GC's size
 * after it (the opening mark's scavenge first). Not the lines' own `allocated=`: now and then V8
 * reports there a whole old generation (150 MB for 15 MB allocated) for a scavenge.
 */
function allocatedIn(within: Gc[], previous: Gc | undefined): number {
  let bytes = 0;
  let after = previous?.sizeAfter;
  for (const g of within) {
    bytes += after === undefined ? g.allocated : g.sizeBefore - after;
    after = g.sizeAfter;
  }
  return bytes;
}

/** Forces a scavenge in the server (alloc-preload.mjs); resolves with the output's length after its mark. */
async function mark(s: Server): Promise<number> {
  const seen = s.output().split('ALLOC_MARK\n').length;
  s.proc.kill('SIGWINCH');
  for (let i = 0; i < 500; i++) {
    const out = s.output();
    if (out.split('ALLOC_MARK\n').length > seen) return out.lastIndexOf('ALLOC_MARK\n');
    await sleep(10);
  }
  throw new Error(`${s.name}: no ALLOC_MARK`);
}

/** Toggles the sampling profiler of alloc-preload.mjs in the server; resolves with the profile's file once written. */
async function profileSignal(s: Server, what: 'started' | 'written'): Promise<string> {
  const seen = s.output().split('ALLOC_PROFILE ').length;
  s.proc.kill('SIGURG');
  for (let i = 0; i < 1000; i++) {
    const parts = s.output().split('ALLOC_PROFILE ');
    if (parts.length > seen) {
      const line = parts[seen]!.split('\n')[0]!;
      if ((what === 'started') !== (line === 'started')) throw new Error(`${s.name}: ALLOC_PROFILE ${line}`);
      return line;
    }
    await sleep(20);
  }
  throw new Error(`${s.name}: no ALLOC_PROFILE line`);
}

interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

/** The top allocation sites of a sampled round, in KB per conversation. */
function printProfile(name: string, file: string, amount: number): void {
  const { head } = JSON.parse(readFileSync(file, 'utf8')) as { head: ProfileNode };
  const where = (f: ProfileNode['callFrame']) => {
    const url = f.url
      .replace(/^file:\/\//, '')
      .replace(`${repoRoot}/`, '')
      .replace(/^.*node_modules\//, '');
    return `${f.functionName || '(anonymous)'} ${url}:${f.lineNumber + 1}`;
  };
  const self = new Map<string, number>();
  const ours = new Map<string, number>();
  const pkg = new Map<string, number>();
  const add = (m: Map<string, number>, k: string, v: number) => m.set(k, (m.get(k) ?? 0) + v);
  let total = 0;
  const walk = (n: ProfileNode, nearestOurs: string, nearestPkg: string) => {
    const url = n.callFrame.url;
    const own = url.includes(`${repoRoot}/src/`) || url.includes(`${repoRoot}/dist/`); // dist/: the compiled runtime
    if (own) nearestOurs = where(n.callFrame);
    const p =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1] ??
      (own ? url.replace(/^.*\/(?:src|dist)\/([^/]+).*$/, 'src/$1') : url ? 'node:' : '');
    if (p) nearestPkg = p;
    if (n.selfSize) {
      total += n.selfSize;
      add(self, where(n.callFrame), n.selfSize);
      add(ours, nearestOurs, n.selfSize);
      add(pkg, nearestPkg || '(vm)', n.selfSize);
    }
    for (const c of n.children) walk(c, nearestOurs, nearestPkg);
  };
  walk(head, '(no src/ frame)', '');
  const top = (m: Map<string, number>, k: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, k)
      .map(([w, b]) => `    ${(b / amount / 1024).toFixed(1).padStart(7)} KB  ${w}`)
      .join('\n');
  console.log(`\n  ${name}: sampled ${(total / amount / 1024).toFixed(1)} KB per conversation (${file})`);
  console.log(`  by the allocating frame's package or src/ module:\n${top(pkg, 15)}`);
  console.log(`  by the allocating function:\n${top(self, 30)}`);
  console.log(`  by the nearest src/ function on the stack:\n${top(ours, 30)}\n`);
}

async function main(): Promise<void> {
  const entries = await serverEntries(runtime());
  await withJob(async (job, fake, servers) => {
    const traced = ['--expose-gc', '--trace-gc-nvp', '--import', preload];
    const tailor = await startTailor(job, fake.url, [...traced, ...extraArgs(process.env.BENCH_TAILOR_NODE_ARGS)], entries);
    servers.push(tailor);
    const bare = await startBare(job, fake.url, [...traced, ...extraArgs(process.env.BENCH_BARE_NODE_ARGS)], entries);
    servers.push(bare);
    const load = await loads(tailor, bare);
    const variants = (['tailor', 'bare'] as const).filter((v) => !ONLY || v === ONLY);
    for (const v of variants) await runLoad(load[v], WARMUP); // JIT, connection pools, SQLite cache
    const kb = (b: number) => (b / 1024).toFixed(1).padStart(8);
    console.log(`Allocation per JSON-mode conversation: ${N} conversations × ${ROUNDS} rounds at 50 connections, after ${WARMUP} warm-up`);
    console.log(
      `  ${'server'.padEnd(10)} ${'round'.padEnd(5)} ${'alloc KB'.padStart(8)} ${'promo KB'.padStart(8)}  scavenges  mark-compacts  GC pause ms/conv`,
    );
    const seen: Record<string, Window[]> = {};
    for (let i = 0; i < ROUNDS; i++) {
      for (const v of variants) {
        const w = await measure(load[v], N, Boolean(PROFILE_DIR) && i === 0);
        (seen[v] ??= []).push(w);
        console.log(
          `  ${load[v].server.name.padEnd(10)} ${String(i + 1).padEnd(5)} ${kb(w.allocatedPerConv)} ${kb(w.promotedPerConv)}  ${String(w.scavenges).padStart(9)}  ${String(w.markCompacts).padStart(13)}  ${w.pauseMsPerConv.toFixed(3).padStart(16)}`,
        );
      }
    }
    if (seen.tailor && seen.bare) {
      const mean = (ws: Window[], f: (w: Window) => number) => ws.reduce((a, w) => a + f(w), 0) / ws.length;
      const a = mean(seen.tailor, (w) => w.allocatedPerConv) / mean(seen.bare, (w) => w.allocatedPerConv);
      const p = mean(seen.tailor, (w) => w.promotedPerConv) / mean(seen.bare, (w) => w.promotedPerConv);
      console.log(`  Tailor / bare loop: allocated ${a.toFixed(2)}×, promoted ${p.toFixed(2)}×`);
    }
  });
}

runScript(main);
