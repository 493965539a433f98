// A worry about the price said with "don't" ("I don't want to pay shipping again", "do not make me pay postage") while
// a proposal waits (core/consent-no.ts `withoutCostWorry`): no refusal, so the proposal is not withdrawn — and never a
// yes either: said beside a yes it is a yes on a condition, which confirms nothing, and a refusal beside it is still one.
// What a shopper notices: asking "is it free? don't want to pay twice" keeps the swap or return waiting; the label is
// made only on a plain yes after it.
import { describe, expect, it } from 'vitest';
import { ACTION_ECHO, isClearNo } from '../../src/core/index.js';
import { appsPerTest, describeConsentReader, labelHeldUntilClearYes } from './support.js';

const WORRIES = [
  "is the swap free? don't want to pay for delivery twice",
  'I do not want to be charged for the postage again',
  "don't wanna pay shipping a second time",
  "Please don't make me pay for the return, money is tight",
  'dont want to spend more on delivery',
];

describe('a worry about the price is no refusal', () => {
  it('none of the worries withdraws the proposal waiting', () => {
    for (const m of WORRIES) {
      expect(isClearNo(m), m).toBe(false);
      expect(isClearNo(m, { echo: ACTION_ECHO.exchange }), `${m} (to a swap)`).toBe(false);
    }
  });

  it('a refusal said beside the worry is still a refusal', () => {
    for (const m of [
      "no, I don't want to pay shipping again",
      "I don't want to pay postage, forget it",
      "don't want to pay for that, leave it",
      "don't do it, I don't want to pay again",
    ])
      expect(isClearNo(m), m).toBe(true);
  });
});

describeConsentReader(
  'a yes said beside a worry about the price is a yes on a condition',
  {
    'yes with a worry': [
      "yes but I don't want to pay shipping again",
      "ok go ahead, as long as I don't have to pay postage",
      "sure, just don't charge me for delivery",
    ],
  },
  ['yes please, go ahead'],
  'a plain yes is still a yes',
);

const open = appsPerTest();

describe('consent and a worry about the price: through the chat flow (offline model)', () => {
  it('a return waiting: worries create no label; a plain yes then creates it', async () => {
    await labelHeldUntilClearYes(
      open,
      ["is the label free? I don't want to pay for postage", "yes but don't charge me for it"],
      'yes please, send it',
    );
  });
});
