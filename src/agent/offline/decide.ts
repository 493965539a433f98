// One model call: read the conversation, understand the latest shopper message, then either call
// tools or answer in the persona's voice.
import type { BaseMessage } from '@langchain/core/messages';
import type { Voice } from '../../personas/types.js';
import { currentTurn, previousTurns, readConversation } from './conversation.js';
import { remember } from './memory.js';
import { buildFrame } from './frame.js';
import { firstStep, nextStep, type Call, type Step } from './plan.js';
import { compose } from './compose.js';
import { hash, speak, type Reply } from './voice.js';
import { PHRASES } from './phrases.js';

export interface Decision {
  text: string;
  calls: Array<Call & { id: string }>;
  intent: string;
  /** The shopper asked to turn personalization off (or back on) in this message. */
  optOut?: boolean;
  optIn?: boolean;
}

const VOICE_LINES = { greeting: 'greeting', thanks: 'thanks', goodbye: 'goodbye', out_of_scope: 'outOfScope' } as const;

export function decide(messages: readonly BaseMessage[], tools: ReadonlySet<string>, voice: Voice, greeting: string): Decision {
  const conv = readConversation(messages);
  const turn = currentTurn(conv);
  const memory = remember(previousTurns(conv));
  // What the persona prompt says of the moment: today's date, the page the shopper is on.
  const frame = { ...buildFrame(turn.user, memory), today: TODAY.exec(conv.system)?.[1] ?? null, pageProduct: productPage(conv.system) };
  const done = turn.exchanges;

  let step: Step = done.length === 0 ? firstStep({ frame, memory, tools, done }) : nextStep({ frame, memory, tools, done });
  if (step.kind === 'call') {
    // Never a tool the persona did not bind, and never the same call twice in one turn.
    const calls = step.calls.filter((c) => tools.has(c.name) && !done.some((d) => d.name === c.name && JSON.stringify(d.args) === JSON.stringify(c.args)));
    if (calls.length) {
      const seed = `${turn.user}|${conv.turns.length}|${done.length}`;
      return {
        text: '',
        intent: frame.intent,
        calls: calls.map((c, i) => ({ ...c, id: `call_${hash(`${seed}|${i}|${c.name}`).toString(36)}${done.length}${i}` })),
      };
    }
    step = done.length ? { kind: 'compose' } : { kind: 'reply', reply: { kind: 'fact', body: PHRASES.notAllowed } };
  }
  let reply: Reply;
  let flags: Pick<Decision, 'optOut' | 'optIn'> = {};
  if (step.kind === 'compose') reply = compose({ frame, done, tools, voice, memory });
  else {
    reply = step.reply;
    if (step.optOut) flags = { optOut: true };
    if (step.optIn) flags = { optIn: true };
  }
  if (reply.kind === 'plain' && !reply.body) {
    const line = VOICE_LINES[frame.intent as keyof typeof VOICE_LINES] ?? 'outOfScope';
    reply = { ...reply, body: line === 'greeting' ? (voice.greeting || greeting) : voice[line] };
  }
  const text = speak(reply, { voice, seed: turn.user, firstTurn: memory.firstTurn, earlierReplies: memory.earlierReplies });
  return { text, calls: [], intent: frame.intent, ...flags };
}

// The page the shopper is on, as the persona prompt states it ("Current page: https://…"): a
// product page's address ends in the product's slug (/products/<slug>, /p/<slug>, /item/<slug>).
const TODAY = /\btoday is (\d{4}-\d{2}-\d{2})\b/i;
const PAGE_LINE = /\bpage(?: url)?:\s*(\S+)/i;
const PRODUCT_PATH = /\/(?:products?|p|items?)\/([a-z0-9]+(?:-[a-z0-9]+)*)\/?(?:[?#]|$)/i;

function productPage(system: string): string | null {
  const url = PAGE_LINE.exec(system)?.[1];
  return url ? (PRODUCT_PATH.exec(url)?.[1]?.toLowerCase() ?? null) : null;
}
