// Splits a persona file into YAML frontmatter and Markdown body, and maps any path inside the
// frontmatter back to its line in the file so every error reads "prompts/vip.md:12: …".
import { LineCounter, parseDocument, isScalar, type Document } from 'yaml';
import type { z } from 'zod';

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
  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  // YAML line 1 is file line 2 (after the opening fence).
  const lineOf = (path: readonly (string | number)[]) => 1 + yamlLine(doc, counter, path);
  const errors = doc.errors.map((e) => ({ line: 1 + counter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` }));
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

function yamlLine(doc: Document, counter: LineCounter, path: readonly (string | number)[]): number {
  // A missing key is reported on its nearest existing parent (or the first line).
  for (let n = path.length; n > 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number]; type?: string } | undefined;
    if (node && typeof node === 'object' && node.range) {
      const line = counter.linePos(node.range[0]).line;
      const block = isScalar(node) && (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED');
      return block ? line + 1 : line;
    }
  }
  return 0;
}

/** zod issues → "missing greeting", "unknown field "tool"", "model.temperature: …" with lines. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], lineOf: SplitFile['lineOf']): Array<{ line: number; message: string }> {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    const where = path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[');
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
