// A store's own web server on another origin (127.0.0.1 on its own port), as a real store
// embedding the widget would be: its page loads widget.js from the Tailor server with a script
// tag (each query parameter of `/` becomes a data-* attribute of that tag), has its own header
// cart that follows the widget's documented `tailor:cart` event, and serves the product
// pictures (`/images/<slug>.svg`) and product pages (`/products/<slug>`) an import records.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StoreServer {
  origin: string;
  /** Where the page loads the widget from (the Tailor server, started after the store). */
  apiBase: string;
  close(): Promise<void>;
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function storePageHtml(apiBase: string, data: Record<string, string>): string {
  const attrs = Object.entries(data)
    .map(([k, v]) => ` data-${k.replace(/[^a-z-]/g, '')}="${attr(v)}"`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Fern &amp; Co</title>
<link rel="icon" href="data:,">
<style>body{margin:0;font:16px system-ui;background:#f4f1ea} header{display:flex;justify-content:space-between;padding:16px 24px;background:#fff}</style></head>
<body>
<header><strong>Fern &amp; Co</strong><a id="store-cart" href="/cart">Cart (<span id="store-count">0</span>)</a></header>
<main><h1>Spring collection</h1></main>
<script>
  window.__carts = [];
  window.addEventListener('tailor:cart', function (e) {
    window.__carts.push(e.detail);
    document.getElementById('store-count').textContent = String(e.detail.count);
  });
</script>
<script src="${attr(apiBase)}/widget.js" data-api-base="${attr(apiBase)}"${attrs}></script>
</body></html>`;
}

export async function startStore(): Promise<StoreServer> {
  const store: StoreServer = { origin: '', apiBase: '', close: () => new Promise((r) => server.close(() => r())) };
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', store.origin);
    const send = (status: number, type: string, body: string) => res.writeHead(status, { 'Content-Type': type }).end(body);
    if (url.pathname === '/')
      return send(200, 'text/html; charset=utf-8', storePageHtml(store.apiBase, Object.fromEntries(url.searchParams)));
    const image = /^\/images\/([\w-]+)\.svg$/.exec(url.pathname);
    if (image) {
      return send(
        200,
        'image/svg+xml',
        `<svg xmlns="http://www.w3.org/2000/svg" width="300" height="400"><rect width="300" height="400" fill="#b03a2e"/><text x="20" y="200" fill="#fff" font-size="18">${image[1]}</text></svg>`,
      );
    }
    const product = /^\/products\/([\w-]+)$/.exec(url.pathname);
    if (product)
      return send(200, 'text/html; charset=utf-8', `<!doctype html><title>${product[1]}</title><h1 id="product">${product[1]}</h1>`);
    return send(404, 'text/plain', 'not found');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  store.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return store;
}
