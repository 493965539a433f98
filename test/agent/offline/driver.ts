// A minimal model → tools → model loop for driving the offline model through multi-turn
// conversations in tests: the same message shapes the agent loop produces (AI tool calls,
// ToolMessages with the JSON ToolResult), with a pluggable tool executor.
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { ToolResult } from '../../../src/tools/types.js';

export type Executor = (name: string, args: Record<string, unknown>) => Promise<ToolResult> | ToolResult;

export interface TurnOutcome {
  reply: string;
  calls: Array<{ name: string; args: Record<string, unknown>; result: ToolResult }>;
  metadata: Record<string, unknown>;
}

export function functionTools(names: readonly string[]) {
  return names.map((name) => ({
    type: 'function' as const,
    function: { name, description: name, parameters: { type: 'object', properties: {} } },
  }));
}

export class Conversation {
  readonly messages: BaseMessage[];

  constructor(
    private readonly model: BaseChatModel,
    private readonly tools: readonly unknown[],
    private readonly execute: Executor,
    system = 'You are Tailor, an AI shopping assistant.',
    private readonly maxSteps = 6,
  ) {
    this.messages = [new SystemMessage(system)];
  }

  async say(text: string): Promise<TurnOutcome> {
    this.messages.push(new HumanMessage(text));
    const bound = this.model.bindTools!(this.tools as never[]);
    const calls: TurnOutcome['calls'] = [];
    for (let step = 0; step < this.maxSteps; step++) {
      const out = await bound.invoke(this.messages);
      const toolCalls = out.tool_calls ?? [];
      if (toolCalls.length === 0) {
        const reply = typeof out.content === 'string' ? out.content : '';
        this.messages.push(new AIMessage(reply));
        return { reply, calls, metadata: out.response_metadata };
      }
      this.messages.push(new AIMessage({ content: '', tool_calls: toolCalls }));
      for (const c of toolCalls) {
        const result = await this.execute(c.name, c.args);
        calls.push({ name: c.name, args: c.args, result });
        this.messages.push(new ToolMessage({ content: JSON.stringify(result), tool_call_id: c.id ?? '', name: c.name }));
      }
    }
    throw new Error(`no reply within ${this.maxSteps} model calls`);
  }
}
