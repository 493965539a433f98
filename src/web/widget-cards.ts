// Browser JavaScript spliced into the widget (see widget-script.ts): turns tool results into
// product, order and cart data and renders the cards. Field names follow the tool results (src/tools, src/shop):
// search matches and picks carry a stock map, get_product a sizes list, lookup_order one order or a list.
// Same writing rule as widget-script.ts: no backticks, no dollar-brace.
export const widgetCards = String.raw`
  var PRODUCT_TOOLS = { search_products: 1, get_product: 1, recommend_products: 1 };
  var COLOURS = { red: '#c0392b', burgundy: '#7b1e2b', pink: '#e59bb0', orange: '#e67e22', yellow: '#f2c94c', green: '#4f8a5b',
    olive: '#7a7f3a', teal: '#2a7f83', blue: '#2f5fb3', navy: '#1f2d52', purple: '#7d4f9e', black: '#1d1b19', white: '#f6f4f0',
    cream: '#efe4cc', beige: '#d8c3a5', camel: '#c19a6b', brown: '#6f4e37', grey: '#9a9a9a', gray: '#9a9a9a', silver: '#c0c0c0', gold: '#c9a44c' };

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : null; }
  function money(dollars) { return '$' + (dollars % 1 ? dollars.toFixed(2) : String(dollars)); }
  function dateText(v) {
    if (!v) return null;
    var d = new Date(typeof v === 'string' && v.length === 10 ? v + 'T12:00:00Z' : v);
    return isNaN(d.getTime()) ? String(v) : d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  }
  // Sizes with their stock: search and picks carry { M: 3, L: 0 }, get_product [{ size, stock }].
  function sizesOf(p) {
    var out = [];
    if (Array.isArray(p.sizes)) p.sizes.forEach(function (s) { if (s && s.size != null) out.push({ size: String(s.size), units: num(s.stock) }); });
    else if (p.stock && typeof p.stock === 'object') for (var k in p.stock) out.push({ size: k, units: num(p.stock[k]) });
    return out;
  }
  function toProduct(p) {
    if (!p || typeof p !== 'object' || !p.name) return null;
    var sizes = sizesOf(p);
    return {
      key: String(p.id || p.name), name: String(p.name), colour: p.colour || null, because: p.because || null,
      price: num(p.price) !== null ? p.price : num(p.priceCents) !== null ? p.priceCents / 100 : null,
      sizes: sizes, inStock: sizes.filter(function (s) { return s.units === null || s.units > 0; }).map(function (s) { return s.size; })
    };
  }
  function findProducts(tool, r) {
    if (!PRODUCT_TOOLS[tool]) return [];
    var list = r.matches || r.picks || r.products || (r.name ? [r] : []);
    return (Array.isArray(list) ? list : []).map(toProduct).filter(Boolean);
  }
  function findOrders(tool, r) {
    if (tool !== 'lookup_order') return [];
    var list = r.orders || (r.order ? [r.order] : []);
    return (Array.isArray(list) ? list : []).filter(function (o) { return o && o.orderNumber; });
  }
  function findCart(tool, r) {
    var c = r.cart;
    return c && typeof c === 'object' && num(c.itemCount) !== null ? { count: c.itemCount } : null;
  }
  function productCard(p, onAdd, disabled) {
    var sw = COLOURS[String(p.colour || '').toLowerCase().split(/[\s/-]+/).pop()] || null;
    var swatch = el('div', { class: 'swatch', 'aria-hidden': 'true' });
    if (sw) swatch.style.setProperty('--sw', sw);
    var kids = [swatch, el('h3', { text: p.name }), el('p', { class: 'price', text: p.price === null ? '' : money(p.price) })];
    if (p.colour) kids.push(el('p', { text: 'Colour: ' + p.colour }));
    if (p.because) kids.push(el('p', { class: 'because', text: p.because }));
    var actions = null;
    if (p.sizes.length && !p.inStock.length) {
      kids.push(el('p', { class: 'soldout', text: 'Sold out' }));
    } else {
      if (p.inStock.length) kids.push(el('p', { class: 'sizes', text: p.inStock.join() === 'ONE' ? 'One size, in stock' : 'In stock: ' + p.inStock.join(', ') }));
      var select = null;
      if (p.inStock.length > 1) {
        select = el('select', { 'aria-label': 'Size for ' + p.name }, p.inStock.map(function (s) { return el('option', { value: s, text: s }); }));
      }
      var btn = el('button', { class: 'add', type: 'button', 'aria-label': 'Add ' + p.name + ' to cart', text: 'Add to cart', disabled: disabled,
        onclick: function () { onAdd(p.name, select ? select.value : p.inStock[0] === 'ONE' ? '' : p.inStock[0] || ''); } });
      actions = el('div', { class: 'actions' }, [select, btn]);
    }
    if (actions) kids.push(actions);
    return el('article', { class: 'card product', 'data-product': p.key, 'aria-label': p.name }, kids);
  }
  function orderCard(o) {
    var number = String(o.orderNumber);
    var rows = [];
    function row(label, v) { if (v) rows.push(el('dt', { text: label }), el('dd', { text: v })); }
    row('Ordered', dateText(o.placed));
    row('Shipped', dateText(o.shipped));
    row('Delivered', dateText(o.delivered));
    row('Tracking', o.tracking ? (o.carrier ? o.carrier + ' ' : '') + o.tracking : null);
    row('Total', num(o.total) === null ? null : money(o.total));
    var ret = o.return || {};
    row('Return by', dateText(ret.possible ? ret.until : o.returnableUntil));
    if (ret.label && ret.label.trackingCode) row('Return label', ret.label.trackingCode);
    var items = (Array.isArray(o.items) ? o.items : []).map(function (i) {
      return typeof i === 'string' ? i : i && i.name ? i.name + (i.size ? ' (' + i.size + ')' : '') : '';
    }).filter(Boolean);
    var status = String(o.status || 'unknown');
    return el('article', { class: 'card order', 'data-order': number, 'aria-label': 'Order ' + number }, [
      el('h3', { text: 'Order #' + number }),
      el('span', { class: 'badge ' + status.replace(/[^a-z]/g, ''), text: status }),
      items.length ? el('p', { text: items.join(', ') }) : null,
      el('dl', {}, rows)
    ]);
  }
  function findProposal(tool, r) {
    var p = r.needsConfirmation && r.proposal ? r.proposal : r.guestBasket;
    if (!p || typeof p.proposalId !== 'string') return null;
    return { id: p.proposalId, items: Array.isArray(p.items) ? p.items.filter(function (i) { return typeof i === 'string'; }) : [],
      title: r.guestBasket ? 'Add your earlier basket to your account?' : p.orderNumber ? 'Return from order #' + p.orderNumber + '?' : 'Confirm?' };
  }
  function proposalCard(p, onDecide, disabled) {
    var card, bs = [['confirm', 'Confirm'], ['cancel', 'Cancel']].map(function (d) {
      return el('button', { class: d[0], type: 'button', text: d[1], disabled: disabled ? 'disabled' : null, onclick: function () {
        card.classList.add('decided'); bs.forEach(function (b) { b.disabled = true; }); onDecide(p.id, d[0]);
      } });
    });
    card = el('article', { class: 'card proposal', 'data-proposal': p.id, 'aria-label': p.title },
      [el('h3', { text: p.title }), p.items.length ? el('p', { text: p.items.join(', ') }) : null, el('div', { class: 'actions' }, bs)]);
    return card;
  }
`;
