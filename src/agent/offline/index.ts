// The offline model's public surface: the chat model and its provider.
import type { ModelProvider } from '../types.js';
import type { RenderedPersona } from '../../personas/types.js';
import { OfflineChatModel } from './model.js';

export { OfflineChatModel, type OfflineChatModelFields, type OfflineCallOptions } from './model.js';
export type { Decision } from './decide.js';
export { forgetUnderstandings } from './classify.js';

/** The default model: no API key, no network, the same reply for the same conversation. */
export function createOfflineProvider(): ModelProvider {
  return {
    name: 'offline',
    create(persona: RenderedPersona) {
      return new OfflineChatModel({ voice: persona.voice, greeting: persona.greeting, personaId: persona.id });
    },
  };
}
