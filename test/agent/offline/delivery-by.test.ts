// "Can I get it by Friday?": the shipping policy's business-day ranges counted from the date the
// persona prompt gives, against the day the shopper names.
import { describe, expect, it } from 'vitest';
import { policyReply } from '../../../src/agent/offline/replies-policy.js';
import { extractEntities } from '../../../src/agent/offline/entities.js';
import { normalize } from '../../../src/agent/offline/normalize.js';
import type { Frame } from '../../../src/agent/offline/frame.js';
import type { Exchange } from '../../../src/agent/offline/conversation.js';
import { policy } from './tool-results.js';

const shipping: Exchange = {
  id: 'c1',
  name: 'store_policy',
  args: { topic: 'shipping' },
  result: { ok: true, data: policy('shipping'), error: null },
};
const frame = (text: string, today: string | null): Frame => ({
  intent: 'policy_shipping',
  e: extractEntities(normalize(text)),
  text,
  product: null,
  orderNumber: null,
  injection: false,
  offset: 0,
  aboutProductPage: false,
  pageQuestion: text,
  aboutColours: false,
  foreign: false,
  today,
});
const answer = (text: string, today: string | null = '2026-12-03') => policyReply(shipping, frame(text, today)).body;

describe('delivery by a named day (today: Thursday 2026-12-03; standard 3–5, express 1–2 business days)', () => {
  it('next Wednesday: express makes it, standard does not', () => {
    expect(answer('can it be here by next wednesday')).toMatch(
      /^Yes, with express \(1–2 business days, \$14\.95[^)]*\): it arrives by Monday 2026-12-07 if you order today before 2 pm ET\. Standard delivery would take until Thursday 2026-12-10\.$/,
    );
  });

  it('Friday or tomorrow: express might, not guaranteed; Saturday counts as the Friday before', () => {
    for (const q of ['can i get it by friday', 'will it arrive by tomorrow', 'I need it by Saturday, is that possible?']) {
      expect(answer(q), q).toMatch(/^Possibly: express .* arrives between Friday 2026-12-04 and Monday 2026-12-07 .*isn't guaranteed/);
    }
  });

  it('a day a week out: standard is enough', () => {
    // From Monday 2026-11-30, standard takes until Monday 2026-12-07 at the latest.
    expect(answer('will it come by monday?', '2026-11-30')).toBe(
      'Yes: standard delivery (3–5 business days) arrives by Monday 2026-12-07 if you order today before 2 pm ET, in time for Monday 2026-12-07.',
    );
  });

  it('without a day, or without today in the prompt, the usual shipping answer', () => {
    expect(answer('how long does shipping take?')).toMatch(/^Standard delivery takes 3–5 business days/);
    expect(answer('can i get it by friday', null)).toMatch(/^Standard delivery takes 3–5 business days/);
  });
});
