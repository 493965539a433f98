// The offline model loaded on its first turn. Behind a hosted model it is only the fallback: a
// server whose hosted model never fails never loads its ~50 modules (about 5 MB of live heap,
// which V8 lets grow to several times that between collections). The first turn that needs it
// waits for one dynamic import; every later one is served by the loaded provider directly.
import { BaseChatModel, type BaseChatModelCallOptions, type BindToolsInput } from '@langchain/core/language_models/chat_models';
import type { BaseMessage } from '@langchain/core/messages';
import type { ChatGenerationChunk, ChatResult } from '@langchain/core/outputs';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import type { AgentSpec, ModelProvider } from './types.js';

/** The offline provider, its modules imported when a turn first needs it. */
export function createOfflineProvider(): ModelProvider {
  let loaded: Promise<ModelProvider> | null = null;
  const load = () => (loaded ??= import('./offline/index.js').then((m) => m.createOfflineProvider()));
  return { name: 'offline', create: (spec) => new DeferredOfflineModel(spec, load) };
}

/** What the deferred model hands its calls to (the loaded model's LangChain hooks). */
interface Inner {
  _generate(messages: BaseMessage[], options: unknown, runManager?: CallbackManagerForLLMRun): Promise<ChatResult>;
  _streamResponseChunks(
    messages: BaseMessage[],
    options: unknown,
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk>;
}

class DeferredOfflineModel extends BaseChatModel {
  readonly #spec: AgentSpec;
  readonly #load: () => Promise<ModelProvider>;

  static override lc_name(): string {
    return 'OfflineChatModel';
  }

  constructor(spec: AgentSpec, load: () => Promise<ModelProvider>) {
    super({});
    this.#spec = spec;
    this.#load = load;
  }

  _llmType(): string {
    return 'offline';
  }

  // As the offline model's: the tool definitions travel in the call options, handed on as they are.
  override bindTools(tools: BindToolsInput[], kwargs?: Partial<BaseChatModelCallOptions>) {
    return this.withConfig({ tools, ...kwargs } as Partial<BaseChatModelCallOptions>);
  }

  async #inner(): Promise<Inner> {
    return (await this.#load()).create(this.#spec) as unknown as Inner;
  }

  async _generate(messages: BaseMessage[], options: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun): Promise<ChatResult> {
    return (await this.#inner())._generate(messages, options, runManager);
  }

  override async *_streamResponseChunks(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): AsyncGenerator<ChatGenerationChunk> {
    yield* (await this.#inner())._streamResponseChunks(messages, options, runManager);
  }
}
