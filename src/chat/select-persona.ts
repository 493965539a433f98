// Who serves a shopper: their segment, then the persona file serving it, rendered with what that
// persona may show of them. Chosen when a turn starts (prepare.ts), and chosen again when the
// shopper verifies during a turn (run.ts): the rest of that turn is served as their next turn would be.
import type { SegmentResult, Shopper } from '../core/index.js';
import type { AgentSpec } from '../agent/index.js';
import type { ToolName } from '../tools/index.js';
import { buildPersonaContext, type RenderedPersona } from '../personas/index.js';
import type { ChatDeps } from './deps.js';
import type { Who } from '../segments/index.js';
import type { ChatInput, ChatResponse } from './types.js';

/** The segment and the persona serving a turn, and how the response names the persona. */
export interface Selection {
  segment: SegmentResult;
  persona: RenderedPersona;
  personaRef: ChatResponse['persona'];
}

export interface SelectInput {
  shopper: Shopper;
  /** The shopper said "no personalization": the opt-out persona, whoever they are. */
  optOut: boolean;
  page: ChatInput['page'];
  /** The turn's start: the rendered context's dates ("today") are the same for the whole turn. */
  now: number;
  /** The orders a chat verification proved in the conversation, as the turn carries them (TurnShopper). */
  provenOrders: readonly string[];
}

/**
 * Whom the segment reads. A store sign-in opens the account (its orders, VIP membership, tier); a shopper verified in
 * chat proved an email and order number(s), which a guest checkout under someone else's email also yields
 * (SECURITY.md), so only the orders proven in that conversation count: no VIP queue or tier from the rest of it.
 */
export function segmentWho(shopper: Shopper, provenOrders: readonly string[]): Who {
  if (!shopper.verified || shopper.via === 'token') return { customerId: shopper.customerId, sessionId: shopper.sessionId };
  return { customerId: shopper.customerId, sessionId: shopper.sessionId, provenOrders };
}

export async function selectPersona(deps: ChatDeps, input: SelectInput): Promise<Selection> {
  const { shopper, optOut } = input;
  const who = segmentWho(shopper, input.provenOrders);
  const { segment, profile } = await deps.segmenter.segment(who);
  const pick = { segment, optOut, subjectId: shopper.customerId ?? shopper.sessionId };
  // Only the reads the persona about to be rendered can show: the rest would be stripped anyway.
  const fields = deps.personas.contextFields(pick);
  const context = await buildPersonaContext(deps.db, { shopper, profile, page: input.page, now: input.now, fields });
  const persona = forShopper(deps.personas.resolve({ segment, optOut, subjectId: pick.subjectId, context }), shopper);
  return { segment, persona, personaRef: { id: persona.id, version: persona.version, variant: persona.variant } };
}

/**
 * Each rendered persona's copy without verify_customer, made once: the registry hands out the
 * same frozen object for the same persona and context, turn after turn.
 */
const withoutVerify = new WeakMap<object, unknown>();

/**
 * A shopper signed in at the store is never asked to verify: the tool is not offered. One verified in chat keeps it, to
 * prove another order with the same email (chat verification opens the orders proven only).
 */
function forShopper<P extends { tools: readonly string[] }>(persona: P, shopper: Shopper): P {
  if (!shopper.verified || shopper.via !== 'token' || !persona.tools.includes('verify_customer')) return persona;
  let copy = withoutVerify.get(persona) as P | undefined;
  if (!copy) {
    copy = Object.freeze({ ...persona, tools: Object.freeze(persona.tools.filter((t) => t !== 'verify_customer')) });
    withoutVerify.set(persona, copy);
  }
  return copy;
}

/**
 * The rendered persona in the agent's terms: what it says, may call, and how its model is set;
 * `offer`: the tools a hosted model is offered this turn (tool routing), when not all of them.
 */
export function agentSpec(p: RenderedPersona, offer?: readonly ToolName[]): AgentSpec {
  const spec: AgentSpec = {
    id: p.id,
    version: p.version,
    variant: p.variant,
    experimentId: p.experimentId,
    systemPrompt: p.systemPrompt,
    tools: p.tools,
    model: p.model,
    greeting: p.greeting,
    voice: p.voice,
  };
  // Set on the object rather than spread into a copy: fields added after a spread make V8 build a slow object.
  if (offer) spec.offer = offer;
  return spec;
}
