// One model call: read the conversation, understand the latest shopper message — one request or
// several — then either call tools or answer in the persona's voice.
import type { BaseMessage } from '@langchain/core/messages';
import type { Voice } from '../types.js';
import { currentTurn, previousTurns, readConversation, type Exchange } from './conversation.js';
import { remember, type Memory } from './memory.js';
import { buildFrame, type Frame } from './frame.js';
import { aboutOneOrder, firstStep, nextStep, type Call, type Step } from './plan.js';
import { compose } from './compose.js';
import { hash, speak, type Reply } from './voice.js';
import { PHRASES } from './phrases.js';
import { splitRequests } from './multi.js';
import { takesAllOptions } from './multi-options.js';
import { ASK_MARKERS } from './phrases.js';
import { isProposal } from './results.js';
import { humanReason } from './plan-account.js';
import { isClearNo, NAMING_YES, questionsIn } from '../../core/index.js';
import { pendingEcho } from './frame-detail.js';
import { provenSince } from './plan-verify.js';
import { classifyFollow } from './nlu/index.js';

export interface Decision {
  text: string;
  calls: Array<Call & { id: string }>;
  intent: string;
  /** The shopper asked to turn personalization off (or back on) in this message. */
  optOut?: boolean;
  optIn?: boolean;
}

const VOICE_LINES = { greeting: 'greeting', thanks: 'thanks', goodbye: 'goodbye', out_of_scope: 'outOfScope' } as const;

interface Part {
  frame: Frame;
  done: Exchange[];
  step: Step;
}

export function decide(messages: readonly BaseMessage[], tools: ReadonlySet<string>, voice: Voice, greeting: string): Decision {
  const conv = readConversation(messages);
  const turn = currentTurn(conv);
  const memory = remember(previousTurns(conv));
  // What the persona prompt says of the moment: today's date, the page the shopper is on.
  const moment = { today: TODAY.exec(conv.system)?.[1] ?? null, pageProduct: productPage(conv.system) };
  let texts = takesAllOptions(turn.user, memory.prevReply) ?? splitRequests(turn.user, memory);
  let frames: Frame[] = texts.map((text) => ({ ...buildFrame(text, memory), ...moment }));
  // A yes or no beside another request, with nothing waiting for one ("nope, not that. any green
  // dresses?"): the other request is the answer; nothing to confirm or decline is said.
  if (frames.length > 1 && !waitsForAnswer(memory)) {
    const keep = frames.map((f) => !ANSWERS.has(f.intent));
    if (keep.some(Boolean)) {
      texts = texts.filter((_, i) => keep[i]);
      frames = frames.filter((_, i) => keep[i]);
    }
  }
  // Who the shopper is comes first: one verification, whose reply offers to go on with the request after it.
  if (frames.length > 1 && frames[0]!.intent === 'verify') {
    const after = frames.find((f) => f.intent !== 'verify')?.intent ?? null;
    texts = [turn.user];
    // The whole message's words may lean to the request; the step is still the verification.
    frames = [{ ...buildFrame(turn.user, memory), ...moment, intent: 'verify', after }];
  }
  ({ frames, texts } = joinHowTo(frames, texts));
  ({ frames, texts } = doneHere(frames, texts));
  frames = withOrderNamedBefore(frames).map((f) => aboutOneOrder(f, memory, tools));
  ({ frames, texts } = askedAgain(frames, texts));
  const multi = texts.length > 1;
  // A person asked for beside a complaint or frustration: those are acknowledged (the person is not
  // offered again), and the hand-over carries the whole message.
  const toPerson = multi && frames.some((f) => f.intent === 'human');
  // Each request sees only its own tool calls: their ids carry the request's index.
  const parts: Part[] = frames.map((frame, i) => {
    const done = multi ? turn.exchanges.filter((ex) => partOf(ex.id) === i) : turn.exchanges;
    const step = planned(frame, memory, tools, done);
    return { frame, done, step: toPerson ? besideAPerson(step, frame, turn.user) : step };
  });

  // Independent requests call their tools in one step, side by side.
  const calls = parts.flatMap((p, i) =>
    p.step.kind === 'call'
      ? p.step.calls.map((c, k) => {
          const seed = `${texts[i]}|${conv.turns.length}|${p.done.length}`;
          const id = multi
            ? `call_${hash(`${seed}|${k}|${c.name}`).toString(36)}_p${i}_${p.done.length}${k}`
            : `call_${hash(`${seed}|${k}|${c.name}`).toString(36)}${p.done.length}${k}`;
          return { ...c, id };
        })
      : [],
  );
  if (calls.length) return { text: '', intent: parts[0]!.frame.intent, calls };

  const replies = parts.map((p) => replyOf(p, tools, voice, greeting, memory));
  let reply: Reply = replies.length === 1 ? replies[0]!.reply : combine(replies.map((r) => r.reply));
  // A no or a withdrawal ("hold on, let me measure first") took the proposal back, as the server reads it: not asked again.
  if (!isClearNo(turn.user, { echo: pendingEcho(memory) })) reply = stillPending(reply, parts, memory, turn.exchanges);
  const text = speak(reply, { voice, seed: turn.user, firstTurn: memory.firstTurn, earlierReplies: memory.earlierReplies });
  const flags = replies.find((r) => r.optOut || r.optIn);
  return {
    text,
    calls: [],
    intent: parts[0]!.frame.intent,
    ...(flags?.optOut ? { optOut: true } : {}),
    ...(flags?.optIn ? { optIn: true } : {}),
  };
}

/** "where's order 39921, can you change the address on it": "it" is the order an earlier request named. */
function withOrderNamedBefore(frames: readonly Frame[]): Frame[] {
  return frames.map((f, i) => {
    if (f.orderNumber || !f.e.pronoun) return f;
    const named = frames
      .slice(0, i)
      .map((g) => g.orderNumber)
      .filter((n) => n !== null)
      .at(-1);
    return named ? { ...f, orderNumber: named } : f;
  });
}

/**
 * "I want to order the white sneakers in 42, how can I do this?": the "how" points back at the piece to
 * buy, so it is that request asked as how (the piece found, and how to check out), not a question of its own.
 */
function joinHowTo(frames: Frame[], texts: string[]): { frames: Frame[]; texts: string[] } {
  const howTo = frames.findIndex((f, i) => i > 0 && pointsBack(f) && BUY_PARTS.has(frames[i - 1]!.intent));
  if (howTo < 1 || !frames[howTo - 1]!.e.category) return { frames, texts };
  return {
    frames: frames.flatMap((f, i) => (i === howTo ? [] : i === howTo - 1 ? [{ ...f, buying: true }] : [f])),
    texts: texts.filter((_, i) => i !== howTo),
  };
}

/**
 * "can we do that on this phone?", "where do I find it?", "how would I go about that?" after a request: the
 * clause carries that request over with nothing of its own (the follow head's `continue`, data/nlu/follow),
 * naming no piece, colour, size or order ("and the red ones?" is a request of its own).
 */
function pointsBack(f: Frame): boolean {
  const { e } = f;
  if (e.category || e.colour || e.size || e.orderNumbers.length || e.ordinal !== null) return false;
  return classifyFollow(f.text).follow === 'continue';
}
/** Intents such a question is read as when it stands alone: the channel's own abilities, nothing of its own to do. */
const CHANNEL_QUESTION: ReadonlySet<string> = new Set(['unsupported', 'out_of_scope', 'capabilities', 'policy_ai', 'confirm']);

/** Such a question after a request is that request, asked whether it can be done: the request answers it. */
function doneHere(frames: Frame[], texts: string[]): { frames: Frame[]; texts: string[] } {
  const keep = frames.map((f, i) => !(i > 0 && CHANNEL_QUESTION.has(f.intent) && pointsBack(f)));
  if (keep.every(Boolean)) return { frames, texts };
  return { frames: frames.filter((_, i) => keep[i]), texts: texts.filter((_, i) => keep[i]) };
}

/** Requests that only read: asked twice, the second reads the same thing again. */
const READS_ONLY: ReadonlySet<string> = new Set([
  'order_status',
  'refund_status',
  'delivery_time',
  'policy_shipping',
  'policy_returns',
  'policy_payment',
  'policy_sizing',
  'policy_general',
]);

/**
 * "the courier said UPS, so which is it? who's bringing it": the same look-up asked again in other words
 * in one message (the same intent, about the same order) is one request, answered once.
 */
function askedAgain(frames: Frame[], texts: string[]): { frames: Frame[]; texts: string[] } {
  const again = (f: Frame, i: number) =>
    READS_ONLY.has(f.intent) && frames.slice(0, i).some((g) => g.intent === f.intent && g.orderNumber === f.orderNumber);
  const keep = frames.map((f, i) => !again(f, i));
  if (keep.every(Boolean)) return { frames, texts };
  return { frames: frames.filter((_, i) => keep[i]), texts: texts.filter((_, i) => keep[i]) };
}

const BUY_PARTS: ReadonlySet<string> = new Set(['add_to_cart', 'search', 'how_to_order']);

const partOf = (id: string): number => Number(/_p(\d+)_/.exec(id)?.[1] ?? 0);

const ANSWERS: ReadonlySet<string> = new Set(['confirm', 'deny']);
const waitsForAnswer = (m: Memory): boolean => !!(m.pendingReturn || m.pendingAction || m.asked || m.offeredHuman);
const ACKNOWLEDGE: Record<string, string> = { complaint: PHRASES.complaint, frustrated: PHRASES.frustrated };

/** One request's step when the same message asks for a person. */
function besideAPerson(step: Step, frame: Frame, whole: string): Step {
  const said = ACKNOWLEDGE[frame.intent];
  if (said && step.kind === 'reply') return { kind: 'reply', reply: { kind: 'fact', body: said } };
  if (step.kind !== 'call') return step;
  const calls = step.calls.map((c) =>
    c.name === 'escalate_to_human' ? { ...c, args: { ...c.args, reason: humanReason({ text: whole }) } } : c,
  );
  return { ...step, calls };
}

/** The next step for one request; a call the persona cannot make, or made already, becomes an answer. */
function planned(frame: Frame, memory: Memory, tools: ReadonlySet<string>, done: Exchange[]): Step {
  let step: Step = done.length === 0 ? firstStep({ frame, memory, tools, done }) : nextStep({ frame, memory, tools, done });
  if (step.kind !== 'call') return step;
  // Never a tool the persona did not bind, and never the same call twice in one turn, but once more after its order was
  // verified (a call refused because the order was not among those this chat verified: plan-verify.ts).
  const calls = step.calls.filter((c) => {
    const same = done.filter((d) => d.name === c.name && JSON.stringify(d.args) === JSON.stringify(c.args));
    return tools.has(c.name) && (same.length === 0 || (same.length === 1 && provenSince(same[0]!, done)));
  });
  if (calls.length) return { ...step, calls };
  step = done.length ? { kind: 'compose' } : { kind: 'reply', reply: { kind: 'fact', body: PHRASES.notAllowed } };
  return step;
}

function replyOf(
  p: Part,
  tools: ReadonlySet<string>,
  voice: Voice,
  greeting: string,
  memory: Memory,
): { reply: Reply; optOut?: boolean; optIn?: boolean } {
  const { frame, done, step } = p;
  let reply: Reply;
  let flags: { optOut?: boolean; optIn?: boolean } = {};
  if (step.kind === 'compose') reply = compose({ frame, done, tools, voice, memory });
  else if (step.kind === 'reply') {
    reply = step.reply;
    if (step.optOut) flags = { optOut: true };
    if (step.optIn) flags = { optIn: true };
  } else reply = { kind: 'fact', body: PHRASES.notAllowed };
  if (reply.kind === 'plain' && !reply.body) {
    const line = VOICE_LINES[frame.intent as keyof typeof VOICE_LINES] ?? 'outOfScope';
    reply = { ...reply, body: line === 'greeting' ? voice.greeting || greeting : voice[line] };
  }
  return { reply, ...flags };
}

const SETTLES: ReadonlySet<string> = new Set(['confirm', 'deny', 'return']);
/** What a proposed action is called when it is asked again. */
const ACTION_NAMES: Record<string, string> = {
  cancel_order: 'cancellation',
  change_address: 'address change',
  exchange: 'exchange',
  report_problem: 'report',
};

/**
 * A proposal outlives a side question ("how long do refunds take?"): the question is answered and
 * the proposal asked again, so a plain yes to that question is a yes to the proposal.
 */
function stillPending(reply: Reply, parts: readonly Part[], memory: Memory, exchanges: readonly Exchange[]): Reply {
  const action = memory.pendingAction;
  // A new proposal this turn ("M please" turning a return into an exchange) takes the old one's place.
  if (exchanges.some(isProposal)) return reply;
  // A cancellation, address change, exchange or report proposed: the same, asked again.
  if (action && !memory.pendingReturn) {
    const order = action.args.orderNumber;
    const settled =
      parts.some((p) => SETTLES.has(p.frame.intent) || p.frame.intent === action.action) || exchanges.some((ex) => ex.name === action.name);
    if (typeof order !== 'string' || settled || (reply.kind === 'ask' && reply.body.includes(ASK_MARKERS.confirm))) return reply;
    return {
      ...reply,
      kind: 'ask',
      noFollowUp: true,
      body: `${reply.body}\n\n${putAgain(reply, ACTION_NAMES[action.action] ?? 'request', order, action.action)}`,
    };
  }
  const order = memory.pendingReturn?.orderNumber;
  if (
    typeof order !== 'string' ||
    parts.some((p) => SETTLES.has(p.frame.intent)) ||
    exchanges.some((ex) => ex.name === 'create_return_label')
  )
    return reply;
  if (reply.kind === 'ask' && reply.body.includes(ASK_MARKERS.confirm)) return reply;
  return { ...reply, kind: 'ask', noFollowUp: true, body: `${reply.body}\n\n${putAgain(reply, 'return', order, 'return_label')}` };
}

/**
 * The waiting proposal put again under a reply. When the reply asks something of its own ("Want a human colleague?"),
 * a bare yes may answer either, so the yes that decides the proposal names it, as the server then requires (chat/run).
 */
function putAgain(reply: Reply, what: string, order: string, action: string): string {
  const naming = NAMING_YES[action];
  if (naming && questionsIn(reply.body) > 0) return PHRASES.stillPendingNamed(what, order, naming);
  return what === 'return' ? PHRASES.returnStillPending(order) : PHRASES.actionStillPending(what, order);
}

/** One answer to several requests, in the order they were asked; it asks if any part asks. */
function combine(replies: Reply[]): Reply {
  const kind = replies.some((r) => r.kind === 'ask') ? 'ask' : replies.every((r) => r.kind === 'plain') ? 'plain' : 'fact';
  return { kind, body: replies.map((r) => r.body).join('\n\n'), noFollowUp: replies.some((r) => r.noFollowUp || r.kind === 'ask') };
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
