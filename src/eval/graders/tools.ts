// Tool-call grader: which tools ran (with argument subsets), which must not, and in what order.
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, TurnRecord } from '../types.js';
import { matchesSubset, show } from './match.js';

type ToolsExpect = NonNullable<TurnExpect['tools']>;
type CallExpect = NonNullable<ToolsExpect['called']>[number];
type NotCalledExpect = NonNullable<ToolsExpect['notCalled']>[number];
type Calls = TurnRecord['toolCalls'];

export function gradeToolCalls(expect: TurnExpect['tools'], turn: TurnRecord): CheckResult[] {
  if (!expect) return [];
  const out: CheckResult[] = [];
  const at = turn.index;
  const calls = turn.toolCalls;
  const called = calls.map((c) => c.name);
  const seen = called.length ? called.join(', ') : 'no tool';
  if (expect.none) {
    out.push(
      calls.length === 0
        ? { grader: 'tools', status: 'pass', reason: 'no tool called', turn: at }
        : { grader: 'tools', status: 'fail', reason: `expected no tool call, got ${seen}`, turn: at },
    );
  }
  for (const exp of expect.called ?? []) out.push(gradeCalled(exp, calls, at, seen));
  for (const exp of expect.notCalled ?? []) out.push(gradeNotCalled(exp, calls, at));
  if (expect.order) out.push(gradeOrder(expect.order, called, at, seen));
  return out;
}

function gradeCalled(exp: CallExpect, calls: Calls, at: number, seen: string): CheckResult {
  const sameName = calls.filter((c) => c.name === exp.name);
  const argsMatch = sameName.filter((c) => !exp.args || matchesSubset(exp.args, c.args));
  const match = argsMatch.find((c) => exp.ok === undefined || c.ok === exp.ok);
  const want = `${exp.name}${exp.args ? ` ${show(exp.args)}` : ''}${exp.ok === undefined ? '' : exp.ok ? ' (ok)' : ' (refused)'}`;
  if (match) return { grader: 'tools', status: 'pass', reason: `called ${want}`, turn: at };
  if (argsMatch.length) {
    const got = argsMatch
      .map((c) => show(c.result))
      .join(' / ')
      .slice(0, 300);
    return {
      grader: 'tools',
      status: 'fail',
      reason: `${exp.name} was expected to ${exp.ok ? 'succeed' : 'be refused'}, got ${got}`,
      turn: at,
    };
  }
  if (sameName.length) {
    return {
      grader: 'tools',
      status: 'fail',
      reason: `${exp.name} called with ${sameName.map((c) => show(c.args)).join(' / ')}, expected args ⊇ ${show(exp.args)}`,
      turn: at,
    };
  }
  return { grader: 'tools', status: 'fail', reason: `expected ${want} to be called; called: ${seen}`, turn: at };
}

function gradeNotCalled(exp: NotCalledExpect, calls: Calls, at: number): CheckResult {
  const hit = calls.filter(
    (c) => c.name === exp.name && (!exp.args || matchesSubset(exp.args, c.args)) && (exp.ok === undefined || c.ok === exp.ok),
  );
  const what = `${exp.name}${exp.args ? ` ${show(exp.args)}` : ''}${exp.ok === undefined ? '' : exp.ok ? ' successfully' : ' (refused)'}`;
  return hit.length === 0
    ? { grader: 'tools', status: 'pass', reason: `${what} not called`, turn: at }
    : {
        grader: 'tools',
        status: 'fail',
        reason: `${what} must not be called, but was with ${hit.map((c) => show(c.args)).join(' / ')}`,
        turn: at,
      };
}

function gradeOrder(order: string[], called: string[], at: number, seen: string): CheckResult {
  const positions = order.map((name) => called.indexOf(name));
  const missing = order.filter((_, i) => positions[i] === -1);
  const inOrder = positions.every((p, i) => i === 0 || p > positions[i - 1]!);
  if (missing.length)
    return {
      grader: 'tools',
      status: 'fail',
      reason: `order ${order.join(' → ')}: ${missing.join(', ')} not called (called: ${seen})`,
      turn: at,
    };
  if (!inOrder) return { grader: 'tools', status: 'fail', reason: `expected order ${order.join(' → ')}, got ${seen}`, turn: at };
  return { grader: 'tools', status: 'pass', reason: `order ${order.join(' → ')}`, turn: at };
}
