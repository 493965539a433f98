// Prompt rules (prompts/prompt-rules.yaml): parts every persona must keep and instructions none
// may carry. The offline model never reads a prompt body, so without these a harmful edit
// ("create return labels immediately with confirm: true") would pass every offline eval; the
// rules make lint, every (re)load and the eval gate see it, with the file and line to fix.
import { z } from 'zod';
import { yaml } from '../core/index.js';
import type { PersonaSet, VersionedPersona } from './compile.js';
import { describeIssues, yamlLineOf } from './frontmatter.js';
import type { LocatedIssue } from './template-check.js';
import type { TemplateNode } from './template-parse.js';

export const PROMPT_RULES_FILE = 'prompt-rules.yaml';

// Built for each parse of the file, not kept by the module (see schema.ts).
const regex = () =>
  z
    .string()
    .min(1)
    .refine((s) => {
      try {
        new RegExp(s, 'iu');
        return true;
      } catch {
        return false;
      }
    }, 'not a valid regular expression');

export const promptRulesSchema = () =>
  z.strictObject({
    required: z
      .array(
        z.strictObject({
          /** A partial the persona's prompt (and every variant body) must include, directly or via another partial. */
          partial: z.string().min(1),
          why: z.string().min(1),
          /** Only personas offering one of these tools need it; omitted: every persona. */
          ifTools: z.array(z.string().min(1)).optional(),
        }),
      )
      .default([]),
    forbidden: z
      .array(
        z.strictObject({
          id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/),
          why: z.string().min(1),
          /** Case-insensitive patterns; a sentence matching any of them is an instruction to refuse… */
          match: z.array(regex()).min(1),
          /** …unless it also matches this (e.g. "only after the shopper says yes"). A negation before the match ("never", "no", "do not") always excuses it. */
          unless: regex().optional(),
        }),
      )
      .default([]),
  });
export type PromptRules = z.infer<ReturnType<typeof promptRulesSchema>>;

/** Parses the rules file; problems come back as issues located in it. */
export function parsePromptRules(text: string): { rules: PromptRules | null; issues: LocatedIssue[] } {
  const file = PROMPT_RULES_FILE;
  const { LineCounter, parseDocument } = yaml();
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      rules: null,
      issues: doc.errors.map((e) => ({ file, line: counter.linePos(e.pos[0]).line, message: `invalid YAML: ${e.message.split('\n')[0]}` })),
    };
  }
  const parsed = promptRulesSchema().safeParse(doc.toJS() ?? {});
  if (!parsed.success) {
    const lineOf = (path: readonly (string | number)[]) => yamlLineOf(doc, counter, path) || 1;
    return { rules: null, issues: describeIssues(parsed.error.issues, lineOf).map((e) => ({ file, ...e })) };
  }
  return { rules: parsed.data, issues: [] };
}

/** Every rule against every persona file and the partials they include. */
export function checkPromptRules(rules: PromptRules, set: PersonaSet, files: Readonly<Record<string, string>>): LocatedIssue[] {
  const issues: LocatedIssue[] = [];
  for (const r of rules.required) {
    if (!set.partials.has(r.partial))
      issues.push({ file: PROMPT_RULES_FILE, line: 0, message: `required partial "${r.partial}" does not exist in partials/` });
  }
  for (const persona of set.personas.values()) issues.push(...missingParts(rules, set, persona));
  const scanned = new Set<string>();
  for (const persona of set.personas.values()) {
    for (const file of [persona.path, ...[...persona.partials].map((p) => `partials/${p}.md`)]) {
      if (scanned.has(file) || files[file] === undefined) continue;
      scanned.add(file);
      issues.push(...forbiddenIn(rules, file, files[file]!));
    }
  }
  return issues;
}

function missingParts(rules: PromptRules, set: PersonaSet, persona: VersionedPersona): LocatedIssue[] {
  const bodies: Array<{ label: string; nodes: TemplateNode[] }> = [{ label: '', nodes: persona.body }];
  for (const v of persona.variants) if (v.body) bodies.push({ label: ` (variant "${v.id}" body)`, nodes: v.body });
  const out: LocatedIssue[] = [];
  for (const r of rules.required) {
    if (r.ifTools && !r.ifTools.some((t) => (persona.tools as string[]).includes(t))) continue;
    for (const body of bodies) {
      if (reachedPartials(body.nodes, set).has(r.partial)) continue;
      const when = r.ifTools ? ` (it offers ${r.ifTools.filter((t) => (persona.tools as string[]).includes(t)).join(', ')})` : '';
      out.push({
        file: persona.path,
        line: firstLine(body.nodes),
        message: `missing required part {{> ${r.partial}}}${body.label}${when}: ${r.why}`,
      });
    }
  }
  return out;
}

function reachedPartials(nodes: readonly TemplateNode[], set: PersonaSet, seen = new Set<string>()): Set<string> {
  for (const n of nodes) {
    if (n.type === 'section') reachedPartials(n.children, set, seen);
    else if (n.type === 'partial' && !seen.has(n.name)) {
      seen.add(n.name);
      reachedPartials(set.partials.get(n.name) ?? [], set, seen);
    }
  }
  return seen;
}

function firstLine(nodes: readonly TemplateNode[]): number {
  for (const n of nodes) if (n.type !== 'text') return n.line;
  return 1;
}

const NEGATION = /\b(never|not|no|nor|don't|do not|must not|mustn't|cannot|can't|without)\b/iu;

/** Forbidden instructions, per sentence, with the file line; YAML comments in the frontmatter are skipped. */
export function forbiddenIn(rules: PromptRules, file: string, text: string): LocatedIssue[] {
  const out: LocatedIssue[] = [];
  const patterns = rules.forbidden.map((r) => ({
    rule: r,
    match: r.match.map((m) => new RegExp(m, 'iu')),
    unless: r.unless ? new RegExp(r.unless, 'iu') : null,
  }));
  const lines = text.split('\n');
  let fence = 0;
  lines.forEach((line, i) => {
    if (/^---\s*$/.test(line)) fence++;
    if (fence === 1 && /^\s*#/.test(line)) return;
    for (const sentence of line.split(/(?<=[.;!?])\s+/)) {
      // One finding per sentence: the first rule it breaks is enough to fix it.
      for (const { rule, match, unless } of patterns) {
        const hit = match.map((re) => re.exec(sentence)).find((m) => m !== null);
        if (!hit || NEGATION.test(sentence.slice(0, hit.index)) || unless?.test(sentence)) continue;
        out.push({ file, line: i + 1, message: `forbidden instruction (${rule.id}): "${sentence.trim().slice(0, 120)}" — ${rule.why}` });
        break;
      }
    }
  });
  return out;
}
