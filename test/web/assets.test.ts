// The served assets themselves: the widget script is valid, self-contained and small, and the
// demo page cannot be broken out of by its API base.
import { describe, expect, it } from 'vitest';
import { demoPageHtml, widgetJs } from '../../src/web/index.js';

describe('widget.js', () => {
  // Budget raised from 32 KB: the widget is now esbuild's unminified output of src/web/widget/
  // (one statement per line, no comments) and carries branding, images, checkout and the phone
  // layout; it stays unminified so what a store loads is readable, and these source checks hold.
  it('is one valid script with every part spliced in, under 44 KB, pure ASCII', () => {
    expect(() => new Function(widgetJs)).not.toThrow();
    expect(widgetJs).not.toMatch(/__TAILOR_[A-Z]+__/);
    expect(Buffer.byteLength(widgetJs)).toBeLessThan(44 * 1024);
    // eslint-disable-next-line no-control-regex -- every ASCII character, control ones included
    expect(/^[\x00-\x7f]*$/.test(widgetJs)).toBe(true);
  });

  it('exposes the documented JS API and reads its script tag', () => {
    for (const name of ['init', 'setToken', 'open', 'close', 'send', 'reset']) expect(widgetJs).toContain(`${name}: function`);
    expect(widgetJs).toContain('ds.apiBase');
    expect(widgetJs).toContain('ds.token');
  });
});

describe('the demo page', () => {
  it('loads the widget from the API base and offers the four shoppers', () => {
    const html = demoPageHtml({ apiBase: 'https://tailor.example.com/' });
    expect(html).toContain('<script src="https://tailor.example.com/widget.js"');
    for (const who of ['anonymous', 'lena', 'marcus', 'sarah']) expect(html).toContain(`data-shopper="${who}"`);
    const inline = /<script>([\s\S]*?)<\/script>/.exec(html)![1]!;
    expect(() => new Function(inline)).not.toThrow();
  });

  it('keeps a hostile API base inside its attribute and string', () => {
    const html = demoPageHtml({ apiBase: '"></script><script>alert(1)</script>' });
    expect(html).not.toContain('<script>alert(1)');
    expect(html.match(/<script/g)!.length).toBe(2);
  });
});

describe('the demo page tiles', () => {
  it('show products of the seeded store at their seeded prices', async () => {
    const { generateDemoStore } = await import('../../src/db/seed/index.js');
    const { DEMO_PRODUCTS } = await import('../../src/web/demo-script.js');
    const store = generateDemoStore({ now: Date.UTC(2026, 0, 1) });
    for (const tile of DEMO_PRODUCTS) {
      const product = store.products.find((p) => p.name === tile.name);
      expect(product, tile.name).toBeDefined();
      expect({ name: tile.name, cents: product!.priceCents, category: product!.category }).toEqual({
        name: tile.name,
        cents: tile.priceCents,
        category: tile.category,
      });
    }
  });
});
