// The registry checks every tool result with its output schema compiled to a predicate
// (src/tools/output-check.ts) and asks zod only when the predicate says no. The predicate must
// never pass what zod refuses: here it is held to zod's verdict on real results of the tools and
// on every one-step breakage of them (a field gone, a field added, a value of the wrong kind).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { compileCheck } from '../../src/tools/output-check.js';
import { TOOL_NAMES, toolOutputs, type ToolName } from '../../src/tools/index.js';
import { ALL, data, store, type Store } from './scenario.js';

const WRONG: unknown[] = [undefined, null, '', 'x', 0, -1.5, Number.NaN, Infinity, true, false, [], {}, ['x'], { x: 1 }, new Map()];

/** The value with one thing broken, at every place in it: each key removed, a key added, each value swapped for a wrong kind. */
function breakages(value: unknown): unknown[] {
  const out: unknown[] = WRONG.slice();
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      for (const b of breakages(item)) out.push(value.map((x, j) => (j === i ? b : x)));
    });
    out.push([...value, 'extra']);
  } else if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    out.push({ ...obj, unexpectedField: 'x' });
    for (const key of Object.keys(obj)) {
      const { [key]: _gone, ...rest } = obj;
      out.push(rest);
      for (const b of breakages(obj[key])) out.push({ ...obj, [key]: b });
    }
  }
  return out;
}

describe('tool output checks compiled from the output schemas', () => {
  let s: Store;
  const samples: Array<{ name: ToolName; data: unknown }> = [];

  beforeAll(async () => {
    s = await store();
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const calls: Array<[ToolName, Record<string, unknown>]> = [
      ['lookup_order', { orderNumber: '28473' }],
      ['lookup_order', { orderNumber: '28474' }],
      ['lookup_order', {}],
      ['search_products', { query: 'red dress' }],
      ['get_product', { productId: 'p_wrap' }],
      ['add_to_cart', { productId: 'p_tee', size: 'M', quantity: 1 }],
      ['view_cart', {}],
      ['loyalty_status', {}],
      ['refund_status', {}],
      ['store_policy', { topic: 'shipping' }],
      ['store_policy', { topic: 'sizing' }],
      ['store_policy', { topic: 'returns' }],
    ];
    for (const [name, args] of calls) {
      const result = await s.registry.execute(name, args, ALL, ctx);
      samples.push({ name, data: data(result) });
    }
  });
  afterAll(() => s.h.dispose());

  it('every tool’s output schema compiles (none falls back to zod alone)', () => {
    for (const name of TOOL_NAMES) expect(compileCheck(toolOutputs[name]), name).not.toBeNull();
  });

  it('passes the real results of the tools, as zod does', () => {
    expect(samples.length).toBeGreaterThan(10);
    for (const { name, data: d } of samples) {
      expect(toolOutputs[name].safeParse(d).success, name).toBe(true);
      expect(compileCheck(toolOutputs[name])!(d), name).toBe(true);
    }
  });

  it('agrees with zod on every one-step breakage of those results', () => {
    let refused = 0;
    for (const { name, data: d } of samples) {
      const check = compileCheck(toolOutputs[name])!;
      for (const broken of breakages(d)) {
        const zod = toolOutputs[name].safeParse(broken).success;
        expect(check(broken), `${name}: ${JSON.stringify(broken)?.slice(0, 300)}`).toBe(zod);
        if (!zod) refused++;
      }
    }
    expect(refused).toBeGreaterThan(1000);
  });

  it('leaves to zod what it cannot compile: refinements, length checks, transforms, unknown kinds', () => {
    expect(compileCheck(z.string().min(2))).toBeNull();
    expect(compileCheck(z.strictObject({ a: z.number().int() }))).toBeNull();
    expect(compileCheck(z.object({ a: z.string() }).refine((o) => o.a !== 'x'))).toBeNull();
    expect(compileCheck(z.string().transform((t) => t.length))).toBeNull();
    expect(compileCheck(z.strictObject({ when: z.date() }))).toBeNull();
    expect(compileCheck(z.object({ a: z.string() }).catchall(z.number()))).toBeNull();
  });

  it('reads records as plain objects with string keys only, and objects as zod does', () => {
    const record = compileCheck(z.record(z.string(), z.number()))!;
    expect(record({ S: 1, M: 0 })).toBe(true);
    expect(record({ S: 'one' })).toBe(false);
    expect(record({ [Symbol('s')]: 1 })).toBe(false);
    expect(record(new Map([['S', 1]]))).toBe(false);
    const loose = compileCheck(z.object({ a: z.string() }))!;
    expect(loose({ a: 'x', b: 2 })).toBe(z.object({ a: z.string() }).safeParse({ a: 'x', b: 2 }).success);
    const strict = compileCheck(z.strictObject({ a: z.string().optional() }))!;
    expect([strict({}), strict({ a: undefined }), strict({ b: undefined }), strict({ a: 1 })]).toEqual([true, true, false, false]);
  });
});
