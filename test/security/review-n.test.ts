// Review N (this session's change): round L's allow-list of words beside a go-ahead (core/consent-unknown.ts, BESIDE)
// first let its words stand after the go-ahead too, where round K had tolerated only a verb done to the thing ("yes,
// pour it"), never an afterthought ("yes, sarcastically", "ok, whenever"). An afterthought that stops or mocks then read
// as a yes: "ok, enough" (stop it), "yes, enough", "ok, happy now" (sarcasm), "ok, that is enough" — and with a hosted
// model that confirms whatever it is told, "ok, enough" cancelled the order. Fixed in the same session (BESIDE only
// before the go-ahead); these keep it so, the reader and what a shopper would notice.
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_SHOPPERS, PROCESSING_ORDERS } from '../../src/db/seed/index.js';
import { ACTION_ECHO, isClearYes } from '../../src/core/index.js';
import { json, lastToolResult, puppet, secApp, type SecApp } from './support.js';
import { createHarness, drive, type Harness } from '../agent/harness.js';

const ACTIONS = Object.keys(ACTION_ECHO);
const MARCUS = DEMO_SHOPPERS.marcus;
const MARCUS_PROCESSING = PROCESSING_ORDERS.marcus;

/** An afterthought that stops the talk or mocks it, said after the go-ahead: no careful person acts on these. */
const AFTERTHOUGHTS = ['ok, enough', 'yes, enough', 'sure, enough', 'ok enough', 'ok, that is enough', 'ok, happy now'];

describe('review N: an allowed word said after the go-ahead', () => {
  it.each(AFTERTHOUGHTS)('"%s" confirms no action', (m) => {
    for (const action of ACTIONS) expect(isClearYes(m, { echo: ACTION_ECHO[action] }), `"${m}" to ${action}`).toBe(false);
    expect(isClearYes(m)).toBe(false);
  });

  it('words of thanks or assent before the go-ahead still confirm', () => {
    for (const m of ['Righto, go ahead', 'Ja, bitte, go ahead', 'Amen. Go ahead.', 'Yes, pour it.'])
      expect(isClearYes(m, { echo: ACTION_ECHO.cancel_order }), m).toBe(true);
  });
});

const apps: SecApp[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.dispose();
});

describe('review N: through the chat flow', () => {
  it('a hosted model confirming a cancellation on "ok, enough" is refused; the order stays', async () => {
    const s = await secApp({ model: 'fake' });
    apps.push(s);
    puppet(s.fake!, (msg, step) => {
      if (step > 0) return null;
      return [{ name: 'cancel_order', arguments: { orderNumber: MARCUS_PROCESSING, confirm: !/^CANCEL ORDER/.test(msg) } }];
    });
    const token = await s.token(MARCUS.id);
    const first = await json(await s.chat({ message: `CANCEL ORDER ${MARCUS_PROCESSING}` }, { token }));
    const res = await s.chat({ message: 'ok, enough', conversationId: first.conversationId }, { token });
    expect(res.status).toBe(200);
    await json(res);
    expect(lastToolResult(s.fake!)!.ok).toBe(false);
    expect((s.sql.prepare("select count(*) n from events where type = 'order_cancelled'").get() as { n: number }).n).toBe(0);
  });

  it('offline model: a proposed return label is not created by "ok, enough" or "ok, happy now"', async () => {
    for (const m of ['ok, enough', 'ok, happy now']) {
      const s = await secApp({ model: 'offline' });
      apps.push(s);
      const token = await s.token(MARCUS.id);
      const labels = () =>
        (s.sql.prepare(`select count(*) n from return_labels where order_id = 'o_${MARCUS.returnableOrder}'`).get() as { n: number }).n;
      const first = await json(await s.chat({ message: `I want to return order ${MARCUS.returnableOrder}` }, { token }));
      expect(first.toolCalls.map((t: { name: string }) => t.name)).toContain('create_return_label');
      await json(await s.chat({ message: m, conversationId: first.conversationId }, { token }));
      expect(labels(), `after "${m}"`).toBe(0);
    }
  });
});

// The JSON-mode call now goes to the chat model's `_generate` (agent/model-call.ts), past LangChain's invoke: the
// client's abort and the provider's retries must still hold there (round-trip.test.ts checks only the request).
describe('review N: a JSON-mode model call keeps the abort and the retries', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.dispose();
  });
  const input = (message: string) => ({
    persona: h.persona('repeat_buyer'),
    history: [],
    summary: '',
    message,
    toolCtx: h.ctx(),
    stream: false,
  });

  it('a request cancelled while the model hangs ends the turn at once, with no offline answer in its place', async () => {
    h = await createHarness();
    h.fake.script({ kind: 'hang' });
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(), 200);
    const started = Date.now();
    const { final } = await drive(input('Where is my order 28473?'), h.deps({ signal: ctl.signal }));
    expect(final.outcome).toBe('error');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(h.fake.requests).toHaveLength(1);
  });

  it('a 500 is retried and the second answer is the reply', async () => {
    h = await createHarness();
    h.fake.script({ kind: 'status', status: 500 }, { content: 'Here I am.' });
    const { final } = await drive(input('hi'), h.deps());
    expect(final).toMatchObject({ reply: 'Here I am.', model: 'openai:gpt-4o-mini', outcome: 'reply' });
    expect(h.fake.requests).toHaveLength(2);
    expect(h.fake.requests.every((r) => !r.body.stream)).toBe(true);
  });
});
