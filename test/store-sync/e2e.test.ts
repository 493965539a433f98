// A real store behind Tailor, end to end: the import CLI loads a small Shopify export into a
// fresh database, the real Node server starts on it (not the demo store), and a shopper finds an
// imported product in chat, adds it, and gets the store's cart permalink with its variant id.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startServer, tempStore, type RunningServer, type TempStore } from '../support/server.js';
import { parseSse } from '../http/requests.js';

const STORE = 'https://northwind.example';
let store: TempStore;
let server: RunningServer;
let importOut: string;

beforeAll(async () => {
  store = tempStore();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/cli/store-import.ts', '--from', 'shopify', '--store-url', STORE, join('test/store-sync/fixtures/shopify')],
    {
      cwd: repoRoot,
      env: { ...process.env, TAILOR_DB: store.dbFile },
      encoding: 'utf8',
      timeout: 60_000,
    },
  );
  importOut = `${run.stdout}${run.stderr}`;
  expect(run.status, importOut).toBe(0);
  server = await startServer({
    dbFile: store.dbFile,
    env: {
      TAILOR_DEMO: '0',
      TAILOR_IDENTITY_SECRET: 'e2e-identity-secret-0123456789',
      TAILOR_STORE_URL: STORE,
      TAILOR_SHOPIFY_WEBHOOK_SECRET: 'e2e-webhook-secret-0123456789',
    },
  });
}, 90_000);

afterAll(async () => {
  await server?.stop();
  store?.dispose();
});

type Events = Array<{ event: string; data: unknown }>;

async function chat(message: string, state: { conversationId?: string; session?: string }): Promise<Events> {
  const res = await fetch(`${server.url}/api/chat`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
      ...(state.session ? { 'X-Tailor-Session': state.session } : {}),
    },
    body: JSON.stringify({
      message,
      ...(state.conversationId ? { conversationId: state.conversationId } : {}),
    }),
  });
  expect(res.status).toBe(200);
  state.session = res.headers.get('X-Tailor-Session') ?? state.session;
  const events = parseSse(await res.text());
  const done = events.find((e) => e.event === 'done')?.data as { conversationId: string } | undefined;
  expect(done, JSON.stringify(events)).toBeDefined();
  state.conversationId = done!.conversationId;
  return events;
}

const results = (events: Events, tool: string) =>
  events
    .filter((e) => e.event === 'tool_result' && (e.data as { name: string }).name === tool)
    .map((e) => {
      const d = e.data as { ok: boolean; result: Record<string, unknown> };
      return { ok: d.ok, data: d.result };
    });

describe('an imported Shopify store, through chat to checkout', () => {
  it('reports what it imported', () => {
    expect(importOut).toMatch(/products_export\.csv \(products\): 7 rows — 4 imported, 0 updated, 0 rejected/);
    expect(importOut).toMatch(/orders_export\.csv \(orders\): 4 rows — 3 imported/);
  });

  it('finds the imported shirt by name, adds it, and links to the store cart with its variant id', async () => {
    const state: { conversationId?: string; session?: string } = {};
    const found = await chat('do you have the harbor linen shirt?', state);
    const [search] = results(found, 'search_products');
    expect(search?.ok).toBe(true);
    const matches = search!.data.matches as Array<{
      id: string;
      name: string;
      colour: string;
      imageUrl: string | null;
      url: string | null;
    }>;
    expect(matches.map((m) => m.name)).toContain('Harbor Linen Shirt');
    const sand = matches.find((m) => m.colour === 'sand')!;
    expect(sand.imageUrl).toBe('https://cdn.example.test/harbor-sand.jpg');
    expect(sand.url).toBe(`${STORE}/products/harbor-linen-shirt?variant=41000000101`);

    const added = await chat(`add the ${matches[0]!.colour} one in size M`, state);
    const [add] = results(added, 'add_to_cart');
    expect(add?.ok, JSON.stringify(added.filter((e) => e.event === 'tool_result'))).toBe(true);
    const variant = matches[0]!.colour === 'sand' ? '41000000102' : '41000000104';
    expect(add!.data.checkoutUrl).toBe(`${STORE}/cart/${variant}:1`);
    expect((add!.data.cart as { checkoutUrl: string }).checkoutUrl).toBe(`${STORE}/cart/${variant}:1`);

    const viewed = await chat('show me my cart', state);
    const [view] = results(viewed, 'view_cart');
    expect(view?.data.checkoutUrl).toBe(`${STORE}/cart/${variant}:1`);
  }, 60_000);

  it('serves the webhook route on the real server: an unsigned delivery is refused', async () => {
    const res = await fetch(`${server.url}/api/webhooks/shopify`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Shopify-Topic': 'orders/updated',
        'X-Shopify-Webhook-Id': 'e2e-1',
      },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });
});
