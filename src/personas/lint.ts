// Everything `npm run personas:lint` checks, runtime-neutral so the registry runs the same
// checks on every (re)load: the compiler's issues plus the token budget per persona/variant.
import { SAMPLE_CONTEXT } from './context.js';
import { compilePersonas, type CompileOptions, type CompileResult } from './compile.js';
import { measurePersona, type CountTokens, type PersonaTokens, type ToolDefinitions } from './measure.js';
import { checkPromptRules, parsePromptRules, PROMPT_RULES_FILE } from './prompt-rules.js';
import { renderPersona } from './render-persona.js';
import type { LocatedIssue } from './template-check.js';

export interface LintOptions extends CompileOptions {
  /** Tokens allowed for system prompt + tool definitions; unchecked when omitted. */
  tokenBudget?: number;
  countTokens?: CountTokens;
  toolDefinitions?: ToolDefinitions;
}

export interface LintResult extends CompileResult {
  /** One row per persona and variant, rendered with SAMPLE_CONTEXT (a full context). */
  tokens: PersonaTokens[];
}

export async function lintPersonas(files: Readonly<Record<string, string>>, opts: LintOptions): Promise<LintResult> {
  const result = await compilePersonas(files, opts);
  const tokens: PersonaTokens[] = [];
  const issues: LocatedIssue[] = [...result.issues, ...promptRuleIssues(files, result)];
  if (!opts.countTokens || !opts.toolDefinitions) return { ...result, issues: sortIssues(issues), tokens };
  for (const persona of result.set.personas.values()) {
    const context = { ...SAMPLE_CONTEXT, segment: persona.segments[0] ?? 'none' };
    const variants = persona.variants.length ? persona.variants : [null];
    for (const variant of variants) {
      const rendered = renderPersona(result.set, persona, variant, persona.experimentId, context);
      const measured = measurePersona(rendered, opts.countTokens, opts.toolDefinitions);
      tokens.push(measured);
      if (opts.tokenBudget !== undefined && measured.total > opts.tokenBudget) {
        const which = variant ? ` (variant "${variant.id}")` : '';
        issues.push({
          file: persona.path,
          line: 1,
          message: `${measured.total} tokens${which} (system prompt ${measured.prompt} + tool definitions ${measured.tools}) exceed the budget of ${opts.tokenBudget} (TAILOR_PROMPT_TOKEN_BUDGET)`,
        });
      }
    }
  }
  return { ...result, issues: sortIssues(issues), tokens };
}

/** The prompt rules, when the folder has a rules file (test fixtures usually do not). */
function promptRuleIssues(files: Readonly<Record<string, string>>, result: CompileResult): LocatedIssue[] {
  const text = files[PROMPT_RULES_FILE];
  if (text === undefined) return [];
  const { rules, issues } = parsePromptRules(text);
  return rules ? checkPromptRules(rules, result.set, files) : issues;
}

const sortIssues = (issues: LocatedIssue[]) => issues.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
