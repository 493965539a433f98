// npm run build
// Compiles the server's TypeScript (src/, except the browser widget, which widget:build bundles)
// into plain JavaScript under dist/, one file per module, for `npm start` to run with bare
// `node`. Run through a TypeScript loader the server keeps the loader, its compiler thread and a
// source map per module resident: about 60 MB more memory at start for the same code. Nothing is
// bundled: dist/ mirrors src/ one level below the repository root, as src/ does, so every path
// a module resolves from its own location (migrations/, data/nlu/) lands on the same files.
// dist/ is build output: not committed, rebuilt whole on every run (a few hundred ms).
import { readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as esbuild from 'esbuild';
import { runCli } from './run.js';

const USAGE = 'usage: npm run build\n  Compiles src/ (the server, CLIs and Workers entry) into dist/ for `node dist/node.js`.';
export const SOURCE_DIR = 'src';
export const OUT_DIR = 'dist';
/** Browser code (bundled by widget:build into a module the server serves) is not compiled here. */
const SKIP = ['web/widget'];

/** Every TypeScript module of src/ that runs on the server, as paths relative to `root`. */
export function serverModules(root = '.'): string[] {
  const src = resolve(root, SOURCE_DIR);
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' });
  return files
    .map((f) => f.split('\\').join('/'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts') && !SKIP.some((s) => f.startsWith(`${s}/`)))
    .sort()
    .map((f) => relative(resolve(root), join(src, f)).split('\\').join('/'));
}

/** Compiles into `root`/dist (emptied first); returns how many modules and how long it took. */
export async function buildServer(root = '.'): Promise<{ modules: number; ms: number }> {
  const started = performance.now();
  const modules = serverModules(root);
  rmSync(resolve(root, OUT_DIR), { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: resolve(root),
    entryPoints: modules,
    outdir: OUT_DIR,
    outbase: SOURCE_DIR,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // Linked maps: `node --enable-source-maps dist/node.js` shows TypeScript positions; plain
    // `node` never reads them, so they cost nothing at run time.
    sourcemap: 'linked',
    logLevel: 'silent',
  });
  return { modules: modules.length, ms: Math.round(performance.now() - started) };
}

async function main(): Promise<number> {
  parseArgs({ options: {} });
  const { modules, ms } = await buildServer();
  console.log(`${OUT_DIR}/: ${modules} modules compiled from ${SOURCE_DIR}/ in ${ms} ms`);
  return 0;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) runCli('build', main, USAGE);
