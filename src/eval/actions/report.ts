// The action figures as Markdown: right / weak / wrong per goal for each shopper state, the
// totals, and (with failures) every wrong turn with what the assistant did.
import { judgeTurn, type Verdict, type VerdictKind } from './judge.js';
import type { ActionTurn } from './run.js';
import { ACTION_INTENTS, type ActionIntent } from './set.js';
import type { ShopperState } from './acceptance.js';

export interface JudgedTurn extends ActionTurn {
  verdict: Verdict;
}

type Counts = Record<VerdictKind, number>;

export interface ActionScore {
  turns: JudgedTurn[];
  /** Per state, per goal (only goals present in the set). */
  byIntent: Record<ShopperState, Partial<Record<ActionIntent, Counts>>>;
  total: Record<ShopperState, Counts>;
}

const zero = (): Counts => ({ right: 0, weak: 0, wrong: 0 });

export function scoreActions(turns: readonly ActionTurn[]): ActionScore {
  const judged = turns.map((t) => ({ ...t, verdict: judgeTurn(t.item.intent, t.state, t.observation) }));
  const byIntent: ActionScore['byIntent'] = { anonymous: {}, verified: {} };
  const total: ActionScore['total'] = { anonymous: zero(), verified: zero() };
  for (const t of judged) {
    const c = (byIntent[t.state][t.item.intent] ??= zero());
    c[t.verdict.verdict]++;
    total[t.state][t.verdict.verdict]++;
  }
  return { turns: judged, byIntent, total };
}

const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');
const cell = (c: Counts | undefined) => (c ? `${c.right} / ${c.weak} / ${c.wrong}` : '–');
const sum = (c: Counts) => c.right + c.weak + c.wrong;

export function renderActionReport(
  score: ActionScore,
  opts: { title: string; failures?: boolean; states: readonly ShopperState[] },
): string {
  const { states } = opts;
  const lines = [`## ${opts.title}`, ''];
  for (const s of states) {
    const t = score.total[s];
    if (!sum(t)) continue;
    lines.push(
      `- ${s}: right **${pct(t.right, sum(t))}** (${t.right}/${sum(t)}), weak ${pct(t.weak, sum(t))}, wrong ${pct(t.wrong, sum(t))}`,
    );
  }
  lines.push(
    '',
    `| goal | n | ${states.map((s) => `${s} right / weak / wrong`).join(' | ')} |`,
    `|---|---:|${states.map(() => '---:').join('|')}|`,
  );
  for (const intent of ACTION_INTENTS) {
    const counts = states.map((s) => score.byIntent[s][intent]);
    const first = counts.find(Boolean);
    if (!first) continue;
    lines.push(`| ${intent} | ${sum(first)} | ${counts.map(cell).join(' | ')} |`);
  }
  if (opts.failures) lines.push('', ...failureLines(score.turns));
  return lines.join('\n');
}

function failureLines(turns: readonly JudgedTurn[]): string[] {
  const wrong = turns.filter((t) => t.verdict.verdict === 'wrong');
  const lines = [`### Wrong turns (${wrong.length})`, '', '| state | goal | message | why | tools | reply |', '|---|---|---|---|---|---|'];
  const esc = (s: string) => s.replace(/\|/g, '/').replace(/\s+/g, ' ').trim();
  for (const t of wrong) {
    const tools = t.observation.toolCalls.map((c) => `${c.name}(${esc(JSON.stringify(c.args))})`).join(', ') || '–';
    const reply = esc(t.observation.error ?? t.observation.reply);
    lines.push(
      `| ${t.state} | ${t.item.intent} | “${esc(t.item.text)}” | ${t.verdict.why} | ${tools} | ${reply.length > 200 ? `${reply.slice(0, 199)}…` : reply} |`,
    );
  }
  return lines;
}
