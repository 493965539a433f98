// GET /metrics: Prometheus text exposition behind the admin token, every line checked against
// the format, and the counts matching the turns, tools, proposals and refusals that happened.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, buildTelemetryApp, type TelemetryApp } from './support.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const LABEL = `[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*"`;
const SAMPLE = new RegExp(`^(${NAME})(\\{(?:${LABEL})(?:,${LABEL})*\\})? (-?[0-9.e+-]+|NaN|[+-]Inf)$`);

/** Parses the exposition strictly: any line that is not HELP, TYPE or a well-formed sample fails. */
function parseExposition(text: string): {
  types: Map<string, string>;
  samples: Sample[];
} {
  expect(text.endsWith('\n')).toBe(true);
  const types = new Map<string, string>();
  const helps = new Set<string>();
  const samples: Sample[] = [];
  for (const line of text.slice(0, -1).split('\n')) {
    let m = new RegExp(`^# HELP (${NAME}) (.*)$`).exec(line);
    if (m) {
      expect(helps.has(m[1]!), `HELP twice for ${m[1]}`).toBe(false);
      helps.add(m[1]!);
      continue;
    }
    m = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`).exec(line);
    if (m) {
      expect(types.has(m[1]!), `TYPE twice for ${m[1]}`).toBe(false);
      types.set(m[1]!, m[2]!);
      continue;
    }
    m = SAMPLE.exec(line);
    expect(m, `not a valid exposition line: ${JSON.stringify(line)}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const l of (m![2] ?? '').slice(1, -1).matchAll(new RegExp(`([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\\]|\\\\.)*)"`, 'g')))
      labels[l[1]!] = l[2]!;
    const name = m![1]!;
    // A sample belongs to a family declared above it: the name itself, or a histogram's parts.
    const family = types.has(name) ? name : name.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `sample ${name} before its TYPE`).toBe(true);
    if (family !== name) expect(types.get(family)).toBe('histogram');
    if (types.get(family) === 'counter') expect(Number(m![3])).toBeGreaterThanOrEqual(0);
    samples.push({
      name,
      labels,
      value: m![3] === '+Inf' ? Infinity : Number(m![3]),
    });
  }
  return { types, samples };
}

/** Buckets cumulative, le ascending, ending at +Inf = _count, per label set. */
function checkHistograms(types: Map<string, string>, samples: Sample[]): void {
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const groups = new Map<string, Sample[]>();
    for (const s of samples.filter((x) => x.name === `${family}_bucket`)) {
      const { le: _le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      groups.set(key, [...(groups.get(key) ?? []), s]);
    }
    for (const [key, buckets] of groups) {
      const les = buckets.map((b) => (b.labels.le === '+Inf' ? Infinity : Number(b.labels.le)));
      expect(les.at(-1)).toBe(Infinity);
      for (let i = 1; i < buckets.length; i++) {
        expect(les[i]!).toBeGreaterThan(les[i - 1]!);
        expect(buckets[i]!.value).toBeGreaterThanOrEqual(buckets[i - 1]!.value);
      }
      const count = samples.find((s) => s.name === `${family}_count` && JSON.stringify(s.labels) === key);
      const sum = samples.find((s) => s.name === `${family}_sum` && JSON.stringify(s.labels) === key);
      expect(count?.value).toBe(buckets.at(-1)!.value);
      expect(sum).toBeDefined();
    }
  }
}

const value = (samples: Sample[], name: string, labels: Record<string, string> = {}) =>
  samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((a, s) => a + s.value, 0);

async function scrape(t: TelemetryApp) {
  const res = await t.app.request('/metrics', {
    headers: { Authorization: `Bearer ${ADMIN}` },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('Content-Type')).toMatch(/^text\/plain; version=0\.0\.4/);
  const parsed = parseExposition(await res.text());
  checkHistograms(parsed.types, parsed.samples);
  return parsed;
}

describe('GET /metrics', () => {
  let t: TelemetryApp;
  beforeAll(async () => {
    t = await buildTelemetryApp({ rate: { sessionPerMin: 3, ipPerMin: 0 } });
  });
  afterAll(() => t.dispose());

  it('is behind the admin token', async () => {
    expect((await t.app.request('/metrics')).status).toBe(401);
    expect(
      (
        await t.app.request('/metrics', {
          headers: { Authorization: 'Bearer wrong-token-123' },
        })
      ).status,
    ).toBe(401);
    const noAdmin = await buildTelemetryApp({ adminToken: null });
    try {
      // Same contract as /api/admin/*: with admin disabled the route does not exist.
      expect(
        (
          await noAdmin.app.request('/metrics', {
            headers: { Authorization: `Bearer ${ADMIN}` },
          })
        ).status,
      ).toBe(404);
    } finally {
      await noAdmin.dispose();
    }
  });

  it('is valid exposition from the start, with every family declared', async () => {
    const { types } = await scrape(t);
    for (const [name, type] of [
      ['tailor_turns_total', 'counter'],
      ['tailor_turn_duration_seconds', 'histogram'],
      ['tailor_model_calls_total', 'counter'],
      ['tailor_model_call_duration_seconds', 'histogram'],
      ['tailor_model_failures_total', 'counter'],
      ['tailor_model_fallbacks_total', 'counter'],
      ['tailor_tool_calls_total', 'counter'],
      ['tailor_tokens_total', 'counter'],
      ['tailor_rate_limited_total', 'counter'],
      ['tailor_verifications_failed_total', 'counter'],
      ['tailor_proposals_total', 'counter'],
      ['tailor_model_degraded', 'gauge'],
    ])
      expect(types.get(name!), name).toBe(type);
  });

  it('counts turns, model calls, tools, tokens and proposals as they happen', async () => {
    const token = await t.token('marcus@example.com');
    const first = await t.chat('where is my order 28473?', { token });
    expect(first.status).toBe(200);
    const ret = await t.chat('I want to return order 28473', { token });
    expect(ret.status).toBe(200);
    const retBody = (await ret.json()) as {
      toolCalls: Array<{ name: string; ok: boolean }>;
    };
    expect(retBody.toolCalls.map((c) => c.name)).toContain('create_return_label');

    const { samples } = await scrape(t);
    expect(
      value(samples, 'tailor_turns_total', {
        segment: 'repeat_buyer',
        outcome: 'reply',
      }),
    ).toBe(2);
    expect(
      value(samples, 'tailor_turn_duration_seconds_count', {
        segment: 'repeat_buyer',
      }),
    ).toBe(2);
    expect(
      value(samples, 'tailor_tool_calls_total', {
        tool: 'lookup_order',
        outcome: 'ok',
      }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      value(samples, 'tailor_tool_calls_total', {
        tool: 'create_return_label',
      }),
    ).toBe(1);
    expect(value(samples, 'tailor_proposals_total', { tool: 'create_return_label' })).toBe(1);
    const calls = value(samples, 'tailor_model_calls_total', {
      model: 'offline',
      outcome: 'ok',
    });
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(
      value(samples, 'tailor_model_call_duration_seconds_count', {
        model: 'offline',
      }),
    ).toBe(calls);
    expect(
      value(samples, 'tailor_tokens_total', {
        model: 'offline',
        direction: 'input',
      }),
    ).toBeGreaterThan(0);
    expect(
      value(samples, 'tailor_tokens_total', {
        model: 'offline',
        direction: 'output',
      }),
    ).toBeGreaterThan(0);
    expect(value(samples, 'tailor_model_degraded')).toBe(0);
  });

  it('counts failed in-chat verifications', async () => {
    const before = value((await scrape(t)).samples, 'tailor_verifications_failed_total');
    const res = await t.chat('my email is marcus@example.com and my order number is 20100');
    expect(res.status).toBe(200);
    expect(
      (
        (await res.json()) as {
          toolCalls: Array<{ name: string; ok: boolean }>;
        }
      ).toolCalls,
    ).toContainEqual(expect.objectContaining({ name: 'verify_customer' }));
    const { samples } = await scrape(t);
    expect(value(samples, 'tailor_verifications_failed_total')).toBe(before + 1);
    expect(value(samples, 'tailor_events_total', { type: 'verify_failed' })).toBe(1);
  });

  it('counts rate-limited chat messages and throttled admin sign-ins', async () => {
    const session = { 'X-Tailor-Session': 'sess_ratelimit_metrics_1' };
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await t.chat('hi', { headers: session })).status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(2);
    const limited = statuses.filter((s) => s === 429).length;

    // Eleven wrong admin tokens from one address: the address is locked out (429).
    const wrong: number[] = [];
    for (let i = 0; i < 11; i++)
      wrong.push(
        (
          await t.app.request('/metrics', {
            headers: { Authorization: `Bearer nope-${i}-xxxxxxxx` },
          })
        ).status,
      );
    expect(wrong.at(-1)).toBe(429);
    const throttled = wrong.filter((s) => s === 429).length;
    // Locked: even the right token waits, and that refusal counts too.
    expect(
      (
        await t.app.request('/metrics', {
          headers: { Authorization: `Bearer ${ADMIN}` },
        })
      ).status,
    ).toBe(429);
    const text = t.tailor.telemetry.renderMetrics();
    const { samples } = parseExposition(text);
    expect(value(samples, 'tailor_rate_limited_total', { scope: 'chat' })).toBe(limited);
    expect(value(samples, 'tailor_rate_limited_total', { scope: 'admin' })).toBe(throttled + 1);
  });
});

describe('a turn that breaks', () => {
  it('is counted as outcome "failed" with its segment and persona, and answered 500', async () => {
    const t = await buildTelemetryApp();
    try {
      const token = await t.token('marcus@example.com');
      expect((await t.chat('hi', { token })).status).toBe(200);
      // The store breaks under the turn: its commit cannot write the messages.
      t.sqlite.exec('DROP TABLE messages');
      const res = await t.chat('where is my order 28473?', { token });
      expect(res.status).toBe(500);
      const { samples } = await scrape(t);
      expect(value(samples, 'tailor_turns_total', { outcome: 'failed', segment: 'repeat_buyer', persona: 'repeat-buyer' })).toBe(1);
      expect(value(samples, 'tailor_turns_total', { outcome: 'reply' })).toBe(1);
    } finally {
      await t.dispose();
    }
  });
});
