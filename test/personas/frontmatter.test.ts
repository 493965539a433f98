import { describe, expect, it } from 'vitest';
import { formatIssue, lintPersonas } from '../../src/personas/index.js';
import { filesWith, personaFile } from './fixtures.js';

async function errorsOf(path: string, text: string): Promise<string[]> {
  const result = await lintPersonas(filesWith({ [path]: text }), { required: ['neutral'] });
  return result.issues.map((i) => formatIssue('prompts', i));
}

describe('frontmatter validation names the file and line', () => {
  it('a value out of range', async () => {
    const text = personaFile('vip', { extra: 'model:\n  temperature: 3\n  maxTokens: 300' });
    expect(await errorsOf('vip.md', text)).toEqual(['prompts/vip.md:15: model.temperature: Too big: expected number to be <=2']);
  });

  it('a misspelt field, at the top level and inside voice', async () => {
    const text = personaFile('vip', { extra: 'tool: [view_cart]' }).replace(
      '  thanks: Welcome.',
      '  thanks: Welcome.\n  folowUp: Anything else?',
    );
    expect(await errorsOf('vip.md', text)).toEqual([
      'prompts/vip.md:14: unknown field "folowUp" in voice',
      'prompts/vip.md:15: unknown field "tool"',
    ]);
  });

  it('a missing required voice line and a wrong type', async () => {
    const text = personaFile('vip').replace('  stepLimit: Sorry.\n', '').replace('tools: [search_products]', 'tools: search_products');
    expect(await errorsOf('vip.md', text)).toEqual([
      'prompts/vip.md:4: tools: Invalid input: expected array, received string',
      'prompts/vip.md:7: missing voice.stepLimit',
    ]);
  });

  it('an unknown voice style and an empty greeting', async () => {
    const text = personaFile('vip', { greeting: '""' }).replace('style: neutral', 'style: chatty');
    const errors = await errorsOf('vip.md', text);
    expect(errors).toEqual([
      'prompts/vip.md:6: greeting: must not be empty',
      expect.stringMatching(/^prompts\/vip\.md:8: voice\.style: Invalid option: expected one of "guided"\|"brief"\|"warm"\|"neutral"/),
    ]);
  });

  it('broken YAML', async () => {
    const text = personaFile('vip').replace('segments: []', 'segments: [vip');
    const errors = await errorsOf('vip.md', text);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/^prompts\/vip\.md:[34]: invalid YAML: /);
  });

  it('no frontmatter at all, or one that is never closed', async () => {
    expect(await errorsOf('vip.md', 'You are a persona.\n')).toEqual([
      'prompts/vip.md:1: a persona file starts with a "---" line, then YAML frontmatter, then another "---"',
    ]);
    expect(await errorsOf('vip.md', '---\nid: vip\n')).toEqual([
      'prompts/vip.md:1: the frontmatter is never closed: add a "---" line after it',
    ]);
  });

  it('variants without an experiment, and duplicate variant ids', async () => {
    const variants = 'variants:\n  - id: a\n    weight: 1\n  - id: a\n    weight: 1';
    expect(await errorsOf('vip.md', personaFile('vip', { extra: variants }))).toEqual([
      'prompts/vip.md:14: variants need an `experiment` id',
      'prompts/vip.md:17: duplicate variant id "a"',
    ]);
  });

  it('experiments.yaml must refer to real experiments and variants', async () => {
    const vip = personaFile('vip', { extra: 'experiment: greet\nvariants:\n  - id: a\n    weight: 1\n  - id: b\n    weight: 1' });
    const experiments = 'experiments:\n  greet:\n    status: stopped\n    winner: c\n  gret:\n    status: running\n';
    const result = await lintPersonas(filesWith({ 'vip.md': vip, 'experiments.yaml': experiments }), {});
    expect(result.issues.map((i) => formatIssue('prompts', i))).toEqual([
      'prompts/experiments.yaml:4: winner "c" is not a variant of vip.md',
      'prompts/experiments.yaml:5: experiment "gret" is not defined by any persona (did you mean "greet"?)',
    ]);
  });
});
