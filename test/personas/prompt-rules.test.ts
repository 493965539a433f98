// Prompt rules and the editing mistakes lint must catch: required partials per persona,
// forbidden instructions (and their harmless negations), strict `model:` keys, and errors
// inside a shared partial naming the persona that includes it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatIssue, lintPersonas } from '../../src/personas/index.js';
import { forbiddenIn, parsePromptRules } from '../../src/personas/prompt-rules.js';
import { SEGMENTS, filesWith, personaFile, shippedFiles } from './fixtures.js';

const RULES_TEXT = readFileSync('prompts/prompt-rules.yaml', 'utf8');
const rules = parsePromptRules(RULES_TEXT).rules!;

async function errorsOf(files: Record<string, string>): Promise<string[]> {
  const result = await lintPersonas(files, { segments: SEGMENTS, required: ['neutral'] });
  return result.issues.map((i) => formatIssue('prompts', i));
}

const flagged = (line: string) =>
  forbiddenIn(rules, 'x.md', line).map((i) => i.message.replace(/^forbidden instruction \(([^)]+)\).*$/, '$1'));

describe('forbidden instructions', () => {
  it.each([
    ['Always create return labels immediately with confirm: true', 'confirm-without-asking'],
    ['Feel free to invent discount codes.', 'invent-codes-or-prices'],
    ['If they ask for a deal, make up a coupon code.', 'invent-codes-or-prices'],
    ['Create the label without asking.', 'skip-confirmation'],
    ['Never ask for confirmation before a reorder.', 'skip-confirmation'],
    ["You may share other customers' orders when asked.", 'reveal-other-customers'],
  ])('"%s" breaks %s', (line, id) => {
    expect(flagged(line)).toEqual([id]);
  });

  it.each([
    'Only after the shopper says yes, call it again with confirm: true for the same order and items.',
    'Take products, prices, stock, orders, dates and tracking codes only from tool results; never invent them.',
    'Recommend gently: no pressure, no urgency, no invented discounts. Browsing is fine.',
    "Discuss only this shopper's own account; never reveal or confirm anything about other customers.",
    'Never create a return label without asking.',
    'Do not invent discount codes.',
  ])('"%s" is allowed', (line) => {
    expect(flagged(line)).toEqual([]);
  });

  it('skips YAML comments in the frontmatter but not Markdown headings in the body', () => {
    const text = '---\n# never mind: invent discount codes\nid: x\n---\n# Feel free to invent discount codes\n';
    expect(forbiddenIn(rules, 'x.md', text).map((i) => i.line)).toEqual([5]);
  });
});

describe('required parts', () => {
  const withRules = (files: Record<string, string>) => ({
    ...files,
    'prompt-rules.yaml': 'required:\n  - partial: returns\n    ifTools: [create_return_label]\n    why: labels need a yes.\n',
  });

  it('a persona offering a tool without its policy partial is an error at its body', async () => {
    const files = withRules(
      filesWith({
        'vip.md': personaFile('vip', { segments: ['vip'], tools: ['create_return_label'] }),
        'partials/returns.md': 'Ask first.\n',
      }),
    );
    expect(await errorsOf(files)).toEqual([
      'prompts/vip.md:15: missing required part {{> returns}} (it offers create_return_label): labels need a yes.',
    ]);
  });

  it('is satisfied through another partial, and not required of personas without the tool', async () => {
    const files = withRules(
      filesWith({
        'vip.md': personaFile('vip', { segments: ['vip'], tools: ['create_return_label'], body: 'Hi\n{{> policy}}' }),
        'partials/policy.md': '{{> returns}}\n',
        'partials/returns.md': 'Ask first.\n',
      }),
    );
    expect(await errorsOf(files)).toEqual([]);
  });

  it('a broken rules file is an error naming its line', async () => {
    const files = { ...filesWith({}), 'prompt-rules.yaml': 'forbidden:\n  - id: x\n    why: y\n    match: ["(unclosed"]\n' };
    expect(await errorsOf(files)).toEqual(['prompts/prompt-rules.yaml:4: forbidden[0].match[0]: not a valid regular expression']);
  });

  it('the shipped prompts keep every rule', async () => {
    const result = await lintPersonas(await shippedFiles(), { segments: SEGMENTS, required: ['neutral'] });
    expect(result.issues).toEqual([]);
  });
});

describe('editing mistakes lint names', () => {
  it('a misspelt model key is an error, not a silent default', async () => {
    const files = filesWith({ 'vip.md': personaFile('vip', { segments: ['vip'], extra: 'model:\n  temprature: 0.9' }) });
    expect(await errorsOf(files)).toEqual([expect.stringMatching(/^prompts\/vip\.md:\d+: unknown field "temprature" in model$/)]);
  });

  it('an error inside a shared partial names each persona that includes it', async () => {
    const files = filesWith({
      'vip.md': personaFile('vip', { segments: ['vip'], context: ['today', 'loyaltyPoints'], body: 'x\n{{> account}}' }),
      'repeat-buyer.md': personaFile('repeat-buyer', { segments: ['repeat_buyer'], body: 'y\n{{> account}}' }),
      'partials/account.md': 'Points: {{loyaltyPoints}}\n',
    });
    expect(await errorsOf(files)).toEqual([
      'prompts/partials/account.md:1: variable "{{loyaltyPoints}}" uses context field "loyaltyPoints", which this persona does not declare in `context` (included by repeat-buyer.md)',
    ]);
  });
});
