// The widget's DOM: a launcher and a panel (a dialog when floating; full screen on a phone),
// inside a shadow root so the store's CSS cannot break it and it cannot leak into the page.
import type { CartView } from './cart.js';
import { el } from './dom.js';
import type { WidgetConfig } from './options.js';
import { applyTheme, avatarEl } from './theme.js';
import css from './widget.css';

export interface View {
  host: HTMLElement;
  shadow: ShadowRoot;
  launcher: HTMLButtonElement;
  panel: HTMLElement;
  log: HTMLElement;
  status: HTMLElement;
  input: HTMLInputElement;
  sendBtn: HTMLButtonElement;
}

export interface ViewHandlers {
  open(show: boolean): void;
  newChat(): void;
  submit(text: string): void;
}

function head(cfg: WidgetConfig, cart: CartView, on: ViewHandlers, inline: boolean): HTMLElement {
  return el('div', { class: 'head' }, [
    avatarEl(cfg),
    el('div', { class: 'title' }, [
      el('h2', { id: 'tailor-title', text: cfg.name }),
      el('p', { id: 'tailor-sub', text: 'Shopping assistant · AI' }),
    ]),
    cart.chip,
    el('button', { class: 'icon-btn', type: 'button', text: 'New chat', onclick: () => on.newChat() }),
    inline
      ? null
      : el('button', { class: 'icon-btn', type: 'button', 'aria-label': 'Close chat', text: '✕', onclick: () => on.open(false) }),
  ]);
}

function panelOf(cfg: WidgetConfig, cart: CartView, on: ViewHandlers, inline: boolean): Omit<View, 'host' | 'shadow' | 'launcher'> {
  const log = el('div', { class: 'log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation', tabindex: '0' });
  const status = el('div', { class: 'status', role: 'status' });
  const input = el('input', {
    id: 'tailor-input',
    type: 'text',
    maxlength: '4000',
    autocomplete: 'off',
    placeholder: 'Ask about a product, an order, a return…',
  });
  const sendBtn = el('button', { class: 'send', type: 'submit', text: 'Send' });
  const form = el('form', { onsubmit: (e) => (e.preventDefault(), on.submit(input.value)) }, [
    el('label', { class: 'sr-only', for: 'tailor-input', text: 'Message the shopping assistant' }),
    input,
    sendBtn,
  ]);
  const body = el('div', { class: 'body', role: 'region', 'aria-label': 'Shopping assistant chat' }, [cart.bar, log, status, form]);
  // Floating, the panel is a (non-modal) dialog named after the assistant; inline, it is part of the page.
  const attrs = inline ? {} : { role: 'dialog', 'aria-labelledby': 'tailor-title', 'aria-describedby': 'tailor-sub' };
  const panel = el('section', { class: 'panel', id: 'tailor-panel', ...attrs }, [
    head(cfg, cart, on, inline),
    body,
    el('p', { class: 'foot', text: 'Replies are written by an AI assistant.' }),
  ]);
  panel.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || inline || e.defaultPrevented) return;
    e.preventDefault();
    on.open(false);
  });
  return { panel, log, status, input, sendBtn };
}

export function buildView(cfg: WidgetConfig, cart: CartView, on: ViewHandlers): View {
  const inline = cfg.container !== null;
  const host = cfg.container ?? el('div', { 'data-tailor-widget': '' });
  if (!inline) document.body.appendChild(host);
  const shadow = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '';
  const root = el('div', { class: 'root ' + (inline ? 'inline' : 'floating') });
  shadow.append(el('style', { text: css }), root);
  applyTheme(root, cfg);
  const launcher = el(
    'button',
    {
      class: 'launcher',
      type: 'button',
      'aria-expanded': 'false',
      'aria-controls': 'tailor-panel',
      'aria-haspopup': 'dialog',
      onclick: () => on.open(true),
    },
    [el('span', { class: 'dot', 'aria-hidden': 'true' }), 'Chat with us'],
  );
  const parts = panelOf(cfg, cart, on, inline);
  if (!inline) root.appendChild(launcher);
  root.appendChild(parts.panel);
  return { host, shadow, launcher, ...parts };
}
