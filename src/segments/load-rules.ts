// Parses and validates a rules file. Every failure becomes one ConfigError line naming the
// file, line, rule and field, so a prompt engineer can fix it without reading a stack trace.
import type { Document, LineCounter } from 'yaml';
import type { z } from 'zod';
import { ConfigError, yaml } from '../core/index.js';
import { rulesFileSchema, type Rule } from './rules-schema.js';
import { windowOf, type WindowSpec } from './windows.js';

export interface SegmentRules {
  file: string;
  /** In file order: the first rule that matches wins. */
  rules: Rule[];
  defaultSegment: string;
  /** Every segment id the file can produce (for persona linting). */
  segments: string[];
  /** Distinct time frames the rules use; only these are aggregated per lookup. */
  windows: WindowSpec[];
}

export function loadSegmentRules(text: string, file: string): SegmentRules {
  const { LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const syntax = doc.errors[0];
  if (syntax) throw new ConfigError(`${file}:${lineCounter.linePos(syntax.pos[0]).line}: invalid YAML: ${firstLine(syntax.message)}`);
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined)
    throw new ConfigError(`${file}: the file is empty; it needs a list of rules and a default segment`);
  const parsed = rulesFileSchema().safeParse(raw);
  if (!parsed.success) throw describeIssue(parsed.error.issues[0]!, raw, doc, lineCounter, file);

  const { rules, default: def } = parsed.data;
  const windows = new Map<string, WindowSpec>();
  for (const r of rules) {
    if (!r.when.timeFrame) continue;
    const w = windowOf(r.when.timeFrame);
    windows.set(w.key, w);
  }
  const segments = [...new Set([...rules.map((r) => r.segment), def.segment])];
  return { file, rules, defaultSegment: def.segment, segments, windows: [...windows.values()] };
}

function describeIssue(issue: z.core.$ZodIssue, raw: unknown, doc: Document, lines: LineCounter, file: string): ConfigError {
  const path = issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
  // Unknown keys are reported on their parent; point at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? issue.keys : [];
  const fieldPath = keys.length ? [...path, keys[0]!] : path;
  const line = lineOf(doc, lines, fieldPath);
  let where = '';
  let field = fieldPath.join('.');
  if (fieldPath[0] === 'rules' && typeof fieldPath[1] === 'number') {
    const id = ruleId(raw, fieldPath[1]);
    where = ` rule "${id}"`;
    field = fieldPath.slice(2).join('.');
  }
  const message = keys.length ? `unknown field (allowed: ${allowedHint(fieldPath)})` : readable(issue.message);
  const subject = `${where}${field ? ` field "${field}"` : ''}`;
  return new ConfigError(`${file}${line ? `:${line}` : ''}:${subject}: ${message}`);
}

function ruleId(raw: unknown, index: number): string {
  const rules = (raw as { rules?: unknown })?.rules;
  const rule = Array.isArray(rules) ? (rules[index] as { id?: unknown } | undefined) : undefined;
  return typeof rule?.id === 'string' ? rule.id : `#${index + 1}`;
}

/** Line of the deepest node that exists on the path (a missing field points at its parent). */
function lineOf(doc: Document, lines: LineCounter, path: Array<string | number>): number | null {
  const { isNode } = yaml();
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) {
      // For a mapping value, the key's line reads better than the value's.
      return lines.linePos(keyOffset(doc, path.slice(0, n)) ?? node.range[0]).line;
    }
  }
  return null;
}

function keyOffset(doc: Document, path: Array<string | number>): number | null {
  const last = path[path.length - 1];
  if (typeof last !== 'string') return null;
  const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
  const items = (parent as { items?: Array<{ key?: unknown }> } | null)?.items;
  const { isNode } = yaml();
  const pair = items?.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === last);
  return pair && isNode(pair.key) && pair.key.range ? pair.key.range[0] : null;
}

const ALLOWED: Record<string, string> = {
  rule: 'id, segment, description, when',
  when: 'sessions, orders, totalSpend, averageOrder, timeFrame, firstInteraction, lastInteraction, firstOrder, lastOrder, loyaltyTier, answers, member',
};

function allowedHint(path: Array<string | number>): string {
  const parent = path[path.length - 2];
  if (typeof parent === 'number') return ALLOWED.rule!;
  if (parent === 'when') return ALLOWED.when!;
  if (parent === 'timeFrame') return 'lastDays, from, to';
  if (parent === 'firstInteraction' || parent === 'lastInteraction' || parent === 'firstOrder' || parent === 'lastOrder')
    return 'withinDays, olderThanDays, from, to';
  if (parent === 'default') return 'segment, description';
  if (path.length === 1) return 'rules, default';
  return 'min, max';
}

const firstLine = (s: string) => s.split('\n')[0] ?? s;

/** zod's wording, minus its noise: "Invalid input: expected number, received string" → "expected number, received string". */
function readable(message: string): string {
  if (/received undefined$/.test(message)) return 'required, but missing';
  return message.replace(/^Invalid input: /, '').replace(/^Invalid option: /, '');
}
