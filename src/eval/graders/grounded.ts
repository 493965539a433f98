// Groundedness grader: every order number, price, date, tracking code and product name in a reply
// must appear in what the assistant was given — tool results, the system prompt, the shopper's
// own messages — up to that turn. An invented fact fails the turn.
import type { CheckResult, StoreFacts, TurnRecord } from '../types.js';
import { extractFacts, FactSources } from './facts.js';

export function gradeGrounded(turns: readonly TurnRecord[], index: number, store: StoreFacts): CheckResult {
  const turn = turns[index]!;
  const upto = turns.slice(0, index + 1);
  const sources = new FactSources([
    ...upto.map((t) => t.systemPrompt),
    ...upto.map((t) => t.user),
    ...upto.flatMap((t) => t.toolCalls.map((c) => c.result)),
  ]);
  const facts = extractFacts(turn.reply, store.productNames());
  const invented: string[] = [];
  for (const p of facts.prices) if (!sources.hasNumber(p.value)) invented.push(`price ${p.text}`);
  for (const n of facts.orderNumbers) if (!sources.hasDigits(n)) invented.push(`order number ${n}`);
  for (const d of facts.dates) if (!sources.hasDate(d.key)) invented.push(`date "${d.text}"`);
  for (const c of facts.trackingCodes) if (!sources.hasText(c)) invented.push(`tracking code ${c}`);
  for (const name of facts.productNames) if (!sources.hasText(name)) invented.push(`product "${name}"`);
  const counted =
    facts.prices.length + facts.orderNumbers.length + facts.dates.length + facts.trackingCodes.length + facts.productNames.length;
  return invented.length
    ? { grader: 'grounded', status: 'fail', reason: `not in tool results or prompt: ${invented.join(', ')}`, turn: turn.index }
    : {
        grader: 'grounded',
        status: 'pass',
        reason: counted ? `${counted} fact(s) found in sources` : 'no checkable facts',
        turn: turn.index,
      };
}
