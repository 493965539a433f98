// Preloaded into each JSON-mode server by json-mode.bench.ts when BENCH_CPU_PROFILE_DIR is set
// (`node --import`): SIGPWR starts V8's CPU profiler (inspector Profiler domain, sampling every
// 100 µs like --cpu-prof), the next SIGPWR stops it and writes
// <BENCH_CPU_PROFILE_DIR>/cpu-<pid>-<n>.cpuprofile, announced as `CPU_PROFILE <file>` on stderr.
// Unlike `node --cpu-prof`, which profiles the whole life of the process, this covers only the
// measured rounds: no start-up, no warm-up (test/bench/cpu-profile.ts reads the files).
import { Session } from 'node:inspector';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const session = new Session();
session.connect();
const post = (method, params) =>
  new Promise((resolve, reject) => session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))));
let running = false;
let n = 0;

process.on('SIGPWR', () => {
  const step = running
    ? post('Profiler.stop').then(({ profile }) => {
        const file = join(dir, `cpu-${process.pid}-${++n}.cpuprofile`);
        mkdirSync(dir, { recursive: true }); // a directory not made yet is made, not a failed profile
        writeFileSync(file, JSON.stringify(profile));
        process.stderr.write(`CPU_PROFILE ${file}\n`);
      })
    : post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: 100 }))
        .then(() => post('Profiler.start'))
        .then(() => process.stderr.write('CPU_PROFILE started\n'));
  running = !running;
  step.catch((err) => process.stderr.write(`CPU_PROFILE failed: ${err}\n`));
});
