// The eval's prompt gate, run before any case: persona lint with the prompt rules (required
// parts, forbidden instructions) and the rendered-prompt snapshots in evals/snapshots/. It is
// what lets an offline run see a prompt edit: the offline model answers from voice lines and
// tool logic, so a changed or harmful prompt body would otherwise pass every case.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { formatIssue, lintPersonas, renderSnapshots, type PromptSnapshot } from '../personas/index.js';
import { nodePersonaSource } from '../personas/node.js';
import { loadSegmentRules } from '../segments/index.js';
import { unifiedDiff } from './line-diff.js';

export interface SnapshotChange {
  /** The snapshot file, relative to the working directory ("evals/snapshots/vip.snap.md"). */
  file: string;
  /** The persona file it renders ("prompts/vip.md"); null for a snapshot of a removed persona. */
  source: string | null;
  status: 'changed' | 'new' | 'removed';
  diff: string;
}

export interface PromptCheck {
  /** Lint and prompt-rule errors, each "prompts/vip.md:41: …". */
  errors: string[];
  snapshots: SnapshotChange[];
  /** The folder the snapshots live in, relative to the working directory. */
  snapshotsDir: string;
}

export interface PromptGateOptions {
  cwd: string;
  promptsDir: string;
  rulesFile: string;
  snapshotsDir: string;
  defaultPersona?: string;
}

const SNAPSHOT = /\.snap\.md$/;
const rel = (cwd: string, path: string) => relative(cwd, path).split(sep).join('/') || '.';

export interface PromptGateResult {
  check: PromptCheck;
  rendered: PromptSnapshot[];
  /** Personas and their variant ids (to validate --compare before anything runs). */
  personas: Array<{ id: string; variants: string[] }>;
}

export async function checkPrompts(opts: PromptGateOptions): Promise<PromptGateResult> {
  const root = rel(opts.cwd, opts.promptsDir);
  const snapshotsDir = rel(opts.cwd, opts.snapshotsDir);
  const check: PromptCheck = { errors: [], snapshots: [], snapshotsDir };
  let segments: { ids: string[]; defaultSegment: string };
  try {
    const rules = loadSegmentRules(readFileSync(opts.rulesFile, 'utf8'), rel(opts.cwd, opts.rulesFile));
    segments = { ids: rules.segments, defaultSegment: rules.defaultSegment };
  } catch (err) {
    check.errors.push((err as Error).message);
    return { check, rendered: [], personas: [] };
  }
  const files = await nodePersonaSource(opts.promptsDir, root).read();
  const defaultPersona = opts.defaultPersona ?? 'neutral';
  const result = await lintPersonas(files, { segments: segments.ids, required: [defaultPersona] });
  check.errors.push(...result.issues.map((i) => formatIssue(root, i)));
  if (check.errors.length) return { check, rendered: [], personas: [] };
  const rendered = renderSnapshots(result.set, segments, defaultPersona);
  check.snapshots = compareSnapshots(rendered, opts.snapshotsDir, snapshotsDir, root);
  const personas = [...result.set.personas.values()].map((p) => ({ id: p.id, variants: p.variants.map((v) => v.id) }));
  return { check, rendered, personas };
}

function compareSnapshots(rendered: readonly PromptSnapshot[], dir: string, label: string, root: string): SnapshotChange[] {
  const changes: SnapshotChange[] = [];
  const stored = existsSync(dir) ? readdirSync(dir).filter((f) => SNAPSHOT.test(f)) : [];
  for (const snap of rendered) {
    const file = `${label}/${snap.file}`;
    const path = join(dir, snap.file);
    const before = existsSync(path) ? readFileSync(path, 'utf8') : null;
    if (before === snap.text) continue;
    changes.push({
      file,
      source: `${root}/${snap.source}`,
      status: before === null ? 'new' : 'changed',
      diff: unifiedDiff(before ?? '', snap.text, { a: before === null ? '/dev/null' : file, b: `${file} (rendered now)` }),
    });
  }
  const names = new Set(rendered.map((s) => s.file));
  for (const f of stored.filter((f) => !names.has(f))) {
    const file = `${label}/${f}`;
    changes.push({
      file,
      source: null,
      status: 'removed',
      diff: unifiedDiff(readFileSync(join(dir, f), 'utf8'), '', { a: file, b: '/dev/null' }),
    });
  }
  return changes;
}

/** One gate line per change, naming the persona file to look at. */
export function snapshotGateLines(check: PromptCheck): string[] {
  const accept = 'review the diff, then accept it with `npm run eval -- --update-snapshots`';
  return check.snapshots.map((c) =>
    c.status === 'removed'
      ? `${c.file}: no persona renders it any more; ${accept}`
      : c.status === 'new'
        ? `${c.source}: no snapshot yet (${c.file}); ${accept}`
        : `${c.source}: the rendered prompt differs from ${c.file}; ${accept}`,
  );
}

/** Rewrites the snapshot folder from what renders now; returns what it wrote and removed. */
export function writeSnapshots(rendered: readonly PromptSnapshot[], dir: string): { written: string[]; removed: string[] } {
  mkdirSync(dir, { recursive: true });
  const names = new Set(rendered.map((s) => s.file));
  const removed = readdirSync(dir).filter((f) => SNAPSHOT.test(f) && !names.has(f));
  for (const f of removed) rmSync(join(dir, f));
  for (const s of rendered) writeFileSync(join(dir, s.file), s.text);
  return { written: rendered.map((s) => s.file), removed };
}
