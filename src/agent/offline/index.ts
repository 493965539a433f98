// The offline model's public surface: the chat model and its provider.
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatResult, ChatGenerationChunk } from '@langchain/core/outputs';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { AgentSpec, ModelProvider } from '../types.js';
import { OfflineChatModel } from './model.js';
import { loadDefaultClassifier } from './nlu/default-model.js';
import { createMemo } from '../../core/index.js';

export { OfflineChatModel, type OfflineChatModelFields, type OfflineCallOptions } from './model.js';
export type { Decision } from './decide.js';
export { forgetUnderstandings } from './classify.js';

/** The default model: no API key, no network, the same reply for the same conversation. */
export function createOfflineProvider(): ModelProvider {
  // A model is its voice, greeting and persona id, nothing else: one instance serves every turn
  // rendered the same way (a LangChain model costs a few dozen µs to build and bind to tools,
  // a noticeable share of an offline turn).
  const models = createMemo<string, OfflineChatModel>(500);
  return {
    name: 'offline',
    create(spec: AgentSpec) {
      const fields = { voice: spec.voice, greeting: spec.greeting, personaId: spec.id };
      return models.get(JSON.stringify(fields), () => new LoadingOfflineChatModel(fields));
    },
  };
}

/**
 * The provider's model loads the intent classifier before its first answer (nlu/default-model.ts):
 * a server that only keeps the offline model as a fallback loads it on the first fallback, if ever.
 */
class LoadingOfflineChatModel extends OfflineChatModel {
  override async _generate(messages: BaseMessage[], options: this['ParsedCallOptions']): Promise<ChatResult> {
    await loadDefaultClassifier();
    return super._generate(messages, options);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    await loadDefaultClassifier();
    yield* super._streamResponseChunks(messages, options, runManager);
  }
}
