// The demo page's own behaviour: the shopper switcher (a demo token per shopper from
// POST /api/demo/token, re-initialising the widget) and a few "ask Tailor" shortcuts.

/** Featured tiles on the demo page: real products of the seeded store (test/web checks name and price); `ask` is what a click sends. */
export const DEMO_PRODUCTS = [
  {
    name: 'Red Satin Slip Midi Dress',
    category: 'dresses',
    colour: 'Red',
    hex: '#c0392b',
    priceCents: 12895,
    ask: 'Do you have red dresses under $150?',
  },
  {
    name: 'White Linen Relaxed Shirt',
    category: 'tops',
    colour: 'White',
    hex: '#e9e3d8',
    priceCents: 6500,
    ask: 'Do you have white linen shirts?',
  },
  {
    name: 'Navy Linen Wide-Leg Trousers',
    category: 'trousers',
    colour: 'Navy',
    hex: '#1f2d52',
    priceCents: 8895,
    ask: 'Do you have navy trousers in size M?',
  },
  {
    name: 'Tan Suede Loafers',
    category: 'shoes',
    colour: 'Tan',
    hex: '#b5835a',
    priceCents: 12900,
    ask: 'Do you have tan loafers in size 39?',
  },
  {
    name: 'Beige Classic Trench Coat',
    category: 'outerwear',
    colour: 'Beige',
    hex: '#d8c3a5',
    priceCents: 19900,
    ask: 'Show me trench coats',
  },
  {
    name: 'Blue Pleated Chiffon Maxi Dress',
    category: 'dresses',
    colour: 'Blue',
    hex: '#2f5fb3',
    priceCents: 16900,
    ask: 'Do you have a blue maxi dress?',
  },
  {
    name: 'Tan Leather Tote Bag',
    category: 'accessories',
    colour: 'Tan',
    hex: '#c19a6b',
    priceCents: 14895,
    ask: 'Show me leather tote bags',
  },
  {
    name: 'Camel Merino Crew-Neck Jumper',
    category: 'tops',
    colour: 'Camel',
    hex: '#c8a27c',
    priceCents: 8900,
    ask: 'Do you have camel jumpers?',
  },
] as const;

// JSON for an inline <script>: "<" escaped so no value can close the script element.
const inlineJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');

// The widget's Checkout on the demo store comes back here (/?checkout=<variant>:<qty>,…): a
// real store's checkout would now take the shopper's payment for those lines.
const CHECKOUT_NOTE = `
  var lines = new URLSearchParams(location.search).get('checkout');
  if (lines) {
    var units = lines.split(',').reduce(function (n, l) { return n + (parseInt(l.split(':')[1], 10) || 0); }, 0);
    var note = document.createElement('p');
    note.className = 'wrap checkout-note';
    note.setAttribute('role', 'status');
    note.textContent = 'Demo checkout: on a real store, this is where the shopper pays for the ' + units + (units === 1 ? ' item' : ' items') + ' from the chat.';
    document.getElementById('main').prepend(note);
  }
`;

export function demoScript(apiBase: string): string {
  return `
(function () {
  var API = ${inlineJson(apiBase)};
  var SHOPPERS = { anonymous: null, lena: { email: 'lena@example.com', name: 'Lena' },
    marcus: { email: 'marcus@example.com', name: 'Marcus' }, sarah: { email: 'sarah@example.com', name: 'Sarah' } };
  var KEY = 'tailor-demo:shopper';
  var seen = document.getElementById('seen');
  var hello = document.getElementById('hello');
  var bag = document.getElementById('bag-count');
  var started = false;

  function current() { try { return localStorage.getItem(KEY) || 'anonymous'; } catch (e) { return 'anonymous'; } }
  function remember(id) { try { localStorage.setItem(KEY, id); } catch (e) {} }
  async function tokenFor(email) {
    var res = await fetch(API + '/api/demo/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email: email }) });
    if (!res.ok) throw new Error('token ' + res.status);
    var body = await res.json();
    return body.token;
  }
  async function choose(id, first) {
    if (!(id in SHOPPERS)) id = 'anonymous';
    var s = SHOPPERS[id];
    document.querySelectorAll('[data-shopper]').forEach(function (b) { b.setAttribute('aria-pressed', String(b.dataset.shopper === id)); });
    hello.textContent = s ? 'Hi, ' + s.name : 'Sign in';
    seen.textContent = s ? 'Signed in as ' + s.email + '. Say hi to Tailor.' : 'Browsing anonymously. Say hi to Tailor.';
    bag.textContent = '0';
    bag.setAttribute('aria-label', 'Items in cart: 0');
    var token = null;
    try { token = s ? await tokenFor(s.email) : null; }
    catch (e) { seen.textContent = 'Could not sign in as ' + s.name + ' (is demo mode on?).'; return; }
    remember(id);
    if (first || !started) { window.Tailor.init({ apiBase: API, token: token, open: true }); started = true; }
    else { window.Tailor.setToken(token); window.Tailor.open(); }
  }

  document.querySelectorAll('[data-shopper]').forEach(function (b) {
    b.addEventListener('click', function () { choose(b.dataset.shopper, false); });
  });
  document.querySelectorAll('[data-ask]').forEach(function (b) {
    b.addEventListener('click', function () { if (!window.Tailor) return; window.Tailor.open(); window.Tailor.send(b.dataset.ask); });
  });
  document.addEventListener('tailor:meta', function (e) {
    var d = e.detail || {}, seg = d.segment || {}, persona = d.persona || {};
    seen.textContent = 'Tailor sees: ' + (seg.id || '?') + (seg.reasons && seg.reasons.length ? ' (' + seg.reasons.join('; ') + ')' : '') +
      ' \\u00b7 persona ' + (persona.id || '?') + (persona.variant ? ' / ' + persona.variant : '');
  });
  // The widget's documented cart event: the store's own header follows Tailor's cart.
  window.addEventListener('tailor:cart', function (e) {
    var n = (e.detail && e.detail.count) || 0;
    bag.textContent = String(n);
    bag.setAttribute('aria-label', 'Items in cart: ' + n);
  });
  ${CHECKOUT_NOTE}
  if (window.Tailor) choose(current(), true);
  else seen.textContent = 'The chat widget did not load.';
})();
`;
}
