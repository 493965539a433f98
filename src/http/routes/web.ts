// The demo storefront page (demo mode only) and the embeddable widget script. Their text (the
// widget's bundle, the page's HTML, CSS and script) is loaded on the first request for either, not
// at startup: a server answering only chats through its API never serves them.
import type { Hono } from 'hono';
import type { AppEnv } from '../env.js';

const web = () => import('../../web/index.js');

export function registerWebRoutes(app: Hono<AppEnv>, opts: { demo: boolean }): void {
  app.get('/widget.js', async (c) => {
    const { widgetJs } = await web();
    // Loaded by <script src> from the store's own pages, so it must be fetchable cross-origin.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(widgetJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  if (!opts.demo) return;
  let page: string | undefined;
  app.get('/', async (c) => c.html((page ??= (await web()).demoPageHtml({ apiBase: '' }))));
}
