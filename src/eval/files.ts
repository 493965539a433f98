// Node file plumbing for the CLI: case discovery and report writing.
import { appendFileSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { CaseFileError, parseCaseFiles } from './case-loader.js';
import type { EvalCase } from './case-schema.js';
import { toHtml, toJUnit, toMarkdown } from './reporters/index.js';
import type { SuiteResult } from './types.js';

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : []));
}

/** Every case under `dir`; paths in errors are relative to `cwd` so they are clickable. */
export function loadCasesFromDir(dir: string, cwd: string): EvalCase[] {
  const files = walk(resolve(cwd, dir)).map((f) => ({ file: relative(cwd, f).split(sep).join('/'), text: readFileSync(f, 'utf8') }));
  if (!files.length) throw new Error(`no case files (*.yaml) under ${dir}`);
  return parseCaseFiles(files).map((c) => (c.assert ? { ...c, assert: resolveAssert(c, cwd) } : c));
}

/** A case's `assert` module, resolved next to its file; a missing module stops the run at the case's line. */
function resolveAssert(c: EvalCase, cwd: string): string {
  const [path, name] = c.assert!.split('#');
  const abs = resolve(cwd, dirname(c.file), path!);
  if (!existsSync(abs)) throw new CaseFileError(c.file, c.line, `assert: no file ${relative(cwd, abs).split(sep).join('/')}`);
  return name ? `${abs}#${name}` : abs;
}

export function writeReports(
  result: SuiteResult,
  dir: string,
  gateLines: readonly string[],
  env: { GITHUB_STEP_SUMMARY?: string },
): string[] {
  mkdirSync(dir, { recursive: true });
  const md = toMarkdown(result, gateLines);
  const out: Array<[string, string]> = [
    ['eval.json', `${JSON.stringify(result, null, 2)}\n`],
    ['eval.junit.xml', toJUnit(result)],
    ['eval.md', md],
    ['eval.html', toHtml(result, gateLines)],
  ];
  for (const [name, text] of out) writeFileSync(join(dir, name), text);
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, md);
  return out.map(([name]) => join(dir, name));
}
