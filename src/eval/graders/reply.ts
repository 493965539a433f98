// Reply-text grader: contains (all), containsAny, regex, notContains, length bounds.
// Substring checks ignore case; regexes are written by the case author and keep their flags ("/x/i").
import type { TurnExpect } from '../case-schema.js';
import type { CheckResult, TurnRecord } from '../types.js';

function toRegex(src: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(src);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(src, 'i');
}

const clip = (s: string) => (s.length > 120 ? `${s.slice(0, 117)}...` : s);

export function gradeReply(expect: TurnExpect['reply'], turn: TurnRecord): CheckResult[] {
  if (!expect) return [];
  const at = turn.index;
  const text = turn.reply;
  const lower = text.toLowerCase();
  const check = (ok: boolean, pass: string, fail: string): CheckResult => ({
    grader: 'reply',
    status: ok ? 'pass' : 'fail',
    reason: ok ? pass : fail,
    turn: at,
  });
  const out: CheckResult[] = [];
  for (const s of expect.contains ?? [])
    out.push(check(lower.includes(s.toLowerCase()), `contains "${s}"`, `reply lacks "${s}": "${clip(text)}"`));
  if (expect.containsAny) {
    const hit = expect.containsAny.find((s) => lower.includes(s.toLowerCase()));
    out.push(check(!!hit, `contains "${hit}"`, `reply contains none of ${JSON.stringify(expect.containsAny)}: "${clip(text)}"`));
  }
  for (const r of expect.regex ?? []) out.push(check(toRegex(r).test(text), `matches ${r}`, `reply does not match ${r}: "${clip(text)}"`));
  for (const s of expect.notContains ?? [])
    out.push(check(!lower.includes(s.toLowerCase()), `does not contain "${s}"`, `reply must not contain "${s}": "${clip(text)}"`));
  if (expect.maxLength !== undefined)
    out.push(
      check(
        text.length <= expect.maxLength,
        `${text.length} ≤ ${expect.maxLength} chars`,
        `reply is ${text.length} chars, over ${expect.maxLength}`,
      ),
    );
  if (expect.minLength !== undefined)
    out.push(
      check(
        text.length >= expect.minLength,
        `${text.length} ≥ ${expect.minLength} chars`,
        `reply is ${text.length} chars, under ${expect.minLength}`,
      ),
    );
  return out;
}
