// The cart as a checkout link on the store, and the settings that choose which link.
import { describe, expect, it } from 'vitest';
import { checkoutUrl, type CheckoutLine } from '../../src/shop/index.js';
import { loadConfig } from '../../src/config.js';

const lines: CheckoutLine[] = [
  {
    variantId: 'var_a',
    externalVariantId: '41000000102',
    sku: 'HLS-SAND-M',
    quantity: 2,
  },
  {
    variantId: 'var_b',
    externalVariantId: '41000000201',
    sku: 'FWC M/1',
    quantity: 1,
  },
];

describe('checkoutUrl', () => {
  it('is the Shopify cart permalink from the store variant ids', () => {
    expect(
      checkoutUrl(lines, {
        storeUrl: 'https://northwind.example/',
        template: null,
        demo: false,
      }),
    ).toBe('https://northwind.example/cart/41000000102:2,41000000201:1');
  });

  it('is null when a line has no store variant id (a partial cart would mislead), or the cart is empty', () => {
    const mixed = [...lines, { variantId: 'var_c', externalVariantId: null, sku: 'X-1', quantity: 1 }];
    expect(
      checkoutUrl(mixed, {
        storeUrl: 'https://northwind.example',
        template: null,
        demo: true,
      }),
    ).toBeNull();
    expect(
      checkoutUrl([], {
        storeUrl: 'https://northwind.example',
        template: null,
        demo: false,
      }),
    ).toBeNull();
  });

  it('fills a template for other platforms, encoding each id', () => {
    const settings = {
      storeUrl: 'https://woo.example',
      template: '{store}/checkout?items={items}&skus={skus}',
      demo: false,
    };
    expect(checkoutUrl(lines, settings)).toBe(
      'https://woo.example/checkout?items=41000000102:2,41000000201:1&skus=HLS-SAND-M:2,FWC%20M%2F1:1',
    );
  });

  it('points the demo store at its own page, and gives nothing without settings', () => {
    expect(checkoutUrl(lines, { storeUrl: null, template: null, demo: true })).toBe('/?checkout=var_a:2,var_b:1');
    expect(checkoutUrl(lines, { storeUrl: null, template: null, demo: false })).toBeNull();
    expect(checkoutUrl(lines, null)).toBeNull();
  });
});

describe('store settings', () => {
  it('are read and validated with the variable named', () => {
    const c = loadConfig({
      TAILOR_STORE_URL: 'https://northwind.example',
      TAILOR_CHECKOUT_URL_TEMPLATE: '{store}/c/{skus}',
      TAILOR_SHOPIFY_WEBHOOK_SECRET: 'x'.repeat(32),
    });
    expect(c.checkout).toEqual({
      storeUrl: 'https://northwind.example',
      template: '{store}/c/{skus}',
      demo: true,
    });
    expect(c.shopifyWebhookSecret).toBe('x'.repeat(32));
    expect(() => loadConfig({ TAILOR_STORE_URL: 'northwind' })).toThrow(/TAILOR_STORE_URL/);
    expect(() => loadConfig({ TAILOR_CHECKOUT_URL_TEMPLATE: 'https://x.example/cart' })).toThrow(
      /TAILOR_CHECKOUT_URL_TEMPLATE: must contain \{items\} or \{skus\}/,
    );
    expect(() => loadConfig({ TAILOR_SHOPIFY_WEBHOOK_SECRET: 'short' })).toThrow(/TAILOR_SHOPIFY_WEBHOOK_SECRET/);
  });
});
