// The rest of a turn after the shopper verified in it: from the verification on, the turn is
// served as the segment and persona the verified shopper gets on their next turn — the same
// choice a turn starts with (select-persona.ts). The agent loop asks after every tool step
// (TurnInput.respec) and is handed the new spec once; it knows nothing of verification.
import type { AgentSpec } from '../agent/index.js';
import type { TurnEnv } from './deps.js';
import type { PreparedTurn } from './prepare.js';
import type { ChatEvent, ChatInput } from './types.js';
import { agentSpec, selectPersona, type Selection } from './select-persona.js';

/** Who serves the turn as of now. */
export interface ServedNow {
  current: Selection;
  /** The verified shopper's own segment and persona took over mid-turn. */
  reselected: boolean;
  /** The re-selection was attempted (at most once a turn). */
  tried: boolean;
  /** How many tool definitions the model is offered now. */
  offered: number;
  /** The second `meta` event, naming who serves the rest of the turn, was yielded. */
  announced: boolean;
}

export function servedAtStart(turn: PreparedTurn, offered: number): ServedNow {
  const current = { segment: turn.segment, persona: turn.persona, personaRef: turn.personaRef };
  return { current, reselected: false, tried: false, offered, announced: false };
}

/** What the persist stage records of who served the turn (see RanTurn). */
export function servedOutcome(served: ServedNow): { toolsOffered: number; served: Selection; reselected: boolean } {
  return { toolsOffered: served.offered, served: served.current, reselected: served.reselected };
}

/**
 * The loop's respec hook: a spec once, right after verify_customer bound the shopper (`bound`),
 * else null. Opt-out still wins (the neutral persona), and a verified shopper's persona never
 * offers verify_customer. The new persona is offered its whole tool list, unrouted: the request
 * being continued was often made in an earlier message ("where is my order?" … "it's marcus@…"),
 * which routing by this message alone would miss, and it is for the rest of one turn only. What
 * any call may do is still decided by the tool against the verified shopper.
 */
export function respecHook(
  env: TurnEnv,
  turn: PreparedTurn,
  input: ChatInput,
  bound: () => boolean,
  served: ServedNow,
): () => Promise<AgentSpec | null> {
  return async () => {
    if (!bound() || served.tried) return null;
    served.tried = true;
    try {
      served.current = await selectPersona(env.deps, {
        shopper: turn.shopper.current,
        optOut: turn.optOut,
        page: input.page,
        now: turn.startedAt,
        provenOrders: turn.shopper.provenOrders,
      });
    } catch (err) {
      // The turn goes on as it started (the shopper is verified either way); the next turn selects again.
      env.logger.warn('respec_failed', { conversationId: turn.conv.id, error: err instanceof Error ? err.message : String(err) });
      return null;
    }
    served.reselected = true;
    const spec = agentSpec(served.current.persona);
    served.offered = spec.tools.length;
    return spec;
  };
}

/** Once the verified shopper's persona took over: a second `meta` event saying who serves the rest (the widget shows it). */
export function announcement(served: ServedNow, conversationId: string, model: string): ChatEvent | null {
  if (!served.reselected || served.announced) return null;
  served.announced = true;
  const { segment, personaRef } = served.current;
  return { type: 'meta', conversationId, segment, persona: personaRef, model };
}
