// The scripted tool results cannot drift from the real tools: every default is what its tool's
// output schema allows, and a test's own result in a shape no tool returns fails where it is
// given, naming the tool and the field.
import { describe, expect, it } from 'vitest';
import { POLICY_TOPICS } from '../../../src/shop/index.js';
import { toolOutputs, TOOL_NAMES, type ToolResult } from '../../../src/tools/index.js';
import { scripted } from './scripted.js';
import { card, policy, productDetail } from './tool-results.js';

const ARGS: Record<string, Record<string, unknown>> = {
  get_product: { productId: 'p_red' },
  add_to_cart: { productId: 'p_blue', size: 'M', quantity: 1 },
  create_return_label: { orderNumber: '28473', confirm: false },
  reorder: { orderNumber: '28473' },
  store_policy: { topic: 'shipping' },
};

describe('scripted tool results', () => {
  it('are each what the real tool returns', async () => {
    const exec = scripted();
    let scriptedTools = 0;
    for (const name of TOOL_NAMES) {
      const result = await exec(name, ARGS[name] ?? {});
      if (!result.ok) continue;
      scriptedTools++;
      expect(toolOutputs[name].safeParse(result.data).success, name).toBe(true);
    }
    // Both sides of the confirming and the looking-up tools too.
    for (const [name, args] of [
      ['create_return_label', { orderNumber: '28473', confirm: true }],
      ['lookup_order', { orderNumber: '28473' }],
    ] as const) {
      const result = await exec(name, args);
      expect(result.ok && toolOutputs[name].safeParse(result.data).success, name).toBe(true);
    }
    expect(scriptedTools).toBeGreaterThanOrEqual(12);
  });

  it('refuse a test’s result in a shape the tool never returns, naming the field', () => {
    const exec = scripted({
      get_product: () => ({ ok: true, data: { product: { id: 'p_red', name: 'Red Linen Wrap Dress' } } }),
      view_cart: () => ({ ok: true, data: { items: [], itemCount: 0, subtotal: 0 } }),
      lookup_order: () => ({ ok: true, data: { orders: [{ orderNumber: '28473', status: 'delivered', items: [] }] } }),
    });
    expect(() => exec('get_product', { productId: 'p_red' })).toThrow(/get_product result[\s\S]*product/);
    expect(() => exec('view_cart', {})).toThrow(/view_cart result[\s\S]*cart/);
    expect(() => exec('lookup_order', {})).toThrow(/lookup_order result[\s\S]*(placed|total)/);
    // Failures pass as they are: they are no tool's output.
    const failing = scripted({ add_to_cart: (): ToolResult => ({ ok: false, error: { code: 'unavailable', message: 'Sold out.' } }) });
    expect(failing('add_to_cart', {})).toEqual({ ok: false, error: { code: 'unavailable', message: 'Sold out.' } });
  });

  it('build only what the schemas allow: a card without a price, a policy for every topic', () => {
    expect(() =>
      card({ id: 'p', name: 'Tee', category: 'tops', colour: 'navy', price: Number.NaN, description: '', stock: { M: 1 } }),
    ).toThrow(/product card p[\s\S]*price/);
    const tee = card({
      id: 'p_tee',
      name: 'Navy Tee',
      category: 'tops',
      colour: 'navy',
      price: 25,
      description: 'Cotton.',
      stock: { S: 0, M: 2 },
    });
    expect(productDetail(tee)).toMatchObject({
      sizes: [
        { size: 'S', stock: 0 },
        { size: 'M', stock: 2 },
      ],
      inStockSizes: ['M'],
    });
    for (const topic of POLICY_TOPICS) expect(policy(topic).topic).toBe(topic);
  });
});
