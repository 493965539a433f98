// Preloaded into each server by alloc.ts (`node --expose-gc --trace-gc-nvp --import`).
// SIGWINCH: a scavenge, then `ALLOC_MARK` on stdout after its GC line: the bounds of a measured
// window, so the bytes allocated in it are exactly the sum of the GC lines' `allocated=` between
// two marks (no estimate of what was allocated since the last collection).
// SIGURG (with ALLOC_PROFILE_DIR set): starts V8's sampling heap profiler, keeping the samples of
// objects that were collected since (node's --heap-prof keeps only what is still alive at exit,
// which misses a request's garbage); the next SIGURG stops it and writes
// <ALLOC_PROFILE_DIR>/alloc-<pid>-<n>.heapprofile (loadable in Chrome DevTools' Memory tab).
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';

process.on('SIGWINCH', () => {
  globalThis.gc({ type: 'minor' });
  writeSync(1, 'ALLOC_MARK\n');
});

const dir = process.env.ALLOC_PROFILE_DIR ?? '.';
const session = new Session();
if (process.env.ALLOC_PROFILE_DIR) session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
let sampling = false;
let n = 0;

process.on('SIGURG', () => {
  const step = sampling
    ? post('HeapProfiler.stopSampling').then(({ profile }) => {
        const file = join(dir, `alloc-${process.pid}-${++n}.heapprofile`);
        mkdirSync(dir, { recursive: true }); // a directory not made yet is made, not a failed profile
        writeFileSync(file, JSON.stringify(profile));
        process.stderr.write(`ALLOC_PROFILE ${file}\n`);
      })
    : post('HeapProfiler.enable').then(() =>
        post('HeapProfiler.startSampling', {
          samplingInterval: 16384,
          includeObjectsCollectedByMajorGC: true,
          includeObjectsCollectedByMinorGC: true,
        }).then(() => process.stderr.write('ALLOC_PROFILE started\n')),
      );
  sampling = !sampling;
  step.catch((err) => process.stderr.write(`ALLOC_PROFILE failed: ${err}\n`));
});
