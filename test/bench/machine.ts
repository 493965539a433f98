// What the machine did during a measured stretch, read from /proc (Linux): the CPU time every
// core spent busy (/proc/stat: user, nice, system), the time the hypervisor gave to
// other guests (steal), and the CPU time of the bench's own processes (/proc/<pid>/stat: the
// measured server, the idle one, the fake model, the load generator). What was busy and is none
// of ours ("other") plus steal is CPU the bench did not ask for: another job on the machine or
// the VM's neighbours, which slows a round down and inflates its CPU per conversation (caches,
// frequency, a server descheduled mid-request). json-mode.bench.ts reads it around each round to
// flag a disturbed round and measure it again. Elsewhere (no /proc) nothing is flagged.
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_S = 100; // USER_HZ: the unit of /proc/stat and /proc/<pid>/stat on Linux

export interface Snapshot {
  at: number;
  /** Jiffies the cores spent busy (user, nice, system) and stolen, all cores summed. */
  busy: number;
  steal: number;
  /** utime + stime of each watched process, in jiffies (all its threads). */
  procs: Map<number, number>;
}

/** How many cores' worth of CPU went where during a stretch. */
export interface Disturbance {
  wallS: number;
  /** Busy time of every core, in cores (2 = both cores busy the whole time). */
  busyCores: number;
  /** The watched processes' own CPU, in cores. */
  oursCores: number;
  /** Busy and none of the watched processes, in cores. */
  otherCores: number;
  /** Stolen by the hypervisor, in cores. */
  stealCores: number;
}

const available = existsSync('/proc/stat');

function procTicks(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces, hence the last ')'): utime is the 14th field overall.
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return Number(f[11]) + Number(f[12]);
  } catch {
    return 0; // gone
  }
}

let softirqPids: number[] | null = null;

/** The kernel's ksoftirqd/N threads (network receive work deferred from interrupts). */
function softirqThreads(): number[] {
  if (softirqPids) return softirqPids;
  softirqPids = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      if (readFileSync(`/proc/${name}/comm`, 'utf8').startsWith('ksoftirqd/')) softirqPids.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return softirqPids;
}

/** The machine's and the watched processes' CPU counters now. */
export function snapshot(pids: number[]): Snapshot {
  const procs = new Map<number, number>();
  if (!available) return { at: performance.now(), busy: 0, steal: 0, procs };
  const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
  // Interrupts are left out (the loopback traffic of the bench's own requests is handled there),
  // and the kernel threads that take that work over when it piles up count as the bench's own.
  const [user, nice, system, , , , , steal] = line.trim().split(/\s+/).slice(1).map(Number) as number[];
  for (const pid of [...pids, ...softirqThreads()]) procs.set(pid, procTicks(pid));
  return { at: performance.now(), busy: user! + nice! + system!, steal: steal ?? 0, procs };
}

/** What happened between two snapshots of the same processes. */
export function disturbance(a: Snapshot, b: Snapshot): Disturbance {
  const wallS = (b.at - a.at) / 1000;
  const cores = (ticks: number) => (wallS > 0 ? ticks / TICKS_PER_S / wallS : 0);
  let ours = 0;
  for (const [pid, t] of b.procs) ours += t - (a.procs.get(pid) ?? t);
  const busyCores = cores(b.busy - a.busy);
  const oursCores = cores(ours);
  return {
    wallS,
    busyCores,
    oursCores,
    otherCores: Math.max(0, busyCores - oursCores),
    stealCores: cores(b.steal - a.steal),
  };
}

/** Whether /proc could be read (else every stretch looks undisturbed). */
export const canWatch = available;
