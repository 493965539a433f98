// Browser JavaScript spliced into the widget (see widget-script.ts): DOM building, localStorage,
// which shopper a token speaks for, and an SSE reader over fetch's body.
// Same writing rule as widget-script.ts: no backticks, no dollar-brace.
export const widgetHelpers = String.raw`
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var k in attrs || {}) {
      var v = attrs[k];
      if (v == null || v === false) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else if (k.slice(0, 2) === 'on') node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
    (children || []).forEach(function (c) {
      if (c != null) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    });
    return node;
  }
  function loadState(key) {
    try { return JSON.parse(localStorage.getItem(key) || '{}') || {}; } catch (e) { return {}; }
  }
  function saveState(key, s) {
    try { localStorage.setItem(key, JSON.stringify(s)); } catch (e) { /* storage disabled: session lasts this page */ }
  }
  // Which shopper a token speaks for: a conversation started by one shopper is never resumed for another.
  function identityOf(token) {
    if (!token) return 'anonymous';
    try {
      var part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
      var claims = JSON.parse(atob(part + '==='.slice((part.length + 3) % 4)));
      if (claims && claims.sub) return 'sub:' + claims.sub;
    } catch (e) { /* opaque token */ }
    return 'token:' + token.slice(-24);
  }
  // EventSource cannot POST, so the SSE stream is parsed from fetch's body.
  function readSse(body, onEvent) {
    var reader = body.getReader();
    var decoder = new TextDecoder();
    var buf = '', name = 'message', data = [];
    function line(l) {
      if (l.charAt(l.length - 1) === '\r') l = l.slice(0, -1);
      if (l === '') {
        if (data.length) onEvent(name, data.join('\n'));
        name = 'message'; data = [];
        return;
      }
      if (l.charAt(0) === ':') return;
      var i = l.indexOf(':');
      var field = i < 0 ? l : l.slice(0, i);
      var value = i < 0 ? '' : l.slice(i + 1);
      if (value.charAt(0) === ' ') value = value.slice(1);
      if (field === 'event') name = value;
      else if (field === 'data') data.push(value);
    }
    function pump() {
      return reader.read().then(function (r) {
        if (r.done) {
          buf += decoder.decode();
          if (buf) buf.split('\n').forEach(line);
          line('');
          return;
        }
        buf += decoder.decode(r.value, { stream: true });
        var lines = buf.split('\n');
        buf = lines.pop();
        lines.forEach(line);
        return pump();
      });
    }
    return pump();
  }
`;
