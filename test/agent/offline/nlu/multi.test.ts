// Several requests in one message, scored on the independent set data/nlu/test/multi.yaml through
// the offline model's own splitter and classifier (the figure `npm run nlu:report` prints).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { NLU_PATHS } from '../../../../src/agent/offline/nlu/node.js';
import { scoreMultiRequests, type MultiCase } from '../../../../src/agent/offline/multi-score.js';

const cases = parse(readFileSync(join(NLU_PATHS.test, 'multi.yaml'), 'utf8')) as MultiCase[];

describe('several requests in one message', () => {
  it('takes at least two thirds of the 60 test messages apart in full, each part with its intent', () => {
    const score = scoreMultiRequests(cases);
    expect(score.total).toBe(60);
    expect(score.handled).toBeGreaterThanOrEqual(40);
  });

  it('keeps one request whole when a comma only gives its reason', () => {
    const { outcomes } = scoreMultiRequests([
      { text: 'please cancel my order, I ordered the wrong thing', intents: ['cancel_order'] },
      { text: 'the trainers I ordered are the wrong size, can I swap them?', intents: ['exchange'] },
    ]);
    expect(outcomes.map((o) => o.parts.length)).toEqual([1, 1]);
  });
});
