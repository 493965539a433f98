// The `--conversations <file>` mode of `npm run nlu:actions`: every conversation of the set run
// in one chat on a freshly seeded demo store (as its anonymous or verified shopper), each turn
// judged by its goal; prints right / weak / wrong over all turns and per goal.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createOfflineProvider } from '../agent/index.js';
import {
  loadConversationSet,
  renderConversationReport,
  runConversations,
  scoreConversations,
  SHOPPER_STATES,
  type ShopperState,
} from '../eval/node.js';

export async function runConversationMode(
  file: string,
  opts: { failures?: boolean; state?: string; json?: string; now: number },
): Promise<number> {
  if (opts.state && !SHOPPER_STATES.includes(opts.state as ShopperState))
    throw new Error(`--state must be one of ${SHOPPER_STATES.join(', ')}`);
  let conversations = loadConversationSet(file);
  if (opts.state) conversations = conversations.filter((c) => c.state === opts.state);
  if (!conversations.length) throw new Error(`no conversations for state ${opts.state}`);
  const tty = process.stderr.isTTY;
  const runs = await runConversations(conversations, {
    promptsDir: resolve('prompts'),
    rulesFile: resolve('data/segments.yaml'),
    provider: createOfflineProvider(),
    now: opts.now,
    onTurn: (done, total) => {
      if (tty && (done % 10 === 0 || done === total)) process.stderr.write(`\r${done}/${total} turns`);
    },
  });
  if (tty) process.stderr.write('\n');
  const score = scoreConversations(runs);
  const turns = score.turns.length;
  console.log(
    renderConversationReport(score, {
      title: `Actions on ${conversations.length} conversations, ${turns} turns (${file.replace(`${process.cwd()}/`, '')})`,
      failures: opts.failures,
    }),
  );
  if (opts.json) {
    const out = score.turns.map((t) => ({
      conversation: t.conversation.id,
      state: t.conversation.state,
      index: t.index,
      turn: t.turn,
      observation: t.observation,
      verdict: t.verdict,
    }));
    writeFileSync(
      opts.json,
      JSON.stringify(out, (_k, v: unknown) => (v instanceof RegExp ? v.source : v), 2),
    );
  }
  return 0;
}
