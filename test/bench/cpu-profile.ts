// Where a server's CPU went, from a V8 CPU profile: the JSON-mode bench run with
// BENCH_CPU_PROFILE_DIR=/tmp/prof profiles both servers during its measured rounds only and prints
// the command to read each (or any `node --cpu-prof` file, start-up included):
// self time grouped by area (src/ module, package, Node's internals, GC), and by the nearest
// src/ function on the stack, in ms per conversation when told how many the server handled.
// A frame without a script (a native call: SQLite, JSON, crypto) counts for its caller's area.
//   npx tsx test/bench/cpu-profile.ts <file.cpuprofile> [conversations] [top]
import { readFileSync } from 'node:fs';
import { repoRoot } from '../support/server.js';

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The area a script belongs to: a src/ (or dist/) module's folder, a package, or Node itself. */
export function area(url: string): string | null {
  if (!url) return null;
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1];
  if (pkg) return pkg;
  if (path.startsWith('node:')) return `node:${path.slice(5).split('/')[0]}`;
  const own = new RegExp(`^${repoRoot}/(?:src|dist)/(.+?)(?:\\.[jt]s)?$`).exec(path)?.[1];
  if (own) {
    const parts = own.split('/');
    return `src/${parts.length > 1 ? `${parts[0]}/${parts[1]!.startsWith('index') ? '' : parts.slice(1).join('/')}` : parts[0]}`;
  }
  if (path.includes('/test/bench/')) return 'bench';
  return path;
}

const ownScript = new RegExp(`^(?:file://)?${repoRoot}/(?:src|dist)/`);

function analyse(p: Profile) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  for (let i = 0; i < p.samples.length; i++) selfUs.set(p.samples[i]!, (selfUs.get(p.samples[i]!) ?? 0) + (p.timeDeltas[i] ?? 0));
  const areaOf = new Map<number, string>();
  const oursOf = new Map<number, string>();
  const resolve = (id: number): [string, string] => {
    if (areaOf.has(id)) return [areaOf.get(id)!, oursOf.get(id)!];
    const n = byId.get(id)!;
    const up: [string, string] = parent.has(id) ? resolve(parent.get(id)!) : ['(root)', '(no src/ frame)'];
    const special = /^\((garbage collector|program|idle)\)$/.test(n.callFrame.functionName) ? n.callFrame.functionName : null;
    const a = special ?? area(n.callFrame.url) ?? up[0];
    const own = ownScript.test(n.callFrame.url);
    const ours = own ? `${n.callFrame.functionName || '(anonymous)'} ${area(n.callFrame.url)}:${n.callFrame.lineNumber + 1}` : up[1];
    areaOf.set(id, a);
    oursOf.set(id, ours);
    return [a, ours];
  };
  const byArea = new Map<string, number>();
  const byOurs = new Map<string, number>();
  const byFn = new Map<string, number>();
  const byOurModule = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of selfUs) {
    const [a, ours] = resolve(id);
    if (a === '(idle)') continue;
    busy += us;
    byArea.set(a, (byArea.get(a) ?? 0) + us);
    byOurs.set(ours, (byOurs.get(ours) ?? 0) + us);
    const mod = a.startsWith('(') ? a : ours.replace(/^\S+ (.*):\d+$/, '$1');
    byOurModule.set(mod, (byOurModule.get(mod) ?? 0) + us);
    const f = byId.get(id)!.callFrame;
    const fn = `${f.functionName || '(anonymous)'} ${area(f.url) ?? a}:${f.lineNumber + 1}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + us);
  }
  return { busy, byArea, byOurs, byFn, byOurModule };
}

function main(): void {
  const [file, conversations, top] = process.argv.slice(2);
  if (!file) {
    console.error('usage: npx tsx test/bench/cpu-profile.ts <file.cpuprofile> [conversations] [top]');
    process.exit(2);
  }
  const n = Number(conversations ?? 0);
  const k = Number(top ?? 25);
  const { busy, byArea, byOurs, byFn, byOurModule } = analyse(JSON.parse(readFileSync(file, 'utf8')) as Profile);
  const fmt = (us: number) =>
    `${((us / busy) * 100).toFixed(1).padStart(5)} %${n ? `  ${(us / 1000 / n).toFixed(3).padStart(6)} ms/conv` : ''}`;
  const print = (title: string, m: Map<string, number>) => {
    console.log(`\n${title}`);
    for (const [w, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k)) console.log(`  ${fmt(us)}  ${w}`);
  };
  console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy${n ? `, ${(busy / 1000 / n).toFixed(3)} ms per conversation (${n})` : ''}`);
  print('self time by area (src/ module, package, node internals):', byArea);
  print('self time by function:', byFn);
  print('self time by the nearest src/ module on the stack (GC apart):', byOurModule);
  print('self time by the nearest src/ function on the stack:', byOurs);
}

main();
