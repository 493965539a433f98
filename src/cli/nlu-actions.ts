// `npm run nlu:actions`: what the whole offline assistant DOES with single shopper messages —
// one real turn each through the real app on a freshly seeded demo store, as an anonymous
// shopper and as a verified demo customer, judged per goal as right, weak or wrong.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createOfflineProvider } from '../agent/index.js';
import { loadActionSet, renderActionReport, runActionSet, scoreActions, SHOPPER_STATES, type ShopperState } from '../eval/node.js';
import { runCli } from './run.js';
import { runConversationMode } from './nlu-actions-conversations.js';

const USAGE = `usage: npm run nlu:actions -- [<set.yaml>] [--failures] [--state anonymous|verified] [--intent <goal>] [--json <file>]
  Runs every message of the set (default data/nlu/actions/single.yaml; items { text, intent }) as one turn of
  the offline assistant, judged against the acceptance table in src/eval/actions/acceptance.ts.
  --failures   list every wrong turn with the tools called and the reply
  --state      only one shopper state (default: both)
  --intent     only the messages of one goal
  --json       also write every turn with its verdict to a file
  --conversations <file>
               run multi-turn conversations instead (data/nlu/actions/conversations.yaml): each conversation's
               turns in one chat, judged per goal (dialogue goals: src/eval/actions/acceptance-dialogue.ts);
               --failures lists wrong turns with the conversation so far; --state keeps one shopper state`;

const NOW = Date.parse('2025-06-02T10:00:00Z');

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      failures: { type: 'boolean' },
      state: { type: 'string' },
      intent: { type: 'string' },
      json: { type: 'string' },
      conversations: { type: 'string' },
    },
  });
  if (values.conversations)
    return runConversationMode(resolve(values.conversations), {
      failures: values.failures,
      state: values.state,
      json: values.json,
      now: NOW,
    });
  const file = resolve(positionals[0] ?? 'data/nlu/actions/single.yaml');
  let items = loadActionSet(file);
  if (values.intent) items = items.filter((i) => i.intent === values.intent);
  if (!items.length) throw new Error(`no messages for goal ${values.intent}`);
  if (values.state && !SHOPPER_STATES.includes(values.state as ShopperState))
    throw new Error(`--state must be one of ${SHOPPER_STATES.join(', ')}`);
  const states = values.state ? [values.state as ShopperState] : SHOPPER_STATES;
  const tty = process.stderr.isTTY;
  const turns = await runActionSet(items, {
    promptsDir: resolve('prompts'),
    rulesFile: resolve('data/segments.yaml'),
    provider: createOfflineProvider(),
    now: NOW,
    states,
    onTurn: (done, total) => {
      if (tty && (done % 20 === 0 || done === total)) process.stderr.write(`\r${done}/${total} turns`);
    },
  });
  if (tty) process.stderr.write('\n');
  const score = scoreActions(turns);
  console.log(
    renderActionReport(score, {
      title: `Actions on ${items.length} messages (${file.replace(`${process.cwd()}/`, '')})`,
      failures: values.failures,
      states,
    }),
  );
  if (values.json) {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(values.json, JSON.stringify(score.turns, null, 2));
  }
  return 0;
}

runCli('nlu:actions', main, USAGE);
