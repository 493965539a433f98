// A turn's second stage: the shopper's answer to a pending proposal, the recent history, and the
// agent loop, whose events stream out as they happen. A shopper who verifies mid-turn is served
// as their own segment and persona for the rest of the turn (reselect.ts). Returns what the persist
// stage stores.
import { asksBeside, fenceText, STILL_WAITING, yesAfter } from '../core/index.js';
import { NAMING_YES, proposalWords, readProposal, writePending, type Proposal } from '../shop/index.js';
import type { ToolContext, ToolEvent, ToolName } from '../tools/index.js';
import { routeTools, runTurn as runAgent, type NewMessage, type TurnEvent } from '../agent/index.js';
import type { Span } from '../telemetry/index.js';
import type { TurnEnv } from './deps.js';
import type { PreparedTurn } from './prepare.js';
import type { ChatEvent, ChatInput } from './types.js';
import { loadRecentMessages, type MessageRow } from './store.js';
import { decideTurnApproval } from './approval.js';
import { buildToolContext } from './tool-context.js';
import { agentSpec, type Selection } from './select-persona.js';
import { announcement, respecHook, servedAtStart, servedOutcome, type ServedNow } from './reselect.js';

export type FinalEvent = Extract<TurnEvent, { type: 'final' }>;

/** The id kind of a proposal (`prop_…`, tools/proposals.ts). */
const PROPOSAL_ID_KIND = 'prop';

export interface RanTurn {
  history: MessageRow[];
  final: FinalEvent;
  /** The assistant and tool messages the loop produced, in order. */
  messages: NewMessage[];
  /** Business events the tools emitted, stored with the turn. */
  emitted: ToolEvent[];
  /** verify_customer bound a customer to the conversation during the turn. */
  boundMidTurn: boolean;
  /** How many tool definitions the model was offered (fewer than the persona's when the turn was routed). */
  toolsOffered: number;
  /** Who finished the turn: the prepared segment and persona, or the verified shopper's own (respec). */
  served: Selection;
  /** The shopper verified mid-turn and the rest of the turn was served as their own segment and persona. */
  reselected: boolean;
}

/** What the turn's tools did that the chat service acts on. */
interface ToolSideEffects {
  emitted: ToolEvent[];
  boundMidTurn: boolean;
  /** Proposal ids the tools minted: each may have recorded a proposal (tools/proposals.ts), the last replacing the others. */
  proposals: number;
}

export async function* runTurn(
  env: TurnEnv,
  turn: PreparedTurn,
  input: ChatInput,
  span: Span | undefined,
): AsyncGenerator<ChatEvent, RanTurn> {
  const { deps, logger, historyTurns } = env;
  const { conv } = turn;
  // A conversation's first turn has no proposal to answer: no read for it.
  const decided = conv.turnCount > 0 ? await decideTurnApproval(deps.db, conv.id, turn.shopper.current, input, deps.now()) : null;
  const approval = decided?.approval ?? null;
  const history = turn.cachedHistory ?? (await loadRecentMessages(deps.db, conv, historyTurns));
  const ran: ToolSideEffects = { emitted: [], boundMidTurn: false, proposals: 0 };
  const persona = agentSpec(turn.persona, await routed(env, turn.persona.tools, input.message, history, decided?.pendingAction ?? null));
  const served = servedAtStart(turn, (persona.offer ?? persona.tools).length);
  const stream = runAgent(
    {
      persona,
      history,
      summary: conv.summary,
      message: input.message,
      stream: input.stream,
      progress: input.stream !== false,
      toolCtx: toolContext(env, turn, input, history, approval, ran, served),
      respec: respecHook(env, turn, input, () => ran.boundMidTurn, served),
    },
    {
      provider: deps.provider,
      fallback: deps.fallback,
      tools: deps.tools,
      maxSteps: deps.maxSteps,
      historyTurns,
      now: deps.now,
      logger,
      signal: input.signal,
      observer: env.telemetry.observer(span, conv.id),
    },
  );
  let final: FinalEvent | null = null;
  // A caller that does not stream (a JSON reply) reads the reply only: the loop's progress events
  // stop here rather than pass through every layer above for nobody.
  const progress = input.stream !== false;
  let step = await stream.next();
  while (!step.done) {
    const ev = step.value;
    const meta = announcement(served, conv.id, deps.provider.name);
    if (meta) yield meta;
    if (ev.type === 'final') final = ev;
    else if (ev.type === 'error') logger.warn('turn_error_event', { conversationId: conv.id, code: ev.code });
    else if (progress) yield ev;
    step = await stream.next();
  }
  const result = step.value;
  if (!final) throw new Error('agent loop ended without a final event');
  // A proposal made now, or one still waiting from an earlier turn (a side question answered with a
  // question of the model's own), is put to the shopper again: their next "yes" answers what they see.
  if (ran.proposals > 0 || decided?.pendingAction)
    final = await stateProposal(env, turn, final, result.messages, deps.now(), ran.proposals);
  return { history, final, messages: result.messages, emitted: ran.emitted, boundMidTurn: ran.boundMidTurn, ...servedOutcome(served) };
}

/**
 * The tools a hosted model is offered this turn (tool routing, agent/tool-routing.ts): those the
 * message's intents need, the recent turns' tools and a waiting proposal's; undefined: all of the
 * persona's. The offline model understands the message itself and is offered every tool.
 */
async function routed(
  env: TurnEnv,
  tools: ToolName[],
  message: string,
  history: MessageRow[],
  pendingAction: string | null,
): Promise<ToolName[] | undefined> {
  const { deps } = env;
  if ((deps.toolRouting ?? 'auto') === 'off' || deps.provider.name === 'offline' || tools.length === 0) return undefined;
  const recentTools = new Set<string>();
  for (const m of history) if (m.toolName) recentTools.add(m.toolName);
  const route = await routeTools({ tools, message, recentTools, pendingAction });
  return route.routed ? route.tools : undefined;
}

/** What the tools see of the turn: the shopper (as of now), the conversation, and where to report. */
function toolContext(
  env: TurnEnv,
  turn: PreparedTurn,
  input: ChatInput,
  history: MessageRow[],
  approval: ToolContext['approval'],
  ran: ToolSideEffects,
  served: ServedNow,
): ToolContext {
  const { conv } = turn;
  const { deps } = env;
  // Methods rather than arrow-valued fields below: the server's TypeScript loader names each arrow
  // assigned to a name at run time (a defineProperty per turn); none of them reads `this`.
  return buildToolContext({
    deps: {
      db: deps.db,
      atomic: deps.atomic,
      now: deps.now,
      // A proposal's id is minted through the context (ids('prop')): a turn that minted none made no
      // proposal, and its reply reads the conversation's pending one only if one waited before it (stateProposal).
      ids(kind: string) {
        if (kind === PROPOSAL_ID_KIND) ran.proposals++;
        return deps.ids(kind);
      },
      checkout: deps.checkout,
    },
    shopper: turn.shopper,
    segment: {
      get current() {
        return served.current.segment;
      },
    },
    conversationId: conv.id,
    turn: turn.turnNo,
    approval,
    clientKey: input.clientKey ?? null,
    networkKey: input.networkKey ?? null,
    emitted: ran.emitted,
    transcript() {
      return transcriptText(history, input.message, conv.summary);
    },
    onVerified() {
      ran.boundMidTurn = true;
    },
  });
}

/**
 * The proposal waiting after this turn (made in it, or earlier and still unanswered) is stated in
 * the server's own words beside a model's reply, so the shopper's "yes" answers what will really
 * happen, whatever the model wrote around it. The offline model's replies are ours and already state
 * it, unless the turn made several proposals (one message asking for two actions): one waits per
 * conversation, the last replacing the others, so any model's reply says which. Which yes decides a
 * proposal stated under a reply's other words is set here for every model (`mustName`, offlineStillWaiting).
 */
async function stateProposal(
  env: TurnEnv,
  turn: PreparedTurn,
  final: FinalEvent,
  produced: Array<{ role: string; content: string }>,
  now: number,
  proposals: number,
): Promise<FinalEvent> {
  const offline = final.model.startsWith('offline') && proposals < 2;
  if (offline && proposals > 0) return final;
  const proposal = await readProposal(env.deps.db, turn.conv.id, turn.shopper.current.customerId, now);
  if (!proposal) return final;
  if (offline) return offlineStillWaiting(env, turn, final, produced, now, proposal);
  const still =
    proposal.turn !== turn.turnNo
      ? STILL_WAITING
      : proposals > 1
        ? 'One thing at a time: only this waits for your yes now (ask me again for the rest afterwards). '
        : '';
  // Restated under a question of the model's own ("…add them to your basket?"), a bare yes may answer either:
  // only a yes naming this action decides it now (chat/approval), and the shopper is told which words do. Waiting
  // from an earlier turn, it is restated under words of the model's own about something else, which may invite a
  // yes without asking ("Reply yes and I'll add the socks."): no reader of its words can tell, so the yes names it.
  // Made in this turn, the model's reply puts it ("Shall I go ahead?"): a question or invitation that says anything
  // beyond it ("Would you like the chinos too?", "Reply yes and I'll add the socks") may draw the yes (core asksBeside).
  const ownWords =
    proposal.turn !== turn.turnNo
      ? final.reply.trim() !== ''
      : asksBeside(final.reply, proposal) || (proposals > 1 && /\?(\s|$)/.test(final.reply));
  const mustName = ownWords && NAMING_YES[proposal.action] !== undefined;
  if (mustName !== (proposal.mustName ?? false)) await writePending(env.deps.db, turn.conv.id, { ...proposal, mustName }, now);
  return withLine(final, produced, `${still}${statement(proposal, mustName ? `"${NAMING_YES[proposal.action]}"` : '"yes"')}`);
}

/** The proposal in the server's words, and the answer that decides it. */
const statement = (proposal: Proposal, yes: string) =>
  `${proposalWords(proposal)} Reply ${yes} to go ahead or "no" to cancel (or use the buttons).`;

/** The reply with the server's line under it, in the stored assistant message too. */
function withLine(final: FinalEvent, produced: Array<{ role: string; content: string }>, line: string): FinalEvent {
  const reply = `${final.reply.trim()}\n\n${line}`;
  const last = [...produced].reverse().find((m) => m.role === 'assistant');
  if (last) last.content = reply;
  return { ...final, reply };
}

/**
 * A proposal from an earlier turn under an offline reply, which puts it again in a few words of its own ("About the
 * cancellation…: shall I still go ahead?", "Just so I get it right: shall I go ahead?"), never whole. A yes answers what
 * the shopper sees, and they may just have asked for less ("cancel only the tee"): a reply asking for the go-ahead gets
 * the server's statement of it, as under any model's reply. When that reply also asks something of its own ("…Want a
 * human colleague?"), a bare yes may answer either: as for any model, only a yes naming the action (or the button)
 * decides it, and the statement says so. A reply asking only that lets a bare yes decide again; one asking nothing
 * leaves the rule as it was (and is stated only when it must be named).
 */
async function offlineStillWaiting(
  env: TurnEnv,
  turn: PreparedTurn,
  final: FinalEvent,
  produced: Array<{ role: string; content: string }>,
  now: number,
  proposal: Proposal,
): Promise<FinalEvent> {
  if (proposal.turn === turn.turnNo) return final;
  const naming = NAMING_YES[proposal.action];
  const after = yesAfter(final.reply);
  const mustName = naming !== undefined && (after === 'beside' || (after === 'none' && (proposal.mustName ?? false)));
  if (mustName !== (proposal.mustName ?? false)) await writePending(env.deps.db, turn.conv.id, { ...proposal, mustName }, now);
  if (after === 'none' && (!mustName || final.reply.includes(`"${naming}"`))) return final;
  return withLine(final, produced, `${STILL_WAITING}${statement(proposal, mustName ? `"${naming}"` : '"yes"')}`);
}

function transcriptText(history: Array<{ role: string; content: string }>, message: string, summary: string): string {
  // Each message fenced on its own: a shopper cannot fake an "Assistant:" line for the human agent.
  // Line breaks go too: every line the agent reads starts with the server's own label.
  const quote = (text: string) => fenceText(text, 400).replace(/[\r\n\u2028\u2029\u0085]+/g, ' ');
  const lines = history
    .filter((m) => m.role !== 'tool' && m.content)
    .map((m) => `${m.role === 'user' ? 'Shopper' : 'Assistant'}: ${quote(m.content)}`);
  lines.push(`Shopper: ${quote(message)}`);
  const text = (summary ? `Earlier: ${summary}\n` : '') + lines.slice(-8).join('\n');
  return text.length > 1500 ? text.slice(text.length - 1500) : text;
}
