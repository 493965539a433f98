// Which clause of a long message makes the request (issue 20): the act head reads it, not a pattern
// of question marks and "could you". A need or a problem told flatly asks; a question put to nobody
// ("what was I thinking?") and background only tell. The focusing rule runs on a scripted intent
// reader (what each clause is about), with the real act head deciding which clauses ask; then the
// real classifier end to end. Sentences written for this file.
import { describe, expect, it } from 'vitest';
import type { IntentPrediction } from '../../../src/agent/offline/nlu/index.js';
import { asks, focusOnRequest } from '../../../src/agent/offline/focus.js';
import { classify } from '../../../src/agent/offline/classify.js';
import { remember } from '../../../src/agent/offline/memory.js';
import { splitRequests } from '../../../src/agent/offline/multi.js';
import { scriptedReadings } from './readings.js';

const LABELS = ['order_status', 'return', 'policy_general', 'smalltalk', 'greeting', 'thanks', 'complaint', 'search'];

const reading = scriptedReadings(LABELS);

/** A scripted intent reader: the first pattern the text matches gives its reading. */
const reader =
  (script: Array<[RegExp, IntentPrediction]>, otherwise: IntentPrediction) =>
  (text: string): IntentPrediction =>
    script.find(([re]) => re.test(text))?.[1] ?? otherwise;

describe('the act head says which clause asks', () => {
  it.each([
    'the parcel with my walking boots still has not turned up',
    'the return label for the wool coat never came through',
    'she needs the next size up',
    'a refund to my card would be ideal',
  ])('a request with no question mark and no "could you" asks: "%s"', (clause) => {
    expect(asks(clause)).toBe(true);
  });

  it.each([
    'what was I even thinking with that colour?',
    'why on earth did I pick the orange one?',
    'I already looked in my spam folder and the junk mail',
    'my sister put me onto you years ago',
    'we moved to a new flat in March',
    'Many thanks,',
  ])('background, courtesy or a question to nobody does not: "%s"', (clause) => {
    expect(asks(clause)).toBe(false);
  });
});

describe('focusing on the request, with the act head', () => {
  it('a problem told flatly after the background is read for its request, with the clause told just before it', () => {
    const text =
      'We moved to a new flat in March. My neighbour takes in most of my parcels. The parcel with my walking boots still has not turned up.';
    const whole = reading('smalltalk', 0.3, ['order_status']);
    const predict = reader(
      [
        [/moved/, reading('smalltalk', 0.3)],
        // The problem with its context is clearly a delivery question; alone, the words are unsure of it.
        [/neighbour.*turned up/i, reading('order_status', 0.8)],
        [/turned up/, reading('order_status', 0.45)],
      ],
      reading('smalltalk', 0.3),
    );
    expect(focusOnRequest(text, whole, predict).label).toBe('order_status');
  });

  it('a question to nobody does not win over the request told after it', () => {
    const text = 'What was I even thinking with that colour? Anyway, the jumper is going back to you for a refund.';
    const whole = reading('smalltalk', 0.3, ['policy_general', 'return']);
    const predict = reader(
      [
        [/thinking.*refund/i, reading('return', 0.8)],
        // Read alone, the musing looks like a clear question of another kind.
        [/thinking/, reading('policy_general', 0.9)],
        [/refund/, reading('return', 0.45)],
      ],
      reading('smalltalk', 0.3),
    );
    expect(focusOnRequest(text, whole, predict).label).toBe('return');
  });
});

describe('the real classifier and splitter on letters with the request buried', () => {
  const letter =
    'Hi there, long time customer here, my sister put me onto you years ago. I already looked in my spam folder and the junk mail. The return label for the wool coat never came through. Best, Priya';

  it('a letter whose only request is a problem told without a question is read for it', () => {
    const u = classify(letter);
    expect(u.intent).toBe('return');
    expect(u.lowConfidence).toBe(false);
  });

  it('the splitter keeps the background and courtesy with that one request', () => {
    expect(splitRequests(letter, remember([]))).toEqual([letter]);
  });
});
