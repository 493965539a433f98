// The loop's next move as data: what the model's answer asks for, given the steps left.
import type { ModelCall, ModelOutput } from './model-call.js';

export type Step =
  | { kind: 'call_tools'; text: string; calls: ModelCall[] }
  | { kind: 'reply'; text: string }
  /** The model still wants tools after its last allowed call. */
  | { kind: 'step_limit' };

export function nextStep(out: ModelOutput, step: number, maxSteps: number): Step {
  if (out.calls.length === 0) return { kind: 'reply', text: out.text };
  if (step >= maxSteps) return { kind: 'step_limit' };
  return { kind: 'call_tools', text: out.text, calls: out.calls };
}
