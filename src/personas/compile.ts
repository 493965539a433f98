// All files of a prompts folder → a persona set, or the list of everything wrong with it.
// Files: top-level "<id>.md" personas, "partials/<name>.md" partials, optional "experiments.yaml".
import { yaml } from '../core/index.js';
import { compilePersonaFile, type CompiledPersona } from './compile-file.js';
import { describeIssues, yamlLineOf } from './frontmatter.js';
import { experimentsFileSchema, type ExperimentsFile } from './schema.js';
import { didYouMean } from './suggest.js';
import type { LocatedIssue, PartialFile } from './template-check.js';
import { parseTemplate, type TemplateNode } from './template-parse.js';
import { personaVersion } from './version.js';

export interface VersionedPersona extends CompiledPersona {
  /** 'sha256:' + hash of the file and the partials it includes. */
  version: string;
}

export interface PersonaSet {
  personas: Map<string, VersionedPersona>;
  /** segment id → the persona serving it. */
  bySegment: Map<string, VersionedPersona>;
  partials: Map<string, TemplateNode[]>;
  experiments: ExperimentsFile['experiments'];
}

export interface CompileOptions {
  /** Segment ids that exist (rule targets of data/segments.yaml); unchecked when omitted. */
  segments?: readonly string[];
  /** Personas that must exist: the default and the opt-out persona. */
  required?: readonly string[];
}

export interface CompileResult {
  set: PersonaSet;
  issues: LocatedIssue[];
  warnings: LocatedIssue[];
}

const PERSONA_FILE = /^[^/]+\.md$/;
const PARTIAL_FILE = /^partials\/(.+)\.md$/;

export async function compilePersonas(files: Readonly<Record<string, string>>, opts: CompileOptions = {}): Promise<CompileResult> {
  const issues: LocatedIssue[] = [];
  const warnings: LocatedIssue[] = [];
  const partialFiles = readPartials(files, issues);

  const personas = new Map<string, VersionedPersona>();
  const bySegment = new Map<string, VersionedPersona>();
  const known = opts.segments ? new Set(opts.segments) : null;
  const paths = Object.keys(files)
    .filter((p) => PERSONA_FILE.test(p) && p.toLowerCase() !== 'readme.md')
    .sort();
  for (const path of paths) {
    const { persona, issues: found, lineOf } = compilePersonaFile(path, files[path]!, partialFiles);
    issues.push(...found);
    if (!persona) continue;
    persona.segments.forEach((segment, i) => {
      const line = lineOf(['segments', i]);
      if (known && !known.has(segment)) {
        issues.push({
          file: path,
          line,
          message: `unknown segment "${segment}"${didYouMean(segment, known)} (segments come from the rules in data/segments.yaml)`,
        });
      }
      const other = bySegment.get(segment);
      if (other) issues.push({ file: path, line, message: `segment "${segment}" is already served by ${other.path}` });
      else bySegment.set(segment, persona as VersionedPersona);
    });
    const sameExperiment = persona.experimentId ? [...personas.values()].find((p) => p.experimentId === persona.experimentId) : undefined;
    if (sameExperiment)
      issues.push({
        file: path,
        line: lineOf(['experiment']),
        message: `experiment "${persona.experimentId}" is already run by ${sameExperiment.path}`,
      });
    const included = [...persona.partials].map((name) => [name, partialFiles.get(name)!.text] as const);
    const versioned = Object.assign(persona, { version: await personaVersion(files[path]!, included) });
    personas.set(persona.id, versioned);
  }

  for (const id of opts.required ?? []) {
    if (!personas.has(id))
      issues.push({ file: `${id}.md`, line: 1, message: `persona "${id}" is required (default / opt-out persona) but missing or invalid` });
  }
  for (const segment of known ?? []) {
    if (!bySegment.has(segment))
      warnings.push({ file: 'data/segments.yaml', line: 0, message: `segment "${segment}" has no persona; the default persona serves it` });
  }
  const experiments = readExperiments(files['experiments.yaml'], personas, issues);
  issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
  return {
    set: { personas, bySegment, partials: new Map([...partialFiles].map(([k, v]) => [k, v.nodes])), experiments },
    issues,
    warnings,
  };
}

function readPartials(files: Readonly<Record<string, string>>, issues: LocatedIssue[]): Map<string, PartialFile & { text: string }> {
  const partialFiles = new Map<string, PartialFile & { text: string }>();
  for (const [path, text] of Object.entries(files)) {
    const m = PARTIAL_FILE.exec(path);
    if (!m) continue;
    const t = parseTemplate(text);
    issues.push(...t.issues.map((e) => ({ file: path, ...e })));
    partialFiles.set(m[1]!, { file: path, nodes: t.nodes, text });
  }
  return partialFiles;
}

function readExperiments(
  text: string | undefined,
  personas: ReadonlyMap<string, CompiledPersona>,
  issues: LocatedIssue[],
): ExperimentsFile['experiments'] {
  if (text === undefined) return {};
  const file = 'experiments.yaml';
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false });
  const lineOf = (path: readonly (string | number)[]) => yamlLineOf(doc, counter, path) || 1;
  if (doc.errors.length) {
    issues.push(
      ...doc.errors.map((e) => ({ file, line: counter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` })),
    );
    return {};
  }
  const parsed = experimentsFileSchema().safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    issues.push(...describeIssues(parsed.error.issues, lineOf).map((e) => ({ file, ...e })));
    return {};
  }
  const byExperiment = new Map([...personas.values()].filter((p) => p.experimentId).map((p) => [p.experimentId!, p]));
  for (const [id, exp] of Object.entries(parsed.data.experiments)) {
    const owner = byExperiment.get(id);
    if (!owner)
      issues.push({
        file,
        line: lineOf(['experiments', id]),
        message: `experiment "${id}" is not defined by any persona${didYouMean(id, byExperiment.keys())}`,
      });
    else if (exp.winner && !owner.variants.some((v) => v.id === exp.winner)) {
      issues.push({
        file,
        line: lineOf(['experiments', id, 'winner']),
        message: `winner "${exp.winner}" is not a variant of ${owner.path}`,
      });
    }
  }
  return parsed.data.experiments;
}

export function formatIssue(root: string, issue: LocatedIssue): string {
  const file = root && !issue.file.startsWith('data/') ? `${root.replace(/\/$/, '')}/${issue.file}` : issue.file;
  return issue.line > 0 ? `${file}:${issue.line}: ${issue.message}` : `${file}: ${issue.message}`;
}
