// GET / in demo mode: a small fashion storefront with the chat widget and a shopper switcher,
// so anyone can feel the three personas in a minute. Self-contained: no images, fonts or CDNs.
import { demoCss } from './demo-css.js';
import { DEMO_PRODUCTS, demoScript } from './demo-script.js';

export interface DemoPageOptions {
  /** Where the API lives; '' (the default) means this page's own origin. */
  apiBase?: string;
}

const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const money = (cents: number): string => `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

const SHOPPERS = [
  { id: 'anonymous', name: 'Anonymous', role: 'no token' },
  { id: 'lena', name: 'Lena', role: 'new visitor' },
  { id: 'marcus', name: 'Marcus', role: 'repeat buyer' },
  { id: 'sarah', name: 'Sarah', role: 'VIP' },
] as const;

function productTiles(): string {
  return DEMO_PRODUCTS.map(
    (p) => `
      <li class="tile">
        <div class="art art-${esc(p.category)}" style="--c1:${esc(p.hex)}" aria-hidden="true"><span>${esc(p.category)}</span></div>
        <h3>${esc(p.name)}</h3>
        <p class="tile-meta"><span>${esc(p.colour)}</span><span class="tile-price">${money(p.priceCents)}</span></p>
        <button type="button" class="ask" data-ask="${esc(p.ask)}">Ask Tailor about it</button>
      </li>`,
  ).join('');
}

function siteHeader(): string {
  const switcher = SHOPPERS.map(
    (s) => `<button type="button" class="shopper" data-shopper="${s.id}" aria-pressed="false">${s.name}<small>${s.role}</small></button>`,
  ).join('');
  return `<div class="demo-bar" role="region" aria-label="Demo controls">
  <div class="wrap demo-inner">
    <span class="demo-label"><strong>Demo</strong> Shop as</span>
    <div class="switcher" role="group" aria-label="Choose a demo shopper">${switcher}</div>
    <p class="seen" id="seen" aria-live="polite">Pick a shopper, then say hi to Tailor.</p>
  </div>
</div>
<header class="site">
  <div class="wrap head-inner">
    <a class="logo" href="#main">Loom <em>&amp;</em> Lane</a>
    <nav aria-label="Categories"><ul>
      <li><a href="#new">New in</a></li><li><a href="#new">Dresses</a></li><li><a href="#new">Tops</a></li>
      <li><a href="#new">Trousers</a></li><li><a href="#new">Shoes</a></li><li><a href="#new">Outerwear</a></li>
      <li><a href="#new">Accessories</a></li></ul></nav>
    <div class="account"><span id="hello">Sign in</span>
      <span class="bag" aria-live="polite"><span aria-hidden="true">Cart</span> <span class="bag-count" id="bag-count" aria-label="Items in cart: 0">0</span></span>
    </div>
  </div>
</header>
`;
}

function mainContent(): string {
  return `<main id="main">
  <section class="hero">
    <div class="wrap hero-inner">
      <div class="hero-copy">
        <p class="kicker">The summer edit</p>
        <h1>Easy pieces for long, warm days</h1>
        <p>Linen, silk and soft cotton in the colours of the season. Not sure about a size? Our assistant Tailor knows the
          catalogue, your orders and our policies.</p>
        <button type="button" class="cta" data-ask="Do you have red dresses under $150?">Ask for red dresses under $150</button>
      </div>
      <div class="hero-art" aria-hidden="true"><span class="h1"></span><span class="h2"></span><span class="h3"></span></div>
    </div>
  </section>
  <section class="wrap perks" aria-label="Store promises">
    <p><strong>Free returns</strong> within 30 days of delivery</p>
    <p><strong>Standard shipping</strong> 3–5 working days</p>
    <p><strong>Gold members</strong> get free express shipping</p>
  </section>
  <section class="wrap" id="new" aria-labelledby="new-title">
    <div class="section-head"><h2 id="new-title">New in</h2><p>Hand-picked this week</p></div>
    <ul class="grid">${productTiles()}</ul>
  </section>
</main>
`;
}

export function demoPageHtml(opts: DemoPageOptions = {}): string {
  const apiBase = (opts.apiBase ?? '').replace(/\/+$/, '');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Loom &amp; Lane — demo store with Tailor</title>
<link rel="icon" href="data:,">
<meta name="description" content="A demo fashion store showing Tailor, the segment-aware shopping assistant.">
<style>${demoCss}</style>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${siteHeader()}${mainContent()}<footer class="site-foot"><div class="wrap">
  <p>Loom &amp; Lane is a demo store. The chat is Tailor: it picks a persona from who you are (new visitor, repeat buyer, VIP)
    and answers from the store's real data.</p>
</div></footer>
<script src="${esc(apiBase)}/widget.js" data-auto-init="false"></script>
<script>${demoScript(apiBase)}</script>
</body>
</html>`;
}
