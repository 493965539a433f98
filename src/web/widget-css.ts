// The widget's stylesheet. It lives inside the widget's shadow root, so the store's CSS cannot
// break it and it cannot leak into the store's page.
export const widgetCss = `
:host { all: initial; }
* { box-sizing: border-box; }
.root { --ink: #1d1b19; --muted: #6b645d; --line: #e7e1d9; --bg: #fffdfa; --accent: #8c3b2a; --accent-ink: #fff;
  --soft: #f5efe7; --focus: #1a5fd0;
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, input, select { font: inherit; color: inherit; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; display: flex; align-items: center; gap: 8px;
  padding: 12px 18px; border: 0; border-radius: 999px; background: var(--ink); color: #fff; font-weight: 600;
  box-shadow: 0 8px 24px rgba(0,0,0,.18); }
.launcher .dot { width: 8px; height: 8px; border-radius: 50%; background: #7fd18b; }
.panel { display: flex; flex-direction: column; background: var(--bg); border: 1px solid var(--line); border-radius: 16px;
  overflow: hidden; box-shadow: 0 18px 48px rgba(0,0,0,.18); }
.floating .panel { position: fixed; right: 20px; bottom: 20px; z-index: 2147483001; width: min(400px, calc(100vw - 24px));
  height: min(620px, calc(100vh - 40px)); }
.inline .panel { width: 100%; height: 100%; min-height: 420px; box-shadow: none; }
.panel[hidden], .launcher[hidden], .cart[hidden] { display: none; }
.head { display: flex; align-items: center; gap: 10px; padding: 12px 14px; border-bottom: 1px solid var(--line); background: #fff; }
.avatar { width: 34px; height: 34px; border-radius: 50%; display: grid; place-items: center; background: var(--accent);
  color: var(--accent-ink); font-weight: 700; font-family: Georgia, serif; }
.title { flex: 1; min-width: 0; }
.title h2 { margin: 0; font-size: 15px; }
.title p { margin: 0; color: var(--muted); font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.cart { display: inline-flex; align-items: center; gap: 6px; padding: 4px 10px; border-radius: 999px; background: var(--soft);
  font-size: 12px; font-weight: 600; white-space: nowrap; }
.cart .count { min-width: 20px; height: 20px; padding: 0 6px; border-radius: 999px; background: var(--ink); color: #fff;
  display: inline-grid; place-items: center; font-size: 11px; }
.cart.bump .count { animation: bump .4s ease; }
@keyframes bump { 50% { transform: scale(1.35); } }
.icon-btn { border: 1px solid transparent; background: none; border-radius: 8px; padding: 4px 8px; color: var(--muted); }
.icon-btn:hover { background: var(--soft); color: var(--ink); }
.log { flex: 1; overflow-y: auto; padding: 14px; display: flex; flex-direction: column; gap: 10px; background: var(--bg); }
.msg { display: flex; flex-direction: column; gap: 8px; max-width: 100%; }
.msg.user { align-items: flex-end; }
.bubble { max-width: 86%; padding: 9px 12px; border-radius: 14px; white-space: pre-wrap; overflow-wrap: anywhere; }
.user .bubble { background: var(--ink); color: #fff; border-bottom-right-radius: 4px; }
.assistant .bubble { background: #fff; border: 1px solid var(--line); border-bottom-left-radius: 4px; }
.bubble.pending:empty::after { content: "\\2026"; color: var(--muted); letter-spacing: 2px; }
.bubble.error { background: #fff4f2; border-color: #f1c4bb; color: #7a2413; }
.cards { list-style: none; margin: 0; padding: 2px 2px 6px; display: flex; gap: 10px; overflow-x: auto; max-width: 100%; }
.cards > li { flex: 0 0 200px; }
.card { height: 100%; display: flex; flex-direction: column; gap: 4px; padding: 10px; background: #fff; border: 1px solid var(--line);
  border-radius: 12px; }
.card h3 { margin: 0; font-size: 13.5px; line-height: 1.3; }
.card p { margin: 0; font-size: 12.5px; color: var(--muted); }
.card .price { color: var(--ink); font-weight: 700; font-size: 14px; }
.swatch { height: 64px; border-radius: 8px; margin-bottom: 4px; border: 1px solid rgba(0,0,0,.06);
  background: linear-gradient(135deg, var(--sw, #d9d2c8), #fff 160%); }
.actions { margin-top: auto; padding-top: 6px; display: flex; gap: 6px; align-items: center; }
.proposal button { flex: 1; padding: 6px; border-radius: 8px; border: 1px solid var(--line); font: inherit; }
.proposal .confirm { background: var(--accent); color: #fff; } .decided { opacity: .6; }
.actions select { flex: 0 0 auto; padding: 5px 4px; border: 1px solid var(--line); border-radius: 8px; background: #fff; }
.add { flex: 1; padding: 7px 8px; border: 0; border-radius: 8px; background: var(--accent); color: var(--accent-ink); font-weight: 600; }
.add:disabled, .send:disabled { opacity: .5; cursor: not-allowed; }
.because { font-style: italic; color: var(--accent) !important; }
.soldout { color: #7a2413 !important; font-weight: 600; }
.order dl { margin: 2px 0 0; display: grid; grid-template-columns: auto 1fr; gap: 2px 8px; font-size: 12.5px; }
.order dt { color: var(--muted); }
.order dd { margin: 0; overflow-wrap: anywhere; }
.badge { align-self: flex-start; padding: 1px 8px; border-radius: 999px; font-size: 11.5px; font-weight: 700; text-transform: capitalize;
  background: var(--soft); color: var(--ink) !important; }
.badge.delivered { background: #e3f4e6; color: #1f6b2e !important; }
.badge.shipped { background: #e6eefc; color: #1d4c9c !important; }
.badge.processing { background: #fdf3dc; color: #7a5a06 !important; }
.badge.cancelled, .badge.returned { background: #f3e9e7; color: #7a2413 !important; }
.status { min-height: 0; padding: 0 14px; color: var(--muted); font-size: 12px; }
.status:not(:empty) { padding: 6px 14px; }
.status.warn { color: #7a2413; background: #fff4f2; }
form { display: flex; gap: 8px; padding: 10px; border-top: 1px solid var(--line); background: #fff; }
form input { flex: 1; min-width: 0; padding: 10px 12px; border: 1px solid #cfc7bd; border-radius: 10px; background: #fff; }
.send { padding: 0 16px; border: 0; border-radius: 10px; background: var(--ink); color: #fff; font-weight: 600; }
.foot { padding: 0 12px 8px; background: #fff; color: var(--muted); font-size: 11px; text-align: center; }
@media (prefers-reduced-motion: reduce) { .cart.bump .count { animation: none; } }
`;
