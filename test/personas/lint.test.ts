import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatIssue, lintPersonas, schemaToolDefinitions, type LintOptions } from '../../src/personas/index.js';
import { segmentIdsFromRules } from '../../src/personas/segment-ids.js';
import { countTokens } from '../../src/personas/tokens.js';
import { SEGMENTS, filesWith, personaFile, shippedFiles } from './fixtures.js';

async function errorsOf(files: Record<string, string>, opts: LintOptions = {}): Promise<string[]> {
  const result = await lintPersonas(files, { segments: SEGMENTS, required: ['neutral'], ...opts });
  return result.issues.map((i) => formatIssue('prompts', i));
}

// personaFile() layout: line 3 segments, 4 tools, 5 context, 6 greeting, 7–13 voice, 14 "---", 15 body.
describe('persona lint: each mistake is an error naming file and line', () => {
  it('unknown tool', async () => {
    const errors = await errorsOf(
      filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'], tools: ['search_products', 'lookup_orders'] }) }),
    );
    expect(errors).toEqual(['prompts/vip.md:4: unknown tool "lookup_orders" (did you mean "lookup_order"?)']);
  });

  it('unknown segment (segments come from the rules file)', async () => {
    const errors = await errorsOf(filesWith({ 'vip.md': personaFile('vip', { segments: ['vipp'] }) }));
    expect(errors).toEqual([
      'prompts/vip.md:3: unknown segment "vipp" (did you mean "vip"?) (segments come from the rules in data/segments.yaml)',
    ]);
  });

  it('missing greeting', async () => {
    const errors = await errorsOf(filesWith({ 'vip.md': personaFile('vip', { greeting: null }) }));
    expect(errors).toEqual(['prompts/vip.md:1: missing greeting']);
  });

  it('unknown variable, in the body and in a voice string', async () => {
    const body = 'Line one.\nHello {{frstName}}.';
    const errors = await errorsOf(
      filesWith({ 'vip.md': personaFile('vip', { body, context: ['today', 'firstName'], extra: 'description: "{{x}}"' }) }),
    );
    expect(errors).toEqual([
      'prompts/vip.md:17: unknown variable "{{frstName}}": "frstName" is not a context field (did you mean "firstName"?)',
    ]);

    const voiceTypo = personaFile('vip', { context: ['today', 'recentOrders'] }).replace(
      'goodbye: Bye.',
      'goodbye: "Bye {{#recentOrders}}{{numbr}}{{/recentOrders}}"',
    );
    expect(await errorsOf(filesWith({ 'vip.md': voiceTypo }))).toEqual([
      'prompts/vip.md:12: unknown variable "{{numbr}}": "numbr" is not a field here nor a context field (did you mean "number"?)',
    ]);
  });

  it('a variable the persona did not declare in `context`', async () => {
    const errors = await errorsOf(
      filesWith({
        'new-visitor.md': personaFile('new-visitor', { body: 'Hi!\n\nWelcome back, {{firstName}}.', greeting: 'Hi {{firstName}}' }),
      }),
    );
    expect(errors).toEqual([
      'prompts/new-visitor.md:6: variable "{{firstName}}" uses context field "firstName", which this persona does not declare in `context`',
      'prompts/new-visitor.md:17: variable "{{firstName}}" uses context field "firstName", which this persona does not declare in `context`',
    ]);
  });

  it('undeclared variables inside a partial are reported at the partial line, naming the persona that includes it', async () => {
    const files = filesWith({
      'vip.md': personaFile('vip', { body: 'Intro\n{{> account}}' }),
      'partials/account.md': 'Account\n{{#recentOrders}}- {{number}}{{/recentOrders}}\n',
    });
    expect(await errorsOf(files)).toEqual([
      'prompts/partials/account.md:2: variable "{{recentOrders}}" uses context field "recentOrders", which this persona does not declare in `context` (included by vip.md)',
    ]);
  });

  it('unknown partial, unknown context field, and a file whose id does not match its name', async () => {
    const files = filesWith({
      'vip.md': personaFile('vipp', { context: ['today', 'emial'], body: 'x\n{{> store-polcy}}' }),
      'partials/store-policy.md': 'Policy\n',
    });
    expect(await errorsOf(files)).toEqual([
      'prompts/vip.md:2: id "vipp" must match the file name ("vip")',
      'prompts/vip.md:5: unknown context field "emial"',
      'prompts/vip.md:16: unknown partial "{{> store-polcy}}" (did you mean "store-policy"?)',
    ]);
  });

  it('the token budget: system prompt + tool definitions over budget is an error', async () => {
    const files = filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'], body: 'Be helpful. '.repeat(40) }) });
    const result = await lintPersonas(files, { segments: SEGMENTS, tokenBudget: 60, countTokens, toolDefinitions: schemaToolDefinitions });
    const vip = result.tokens.find((t) => t.persona === 'vip')!;
    expect(vip.prompt).toBeGreaterThan(60);
    expect(result.issues.map((i) => formatIssue('prompts', i))).toContain(
      `prompts/vip.md:1: ${vip.total} tokens (system prompt ${vip.prompt} + tool definitions ${vip.tools}) exceed the budget of 60 (TAILOR_PROMPT_TOKEN_BUDGET)`,
    );
  });

  it('two personas for one segment, and a missing default persona', async () => {
    const files = { 'a.md': personaFile('a', { segments: ['vip'] }), 'b.md': personaFile('b', { segments: ['vip'] }) };
    expect(await errorsOf(files)).toEqual([
      'prompts/b.md:3: segment "vip" is already served by a.md',
      'prompts/neutral.md:1: persona "neutral" is required (default / opt-out persona) but missing or invalid',
    ]);
  });
});

describe('the shipped personas', () => {
  it('pass lint against data/segments.yaml, each well under the 1,500-token budget', async () => {
    const segments = segmentIdsFromRules(readFileSync(resolve(import.meta.dirname, '../../data/segments.yaml'), 'utf8'));
    const result = await lintPersonas(await shippedFiles(), {
      segments,
      required: ['neutral'],
      tokenBudget: 1500,
      countTokens,
      toolDefinitions: schemaToolDefinitions,
    });
    expect(result.issues.map((i) => formatIssue('prompts', i))).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect([...result.set.personas.keys()].sort()).toEqual(['neutral', 'new-visitor', 'repeat-buyer', 'vip']);
    for (const t of result.tokens) expect(t.prompt, `${t.persona} prompt`).toBeLessThan(700);
  });
});
