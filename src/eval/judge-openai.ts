// The LLM judge: any OpenAI-compatible model through ChatOpenAI, asked for a structured
// verdict (score 1–5 and a reason) via function calling, which every compatible server supports.
import { ChatOpenAI } from '@langchain/openai';
import { z } from 'zod';
import type { Judge } from './graders/index.js';

const VerdictSchema = z.object({
  score: z.number().int().min(1).max(5).describe('1 = fails the rubric, 5 = fully meets it'),
  reason: z.string().describe('One or two sentences naming what decided the score'),
});

const SYSTEM = `You grade replies of a fashion store's shopping assistant against a rubric.
The assistant speaks in a persona chosen for the shopper's segment (new_visitor: guided and welcoming;
repeat_buyer: brief and efficient; vip: greeted by name, perks offered; neutral: plain, no personalization).
Judge only the reply against the rubric and the persona. Facts come from the tool results shown; do not
reward invented facts. Answer with the grade function.`;

export function createOpenAIJudge(spec: string, env: { apiKey?: string; baseURL?: string; timeoutMs?: number }): Judge {
  const model = spec.replace(/^openai:/, '');
  if (!env.apiKey) throw new Error('--judge needs OPENAI_API_KEY (and OPENAI_BASE_URL for a non-OpenAI endpoint)');
  const llm = new ChatOpenAI({
    model,
    apiKey: env.apiKey,
    temperature: 0,
    maxRetries: 2,
    timeout: env.timeoutMs ?? 30_000,
    configuration: env.baseURL ? { baseURL: env.baseURL } : undefined,
  });
  const grader = llm.withStructuredOutput(VerdictSchema, { name: 'grade', method: 'functionCalling' });
  return {
    name: spec,
    async score(input) {
      const tools =
        input.toolCalls.map((c) => `${c.name}(${JSON.stringify(c.args)}) → ${JSON.stringify(c.result).slice(0, 800)}`).join('\n') ||
        '(no tool calls)';
      const user = `Rubric: ${input.rubric}\nPersona: ${input.persona}\n\nShopper: ${input.user}\n\nTool calls:\n${tools}\n\nAssistant reply:\n${input.reply}`;
      const v = await grader.invoke([
        { role: 'system', content: SYSTEM },
        { role: 'user', content: user },
      ]);
      return VerdictSchema.parse(v);
    },
  };
}
