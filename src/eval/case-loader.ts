// Parses case files. A file holds one case (a mapping) or several (a sequence). Every error
// names the file and the line of the offending node, so it can be fixed without guessing.
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { CaseSchema, type EvalCase } from './case-schema.js';

export class CaseFileError extends Error {
  constructor(
    readonly file: string,
    readonly line: number,
    readonly detail: string,
  ) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'CaseFileError';
  }
}

type Path = readonly PropertyKey[];

/** The line of the deepest node that exists along `path` (a missing key points at its parent). */
function lineOf(doc: Document, counter: LineCounter, path: Path): number {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as unknown[], true) as { range?: [number, number, number] } | undefined;
    if (node && typeof node === 'object' && node.range) return counter.linePos(node.range[0]).line;
  }
  return 1;
}

function describePath(path: Path): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('')
    .replace(/^\./, '');
}

export function parseCaseFile(text: string, file: string): EvalCase[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: true });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? 1;
    throw new CaseFileError(file, line, yamlError.message.split('\n')[0] ?? 'invalid YAML');
  }
  const root = doc.contents;
  const many = isSeq(root);
  if (!many && !isMap(root)) throw new CaseFileError(file, 1, 'expected a case (a mapping) or a list of cases');
  const raw = doc.toJS() as unknown;
  const items: unknown[] = many ? (raw as unknown[]) : [raw];
  return items.map((item, index) => {
    const prefix: Path = many ? [index] : [];
    const parsed = CaseSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const path = [...prefix, ...issue.path];
      // An unknown key is reported at the key itself, which is more useful than its parent.
      const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
      const at = keys.length ? [...path, keys[0]!] : path;
      const where = describePath(at) || '(case)';
      throw new CaseFileError(file, lineOf(doc, counter, at), `${where}: ${issue.message}`);
    }
    return { ...parsed.data, file, line: lineOf(doc, counter, prefix) };
  });
}

/** Parses every file and rejects duplicate ids across the suite. */
export function parseCaseFiles(files: ReadonlyArray<{ file: string; text: string }>): EvalCase[] {
  const all: EvalCase[] = [];
  const seen = new Map<string, EvalCase>();
  for (const f of files) {
    for (const c of parseCaseFile(f.text, f.file)) {
      const prev = seen.get(c.id);
      if (prev) throw new CaseFileError(c.file, c.line, `duplicate case id "${c.id}" (first defined at ${prev.file}:${prev.line})`);
      seen.set(c.id, c);
      all.push(c);
    }
  }
  return all;
}
