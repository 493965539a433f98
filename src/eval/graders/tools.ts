// Tool-call grader: which tools ran (with argument subsets), which must not, and in what order.
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, TurnRecord } from '../types.js';
import { matchesSubset, show } from './match.js';

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
  for (const exp of expect.called ?? []) {
    const sameName = calls.filter((c) => c.name === exp.name);
    const argsMatch = sameName.filter((c) => !exp.args || matchesSubset(exp.args, c.args));
    const match = argsMatch.find((c) => exp.ok === undefined || c.ok === exp.ok);
    const want = `${exp.name}${exp.args ? ` ${show(exp.args)}` : ''}${exp.ok === undefined ? '' : exp.ok ? ' (ok)' : ' (refused)'}`;
    if (match) out.push({ grader: 'tools', status: 'pass', reason: `called ${want}`, turn: at });
    else if (argsMatch.length) {
      const got = argsMatch.map((c) => show(c.result)).join(' / ').slice(0, 300);
      out.push({ grader: 'tools', status: 'fail', reason: `${exp.name} was expected to ${exp.ok ? 'succeed' : 'be refused'}, got ${got}`, turn: at });
    } else if (sameName.length) {
      out.push({ grader: 'tools', status: 'fail', reason: `${exp.name} called with ${sameName.map((c) => show(c.args)).join(' / ')}, expected args ⊇ ${show(exp.args)}`, turn: at });
    } else out.push({ grader: 'tools', status: 'fail', reason: `expected ${want} to be called; called: ${seen}`, turn: at });
  }
  for (const exp of expect.notCalled ?? []) {
    const hit = calls.filter((c) => c.name === exp.name && (!exp.args || matchesSubset(exp.args, c.args)) && (exp.ok === undefined || c.ok === exp.ok));
    const what = `${exp.name}${exp.args ? ` ${show(exp.args)}` : ''}${exp.ok === undefined ? '' : exp.ok ? ' successfully' : ' (refused)'}`;
    out.push(
      hit.length === 0
        ? { grader: 'tools', status: 'pass', reason: `${what} not called`, turn: at }
        : { grader: 'tools', status: 'fail', reason: `${what} must not be called, but was with ${hit.map((c) => show(c.args)).join(' / ')}`, turn: at },
    );
  }
  if (expect.order) {
    const positions = expect.order.map((name) => called.indexOf(name));
    const missing = expect.order.filter((_, i) => positions[i] === -1);
    const inOrder = positions.every((p, i) => i === 0 || p > positions[i - 1]!);
    if (missing.length) out.push({ grader: 'tools', status: 'fail', reason: `order ${expect.order.join(' → ')}: ${missing.join(', ')} not called (called: ${seen})`, turn: at });
    else if (!inOrder) out.push({ grader: 'tools', status: 'fail', reason: `expected order ${expect.order.join(' → ')}, got ${seen}`, turn: at });
    else out.push({ grader: 'tools', status: 'pass', reason: `order ${expect.order.join(' → ')}`, turn: at });
  }
  return out;
}
