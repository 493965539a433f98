// Preloaded into each server process by json-mode.bench.ts (`node --import`): on SIGUSR2 the
// process reports its own CPU time (process.cpuUsage), resident memory now and at its peak
// (process.resourceUsage().maxRSS) and the V8 heap as one stderr line, so the bench reads every server's figures
// the same way, from inside, without stopping it. It also sums the time spent in garbage
// collection (PerformanceObserver 'gc' entries: scavenges and full collections), and the CPU of
// the main thread alone (Linux's /proc/thread-self/schedstat, in ns): the rest of the process's
// CPU is V8's helper threads (parallel scavenges, concurrent marking and compiling), libuv's pool
// and worker threads, which a CPU profile of the main thread never sees.
import { readFileSync } from 'node:fs';
import { constants, PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';

const gc = { minorMs: 0, majorMs: 0 };
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) gc.majorMs += e.duration;
    else gc.minorMs += e.duration;
  }
}).observe({ entryTypes: ['gc'] });

/** The main thread's CPU time in ms (the signal handler runs on it), or null off Linux. */
function mainThreadCpuMs() {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return null;
  }
}

process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const mainCpuMs = mainThreadCpuMs();
  const mem = process.memoryUsage();
  const mb = (bytes) => Math.round((bytes / 2 ** 20) * 10) / 10;
  const usage = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    mainCpuMs,
    rssMb: mb(mem.rss),
    peakRssMb: process.resourceUsage().maxRSS / 1024,
    heapUsedMb: mb(mem.heapUsed),
    heapTotalMb: mb(mem.heapTotal),
    externalMb: mb(mem.external),
    arrayBuffersMb: mb(mem.arrayBuffers),
    // What memory.ts breaks down: V8's own C heap (compiler zones), its code, and the heap's spaces.
    mallocedMb: mb(getHeapStatistics().malloced_memory),
    codeMb: mb(getHeapStatistics().total_heap_size_executable),
    spacesMb: Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name.replace(/_space$/, ''), mb(s.space_size)])),
    gcMinorMs: gc.minorMs,
    gcMajorMs: gc.majorMs,
  };
  process.stderr.write(`BENCH_USAGE ${JSON.stringify(usage)}\n`);
});
