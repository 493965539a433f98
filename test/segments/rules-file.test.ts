import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/core/index.js';
import { loadSegmentRules } from '../../src/segments/index.js';
import { loadSegmentRulesFile } from '../../src/segments/node.js';

const FILE = 'data/segments.yaml';
// Line 1 is a comment, so reported lines are real file lines, not offsets into a snippet.
const withRule = (rule: string, def = 'default:\n  segment: new_visitor\n') =>
  `# rules\nrules:\n  - id: first-session\n    segment: new_visitor\n    when:\n      sessions: { max: 1 }\n${rule}${def}`;

function errorOf(text: string): string {
  try {
    loadSegmentRules(text, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected the rules file to be rejected');
}

describe('a broken rules file names the file, line, rule and field', () => {
  it('a misspelt criterion', () => {
    expect(errorOf(withRule('  - id: orders-5-plus\n    segment: vip\n    when:\n      order: { min: 5 }\n'))).toMatch(
      /^data\/segments\.yaml:10: rule "orders-5-plus" field "when\.order": unknown field \(allowed: sessions, orders, /,
    );
  });

  it('a value of the wrong type', () => {
    expect(errorOf(withRule('  - id: orders-5-plus\n    segment: vip\n    when:\n      orders:\n        min: five\n'))).toBe(
      'data/segments.yaml:11: rule "orders-5-plus" field "when.orders.min": expected number, received string',
    );
  });

  it('min above max, an unknown loyalty tier, a bad date', () => {
    expect(errorOf(withRule('  - id: odd\n    segment: vip\n    when:\n      orders: { min: 5, max: 2 }\n'))).toBe(
      'data/segments.yaml:10: rule "odd" field "when.orders": min is greater than max',
    );
    expect(errorOf(withRule('  - id: tier\n    segment: vip\n    when:\n      loyaltyTier: [gold, diamond]\n'))).toMatch(
      /^data\/segments\.yaml:10: rule "tier" field "when\.loyaltyTier\.1": expected one of/,
    );
    expect(
      errorOf(withRule('  - id: spring\n    segment: vip\n    when:\n      orders: { min: 1 }\n      timeFrame: { from: 2025-13-01 }\n')),
    ).toBe('data/segments.yaml:11: rule "spring" field "when.timeFrame.from": not a valid date');
  });

  it('a rule without a segment, without criteria, or with a time frame that limits nothing', () => {
    expect(errorOf(withRule('  - id: nosegment\n    when:\n      orders: { min: 1 }\n'))).toBe(
      'data/segments.yaml:7: rule "nosegment" field "segment": required, but missing',
    );
    expect(errorOf(withRule('  - id: empty\n    segment: vip\n    when: {}\n'))).toBe(
      'data/segments.yaml:9: rule "empty" field "when": a rule needs at least one criterion',
    );
    expect(errorOf(withRule('  - id: no-questions\n    segment: vip\n    when:\n      answers: {}\n'))).toBe(
      'data/segments.yaml:10: rule "no-questions" field "when.answers": name at least one question',
    );
    expect(
      errorOf(withRule('  - id: recent\n    segment: vip\n    when:\n      sessions: { min: 2 }\n      timeFrame: { lastDays: 30 }\n')),
    ).toMatch(/^data\/segments\.yaml:11: rule "recent" field "when\.timeFrame": timeFrame applies to orders, totalSpend and averageOrder/);
  });

  it('duplicate rule ids and a missing default', () => {
    expect(errorOf(withRule('  - id: first-session\n    segment: vip\n    when:\n      orders: { min: 5 }\n'))).toBe(
      'data/segments.yaml:7: rule "first-session" field "id": duplicate rule id "first-session"',
    );
    expect(errorOf(withRule('', ''))).toMatch(/^data\/segments\.yaml(:\d+)?: field "default": required, but missing$/);
  });

  it('YAML syntax errors and duplicate keys, with their line', () => {
    expect(errorOf(withRule('  - id: x\n    segment: vip\n    when: { orders: { min: 5 }\n'))).toMatch(
      /^data\/segments\.yaml:\d+: invalid YAML: /,
    );
    expect(errorOf(withRule('  - id: dk\n    segment: vip\n    when:\n      orders: { min: 1 }\n      orders: { min: 2 }\n'))).toMatch(
      /^data\/segments\.yaml:11: invalid YAML: Map keys must be unique/,
    );
    expect(errorOf('')).toBe('data/segments.yaml: the file is empty; it needs a list of rules and a default segment');
  });

  it('reading from disk: a missing file is a ConfigError naming it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tailor-rules-'));
    expect(() => loadSegmentRulesFile(join(dir, 'nope.yaml'))).toThrow(/nope\.yaml: cannot read segment rules \(ENOENT\)/);
    const file = join(dir, 'segments.yaml');
    writeFileSync(file, withRule('  - id: bad\n    segment: vip\n    when:\n      orders: { min: -1 }\n'));
    expect(() => loadSegmentRulesFile(file)).toThrow(
      new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:10: rule "bad" field "when.orders.min": `),
    );
  });

  it('accepts single values or lists, numbers as answers, and collects time frames once', () => {
    const rules = loadSegmentRules(
      `rules:
  - id: a
    segment: vip
    when: { loyaltyTier: gold, member: press, answers: { shoeSize: 39 }, orders: { min: 1 }, timeFrame: { lastDays: 90 } }
  - id: b
    segment: repeat_buyer
    when: { totalSpend: { min: 100 }, timeFrame: { lastDays: 90 } }
  - id: c
    segment: repeat_buyer
    when: { averageOrder: { min: 10 }, timeFrame: { from: 2025-01-01 } }
default: { segment: new_visitor }
`,
      FILE,
    );
    expect(rules.rules[0]!.when).toMatchObject({ loyaltyTier: ['gold'], member: ['press'], answers: { shoeSize: ['39'] } });
    expect(rules.windows.map((w) => [w.key, w.label])).toEqual([
      ['last90d', 'in the last 90 days'],
      ['2025-01-01..', 'since 2025-01-01'],
    ]);
  });
});
