// Fallback as a wrapper around the provider: a step is asked of the primary model; when that call
// fails (classified by failures.ts) and the request was not cancelled, the same step is asked of
// the fallback, which then answers every later step of the turn. The loop sees one model.
import type { BaseMessage } from '@langchain/core/messages';
import type { Logger } from '../core/index.js';
import type { AgentSpec, ModelProvider, TurnEvent } from './types.js';
import { stepModel, type StepAnswer, type StepContext, type StepError, type StepModel } from './model-step.js';
import { classifyModelError, modelFailures } from './failures.js';

export interface TurnModel {
  /** Who answers now: the primary's name, or "<fallback> (fallback)" once it took over. */
  readonly label: string;
  /** Yields `model_start`, deltas and (on failure) an `error` event; null when the turn must end. */
  step(messages: BaseMessage[], step: number): AsyncGenerator<TurnEvent, StepAnswer | null>;
  /** Later steps run as `spec` (its settings, voice and tools), with whichever model answers now. */
  respec(spec: AgentSpec): void;
}

export interface FallbackPolicy extends StepContext {
  logger: Logger;
}

export function withFallback(primary: ModelProvider, fallback: ModelProvider | undefined, policy: FallbackPolicy): TurnModel {
  let current = stepModel(primary, false, policy);
  return {
    get label() {
      return current.label;
    },
    async *step(messages, step) {
      for (;;) {
        const answer = yield* current.ask(messages, step);
        if (answer.ok) return answer;
        const failed = report(current, answer, step, fallback !== undefined, policy);
        if (failed.fallBack && fallback) {
          current = stepModel(fallback, true, policy);
          yield {
            type: 'error',
            code: 'model_fallback',
            message: `The model failed (${failed.cause}); the turn continues with ${current.name}.`,
          };
          continue;
        }
        yield {
          type: 'error',
          code: failed.aborted ? 'aborted' : 'upstream_unavailable',
          message: failed.aborted ? 'The request was cancelled.' : `The model failed (${failed.cause}).`,
        };
        return null;
      }
    },
    respec(spec) {
      policy = { ...policy, spec };
      // A fallback that took over keeps the turn: the primary already failed it once.
      current = stepModel(current.fallback && fallback ? fallback : primary, current.fallback, policy);
    },
  };
}

/**
 * Counts, observes and logs a failed call, and says whether the turn falls back. A cancelled
 * request is not the model's failure: not counted, never asked of the fallback.
 */
function report(
  model: StepModel,
  failed: StepError,
  step: number,
  hasFallback: boolean,
  policy: FallbackPolicy,
): { aborted: boolean; fallBack: boolean; cause: string } {
  const aborted = policy.signal?.aborted ?? false;
  const failure = classifyModelError(failed.error);
  const fallBack = !aborted && !model.fallback && hasFallback;
  if (!aborted) modelFailures.record(failure, fallBack);
  const cause = aborted ? 'aborted' : failure.cause;
  policy.observer?.modelEnd(failed.observed, model.name, model.fallback, policy.now() - failed.startedAt, 0, 0, cause);
  policy.logger.warn('model_failed', {
    model: model.label,
    step,
    cause,
    status: failure.status,
    error: failure.message,
    fallback: fallBack,
  });
  return { aborted, fallBack, cause: failure.cause };
}
