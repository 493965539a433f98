// The LLM judge through the real ChatOpenAI client, against a local Chat Completions server:
// the rubric and the reply reach the model, its structured verdict becomes pass or fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOpenAIJudge } from '../../src/eval/judge-openai.js';
import { gradeJudge } from '../../src/eval/graders/index.js';
import { startFakeOpenAI, type FakeOpenAI } from '../support/fake-openai.js';
import { turn } from './helpers.js';

let fake: FakeOpenAI;
beforeAll(async () => {
  fake = await startFakeOpenAI();
});
afterAll(() => fake.close());

describe('openai judge', () => {
  const rubric = { rubric: 'Greets the VIP by name and mentions a perk.', minScore: 4 };
  const t = turn(1, 'hi', 'Welcome back, Sarah! Enjoy free express shipping.', [], { persona: { id: 'vip', version: 'v', variant: null } });

  it('sends rubric, persona and reply, and passes on a high score', async () => {
    fake.script({ toolCalls: [{ name: 'grade', arguments: { score: 5, reason: 'Uses her name and a perk.' } }] });
    const judge = createOpenAIJudge('openai:judge-model', { apiKey: 'sk-local', baseURL: fake.url });
    const [check] = await gradeJudge(rubric, t, judge);
    expect(check).toMatchObject({
      grader: 'judge',
      status: 'pass',
      reason: 'openai:judge-model scored 5/5 (min 4): Uses her name and a perk.',
    });
    const body = fake.requests[0]!.body;
    expect(body.model).toBe('judge-model');
    expect(body.tools?.[0]?.function.name).toBe('grade');
    const prompt = JSON.stringify(body.messages);
    expect(prompt).toContain('Greets the VIP by name and mentions a perk.');
    expect(prompt).toContain('Persona: vip');
    expect(prompt).toContain('Welcome back, Sarah!');
  });

  it('fails below the minimum score', async () => {
    fake.script({ toolCalls: [{ name: 'grade', arguments: { score: 2, reason: 'No perk.' } }] });
    const judge = createOpenAIJudge('openai:judge-model', { apiKey: 'sk-local', baseURL: fake.url });
    expect((await gradeJudge(rubric, t, judge))[0]).toMatchObject({
      status: 'fail',
      reason: 'openai:judge-model scored 2/5 (min 4): No perk.',
    });
  });
});
