// The conversation figures as Markdown: right / weak / wrong over all turns and per goal (with
// the split by shopper state), and (with failures) every wrong turn with the conversation so far.
import { judgeConversationTurn, type DialogueHistoryTurn } from './acceptance-dialogue.js';
import { CONVERSATION_GOALS, type Conversation, type ConversationGoal } from './conversations.js';
import type { Verdict, VerdictKind } from './judge.js';
import type { ShopperState } from './acceptance.js';
import type { ConversationRun } from './run-conversations.js';

export interface JudgedConversationTurn extends DialogueHistoryTurn {
  conversation: Conversation;
  index: number;
  verdict: Verdict;
}

type Counts = Record<VerdictKind, number>;

export interface ConversationScore {
  turns: JudgedConversationTurn[];
  total: Counts;
  byState: Record<ShopperState, Counts>;
  byGoal: Partial<Record<ConversationGoal, Counts>>;
  /** Conversations whose every turn is right. */
  conversationsAllRight: number;
  conversations: number;
}

const zero = (): Counts => ({ right: 0, weak: 0, wrong: 0 });

export function scoreConversations(runs: readonly ConversationRun[]): ConversationScore {
  const turns: JudgedConversationTurn[] = [];
  const total = zero();
  const byState: ConversationScore['byState'] = { anonymous: zero(), verified: zero() };
  const byGoal: ConversationScore['byGoal'] = {};
  let allRight = 0;
  for (const run of runs) {
    const c = run.conversation;
    const history: DialogueHistoryTurn[] = [];
    let clean = true;
    c.turns.forEach((turn, index) => {
      const observation = run.observations[index];
      if (!observation) throw new Error(`conversation ${c.id} has no observation for turn ${index + 1}`);
      const verdict = judgeConversationTurn(turn, c.state, history, observation);
      turns.push({ conversation: c, index, turn, observation, verdict });
      history.push({ turn, observation });
      total[verdict.verdict]++;
      byState[c.state][verdict.verdict]++;
      (byGoal[turn.goal] ??= zero())[verdict.verdict]++;
      if (verdict.verdict !== 'right') clean = false;
    });
    if (clean) allRight++;
  }
  return { turns, total, byState, byGoal, conversationsAllRight: allRight, conversations: runs.length };
}

const sum = (c: Counts) => c.right + c.weak + c.wrong;
const pct = (n: number, of: number) => (of ? `${((100 * n) / of).toFixed(1)}%` : '–');
const line = (c: Counts) =>
  `right **${pct(c.right, sum(c))}** (${c.right}/${sum(c)}), weak ${pct(c.weak, sum(c))} (${c.weak}), wrong ${pct(c.wrong, sum(c))} (${c.wrong})`;
const esc = (s: string) => s.replace(/\|/g, '/').replace(/\s+/g, ' ').trim();
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function renderConversationReport(score: ConversationScore, opts: { title: string; failures?: boolean }): string {
  const lines = [`## ${opts.title}`, '', `- all turns: ${line(score.total)}`];
  for (const s of ['anonymous', 'verified'] as const) if (sum(score.byState[s])) lines.push(`- ${s}: ${line(score.byState[s])}`);
  lines.push(
    `- conversations with every turn right: ${score.conversationsAllRight}/${score.conversations}`,
    '',
    '| goal | n | right | weak | wrong | wrong % |',
    '|---|---:|---:|---:|---:|---:|',
  );
  for (const g of CONVERSATION_GOALS) {
    const c = score.byGoal[g];
    if (c) lines.push(`| ${g} | ${sum(c)} | ${c.right} | ${c.weak} | ${c.wrong} | ${pct(c.wrong, sum(c))} |`);
  }
  const kinds = new Map<string, number>();
  for (const t of score.turns)
    if (t.verdict.verdict === 'wrong') {
      const k = `${t.turn.goal}: ${t.verdict.why.replace(/\b(\d{4,}|p_\w+)\b/g, '…')}`;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
  if (kinds.size) {
    lines.push('', '### Wrong kinds', '', '| n | goal: why |', '|---:|---|');
    for (const [k, n] of [...kinds].sort((a, b) => b[1] - a[1])) lines.push(`| ${n} | ${esc(k)} |`);
  }
  if (opts.failures) lines.push('', ...failureLines(score.turns));
  return lines.join('\n');
}

function failureLines(turns: readonly JudgedConversationTurn[]): string[] {
  const wrong = turns.filter((t) => t.verdict.verdict === 'wrong');
  const lines = [`### Wrong turns (${wrong.length})`];
  for (const t of wrong) {
    const c = t.conversation;
    lines.push('', `#### ${c.id} (${c.state}) turn ${t.index + 1}: ${t.turn.goal} — ${t.verdict.why}`, '');
    const so = turns.filter((x) => x.conversation === c && x.index <= t.index);
    for (const x of so) {
      const tools = x.observation.toolCalls.map((k) => `${k.name}(${esc(JSON.stringify(k.args))})${k.ok ? '' : ' ✗'}`).join(', ') || '–';
      const mark = x.index === t.index ? '**→**' : `${x.index + 1}.`;
      lines.push(
        `${mark} shopper [${x.turn.goal}${x.index === t.index ? '' : `, ${x.verdict.verdict}`}]: “${esc(x.turn.text)}”`,
        `   - tools: ${clip(tools, 400)}`,
        `   - reply: ${clip(esc(x.observation.error ?? x.observation.reply), 300)}${x.observation.pendingAfter ? ` _(waiting: ${x.observation.pendingAfter})_` : ''}`,
      );
    }
  }
  return lines;
}
