// The demo storefront page (demo mode only) and the embeddable widget script.
import type { Hono } from 'hono';
import { demoPageHtml, widgetJs } from '../../web/index.js';
import type { AppEnv } from '../env.js';

export function registerWebRoutes(app: Hono<AppEnv>, opts: { demo: boolean }): void {
  app.get('/widget.js', (c) => {
    // Loaded by <script src> from the store's own pages, so it must be fetchable cross-origin.
    c.header('Cross-Origin-Resource-Policy', 'cross-origin');
    c.header('Cache-Control', 'public, max-age=300');
    return c.body(widgetJs, 200, { 'Content-Type': 'text/javascript; charset=utf-8' });
  });
  if (!opts.demo) return;
  const page = demoPageHtml({ apiBase: '' });
  app.get('/', (c) => c.html(page));
}
