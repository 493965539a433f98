// The pieces on their own: the exposition's escaping, the health window's rules, and that with
// tracing off a turn gets no span and one shared counting observer (nothing built per call).
import { describe, expect, it } from 'vitest';
import { trace } from '@opentelemetry/api';
import { createModelHealth, createRegistry, createTelemetry } from '../../src/telemetry/index.js';
import { parentContext } from '../../src/telemetry/spans.js';

describe('exposition', () => {
  it('escapes label values and help text, and exposes label-less counters at 0', () => {
    const r = createRegistry();
    const c = r.counter('x_total', 'Help with \\ and\nnewline.', ['tool']);
    c.inc(['a "quoted"\nname\\'], 2);
    r.counter('y_total', 'Plain.');
    expect(r.render()).toBe(
      [
        '# HELP x_total Help with \\\\ and\\nnewline.',
        '# TYPE x_total counter',
        'x_total{tool="a \\"quoted\\"\\nname\\\\"} 2',
        '# HELP y_total Plain.',
        '# TYPE y_total counter',
        'y_total 0',
        '',
      ].join('\n'),
    );
  });

  it('histogram buckets are cumulative with +Inf equal to the count', () => {
    const r = createRegistry();
    const h = r.histogram('d_seconds', 'D.', ['m'], [0.1, 1]);
    for (const v of [0.05, 0.1, 0.5, 3]) h.observe(['x'], v);
    expect(r.render()).toContain(
      [
        'd_seconds_bucket{m="x",le="0.1"} 2',
        'd_seconds_bucket{m="x",le="1"} 3',
        'd_seconds_bucket{m="x",le="+Inf"} 4',
        'd_seconds_sum{m="x"} 3.65',
        'd_seconds_count{m="x"} 4',
      ].join('\n'),
    );
  });
});

describe('model health window', () => {
  it('degrades at half the recent calls failed, forgets old calls, recovers after three successes', () => {
    const h = createModelHealth({ size: 10, maxAgeMs: 300_000 });
    const t0 = 1_000_000;
    h.record(true, null, t0);
    h.record(false, 'timeout', t0 + 1);
    expect(h.state(t0 + 2).status).toBe('ok'); // 1 of 2, and under the 3-call minimum
    h.record(false, 'server_error', t0 + 2);
    expect(h.state(t0 + 3)).toMatchObject({
      status: 'degraded',
      calls: 3,
      failures: 2,
    });
    // Five minutes later those calls are forgotten.
    expect(h.state(t0 + 300_100)).toMatchObject({ status: 'ok', calls: 0 });
    const t1 = t0 + 400_000;
    h.record(false, 'timeout', t1);
    h.record(false, 'timeout', t1 + 1);
    h.record(false, 'timeout', t1 + 2);
    h.record(true, null, t1 + 3);
    h.record(true, null, t1 + 4);
    expect(h.state(t1 + 5)).toMatchObject({
      status: 'degraded',
      calls: 5,
      failures: 3,
    });
    h.record(true, null, t1 + 5);
    // Half failed still, but the three latest calls succeeded: it is answering again.
    expect(h.state(t1 + 6)).toMatchObject({
      status: 'ok',
      calls: 6,
      failures: 3,
    });
  });
});

describe('tracing off', () => {
  it('makes no span and hands every turn the same counting observer', () => {
    const t = createTelemetry();
    expect(t.tracing).toBe(false);
    expect(
      t.startTurn({
        traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
      }),
    ).toBeUndefined();
    const a = t.observer(undefined, 'conv_a');
    expect(t.observer(undefined, 'conv_b')).toBe(a);
    expect(a.modelStart('offline', false)).toBeUndefined();
    expect(a.toolStart('lookup_order', 'call_1')).toBeUndefined();
  });
});

describe('traceparent', () => {
  const parent = (traceparent: string | undefined, tracestate?: string) => trace.getSpanContext(parentContext({ traceparent, tracestate }));
  it('a valid header is the remote parent, with its sampled flag and tracestate', () => {
    const ctx = parent('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01', 'vendor=abc');
    expect(ctx).toMatchObject({ traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: 1, isRemote: true });
    expect(ctx?.traceState?.get('vendor')).toBe('abc');
    expect(parent('01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00-extra')).toMatchObject({ traceFlags: 0 }); // a later version may add fields
  });
  it.each([
    undefined,
    '',
    'garbage',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7',
    'ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    `00-${'0'.repeat(32)}-00f067aa0ba902b7-01`,
    `00-4bf92f3577b34da6a3ce929d0e0e4736-${'0'.repeat(16)}-01`,
    '00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01',
    '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra',
  ])('%j starts a new trace', (header) => expect(parent(header)).toBeUndefined());
});
