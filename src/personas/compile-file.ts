// One persona file → a compiled persona (parsed templates, checked names) plus its issues.
import { TOOL_NAMES, type ToolName } from '../tools/index.js';
import { CONTEXT_FIELDS, type ContextField } from './context.js';
import { describeIssues, splitFrontmatter } from './frontmatter.js';
import { personaFrontmatterSchema, type PersonaFrontmatter } from './schema.js';
import { didYouMean } from './suggest.js';
import { checkTemplate, type LocatedIssue, type PartialFile } from './template-check.js';
import { parseTemplate, type TemplateNode } from './template-parse.js';
import type { ModelSettings, Voice } from './types.js';

export interface CompiledVariant {
  id: string;
  weight: number;
  body: TemplateNode[] | null;
  greeting: string | null;
  voice: Partial<Voice>;
}

export interface CompiledPersona {
  id: string;
  /** Path relative to the prompts folder, e.g. "vip.md". */
  path: string;
  description: string | null;
  segments: string[];
  tools: ToolName[];
  context: ContextField[];
  model: ModelSettings;
  body: TemplateNode[];
  greeting: string;
  voice: Voice;
  experimentId: string | null;
  variants: CompiledVariant[];
  /** Parsed greeting and voice strings, keyed by their source text. */
  templates: Map<string, TemplateNode[]>;
  /** Names of the partials it includes, transitively (for the version hash). */
  partials: Set<string>;
}

type LineOf = (p: readonly (string | number)[]) => number;
type AddIssue = (line: number, message: string) => void;

const TOOLS = new Set<string>(TOOL_NAMES);
const FIELDS = new Set<string>(CONTEXT_FIELDS);

export function compilePersonaFile(
  path: string,
  text: string,
  partials: ReadonlyMap<string, PartialFile>,
): { persona: CompiledPersona | null; issues: LocatedIssue[]; lineOf: (p: readonly (string | number)[]) => number } {
  const issues: LocatedIssue[] = [];
  const add = (line: number, message: string) => issues.push({ file: path, line, message });
  const split = splitFrontmatter(text);
  for (const e of split.errors) add(e.line, e.message);
  if (split.data === null) return { persona: null, issues, lineOf: split.lineOf };
  const parsed = personaFrontmatterSchema().safeParse(split.data ?? {});
  if (!parsed.success) {
    for (const e of describeIssues(parsed.error.issues, split.lineOf)) add(e.line, e.message);
    return { persona: null, issues, lineOf: split.lineOf };
  }
  const fm: PersonaFrontmatter = parsed.data;
  const { lineOf } = split;
  checkFrontmatter(fm, path.replace(/\.md$/, ''), lineOf, add);
  const { compile, compileString, compileVoice, templates, used } = templateCompiler(
    path,
    new Set<string>(fm.context),
    partials,
    lineOf,
    add,
    issues,
  );

  const body = compile(split.body, split.bodyFirstLine);
  if (split.body.trim() === '') add(split.bodyFirstLine, 'the persona has no prompt body below the frontmatter');
  compileString(fm.greeting, ['greeting']);
  compileVoice(fm.voice, ['voice']);
  const variants = (fm.variants ?? []).map((v, i): CompiledVariant => {
    if (v.greeting) compileString(v.greeting, ['variants', i, 'greeting']);
    if (v.voice) compileVoice(v.voice, ['variants', i, 'voice']);
    return {
      id: v.id,
      weight: v.weight,
      body: v.body ? compile(v.body, lineOf(['variants', i, 'body'])) : null,
      greeting: v.greeting ?? null,
      voice: v.voice ?? {},
    };
  });

  const persona: CompiledPersona = {
    id: fm.id,
    path,
    description: fm.description ?? null,
    segments: fm.segments,
    tools: fm.tools.filter((t): t is ToolName => TOOLS.has(t)),
    context: fm.context.filter((c): c is ContextField => FIELDS.has(c)),
    model: fm.model,
    body,
    greeting: fm.greeting,
    voice: fm.voice,
    experimentId: fm.experiment ?? null,
    variants,
    templates,
    partials: used,
  };
  return { persona, issues, lineOf };
}

/** What the frontmatter must satisfy beyond its schema: the file name, known names, experiments. */
function checkFrontmatter(fm: PersonaFrontmatter, stem: string, lineOf: LineOf, add: AddIssue): void {
  if (fm.id !== stem) add(lineOf(['id']), `id "${fm.id}" must match the file name ("${stem}")`);
  checkNames(fm.tools, TOOLS, 'tool', ['tools'], lineOf, add);
  checkNames(fm.context, FIELDS, 'context field', ['context'], lineOf, add);
  if (fm.variants && !fm.experiment) add(lineOf(['variants']), 'variants need an `experiment` id');
  if (fm.experiment && !fm.variants) add(lineOf(['experiment']), `experiment "${fm.experiment}" has no variants`);
  const variantIds = new Set<string>();
  fm.variants?.forEach((v, i) => {
    if (variantIds.has(v.id)) add(lineOf(['variants', i, 'id']), `duplicate variant id "${v.id}"`);
    variantIds.add(v.id);
  });
}

/** Parses and checks each template of one persona once, collecting the partials it uses. */
function templateCompiler(
  path: string,
  declared: ReadonlySet<string>,
  partials: ReadonlyMap<string, PartialFile>,
  lineOf: LineOf,
  add: AddIssue,
  issues: LocatedIssue[],
) {
  const used = new Set<string>();
  const templates = new Map<string, TemplateNode[]>();
  const compile = (source: string, firstLine: number): TemplateNode[] => {
    const t = parseTemplate(source, firstLine);
    for (const e of t.issues) add(e.line, e.message);
    const checked = checkTemplate(t.nodes, path, declared, partials);
    issues.push(...checked.issues);
    for (const p of checked.partials) used.add(p);
    return t.nodes;
  };
  const compileString = (source: string, at: (string | number)[]) => {
    if (!templates.has(source)) templates.set(source, compile(source, lineOf(at)));
  };
  const compileVoice = (voice: Partial<Voice>, at: (string | number)[]) => {
    for (const [key, value] of Object.entries(voice)) {
      if (key === 'style' || value === undefined) continue;
      if (Array.isArray(value)) value.forEach((str, i) => compileString(str, [...at, key, i]));
      else compileString(value as string, [...at, key]);
    }
  };
  return { compile, compileString, compileVoice, templates, used };
}

function checkNames(
  names: readonly string[],
  known: ReadonlySet<string>,
  what: string,
  at: string[],
  lineOf: (p: readonly (string | number)[]) => number,
  add: (line: number, message: string) => void,
): void {
  const seen = new Set<string>();
  names.forEach((name, i) => {
    if (!known.has(name)) add(lineOf([...at, i]), `unknown ${what} "${name}"${didYouMean(name, known)}`);
    else if (seen.has(name)) add(lineOf([...at, i]), `${what} "${name}" is listed twice`);
    seen.add(name);
  });
}
