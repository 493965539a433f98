// The demo page in headless Chromium against the real Node server: pick Sarah, ask about a
// product, watch the reply stream in and greet her by name with a product card, add it to the
// cart, then switch to the anonymous shopper and get a neutral greeting.
// Then the widget embedded on a store's own page on another origin, at desktop and 390 px widths:
// branding from data-* and Tailor.init, Escape, full screen on a phone with no card cut off,
// product pictures and links, Checkout, and the tailor:cart event driving the store's header.
// Screenshots go to test-results/ (not committed).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { repoRoot, startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';
import Database from 'better-sqlite3';
import { startStore, type StoreServer } from './store-page.js';

const CHROMIUM = process.env.TAILOR_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

let store: TempStore;
let server: RunningServer;
let browser: Browser;
let shop: StoreServer;

// One server and one Chromium for the whole file. The store's own page (test/e2e/store-page.ts)
// lives on another origin, as a real store embedding the widget would.
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium; .ci/run does) or set TAILOR_CHROMIUM. The browser test does not skip itself.`,
    );
  }
  store = tempStore();
  shop = await startStore();
  server = await startServer({ dbFile: store.dbFile, timeoutMs: 60_000, env: { TAILOR_ALLOWED_ORIGINS: shop.origin } });
  shop.apiBase = server.url;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await shop?.close();
  store?.dispose();
}, 30_000);

describe('the demo store page in a browser', () => {
  let page: Page;

  beforeAll(async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await page?.close();
  });

  /** Runs a step; on failure leaves a screenshot in test-results/ and the server's output in the error. */
  async function step(name: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      const dir = join(repoRoot, 'test-results');
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `browser-${name}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
      const msg = err instanceof Error ? err.message : String(err);
      throw new Error(`${name}: ${msg}\nscreenshot: ${file}\nserver output:\n${server.output().slice(-4000)}`, { cause: err });
    }
  }

  const widget = () => page.locator('[data-tailor-widget]');
  const assistantBubbles = () => widget().locator('.msg.assistant .bubble');

  async function ask(text: string): Promise<string> {
    const before = await assistantBubbles().count();
    await widget().getByLabel('Message the shopping assistant').fill(text);
    await page.keyboard.press('Enter');
    const bubble = assistantBubbles().nth(before);
    // Done when the send button is enabled again and the bubble holds the reply.
    await expect
      .poll(
        async () =>
          (await widget().locator('.log').getAttribute('aria-busy')) === 'false' && (await bubble.textContent())!.trim().length > 0,
        { timeout: 20_000 },
      )
      .toBe(true);
    return (await bubble.textContent()) ?? '';
  }

  async function chooseShopper(name: string, identity: string): Promise<void> {
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await page.waitForFunction(
      (id) => (window as unknown as { Tailor?: { state(): { identity: string } | null } }).Tailor?.state()?.identity === id,
      identity,
    );
  }

  it('Sarah gets a streamed, personal reply with a product card and can add it to her cart; an anonymous shopper gets a neutral greeting', async () => {
    await step('open', async () => {
      await page.goto(server.url);
      await expect.poll(() => page.title()).toContain('Loom');
      await widget().getByRole('region', { name: 'Shopping assistant chat' }).waitFor();
    });

    await step('sarah-asks', async () => {
      await chooseShopper('Sarah', 'sub:c_sarah');
      await page.evaluate(() => {
        const w = window as unknown as { __deltas: number };
        w.__deltas = 0;
        document.addEventListener('tailor:delta', () => w.__deltas++);
      });
      const reply = await ask('hi, do you have red dresses under $150?');
      expect(reply).toContain('Sarah');
      // Streamed: the reply arrived as several delta events, not one final blob.
      expect(await page.evaluate(() => (window as unknown as { __deltas: number }).__deltas)).toBeGreaterThan(1);
      const card = widget().locator('article.card.product').first();
      await card.waitFor();
      expect((await card.locator('h3').textContent())!.toLowerCase()).toContain('dress');
      expect(await card.locator('.price').textContent()).toMatch(/^\$\d/);
    });

    await step('add-to-cart', async () => {
      const bag = page.locator('#bag-count');
      expect(await bag.textContent()).toBe('0');
      const before = await assistantBubbles().count();
      await widget().locator('article.card.product button.add').first().click();
      await expect.poll(() => bag.textContent(), { timeout: 20_000 }).toBe('1');
      await expect.poll(() => widget().locator('[data-cart-count]').textContent()).toBe('1');
      await expect.poll(async () => (await assistantBubbles().nth(before).textContent()) ?? '').toMatch(/cart/i);
    });

    await step('marcus-confirms-a-return', async () => {
      await chooseShopper('Marcus', 'sub:c_marcus');
      const proposed = await ask('I want to return order 28473');
      expect(proposed).toMatch(/28473/);
      const card = widget().locator('article.card.proposal');
      await card.waitFor();
      expect(await card.locator('h3').textContent()).toContain('28473');
      const before = await assistantBubbles().count();
      await card.getByRole('button', { name: 'Confirm' }).click();
      // The button sent the proposal's id; the server created the label and the card is spent.
      await expect.poll(async () => (await assistantBubbles().nth(before).textContent()) ?? '', { timeout: 20_000 }).toMatch(/label/i);
      await expect.poll(() => card.getAttribute('class')).toContain('decided');
      expect(await card.getByRole('button', { name: 'Confirm' }).isDisabled()).toBe(true);
      mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
      await page.screenshot({ path: join(repoRoot, 'test-results', 'browser-proposal-confirmed.png') });
    });

    await step('anonymous', async () => {
      await chooseShopper('Anonymous', 'anonymous');
      const greeting = (await assistantBubbles().first().textContent()) ?? '';
      expect(greeting).toMatch(/^Hi!/);
      expect(greeting).not.toContain('Sarah');
      expect(await assistantBubbles().count()).toBe(1);
      const reply = await ask('hi');
      expect(reply).not.toContain('Sarah');
      expect(reply.length).toBeGreaterThan(10);
      expect(await page.locator('#seen').textContent()).toContain('new_visitor');
    });
  }, 120_000);
});

const DESKTOP = { name: 'desktop', width: 1280, height: 900 };
const PHONE = { name: 'phone', width: 390, height: 844 };
const BRAND = {
  name: 'Mia',
  avatar: 'M',
  'accent-color': '#0a7d4f',
  'background-color': '#14181c',
  'text-color': '#f1f5f9',
  greeting: 'Welcome to Fern & Co! Ask me about anything in the shop.',
  position: 'bottom-left',
  open: 'true',
};

describe("the widget on a store's own page (another origin), at desktop and 390 px widths", () => {
  const contexts: BrowserContext[] = [];

  beforeAll(() => {
    // The store's pictures and pages, as an import from the store would record them.
    const db = new Database(store.dbFile);
    db.pragma('busy_timeout = 5000');
    db.prepare("update products set image_url = ? || slug || '.svg', url = ? || slug where category = 'dresses'").run(
      `${shop.origin}/images/`,
      `${shop.origin}/products/`,
    );
    db.close();
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
  });

  /** A fresh shopper (own storage) on the store page, the widget's warnings collected. */
  async function openStore(vp: typeof DESKTOP, data: Record<string, string>): Promise<{ page: Page; warnings: string[] }> {
    const context = await browser.newContext({ viewport: { width: vp.width, height: vp.height } });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${shop.origin}/?${new URLSearchParams(data).toString()}`);
    return { page, warnings };
  }

  async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(join(repoRoot, 'test-results'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-results', `browser-${name}.png`) });
  }

  const widget = (page: Page) => page.locator('[data-tailor-widget]');
  const css = (loc: Locator, prop: string) => loc.evaluate((e, p) => getComputedStyle(e).getPropertyValue(p), prop);
  const launcherFocused = (page: Page) =>
    page.evaluate(() => document.querySelector('[data-tailor-widget]')?.shadowRoot?.activeElement?.classList.contains('launcher') ?? false);

  async function ask(page: Page, text: string): Promise<void> {
    const bubbles = widget(page).locator('.msg.assistant .bubble');
    const before = await bubbles.count();
    await widget(page).getByLabel('Message the shopping assistant').fill(text);
    await page.keyboard.press('Enter');
    await expect
      .poll(
        async () =>
          (await widget(page).locator('.log').getAttribute('aria-busy')) === 'false' &&
          ((await bubbles.nth(before).textContent()) ?? '').trim().length > 0,
        { timeout: 20_000 },
      )
      .toBe(true);
  }

  for (const vp of [DESKTOP, PHONE]) {
    it(`${vp.name}: name, avatar, colours, greeting and position from data-* attributes; Escape closes and focus returns to the launcher`, async () => {
      const { page, warnings } = await openStore(vp, BRAND);
      const dialog = widget(page).getByRole('dialog', { name: 'Mia' });
      await dialog.waitFor();
      expect(await widget(page).locator('.msg.assistant .bubble').first().textContent()).toBe(BRAND.greeting);
      const avatar = widget(page).locator('.avatar');
      expect(await avatar.textContent()).toBe('M');
      expect(await css(avatar, 'background-color')).toBe('rgb(10, 125, 79)');
      expect(await css(avatar, 'color')).toBe('rgb(255, 255, 255)'); // light text reads better on that green
      expect(await css(widget(page).locator('.panel'), 'background-color')).toBe('rgb(20, 24, 28)');
      expect(await css(widget(page).locator('.title h2'), 'color')).toBe('rgb(241, 245, 249)');
      const box = (await widget(page).locator('.panel').boundingBox())!;
      if (vp === PHONE)
        expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 }); // full screen
      else expect(box.x).toBe(20); // bottom-left
      expect(warnings).toEqual([]);
      await shot(page, `branding-${vp.name}`);

      await widget(page).getByLabel('Message the shopping assistant').focus();
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'hidden' });
      expect(await launcherFocused(page)).toBe(true);
      const launcher = (await widget(page).locator('.launcher').boundingBox())!;
      expect(launcher.x).toBe(20);
      await page.keyboard.press('Enter'); // the focused launcher opens it again
      await dialog.waitFor();
      expect(
        await widget(page)
          .getByLabel('Message the shopping assistant')
          .evaluate((e) => e.getRootNode() instanceof ShadowRoot && (e.getRootNode() as ShadowRoot).activeElement === e),
      ).toBe(true);
    });
  }

  it('Tailor.init options win over data-*; bad values are ignored with a console warning', async () => {
    const { page, warnings } = await openStore(DESKTOP, BRAND);
    await widget(page).getByRole('dialog', { name: 'Mia' }).waitFor();
    await page.evaluate((api) => {
      const T = (window as unknown as { Tailor: { init(o: object): void } }).Tailor;
      T.init({
        apiBase: api,
        open: true,
        name: 'Ada',
        accentColor: 'rebeccapurple',
        position: 'bottom-right',
        textColor: 'not-a-colour',
        greeting: '',
      });
    }, server.url);
    await widget(page).getByRole('dialog', { name: 'Ada' }).waitFor();
    const avatar = widget(page).locator('.avatar');
    expect(await css(avatar, 'background-color')).toBe('rgb(102, 51, 153)');
    // The bad text colour and the empty greeting fall back to the script tag's.
    expect(await css(widget(page).locator('.title h2'), 'color')).toBe('rgb(241, 245, 249)');
    expect(await widget(page).locator('.msg.assistant .bubble').first().textContent()).toBe(BRAND.greeting);
    const box = (await widget(page).locator('.panel').boundingBox())!;
    expect(box.x + box.width).toBe(DESKTOP.width - 20); // bottom-right now
    expect(warnings.join('\n')).toMatch(/ignoring option textColor = "not-a-colour"/);
    expect(warnings.join('\n')).toMatch(/ignoring option greeting = ""/);

    await page.evaluate(
      (api) =>
        (window as unknown as { Tailor: { init(o: object): void } }).Tailor.init({
          apiBase: api,
          open: true,
          position: 'top-left',
          avatar: 'javascript:alert(1)',
        }),
      server.url,
    );
    expect(await widget(page).locator('.avatar').textContent()).toBe('M');
    expect((await widget(page).locator('.panel').boundingBox())!.x).toBe(20);
    expect(warnings.join('\n')).toMatch(/ignoring option position = "top-left"/);
    expect(warnings.join('\n')).toMatch(/ignoring option avatar = "javascript:alert\(1\)"/);
  });

  it('phone: the panel fills the 390 px screen and the second product card is fully visible', async () => {
    const { page } = await openStore(PHONE, { open: 'true' });
    await widget(page).getByRole('dialog').waitFor();
    await ask(page, 'do you have red dresses under $150?');
    const cards = widget(page).locator('article.card.product');
    await expect.poll(() => cards.count()).toBeGreaterThanOrEqual(2);
    expect(await widget(page).locator('.panel').boundingBox()).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    const second = cards.nth(1);
    await second.scrollIntoViewIfNeeded();
    const card = (await second.boundingBox())!;
    const log = (await widget(page).locator('.log').boundingBox())!;
    // Inside the screen and inside the scrolling conversation, not cut by either edge.
    expect(card.x).toBeGreaterThanOrEqual(0);
    expect(card.x + card.width).toBeLessThanOrEqual(390);
    expect(card.x).toBeGreaterThanOrEqual(log.x);
    expect(card.x + card.width).toBeLessThanOrEqual(log.x + log.width);
    expect(card.y).toBeGreaterThanOrEqual(log.y);
    expect(card.y + card.height).toBeLessThanOrEqual(log.y + log.height);
    // …and nothing in it is clipped: its Add to cart button fits inside it.
    const add = (await second.locator('button.add').boundingBox())!;
    expect(add.x + add.width).toBeLessThanOrEqual(card.x + card.width);
    await shot(page, 'phone-cards');
  });

  for (const vp of [DESKTOP, PHONE]) {
    it(`${vp.name}: cards show the picture and link to the product page; Add to cart shows Checkout, fires tailor:cart, and the store's header follows`, async () => {
      const { page } = await openStore(vp, { open: 'true' });
      await widget(page).getByRole('dialog').waitFor();
      await ask(page, 'do you have red dresses under $150?');
      const card = widget(page).locator('article.card.product').first();
      await card.waitFor();
      const img = card.locator('img.photo');
      await img.waitFor();
      expect(await img.getAttribute('src')).toMatch(new RegExp(`^${shop.origin}/images/[\\w-]+\\.svg$`));
      await expect.poll(() => img.evaluate((e) => (e as HTMLImageElement).naturalWidth)).toBeGreaterThan(0); // it loaded
      const link = card.locator('h3 a');
      const productUrl = (await link.getAttribute('href'))!;
      expect(productUrl).toMatch(new RegExp(`^${shop.origin}/products/[\\w-]+$`));
      expect(productUrl.split('/').pop()).toBe((await img.getAttribute('src'))!.split('/').pop()!.replace('.svg', ''));

      expect(await page.locator('#store-count').textContent()).toBe('0');
      await card.locator('button.add').click();
      await expect.poll(() => page.locator('#store-count').textContent(), { timeout: 20_000 }).toBe('1');
      const checkout = widget(page).getByRole('link', { name: 'Checkout' });
      await checkout.waitFor();
      const href = (await checkout.getAttribute('href'))!;
      expect(href.startsWith(`${server.url}/?checkout=`)).toBe(true);
      const box = (await checkout.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
      const carts = await page.evaluate(
        () =>
          (
            window as unknown as {
              __carts: Array<{ count: number; subtotal: number; checkoutUrl: string; items: Array<{ name: string; quantity: number }> }>;
            }
          ).__carts,
      );
      const last = carts[carts.length - 1]!;
      expect(last.count).toBe(1);
      expect(last.items).toHaveLength(1);
      expect(last.items[0]!.name.toLowerCase()).toContain('dress');
      expect(last.items[0]!.quantity).toBe(1);
      expect(last.subtotal).toBeGreaterThan(0);
      expect(last.checkoutUrl).toBe(href);
      expect(await widget(page).locator('.cartbar').textContent()).toMatch(/^Cart: 1 item, \$\d+(\.\d\d)?Checkout$/);
      await shot(page, `cart-checkout-${vp.name}`);

      // Checkout goes to the store (the demo store's own page here), with the cart's lines.
      await checkout.click();
      await page.waitForURL((u) => u.href.startsWith(`${server.url}/?checkout=`));
      await expect.poll(() => page.locator('.checkout-note').textContent()).toContain('1 item');
    });
  }
});
