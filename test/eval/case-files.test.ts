// Case files: a prompt engineer's mistake is reported with the file and the line to fix.
import { describe, expect, it } from 'vitest';
import { CaseFileError, parseCaseFile, parseCaseFiles } from '../../src/eval/case-loader.js';

const errorOf = (text: string, file = 'evals/cases/demo.yaml') => {
  try {
    parseCaseFile(text, file);
  } catch (err) {
    expect(err).toBeInstanceOf(CaseFileError);
    return (err as Error).message;
  }
  throw new Error('expected a CaseFileError');
};

describe('case files', () => {
  it('parses a single case and a list of cases, with their lines', () => {
    const list = parseCaseFile(
      `- id: first-case
  shopper: anonymous
  turns:
    - user: hi
- id: second-case
  tags: [vip]
  shopper: sarah@example.com
  turns:
    - user: where is my order?
      expect:
        tools: { called: [lookup_order, { name: store_policy, args: { topic: returns } }] }
        reply: { contains: order }
`,
      'evals/cases/list.yaml',
    );
    expect(list.map((c) => [c.id, c.line])).toEqual([
      ['first-case', 1],
      ['second-case', 5],
    ]);
    expect(list[1]!.turns[0]!.expect.tools!.called).toEqual([
      { name: 'lookup_order', args: undefined },
      { name: 'store_policy', args: { topic: 'returns' } },
    ]);
    expect(list[1]!.turns[0]!.expect.reply!.contains).toEqual(['order']);
  });

  it('names file and line of a misspelled key', () => {
    expect(errorOf('id: typo-case\nshopper: anonymous\nturns:\n  - user: hi\n    expect:\n      reply:\n        contain: hello\n')).toBe(
      'evals/cases/demo.yaml:7: turns[0].expect.reply.contain: Unrecognized key: "contain"',
    );
  });

  it('names an unknown tool with the known ones', () => {
    expect(
      errorOf(
        'id: tool-case\nshopper: anonymous\nturns:\n  - user: hi\n    expect:\n      tools:\n        notCalled: [delete_everything]\n',
      ),
    ).toMatch(
      /^evals\/cases\/demo\.yaml:7: turns\[0\]\.expect\.tools\.notCalled\[0\]: unknown tool "delete_everything" \(known: search_products, /,
    );
  });

  it('explains a bad shopper and a missing field at the parent line', () => {
    expect(errorOf('id: who-case\nshopper: nobody\nturns:\n  - user: hi\n')).toBe(
      'evals/cases/demo.yaml:2: shopper: expected "anonymous", a demo shopper\'s email, or { profile: {...} }',
    );
    expect(errorOf('- id: ok-case\n  shopper: anonymous\n  turns: [{ user: hi }]\n- id: no-turns\n  shopper: anonymous\n')).toMatch(
      /^evals\/cases\/demo\.yaml:4: \[1\]\.turns: /,
    );
  });

  it('reports YAML syntax errors and duplicate ids with their lines', () => {
    expect(errorOf('id: broken\nturns: [\n  - user: hi\n')).toMatch(/^evals\/cases\/demo\.yaml:\d+: /);
    const c = 'id: same-id\nshopper: anonymous\nturns: [{ user: hi }]\n';
    expect(() =>
      parseCaseFiles([
        { file: 'a.yaml', text: c },
        { file: 'b.yaml', text: c },
      ]),
    ).toThrow('b.yaml:1: duplicate case id "same-id" (first defined at a.yaml:1)');
  });
});
