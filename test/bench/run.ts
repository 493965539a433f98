// `npm run bench`: runs every test/bench/*.bench.ts in its own process, one after another
// (benchmarks must not compete for the two cores), and fails if any misses its target.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
// Words pick benchmarks; flags (--quick) are handed to each one.
const only = process.argv.slice(2).filter((a) => !a.startsWith('--') || a === '--help');
const flags = process.argv.slice(2).filter((a) => a.startsWith('--') && a !== '--help');
const all = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort();
const names = all.map((f) => f.replace(/\.bench\.ts$/, '')).join(', ');
if (only.some((o) => o === '--help' || o === '-h')) {
  console.log(
    `usage: npm run bench [-- <name>...]\n  Runs the benchmarks one after another (all, or those whose name contains a given word): ${names}.`,
  );
  process.exit(0);
}
const files = all.filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
if (files.length === 0) {
  console.error(`No benchmark matches ${only.join(', ')}; there are: ${names}.`);
  process.exit(2);
}
const failed: string[] = [];
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f), ...flags], {
    stdio: 'inherit',
    env: { ...process.env, TAILOR_LOG: 'silent' },
  });
  if (r.status !== 0) failed.push(f);
}
console.log(`\n${files.length - failed.length} passed, ${failed.length} failed`);
if (failed.length) {
  console.log(`missed targets: ${failed.join(', ')}`);
  process.exit(1);
}
