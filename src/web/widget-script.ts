// The embeddable widget, as browser JavaScript in a string so the same module serves it on Node
// and on Workers without a file system or a bundler plugin. Plain ES2018, no framework.
// Writing rule for this file: no backticks and no dollar-brace inside the script (String.raw).
// index.ts splices in the stylesheet at `__TAILOR_CSS__`, the DOM/storage/SSE helpers of
// widget-helpers.ts at `__TAILOR_HELPERS__` and the cards of widget-cards.ts at `__TAILOR_CARDS__`.
export const widgetScript = String.raw`/*! Tailor chat widget */
(function () {
  'use strict';
  if (window.Tailor && window.Tailor.version) return;
  var CSS = __TAILOR_CSS__;
  var SCRIPT = document.currentScript;
  var TOOL_STATUS = { search_products: 'Searching the shop', get_product: 'Checking stock', add_to_cart: 'Adding to your cart',
    view_cart: 'Opening your cart', update_cart: 'Updating your cart', lookup_order: 'Looking up your order', create_return_label: 'Preparing your return',
    reorder: 'Reordering', loyalty_status: 'Checking your points', recommend_products: 'Picking a few things for you',
    escalate_to_human: 'Finding a colleague', store_policy: 'Checking our policy' };
  var SLOW = 'You’re sending messages a little fast — please slow down. ';
  var DEFAULT_GREETING = 'Hi! I’m Tailor, this store’s shopping assistant. Ask me about products, sizes, your orders or returns.';

  __TAILOR_HELPERS__

  __TAILOR_CARDS__

  function createWidget(opts) {
    var apiBase = String(opts.apiBase || '').replace(/\/+$/, '');
    var key = 'tailor:v1:' + (apiBase || location.origin);
    var token = opts.token || null;
    var state = loadState(key);
    var inline = !!opts.container;
    // epoch changes on every send and reset, so a transcript that loads late never lands after them.
    var busy = false, controller = null, retryTimer = null, cartCount = null, epoch = 0;

    var host = inline ? opts.container : el('div', { 'data-tailor-widget': '' });
    if (!inline) document.body.appendChild(host);
    var shadow = host.shadowRoot || host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '';
    var root = el('div', { class: 'root ' + (inline ? 'inline' : 'floating') });
    shadow.appendChild(el('style', { text: CSS }));
    shadow.appendChild(root);

    var launcher = el('button', { class: 'launcher', type: 'button', 'aria-expanded': 'false', onclick: function () { open(true); } },
      [el('span', { class: 'dot', 'aria-hidden': 'true' }), 'Chat with us']);
    // The count is shown once a cart tool has reported it; until then the widget does not know it.
    var cartEl = el('span', { class: 'cart', role: 'status', 'aria-live': 'polite', hidden: true }, [
      el('span', { text: 'Cart' }), el('span', { class: 'count', 'data-cart-count': '', text: '0' })]);
    var log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
    var statusEl = el('div', { class: 'status', role: 'status' });
    var input = el('input', { id: 'tailor-input', type: 'text', maxlength: '4000', autocomplete: 'off', placeholder: 'Ask about a product, an order, a return…' });
    var sendBtn = el('button', { class: 'send', type: 'submit', text: 'Send' });
    var form = el('form', { onsubmit: function (e) { e.preventDefault(); send(input.value); } }, [
      el('label', { class: 'sr-only', for: 'tailor-input', text: 'Message the shopping assistant' }), input, sendBtn]);
    var panel = el('section', { class: 'panel', role: 'region', 'aria-label': 'Shopping assistant chat' }, [
      el('div', { class: 'head' }, [
        el('span', { class: 'avatar', 'aria-hidden': 'true', text: 'T' }),
        el('div', { class: 'title' }, [el('h2', { text: opts.title || 'Tailor' }), el('p', { text: 'Shopping assistant · AI' })]),
        cartEl,
        el('button', { class: 'icon-btn', type: 'button', text: 'New chat', onclick: function () { reset(false); input.focus(); } }),
        inline ? null : el('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close chat', text: '✕', onclick: function () { open(false); } })
      ]),
      log, statusEl, form,
      el('p', { class: 'foot', text: 'Replies are written by an AI assistant.' })
    ]);
    if (!inline) root.appendChild(launcher);
    root.appendChild(panel);

    function open(show) {
      if (inline) return;
      panel.hidden = !show;
      launcher.hidden = show;
      launcher.setAttribute('aria-expanded', String(show));
      (show ? input : launcher).focus();
    }
    function persist() { saveState(key, state); }
    function headers(extra) {
      var h = extra || {};
      if (token) h.Authorization = 'Bearer ' + token;
      if (state.sessionId) h['X-Tailor-Session'] = state.sessionId;
      return h;
    }
    function rememberSession(res) {
      var sid = res.headers.get('X-Tailor-Session');
      if (sid && sid !== state.sessionId) { state.sessionId = sid; persist(); }
    }
    function emit(name, detail) {
      host.dispatchEvent(new CustomEvent('tailor:' + name, { detail: detail, bubbles: true, composed: true }));
    }
    function setStatus(text, warn) {
      statusEl.textContent = text || '';
      statusEl.className = 'status' + (warn ? ' warn' : '');
    }
    function setBusy(b) {
      busy = b;
      sendBtn.disabled = b || !!retryTimer;
      log.setAttribute('aria-busy', String(b));
      Array.prototype.forEach.call(log.querySelectorAll('button.add'), function (btn) { btn.disabled = b || !!retryTimer; });
      Array.prototype.forEach.call(log.querySelectorAll('.proposal:not(.decided) button'), function (btn) { btn.disabled = b || !!retryTimer; });
    }
    function scroll() { log.scrollTop = log.scrollHeight; }
    function addMessage(role, text) {
      var bubble = el('div', { class: 'bubble' }, [text]);
      var msg = el('div', { class: 'msg ' + role }, [el('span', { class: 'sr-only', text: role === 'user' ? 'You said:' : 'Tailor said:' }), bubble]);
      log.appendChild(msg);
      scroll();
      return { msg: msg, bubble: bubble, text: '', products: {}, cards: null, done: false };
    }
    function setCart(count) {
      if (typeof count !== 'number' || isNaN(count)) return;
      var changed = cartCount !== null && count !== cartCount;
      cartCount = count;
      cartEl.hidden = false;
      cartEl.querySelector('.count').textContent = String(count);
      cartEl.setAttribute('aria-label', 'Cart: ' + count + (count === 1 ? ' item' : ' items'));
      if (changed) { cartEl.classList.remove('bump'); void cartEl.offsetWidth; cartEl.classList.add('bump'); }
      emit('cart', { count: count });
    }
    function greet() {
      log.innerHTML = '';
      addMessage('assistant', opts.greeting || DEFAULT_GREETING).msg.classList.add('greeting');
    }
    function reset(newSession) {
      epoch++;
      if (controller) controller.abort();
      state = newSession ? { identity: identityOf(token) } : { identity: state.identity, sessionId: state.sessionId };
      persist();
      setStatus('');
      greet();
    }
    function decideProposal(id, decision) {
      send(decision === 'confirm' ? 'Yes, go ahead.' : 'No, cancel that.', { proposal: { id: id, decision: decision } });
    }
    function addToCart(name, size) {
      send('add ' + name + (size ? ' in size ' + size : '') + ' to my cart');
    }
    function onToolResult(turn, ev) {
      var r = ev.result;
      if (r && typeof r.ok === 'boolean' && 'data' in r) { if (!r.ok) return; r = r.data; }
      if (!ev.ok || !r || typeof r !== 'object') return;
      var cart = findCart(ev.name, r);
      if (cart) setCart(cart.count);
      var products = findProducts(ev.name, r), orders = findOrders(ev.name, r), proposal = findProposal(ev.name, r);
      if (!products.length && !orders.length && !proposal) return;
      if (!turn.cards) { turn.cards = el('ul', { class: 'cards', 'aria-label': 'Results' }); turn.msg.appendChild(turn.cards); }
      products.forEach(function (p) {
        if (turn.products[p.key]) return;
        turn.products[p.key] = true;
        turn.cards.appendChild(el('li', {}, [productCard(p, addToCart, busy)]));
      });
      orders.forEach(function (o) { turn.cards.appendChild(el('li', {}, [orderCard(o)])); });
      if (proposal) turn.cards.appendChild(el('li', {}, [proposalCard(proposal, decideProposal, busy)]));
      scroll();
    }
    function onEvent(turn, name, raw) {
      var d;
      try { d = JSON.parse(raw); } catch (e) { return; }
      if (name === 'meta') {
        if (d.conversationId) { state.conversationId = d.conversationId; persist(); }
        emit('meta', d);
      } else if (name === 'tool_call') {
        setStatus((TOOL_STATUS[d.name] || 'Working on it') + '…');
      } else if (name === 'tool_result') {
        onToolResult(turn, d);
      } else if (name === 'delta') {
        setStatus('');
        turn.text += d.text || '';
        turn.bubble.textContent = turn.text;
        emit('delta', d);
        scroll();
      } else if (name === 'done') {
        var res = d.response || d;
        turn.done = true;
        if (res.reply && res.reply !== turn.text) turn.bubble.textContent = turn.text = res.reply;
        if (res.conversationId) { state.conversationId = res.conversationId; persist(); }
        emit('reply', res);
      } else if (name === 'error') {
        turn.done = true;
        fail(turn, d.code === 'rate_limited' ? SLOW + 'Try again in a moment.' : 'Sorry, something went wrong on our side. Please try again.');
      }
    }
    function fail(turn, text) {
      turn.bubble.classList.add('error');
      turn.bubble.textContent = text;
      turn.bubble.setAttribute('role', 'alert');
    }
    function holdOff(seconds) {
      clearTimeout(retryTimer);
      retryTimer = setTimeout(function () { retryTimer = null; setStatus(''); setBusy(busy); }, seconds * 1000);
      setStatus('You can send again in ' + seconds + (seconds === 1 ? ' second.' : ' seconds.'), true);
    }
    async function httpError(turn, res) {
      var body = null;
      try { body = await res.json(); } catch (e) { /* not JSON */ }
      var code = body && body.error && body.error.code;
      if (res.status === 429) {
        var wait = Math.max(1, Math.min(600, parseInt(res.headers.get('Retry-After') || '10', 10) || 10));
        fail(turn, SLOW + 'Try again in ' + wait + (wait === 1 ? ' second.' : ' seconds.'));
        holdOff(wait);
      } else if (res.status === 401) {
        fail(turn, 'Your sign-in has expired. Please refresh the page and try again.');
      } else if (res.status === 404 && state.conversationId) {
        state.conversationId = undefined; persist();
        fail(turn, 'That conversation is no longer available, so I started a new one. Please send your message again.');
      } else if (code === 'bad_request' || code === 'too_large') {
        fail(turn, 'I couldn’t read that message — please keep it under 4,000 characters.');
      } else {
        fail(turn, 'Sorry, I can’t answer right now. Please try again in a moment.');
      }
    }
    async function send(text, extra) {
      text = String(text || '').trim();
      if (!text || busy || retryTimer) return;
      epoch++;
      input.value = '';
      addMessage('user', text);
      var turn = addMessage('assistant', '');
      turn.bubble.classList.add('pending');
      setBusy(true);
      var ctl = controller = new AbortController();
      var payload = { message: text, page: { url: location.href } };
      if (document.referrer) payload.page.referrer = document.referrer;
      if (state.conversationId) payload.conversationId = state.conversationId;
      if (extra && extra.proposal) payload.proposal = extra.proposal;
      try {
        var res = await fetch(apiBase + '/api/chat', {
          method: 'POST', signal: ctl.signal, credentials: 'omit',
          headers: headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
          body: JSON.stringify(payload)
        });
        rememberSession(res);
        if (!res.ok) {
          if (res.status === 429 && !input.value) input.value = text; // ready to resend once the wait is over
          await httpError(turn, res);
          return;
        }
        if ((res.headers.get('Content-Type') || '').indexOf('text/event-stream') < 0) {
          var json = await res.json();
          onEvent(turn, 'done', JSON.stringify(json));
        } else {
          await readSse(res.body, function (name, data) { if (ctl === controller) onEvent(turn, name, data); });
        }
        if (!turn.done && ctl === controller) fail(turn, 'The reply was cut off. Please try again.');
      } catch (e) {
        if (ctl === controller) fail(turn, 'I can’t reach the assistant right now. Please check your connection and try again.');
      } finally {
        if (ctl === controller) {
          controller = null;
          turn.bubble.classList.remove('pending');
          if (!retryTimer) setStatus('');
          setBusy(false);
        }
      }
    }
    async function restore() {
      greet();
      if (!state.conversationId) return;
      var id = state.conversationId, at = epoch;
      try {
        var res = await fetch(apiBase + '/api/conversations/' + encodeURIComponent(id), { headers: headers({ Accept: 'application/json' }), credentials: 'omit' });
        if (at !== epoch) return;
        rememberSession(res);
        if (res.status === 404 || res.status === 401 || res.status === 403) { state.conversationId = undefined; persist(); return; }
        if (!res.ok) return;
        var conv = await res.json();
        if (at !== epoch) return;
        (conv.messages || []).forEach(function (m) {
          if ((m.role === 'user' || m.role === 'assistant') && m.content) addMessage(m.role, m.content);
        });
      } catch (e) { /* offline: the greeting stands, the next message still continues the conversation */ }
    }
    function setToken(next) {
      token = next || null;
      var id = identityOf(token);
      if (id !== state.identity || !token) { cartCount = null; cartEl.hidden = true; emit('cart', { count: 0 }); reset(true); }
    }

    if (state.identity !== identityOf(token)) state = { identity: identityOf(token) };
    persist();
    if (!inline) {
      // No focus move on load: the page, not the widget, decides where focus starts.
      panel.hidden = !opts.open;
      launcher.hidden = !!opts.open;
      launcher.setAttribute('aria-expanded', String(!!opts.open));
    }
    restore();
    return {
      open: function () { open(true); },
      close: function () { open(false); },
      send: send,
      setToken: setToken,
      reset: function () { reset(true); },
      destroy: function () { if (controller) controller.abort(); clearTimeout(retryTimer); if (inline) shadow.innerHTML = ''; else host.remove(); },
      state: function () { return { sessionId: state.sessionId || null, conversationId: state.conversationId || null, identity: state.identity }; }
    };
  }

  var current = null;
  var Tailor = {
    version: '1',
    init: function (opts) {
      if (current) current.destroy();
      current = createWidget(opts || {});
      return current;
    },
    setToken: function (token) { if (current) current.setToken(token); },
    open: function () { if (current) current.open(); },
    close: function () { if (current) current.close(); },
    send: function (text) { return current ? current.send(text) : Promise.resolve(); },
    reset: function () { if (current) current.reset(); },
    state: function () { return current ? current.state() : null; }
  };
  window.Tailor = Tailor;

  if (SCRIPT && SCRIPT.getAttribute('data-auto-init') !== 'false') {
    var ds = SCRIPT.dataset;
    var base = ds.apiBase != null ? ds.apiBase : new URL(SCRIPT.src, location.href).origin;
    var start = function () { Tailor.init({ apiBase: base, token: ds.token || null, open: ds.open === 'true', title: ds.title, greeting: ds.greeting }); };
    if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
  }
})();
`;
