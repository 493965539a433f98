// Who serves a shopper: their segment, then the persona file serving it, rendered with what that
// persona may show of them. Chosen when a turn starts (prepare.ts), and chosen again when the
// shopper verifies during a turn (run.ts): the rest of that turn is served as their next turn would be.
import type { SegmentResult, Shopper } from '../core/index.js';
import type { AgentSpec } from '../agent/index.js';
import { buildPersonaContext, type RenderedPersona } from '../personas/index.js';
import type { ChatDeps } from './deps.js';
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
}

export async function selectPersona(deps: ChatDeps, input: SelectInput): Promise<Selection> {
  const { shopper, optOut } = input;
  const { segment, profile } = await deps.segmenter.segment({ customerId: shopper.customerId, sessionId: shopper.sessionId });
  const pick = { segment, optOut, subjectId: shopper.customerId ?? shopper.sessionId };
  // Only the reads the persona about to be rendered can show: the rest would be stripped anyway.
  const fields = deps.personas.contextFields(pick);
  const context = await buildPersonaContext(deps.db, { shopper, profile, page: input.page, now: input.now, fields });
  const persona = forShopper(deps.personas.resolve({ ...pick, context }), shopper);
  return { segment, persona, personaRef: { id: persona.id, version: persona.version, variant: persona.variant } };
}

/** A shopper who is already signed in or verified is never asked to verify: the tool is not offered. */
function forShopper<P extends { tools: readonly string[] }>(persona: P, shopper: Shopper): P {
  return shopper.verified && persona.tools.includes('verify_customer')
    ? { ...persona, tools: persona.tools.filter((t) => t !== 'verify_customer') }
    : persona;
}

/** The rendered persona in the agent's terms: what it says, may call, and how its model is set. */
export function agentSpec(p: RenderedPersona): AgentSpec {
  return {
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
}
