// A yes may repeat what a swap gives ("yes, XL, go"), read from the server's own summary of the
// proposal. Of a swap of several pieces, a yes naming one of them may mean that one only: no yes.
import { describe, expect, it } from 'vitest';
import { isClearYes } from '../../src/core/index.js';
import { proposalEcho } from '../../src/shop/index.js';

const one = {
  action: 'exchange',
  summary:
    'Exchange on order #28473: Navy Merino Crew-Neck Jumper (L) for Navy Merino Crew-Neck Jumper (XL); free return label emailed to m***@example.com.',
};
const two = {
  action: 'exchange',
  summary:
    'Exchange on order #28473: Navy Merino Crew-Neck Jumper (L) for Navy Merino Crew-Neck Jumper (XL), Stone Stretch Chino Trousers (M) for Stone Stretch Chino Trousers (L); free return label emailed to m***@example.com.',
};

describe('a yes repeating what a swap gives', () => {
  it('of one piece, repeating its new size is a yes; naming the size given up is not', () => {
    expect(isClearYes('yes, XL, go', { echo: proposalEcho(one) })).toBe(true);
    expect(isClearYes('ok extra large, do it', { echo: proposalEcho(one) })).toBe(true);
    expect(isClearYes('yes, L', { echo: proposalEcho(one) })).toBe(false);
  });

  it('of several pieces, a yes naming one of them is no yes (it may keep only that one)', () => {
    expect(isClearYes('yes, the jumper', { echo: proposalEcho(two) })).toBe(false);
    expect(isClearYes('yes XL', { echo: proposalEcho(two) })).toBe(false);
    expect(isClearYes('yes, swap them', { echo: proposalEcho(two) })).toBe(true);
  });
});
