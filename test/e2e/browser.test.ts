// The demo page in headless Chromium against the real Node server: pick Sarah, ask about a
// product, watch the reply stream in and greet her by name with a product card, add it to the
// cart, then switch to the anonymous shopper and get a neutral greeting.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { repoRoot, startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';

const CHROMIUM = process.env.TAILOR_CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

describe('the demo store page in a browser', () => {
  let store: TempStore;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`Chromium not found at ${CHROMIUM}. Install it (apt-get install chromium; .ci/run does) or set TAILOR_CHROMIUM. The browser test does not skip itself.`);
    }
    store = tempStore();
    server = await startServer({ dbFile: store.dbFile, timeoutMs: 60_000 });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    store?.dispose();
  }, 30_000);

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
      throw new Error(`${name}: ${msg}\nscreenshot: ${file}\nserver output:\n${server.output().slice(-4000)}`);
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
    await expect.poll(async () => (await widget().locator('.log').getAttribute('aria-busy')) === 'false' && (await bubble.textContent())!.trim().length > 0, { timeout: 20_000 }).toBe(true);
    return (await bubble.textContent()) ?? '';
  }

  async function chooseShopper(name: string, identity: string): Promise<void> {
    await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
    await page.waitForFunction((id) => (window as unknown as { Tailor?: { state(): { identity: string } | null } }).Tailor?.state()?.identity === id, identity);
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
