// The offline provider the server uses (agent/index.ts): its model loads the offline modules on
// its first call and then answers exactly as the offline model does, tool calls and streaming alike.
import { describe, expect, it } from 'vitest';
import { HumanMessage, SystemMessage, type AIMessageChunk } from '@langchain/core/messages';
import { createOfflineProvider } from '../../src/agent/index.js';
import { OfflineChatModel } from '../../src/agent/offline/index.js';
import type { AgentSpec } from '../../src/agent/index.js';
import { functionTools } from './offline/driver.js';

const voice = {
  style: 'brief' as const,
  greeting: 'Hi.',
  acknowledgements: ['Sure.'],
  followUp: 'Anything else?',
  outOfScope: 'I can only help with shopping here.',
  stepLimit: 'Sorry, I could not work that one out.',
  goodbye: 'Bye.',
  thanks: 'Welcome.',
};
const spec = { id: 'repeat-buyer', voice, greeting: 'Hi.' } as unknown as AgentSpec;
const tools = functionTools(['lookup_order', 'store_policy', 'escalate_to_human']);
const messages = [new SystemMessage('You are Tailor.'), new HumanMessage('where is my order 28473?')];

describe('the deferred offline provider', () => {
  it('is named offline and answers as the offline model does once loaded', async () => {
    const provider = createOfflineProvider();
    expect(provider.name).toBe('offline');
    const deferred = await provider.create(spec).bindTools!(tools).invoke(messages);
    const direct = await new OfflineChatModel({ voice, personaId: 'repeat-buyer' }).bindTools(tools).invoke(messages);
    expect(deferred.tool_calls?.map((c) => [c.name, c.args])).toEqual([['lookup_order', { orderNumber: '28473' }]]);
    expect(deferred.tool_calls?.map((c) => [c.name, c.args])).toEqual(direct.tool_calls?.map((c) => [c.name, c.args]));
  });

  it('streams the same chunks', async () => {
    const model = createOfflineProvider().create(spec).bindTools!(tools);
    let merged: AIMessageChunk | undefined;
    for await (const chunk of await model.stream([new SystemMessage('You are Tailor.'), new HumanMessage('do you ship abroad?')]))
      merged = merged ? merged.concat(chunk) : chunk;
    expect(merged?.tool_call_chunks?.map((c) => c.name)).toEqual(['store_policy']);
  });
});
