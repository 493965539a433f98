// Browser JavaScript spliced into the widget (see widget-script.ts): turns tool results into
// product, order and cart data and renders the cards. Tolerant of field naming (price in dollars or
// cents, sizes as a list or a map) because tool results are written for the model, not for us.
// Same writing rule as widget-script.ts: no backticks, no dollar-brace.
export const widgetCards = String.raw`
  var PRODUCT_TOOLS = { search_products: 1, get_product: 1, recommend_products: 1 };
  var COLOURS = { red: '#c0392b', burgundy: '#7b1e2b', pink: '#e59bb0', orange: '#e67e22', yellow: '#f2c94c', green: '#4f8a5b',
    olive: '#7a7f3a', teal: '#2a7f83', blue: '#2f5fb3', navy: '#1f2d52', purple: '#7d4f9e', black: '#1d1b19', white: '#f6f4f0',
    cream: '#efe4cc', beige: '#d8c3a5', camel: '#c19a6b', brown: '#6f4e37', grey: '#9a9a9a', gray: '#9a9a9a', silver: '#c0c0c0', gold: '#c9a44c' };

  function num(v) { return typeof v === 'number' && isFinite(v) ? v : (typeof v === 'string' && v !== '' && !isNaN(+v) ? +v : null); }
  function money(dollars) { return '$' + (dollars % 1 ? dollars.toFixed(2) : String(dollars)); }
  function priceOf(p, key) {
    var cents = num(p[key + 'Cents']);
    if (cents !== null) return cents / 100;
    var v = p[key];
    if (v && typeof v === 'object') v = num(v.amount);
    return num(v);
  }
  function dateText(v) {
    if (v == null || v === '') return null;
    var d = typeof v === 'number' ? new Date(v) : new Date(String(v).length === 10 ? v + 'T12:00:00Z' : v);
    if (isNaN(d.getTime())) return String(v);
    return d.toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });
  }
  // Sizes in stock, whatever shape the tool used: [{size, stock|inStock|available}], ["S","M"], {S: 3, M: 0}.
  function sizesOf(p) {
    var list = p.sizes || p.variants || p.stock || p.availability;
    var out = [], seen = {};
    function add(size, stock) {
      if (size == null) return;
      size = String(size);
      if (seen[size]) return;
      seen[size] = 1;
      out.push({ size: size, inStock: stock === true || (typeof stock === 'number' && stock > 0) || stock === undefined });
    }
    if (Array.isArray(list)) {
      list.forEach(function (s) {
        if (s && typeof s === 'object') add(s.size || s.name, s.inStock != null ? !!s.inStock : s.available != null ? !!s.available : num(s.stock) === null ? undefined : num(s.stock));
        else add(s);
      });
    } else if (list && typeof list === 'object') {
      for (var k in list) add(k, typeof list[k] === 'object' && list[k] ? num(list[k].stock) : list[k]);
    }
    var inStock = p.inStockSizes || p.sizesInStock;
    if (!out.length && Array.isArray(inStock)) inStock.forEach(function (s) { add(s, true); });
    if (Array.isArray(p.soldOutSizes)) p.soldOutSizes.forEach(function (s) { add(s, false); });
    return out;
  }
  function toProduct(p) {
    if (!p || typeof p !== 'object' || !p.name) return null;
    var sizes = sizesOf(p);
    return {
      key: String(p.id || p.productId || p.slug || p.name), name: String(p.name), colour: p.colour || p.color || null,
      price: priceOf(p, 'price'),
      sizes: sizes, inStock: sizes.filter(function (s) { return s.inStock; }).map(function (s) { return s.size; })
    };
  }
  function findProducts(tool, r) {
    if (!PRODUCT_TOOLS[tool]) return [];
    var list = r.products || r.results || r.recommendations || r.picks || r.items || (r.product ? [r.product] : r.name ? [r] : []);
    return (Array.isArray(list) ? list : []).map(toProduct).filter(Boolean);
  }
  function findOrders(tool, r) {
    if (tool !== 'lookup_order') return [];
    var list = r.orders || (r.order ? [r.order] : r.orderNumber || r.number ? [r] : []);
    return (Array.isArray(list) ? list : []).filter(function (o) { return o && (o.orderNumber || o.number); });
  }
  function findCart(tool, r) {
    if (tool !== 'add_to_cart' && tool !== 'view_cart' && tool !== 'reorder') return null;
    var c = r.cart && typeof r.cart === 'object' ? r.cart : r;
    var n = num(c.itemCount);
    if (n === null) n = num(c.count);
    if (n === null) n = num(c.totalItems);
    if (n === null && Array.isArray(c.items)) n = c.items.reduce(function (s, i) { return s + (num(i && i.quantity) || 1); }, 0);
    return n === null ? null : { count: n };
  }
  function productCard(p, onAdd, disabled) {
    var sw = COLOURS[String(p.colour || '').toLowerCase().split(/[\s/-]+/).pop()] || null;
    var swatch = el('div', { class: 'swatch', 'aria-hidden': 'true' });
    if (sw) swatch.style.setProperty('--sw', sw);
    var kids = [swatch, el('h3', { text: p.name }), el('p', { class: 'price', text: p.price === null ? '' : money(p.price) })];
    if (p.colour) kids.push(el('p', { text: 'Colour: ' + p.colour }));
    var actions = null;
    if (p.sizes.length && !p.inStock.length) {
      kids.push(el('p', { class: 'soldout', text: 'Sold out' }));
    } else {
      if (p.inStock.length) kids.push(el('p', { class: 'sizes', text: 'In stock: ' + p.inStock.join(', ') }));
      var select = null;
      if (p.inStock.length > 1) {
        select = el('select', { 'aria-label': 'Size for ' + p.name }, p.inStock.map(function (s) { return el('option', { value: s, text: s }); }));
      }
      var btn = el('button', { class: 'add', type: 'button', 'aria-label': 'Add ' + p.name + ' to cart', text: 'Add to cart', disabled: disabled,
        onclick: function () { onAdd(p.name, select ? select.value : p.inStock[0] || ''); } });
      actions = el('div', { class: 'actions' }, [select, btn]);
    }
    if (actions) kids.push(actions);
    return el('article', { class: 'card product', 'data-product': p.key, 'aria-label': p.name }, kids);
  }
  function orderCard(o) {
    var number = String(o.orderNumber || o.number);
    var rows = [];
    function row(label, v) { if (v) rows.push(el('dt', { text: label }), el('dd', { text: v })); }
    row('Ordered', dateText(o.placedAt || o.orderedAt || o.createdAt || o.date));
    row('Shipped', dateText(o.shippedAt));
    row('Delivered', dateText(o.deliveredAt));
    var tracking = o.trackingCode || o.tracking || o.trackingNumber;
    if (tracking && typeof tracking === 'object') tracking = [tracking.carrier, tracking.code || tracking.number].filter(Boolean).join(' ');
    else if (tracking && o.carrier) tracking = o.carrier + ' ' + tracking;
    row('Tracking', tracking);
    var total = priceOf(o, 'total');
    row('Total', total === null ? null : money(total));
    var ret = o.returnableUntil || o.returnBy || (o.returnEligible && o.returnEligible.until) || (o.return && o.return.until);
    row('Return by', dateText(ret));
    var items = Array.isArray(o.items) ? o.items.map(function (i) { return i && (i.name ? i.name + (i.size ? ' (' + i.size + ')' : '') : null); }).filter(Boolean) : [];
    var status = String(o.status || 'unknown');
    return el('article', { class: 'card order', 'data-order': number, 'aria-label': 'Order ' + number }, [
      el('h3', { text: 'Order #' + number }),
      el('span', { class: 'badge ' + status.toLowerCase().replace(/[^a-z]/g, ''), text: status.replace(/_/g, ' ') }),
      items.length ? el('p', { text: items.join(', ') }) : null,
      el('dl', {}, rows)
    ]);
  }
`;
