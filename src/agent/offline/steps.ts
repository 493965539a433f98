// The plan's output: tool calls to make, a reply to give, or "compose" (answer from the tool
// results this turn has). Shared by the plan and its helpers.
import type { Reply } from './voice.js';
import type { Frame } from './frame.js';
import type { Memory } from './memory.js';
import type { Exchange } from './conversation.js';

export interface Call {
  name: string;
  args: Record<string, unknown>;
}

export type Step =
  { kind: 'call'; calls: Call[] } | { kind: 'reply'; reply: Reply; optOut?: boolean; optIn?: boolean } | { kind: 'compose' };

export const call = (name: string, args: Record<string, unknown>): Step => ({ kind: 'call', calls: [{ name, args }] });
export const reply = (r: Reply): Step => ({ kind: 'reply', reply: r });

/** What a plan for one intent reads: the turn's frame, the conversation, the persona's tools. */
export interface PlanContext {
  f: Frame;
  memory: Memory;
  tools: ReadonlySet<string>;
}

/** The first step for one intent (plan.ts keeps them in a table by intent). */
export type IntentPlan = (c: PlanContext) => Step;

/** What a step after tool results reads: the frame, the tools, this turn's exchanges and the last one's result. */
export interface Chain {
  f: Frame;
  memory: Memory;
  tools: ReadonlySet<string>;
  done: readonly Exchange[];
  last: Exchange;
  r: NonNullable<Exchange['result']>;
  already: (name: string) => boolean;
}

/** One more call a tool result may lead to: a step, or null to try the next link. */
export type Link = (c: Chain) => Step | null;
