import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ALL_TOOLS, createToolRegistry, defineTool, readOutput, TOOL_NAMES, toolSchemas, type ToolName } from '../../src/tools/index.js';
import { ALL, data, error, store, type Store } from './scenario.js';

describe('tool registry', () => {
  let s: Store;
  beforeEach(async () => {
    s = await store();
  });
  afterEach(() => s.h.dispose());

  it('refuses a tool outside the persona’s list exactly like an unknown tool', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const newVisitor: ToolName[] = [
      'search_products',
      'get_product',
      'add_to_cart',
      'view_cart',
      'store_policy',
      'verify_customer',
      'escalate_to_human',
    ];
    const refused = await s.registry.execute('lookup_order', { orderNumber: '28473' }, newVisitor, ctx);
    expect(error(refused)).toEqual({ code: 'not_allowed', message: 'tool lookup_order is not available' });
    expect(error(await s.registry.execute('drop_tables', {}, ALL, ctx))).toEqual({
      code: 'not_allowed',
      message: 'tool drop_tables is not available',
    });
    expect(error(await s.registry.execute('__proto__', {}, ALL, ctx)).code).toBe('not_allowed');
  });

  it('accepts arguments as a JSON string, an object, or nothing for tools without parameters', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    expect(data(await s.registry.execute('lookup_order', '{"orderNumber":"#28473"}', ALL, ctx)).order.orderNumber).toBe('28473');
    expect(data(await s.registry.execute('lookup_order', { orderNumber: '28473' }, ALL, ctx)).order.orderNumber).toBe('28473');
    expect(data(await s.registry.execute('view_cart', '', ALL, ctx)).cart.items).toEqual([]);
    expect(data(await s.registry.execute('loyalty_status', undefined, ALL, ctx)).tier).toBe('silver');
  });

  it('turns invalid JSON and schema failures into errors naming the field and reason', async () => {
    const ctx = await s.chat();
    const badJson = error(await s.registry.execute('add_to_cart', '{"productId": "p_tee", size: M', ALL, ctx));
    expect(badJson.code).toBe('invalid_arguments');
    expect(badJson.message).toMatch(/not valid JSON/);
    const tooMany = error(await s.registry.execute('add_to_cart', { productId: 'p_tee', size: 'M', quantity: 11 }, ALL, ctx));
    expect(tooMany).toMatchObject({ code: 'invalid_arguments', field: 'quantity' });
    expect(tooMany.message).toMatch(/quantity: .*<=10/);
    const missing = error(await s.registry.execute('add_to_cart', { productId: 'p_tee' }, ALL, ctx));
    expect(missing).toMatchObject({ field: 'size' });
    const notObject = error(await s.registry.execute('add_to_cart', '[1,2]', ALL, ctx));
    expect(notObject.code).toBe('invalid_arguments');
  });

  it('reports a tool that throws as a safe failure, never a stack or a crash', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const seen: unknown[] = [];
    const registry = createToolRegistry({ onError: (_n, e) => seen.push(e) });
    s.h.sqlite.close(); // every query now throws inside the tool
    const r = error(await registry.execute('lookup_order', { orderNumber: '28473' }, ALL, ctx));
    expect(r.code).toBe('failed');
    expect(r.message).not.toMatch(/at |\.ts|sqlite|database/i);
    expect(seen).toHaveLength(1);
  });

  it('describes every tool for the model with a JSON Schema of its input, computed once', () => {
    const defs = s.registry.definitions(TOOL_NAMES);
    expect(defs.map((d) => d.function.name)).toEqual([...TOOL_NAMES]);
    for (const d of defs) {
      expect(d.type).toBe('function');
      expect(d.function.description.length).toBeGreaterThan(40);
      expect(d.function.description.length).toBeLessThan(400);
      expect(d.function.parameters.type).toBe('object');
      expect(d.function.parameters).not.toHaveProperty('$schema');
    }
    const add = defs.find((d) => d.function.name === 'add_to_cart')!.function.parameters as any;
    expect(add.required).toEqual(['productId', 'size']); // quantity has a default, so the model may omit it
    expect(add.properties.quantity).toMatchObject({ type: 'integer', minimum: 1, maximum: 10 });
    expect(s.registry.definitions(['add_to_cart'])[0]).toBe(s.registry.definitions(['add_to_cart'])[0]);
    // What the model is told is required is exactly what validation requires.
    for (const name of TOOL_NAMES) {
      const params = defs.find((d) => d.function.name === name)!.function.parameters as {
        properties: Record<string, unknown>;
        required?: string[];
      };
      const shape = toolSchemas[name].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
      expect(Object.keys(params.properties).sort(), name).toEqual(Object.keys(shape).sort());
      for (const key of Object.keys(shape))
        expect(params.required?.includes(key) ?? false, `${name}.${key}`).toBe(!shape[key]!.safeParse(undefined).success);
    }
  });

  it('checks every result against its tool’s output schema: a result outside it fails like a crash and is reported', async () => {
    const ctx = await s.chat({ customerId: 'c_marcus' });
    const errors: Array<[ToolName, unknown]> = [];
    // A store_policy that drifted: an undeclared field and a policy text that is not a string.
    const drifted = defineTool({
      ...ALL_TOOLS.store_policy,
      run: async (args) => ({ ok: true, data: { topic: args.topic, policy: { cost: 5 }, secret: 'x' } as never }),
    });
    const registry = createToolRegistry({ tools: { store_policy: drifted }, onError: (tool, e) => errors.push([tool, e]) });
    const r = error(await registry.execute('store_policy', { topic: 'returns' }, ALL, ctx));
    expect(r.code).toBe('failed');
    expect(r.message).not.toMatch(/secret|schema/);
    expect(errors).toHaveLength(1);
    expect(String(errors[0]![1])).toMatch(/store_policy returned data outside its output schema/);
    // The real tool's result reads back through the same schema, typed.
    const real = await s.registry.execute('store_policy', { topic: 'returns' }, ALL, ctx);
    expect(real.ok && readOutput('store_policy', real.data)?.topic).toBe('returns');
    expect(readOutput('store_policy', { topic: 'returns', policy: {}, secret: 1 })).toBeNull();
  });
});
