// How the JSON-mode servers run: compiled, as `npm start` runs Tailor (plain node over dist/,
// built by `npm run build`), or both through the tsx loader (BENCH_RUNTIME=tsx), as
// `npm run dev` runs it. Either way both servers run the same way, so neither pays for a loader
// the other does not: tsx alone keeps about 60 MB resident per process (its compiler thread and a
// source map per module) and names every arrow function it compiles at run time.
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { buildServer, OUT_DIR } from '../../src/cli/build.js';
import { repoRoot } from '../support/server.js';
import type { Entries } from './json-mode-servers.js';

export type Runtime = 'compiled' | 'tsx';

export function runtime(): Runtime {
  const v = process.env.BENCH_RUNTIME ?? 'compiled';
  if (v !== 'compiled' && v !== 'tsx') throw new Error(`BENCH_RUNTIME must be compiled or tsx, not "${v}"`);
  return v;
}

/** The bare loop's entry, compiled to one file beside Tailor's build (two levels below the root, as its source is). */
const BARE_OUT = join(OUT_DIR, 'bench', 'bare-loop-server.js');

/**
 * Compiles both servers: Tailor with `npm run build`'s own code, the bare loop (one file, plus the
 * few src/ modules it imports: the database and the lookup_order tool) bundled by esbuild with
 * its packages left in node_modules, as Tailor's are.
 */
export async function compileServers(): Promise<Entries> {
  await buildServer(repoRoot);
  await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: ['test/bench/bare-loop-server.ts'],
    outfile: BARE_OUT,
    bundle: true,
    packages: 'external',
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
  });
  return { tailorBuilt: true, bare: [join(repoRoot, BARE_OUT)] };
}

/** The node arguments that start each server under a runtime (after any profiling flags). */
export async function serverEntries(r: Runtime): Promise<Entries> {
  if (r === 'compiled') return compileServers();
  return { tailorBuilt: false, bare: ['--import', 'tsx', join(repoRoot, 'test/bench/bare-loop-server.ts')] };
}
