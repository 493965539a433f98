// Offline model: time per model call over a realistic mix (every labelled message, in context,
// through its whole turn: first call, tool results, follow-up calls), plus held-out accuracy.
// Targets: median model call < 1 ms (through LangChain's invoke, as the loop calls it);
// held-out intent and tool-call accuracy ≥ 90%.
import { HumanMessage, AIMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { OfflineChatModel, forgetUnderstandings } from '../../src/agent/offline/index.js';
import { ALL_TOOLS, TEST_VOICE, contextMessages, loadItems, scoreSet } from '../agent/offline/utterance-harness.js';
import { scripted } from '../agent/offline/scripted.js';

const MEDIAN_TARGET_MS = 1;
const ACCURACY_TARGET = 0.9;
const ROUNDS = 5;

async function collectCalls(model: OfflineChatModel): Promise<BaseMessage[][]> {
  const bound = model.bindTools(ALL_TOOLS);
  const exec = scripted();
  const inputs: BaseMessage[][] = [];
  for (const item of [...loadItems('dev'), ...loadItems('heldout')]) {
    const messages = [...(await contextMessages(model, item.context)), new HumanMessage(item.text)];
    for (let step = 0; step < 6; step++) {
      inputs.push([...messages]);
      const out = await bound.invoke(messages);
      if (!out.tool_calls?.length) break;
      messages.push(new AIMessage({ content: '', tool_calls: out.tool_calls }));
      for (const c of out.tool_calls)
        messages.push(new ToolMessage({ content: JSON.stringify(exec(c.name, c.args)), tool_call_id: c.id ?? '', name: c.name }));
    }
  }
  return inputs;
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function main() {
  const model = new OfflineChatModel({ voice: TEST_VOICE });
  const bound = model.bindTools(ALL_TOOLS);
  const inputs = await collectCalls(model);
  // Warm up the JIT and the typo cache the way a running server would be.
  for (const m of inputs) await bound.invoke(m);

  const invokeMs: number[] = [];
  const decideMs: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of inputs) {
      // Measured as for a message never seen before: classifications are remembered across a
      // conversation's calls (each history message is classified once), not across these rounds.
      forgetUnderstandings();
      let t = performance.now();
      await bound.invoke(m);
      invokeMs.push(performance.now() - t);
      forgetUnderstandings();
      t = performance.now();
      model.decide(m, ALL_TOOLS);
      decideMs.push(performance.now() - t);
    }
  }
  invokeMs.sort((a, b) => a - b);
  decideMs.sort((a, b) => a - b);

  const held = await scoreSet('heldout');
  const dev = await scoreSet('dev');
  const median = quantile(invokeMs, 0.5);
  const rows: Array<[string, string, string, boolean]> = [
    ['model call (invoke), median', `${median.toFixed(3)} ms`, `< ${MEDIAN_TARGET_MS} ms`, median < MEDIAN_TARGET_MS],
    ['model call (invoke), p99', `${quantile(invokeMs, 0.99).toFixed(3)} ms`, '', true],
    ['decision only, median', `${quantile(decideMs, 0.5).toFixed(3)} ms`, '', true],
    ['decision only, p99', `${quantile(decideMs, 0.99).toFixed(3)} ms`, '', true],
    [
      `held-out intent accuracy (n=${held.results.length})`,
      `${(held.intentAccuracy * 100).toFixed(1)}%`,
      '≥ 90%',
      held.intentAccuracy >= ACCURACY_TARGET,
    ],
    [
      `held-out tool-call accuracy (n=${held.results.length})`,
      `${(held.toolAccuracy * 100).toFixed(1)}%`,
      '≥ 90%',
      held.toolAccuracy >= ACCURACY_TARGET,
    ],
    [
      `dev intent / tool-call accuracy (n=${dev.results.length})`,
      `${(dev.intentAccuracy * 100).toFixed(1)}% / ${(dev.toolAccuracy * 100).toFixed(1)}%`,
      '',
      true,
    ],
  ];
  console.log(`offline model: ${inputs.length} distinct model calls × ${ROUNDS} rounds`);
  for (const [name, value, target, ok] of rows) console.log(`${ok ? ' ' : '✗'} ${name.padEnd(44)} ${value.padStart(16)}  ${target}`);
  if (rows.some((r) => !r[3])) process.exit(1);
}

await main();
