// Splits a persona file into YAML frontmatter and Markdown body, and maps any path inside the
// frontmatter back to its line in the file so every error reads "prompts/vip.md:12: …".
import type { Document, LineCounter, Node } from 'yaml';
import type { z } from 'zod';
import { yaml } from '../core/index.js';

export interface SplitFile {
  /** Parsed frontmatter (plain JS), or null when it could not be parsed. */
  data: unknown;
  /** File line of a frontmatter path; for block scalars, the line their text starts on. */
  lineOf(path: readonly (string | number)[]): number;
  body: string;
  bodyFirstLine: number;
  errors: Array<{ line: number; message: string }>;
}

const FENCE = /^---[ \t]*\r?$/;

export function splitFrontmatter(text: string): SplitFile {
  const lines = text.split('\n');
  if (!FENCE.test(lines[0] ?? '')) {
    return failed('a persona file starts with a "---" line, then YAML frontmatter, then another "---"', 1, text);
  }
  const close = lines.findIndex((l, i) => i > 0 && FENCE.test(l));
  if (close === -1) return failed('the frontmatter is never closed: add a "---" line after it', 1, text);
  const yamlText = lines.slice(1, close).join('\n');
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // YAML line 1 is file line 2 (after the opening fence).
  const lineOf = (path: readonly (string | number)[]) => 1 + yamlLineOf(doc, counter, path);
  const errors = doc.errors.map((e) => ({
    line: 1 + counter.linePos(e.pos[0]).line,
    message: `invalid YAML: ${e.message.split('\n')[0]}`,
  }));
  return {
    data: errors.length ? null : doc.toJS(),
    lineOf,
    body: lines.slice(close + 1).join('\n'),
    bodyFirstLine: close + 2,
    errors,
  };
}

function failed(message: string, line: number, text: string): SplitFile {
  return { data: null, lineOf: () => line, body: text, bodyFirstLine: 1, errors: [{ line, message }] };
}

/**
 * 1-based line of a path in a YAML document: a map entry's key line (where a person looks for
 * "voice:"), except block scalars, whose text starts on the next line. A missing entry is
 * reported on its nearest existing parent; 0 when nothing matches.
 */
export function yamlLineOf(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number {
  const { isMap, isScalar } = yaml();
  for (let n = path.length; n > 0; n--) {
    const sub = path.slice(0, n);
    const node = doc.getIn(sub, true) as Node | undefined;
    if (!node || typeof node !== 'object' || !node.range) continue;
    if (isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED')) return counter.linePos(node.range[0]).line + 1;
    const last = sub[n - 1];
    const parent = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
    if (typeof last === 'string' && isMap(parent)) {
      const pair = parent.items.find((p) => isScalar(p.key) && p.key.value === last);
      const key = pair?.key as Node | undefined;
      if (key?.range) return counter.linePos(key.range[0]).line;
    }
    return counter.linePos(node.range[0]).line;
  }
  return 0;
}

/** zod issues → "missing greeting", "unknown field "tool"", "model.temperature: …" with lines. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lineOf: SplitFile['lineOf']): Array<{ line: number; message: string }> {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path
      .map((p) => (typeof p === 'number' ? `[${p}]` : p))
      .join('.')
      .replace(/\.\[/g, '[');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0]!;
      return { line: lineOf([...path, key]), message: `unknown field "${issue.keys.join('", "')}"${where ? ` in ${where}` : ''}` };
    }
    if (issue.code === 'invalid_type' && issue.message.endsWith('received undefined')) {
      return { line: lineOf(path), message: `missing ${where}` };
    }
    return { line: lineOf(path), message: `${where || 'frontmatter'}: ${issue.message}` };
  });
}
