// `npm run bench`: runs every test/bench/*.bench.ts in its own process, one after another
// (benchmarks must not compete for the two cores), and fails if any misses its target.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();
const failed: string[] = [];
for (const f of files) {
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(dir, f)], { stdio: 'inherit', env: { ...process.env, TAILOR_LOG: 'silent' } });
  if (r.status !== 0) failed.push(f);
}
console.log(`\n${files.length - failed.length} passed, ${failed.length} failed`);
if (failed.length) {
  console.log(`missed targets: ${failed.join(', ')}`);
  process.exit(1);
}
