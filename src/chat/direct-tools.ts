// Tool calls made by an outside agent (the MCP server) instead of the model loop. They live in a
// conversation like a chat's — the shopper's session, segment, proposals, events, transcript —
// served by the channel (persona and model `mcp`): one conversation per session and shopper, one
// turn per call. Tools authorize themselves against the shopper exactly as in chat. A proposal
// runs only through `decide`, which names it by id: live, in this shopper's own conversation.
import { segmentWho } from './select-persona.js';
import type { Atomic, Clock, Db, IdGen } from '../db/index.js';
import { silentLogger, unauthorized, type Logger, type SegmentResult, type Shopper } from '../core/index.js';
import { customerExists, readProposal, writePending, type CheckoutSettings } from '../shop/index.js';
import type { Segmenter } from '../segments/index.js';
import type { ToolContext, ToolEvent, ToolName, ToolRegistry, ToolResult } from '../tools/index.js';
import { effectiveShopper, turnShopper, type ConversationRow } from './store.js';
import { createKeyedLock, type TurnLock } from './serialize.js';
import { confirmingCall, proposalNotFound } from './direct-confirm.js';
import { channelConversation, commitCall, recentCalls, startChannelConversation, type CallDone } from './direct-store.js';
import { buildToolContext, type TurnShopper } from './tool-context.js';

export interface DirectToolsDeps {
  db: Db;
  atomic: Atomic;
  now: Clock;
  ids: IdGen;
  segmenter: Pick<Segmenter, 'segment'>;
  tools: ToolRegistry;
  /** Names the conversations, their persona and model columns (metrics group by it): `mcp`. */
  channel: string;
  logger?: Logger;
  /** The chat service's turn lock (a Durable Object lease on Workers); in-process by default. */
  turnLock?: TurnLock;
  /** How a cart becomes a checkout link on the store, as in chat. */
  checkout?: CheckoutSettings | null;
}

export interface DirectCall {
  /** Who the request's identity says is calling (token, or anonymous session). */
  shopper: Shopper;
  tool: string;
  args: Record<string, unknown>;
  /** The tools this shopper may call, decided on the shopper as they act in this conversation. */
  allowed(acting: Shopper): readonly ToolName[];
  clientKey: string | null;
  networkKey?: string | null;
}

export interface DirectResult {
  result: ToolResult;
  /** The shopper after the call (verify_customer may have bound a customer). */
  shopper: Shopper;
}

export interface DirectTools {
  /** The shopper as they act in their channel conversation (an anonymous session that verified acts as that customer). */
  acting(shopper: Shopper): Promise<Shopper>;
  call(input: DirectCall): Promise<DirectResult>;
  /** Confirms (runs) or cancels the conversation's live proposal named by id; anything else is not found. */
  decide(input: Omit<DirectCall, 'tool' | 'args'> & { proposalId: string; decision: 'confirm' | 'cancel' }): Promise<DirectResult>;
}

type Act = (ctx: ToolContext, conv: ConversationRow) => Promise<CallDone>;
type TurnInput = Omit<DirectCall, 'tool' | 'args' | 'allowed'>;

export function createDirectTools(deps: DirectToolsDeps): DirectTools {
  const lock = deps.turnLock ?? createKeyedLock();
  const logger = deps.logger ?? silentLogger;

  /** One call as one turn: the conversation (made on first use), the tool context, one atomic commit. */
  async function turn(input: TurnInput, create: boolean, act: Act): Promise<DirectResult | null> {
    const { release } = await lock.acquire(`${deps.channel}:${input.shopper.sessionId}`);
    try {
      const startedAt = deps.now();
      let conv = await channelConversation(deps.db, deps.channel, input.shopper, startedAt);
      const shopperRef = await turnShopper(deps.db, conv, input.shopper);
      if (shopperRef.current.via === 'verify_customer' && !(await customerExists(deps.db, shopperRef.current.customerId!)))
        throw unauthorized('This account is no longer available');
      if (!conv && !create) return null;
      const { segment } = await deps.segmenter.segment(segmentWho(shopperRef.current, shopperRef.provenOrders));
      conv ??= await startChannelConversation(deps, shopperRef.current, segment, startedAt);
      const emitted: ToolEvent[] = [];
      const ctx = toolContext(deps, {
        conv,
        segment,
        shopperRef,
        clientKey: input.clientKey,
        networkKey: input.networkKey,
        emitted,
        transcript: await recentCalls(deps.db, conv.id),
      });
      const done = await act(ctx, conv);
      await commitCall(deps, { conv, turn: ctx.turn, segment, done, emitted, shopper: shopperRef.current, startedAt });
      logger.info('direct_tool_call', {
        channel: deps.channel,
        conversationId: conv.id,
        turn: ctx.turn,
        tool: done.name,
        ok: done.result.ok,
        latencyMs: deps.now() - startedAt,
      });
      return { result: done.result, shopper: shopperRef.current };
    } finally {
      await release();
    }
  }

  return {
    async acting(shopper) {
      return effectiveShopper(await channelConversation(deps.db, deps.channel, shopper, deps.now()), shopper);
    },

    async call(input) {
      const out = await turn(input, true, async (ctx) => ({
        name: input.tool,
        args: input.args,
        result: await deps.tools.execute(input.tool, input.args, input.allowed(ctx.shopper), ctx),
      }));
      return out!;
    },

    async decide(input) {
      const out = await turn(input, false, decision(deps, input));
      return out ?? { result: proposalNotFound(), shopper: await this.acting(input.shopper) };
    },
  };
}

/** Confirming or declining the conversation's live proposal, named by id. */
function decision(deps: DirectToolsDeps, input: Parameters<DirectTools['decide']>[0]): Act {
  return async (ctx, conv) => {
    const asked = { name: input.decision === 'confirm' ? 'confirm_proposal' : 'decline_proposal', args: { proposalId: input.proposalId } };
    const proposal = await readProposal(deps.db, conv.id, ctx.shopper.customerId, deps.now());
    if (!proposal || proposal.id !== input.proposalId) return { ...asked, result: proposalNotFound() };
    if (input.decision === 'cancel') {
      await writePending(deps.db, conv.id, null, deps.now());
      return { ...asked, result: { ok: true, data: { declined: true, proposalId: proposal.id } } };
    }
    const run = await confirmingCall(deps.db, conv.id, proposal);
    if (!run.ok) return { ...asked, result: run.result };
    // The approval the chat service gives a clear yes: decided here, by server code, for this proposal only.
    ctx.approval = { proposalId: proposal.id };
    return { name: run.tool, args: run.args, result: await deps.tools.execute(run.tool, run.args, input.allowed(ctx.shopper), ctx) };
  };
}

interface TurnState {
  conv: ConversationRow;
  segment: SegmentResult;
  shopperRef: TurnShopper;
  clientKey: string | null;
  networkKey?: string | null;
  emitted: ToolEvent[];
  transcript: string;
}

function toolContext(deps: DirectToolsDeps, t: TurnState): ToolContext {
  return buildToolContext({
    deps,
    shopper: t.shopperRef,
    segment: { current: t.segment },
    conversationId: t.conv.id,
    turn: t.conv.turnCount + 1,
    approval: null,
    clientKey: t.clientKey,
    networkKey: t.networkKey,
    emitted: t.emitted,
    transcript: () => t.transcript,
  });
}
