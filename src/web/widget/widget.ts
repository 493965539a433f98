// One chat widget: the conversation with POST /api/chat (streamed), its session kept across
// page loads, the cart, and the events a store can listen to (README "Embedding the widget").
import { CartView } from './cart.js';
import { el } from './dom.js';
import type { WidgetConfig } from './options.js';
import { greeting, httpFailure, seconds, SLOW, TOOL_STATUS } from './messages.js';
import { isObj, str, type Cart } from './results.js';
import { readSse } from './sse.js';
import { identityOf, loadState, saveState, type StoredState } from './state.js';
import { newTurn, onToolResult, type Turn, type TurnHost } from './turn.js';
import { buildView, type View } from './view.js';

export interface WidgetHandle {
  open(): void;
  close(): void;
  send(text: string): Promise<void>;
  setToken(token: string | null): void;
  reset(): void;
  destroy(): void;
  state(): { sessionId: string | null; conversationId: string | null; identity: string | undefined };
}

export class Widget implements TurnHost {
  busy = false;
  readonly inline: boolean;
  readonly urlBase: string;
  readonly view: View;
  readonly cart: CartView;
  token: string | null;
  state: StoredState;
  controller: AbortController | null = null;
  retryTimer: number | null = null;
  // Changes on every send and reset, so a transcript that loads late never lands after them.
  epoch = 0;
  private readonly key: string;

  constructor(readonly cfg: WidgetConfig) {
    this.key = 'tailor:v1:' + (cfg.apiBase || location.origin);
    this.token = cfg.token;
    this.state = loadState(this.key);
    this.inline = cfg.container !== null;
    this.urlBase = cfg.apiBase ? cfg.apiBase + '/' : '';
    this.cart = new CartView((cart) => this.emit('cart', cart));
    this.view = buildView(cfg, this.cart, {
      open: (show) => this.open(show),
      newChat: () => (this.reset(false), this.view.input.focus()),
      submit: (text) => void this.send(text),
    });
    if (this.state.identity !== identityOf(this.token)) this.state = { identity: identityOf(this.token) };
    this.persist();
    if (!this.inline) this.show(cfg.open); // no focus move on load: the page decides where focus starts
  }

  private show(open: boolean): void {
    const { panel, launcher } = this.view;
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute('aria-expanded', String(open));
  }

  open(show: boolean): void {
    if (this.inline) return;
    this.show(show);
    (show ? this.view.input : this.view.launcher).focus();
  }

  persist(): void {
    saveState(this.key, this.state);
  }

  headers(extra: Record<string, string>): Record<string, string> {
    if (this.token) extra.Authorization = 'Bearer ' + this.token;
    if (this.state.sessionId) extra['X-Tailor-Session'] = this.state.sessionId;
    return extra;
  }

  rememberSession(res: Response): void {
    const sid = res.headers.get('X-Tailor-Session');
    if (sid && sid !== this.state.sessionId) {
      this.state.sessionId = sid;
      this.persist();
    }
  }

  /** `tailor:<name>` on the host element; it bubbles out of the shadow root to document and window. */
  emit(name: string, detail: unknown): void {
    const ev = new CustomEvent('tailor:' + name, { detail, bubbles: true, composed: true });
    (this.view.host.isConnected ? this.view.host : window).dispatchEvent(ev);
  }

  setStatus(text: string, warn = false): void {
    this.view.status.textContent = text;
    this.view.status.className = 'status' + (warn ? ' warn' : '');
  }

  setBusy(b: boolean): void {
    this.busy = b;
    const off = b || this.retryTimer !== null;
    this.view.sendBtn.disabled = off;
    this.view.log.setAttribute('aria-busy', String(b));
    this.view.log.querySelectorAll<HTMLButtonElement>('button.add, .proposal:not(.decided) button').forEach((btn) => (btn.disabled = off));
  }

  scroll(): void {
    this.view.log.scrollTop = this.view.log.scrollHeight;
  }

  addMessage(role: 'user' | 'assistant', text: string): Turn {
    const bubble = el('div', { class: 'bubble' }, [text]);
    const msg = el('div', { class: 'msg ' + role }, [
      el('span', { class: 'sr-only', text: role === 'user' ? 'You said:' : this.cfg.name + ' said:' }),
      bubble,
    ]);
    this.view.log.appendChild(msg);
    this.scroll();
    return newTurn(msg, bubble);
  }

  showCart(cart: Cart): void {
    this.cart.show(cart);
  }

  greet(): void {
    this.view.log.innerHTML = '';
    this.addMessage('assistant', this.cfg.greeting ?? greeting(this.cfg.name)).msg.classList.add('greeting');
  }

  reset(newSession: boolean): void {
    this.epoch++;
    this.controller?.abort();
    this.state = newSession ? { identity: identityOf(this.token) } : { identity: this.state.identity, sessionId: this.state.sessionId };
    this.persist();
    this.setStatus('');
    this.greet();
  }

  decideProposal(id: string, decision: 'confirm' | 'cancel'): void {
    void this.send(decision === 'confirm' ? 'Yes, go ahead.' : 'No, cancel that.', { id, decision });
  }

  addToCart(name: string, size: string): void {
    void this.send('add ' + name + (size ? ' in size ' + size : '') + ' to my cart');
  }

  onEvent(turn: Turn, name: string, raw: string): void {
    let d: unknown;
    try {
      d = JSON.parse(raw);
    } catch {
      return;
    }
    if (!isObj(d)) return;
    if (name === 'meta') {
      this.keepConversation(d.conversationId);
      this.emit('meta', d);
    } else if (name === 'tool_call') {
      this.setStatus((TOOL_STATUS[String(d.name)] ?? 'Working on it') + '…');
    } else if (name === 'tool_result') {
      onToolResult(this, turn, d);
    } else if (name === 'delta') {
      this.setStatus('');
      turn.text += typeof d.text === 'string' ? d.text : '';
      turn.bubble.textContent = turn.text;
      this.emit('delta', d);
      this.scroll();
    } else if (name === 'done') {
      this.onDone(turn, isObj(d.response) ? d.response : d);
    } else if (name === 'error') {
      turn.done = true;
      this.fail(
        turn,
        d.code === 'rate_limited' ? SLOW + 'Try again in a moment.' : 'Sorry, something went wrong on our side. Please try again.',
      );
    }
  }

  private onDone(turn: Turn, res: Record<string, unknown>): void {
    turn.done = true;
    const reply = str(res.reply);
    if (reply && reply !== turn.text) turn.bubble.textContent = turn.text = reply;
    this.keepConversation(res.conversationId);
    this.emit('reply', res);
  }

  keepConversation(id: unknown): void {
    if (typeof id !== 'string' || !id) return;
    this.state.conversationId = id;
    this.persist();
  }

  fail(turn: Turn, text: string): void {
    turn.bubble.classList.add('error');
    turn.bubble.textContent = text;
    turn.bubble.setAttribute('role', 'alert');
  }

  holdOff(wait: number): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = window.setTimeout(() => {
      this.retryTimer = null;
      this.setStatus('');
      this.setBusy(this.busy);
    }, wait * 1000);
    this.setStatus('You can send again in ' + seconds(wait), true);
  }

  async httpError(turn: Turn, res: Response): Promise<void> {
    let body: unknown = null;
    try {
      body = await res.json();
    } catch {
      /* not JSON */
    }
    const code = isObj(body) && isObj(body.error) ? body.error.code : null;
    const failure = httpFailure(res.status, code, res.headers.get('Retry-After'), !!this.state.conversationId);
    this.fail(turn, failure.text);
    if (failure.wait) this.holdOff(failure.wait);
    if (failure.forgetConversation) {
      this.state.conversationId = undefined;
      this.persist();
    }
  }

  payload(text: string, proposal?: { id: string; decision: string }): Record<string, unknown> {
    const page: Record<string, string> = { url: location.href };
    if (document.referrer) page.referrer = document.referrer;
    const payload: Record<string, unknown> = { message: text, page };
    if (this.state.conversationId) payload.conversationId = this.state.conversationId;
    if (proposal) payload.proposal = proposal;
    return payload;
  }

  async send(raw: string, proposal?: { id: string; decision: string }): Promise<void> {
    const text = String(raw || '').trim();
    if (!text || this.busy || this.retryTimer !== null) return;
    this.epoch++;
    this.view.input.value = '';
    this.addMessage('user', text);
    const turn = this.addMessage('assistant', '');
    turn.bubble.classList.add('pending');
    this.setBusy(true);
    const ctl = (this.controller = new AbortController());
    try {
      const res = await fetch(this.cfg.apiBase + '/api/chat', {
        method: 'POST',
        signal: ctl.signal,
        credentials: 'omit',
        headers: this.headers({ 'Content-Type': 'application/json', Accept: 'text/event-stream' }),
        body: JSON.stringify(this.payload(text, proposal)),
      });
      await this.receive(turn, res, ctl, text);
    } catch {
      if (ctl === this.controller) this.fail(turn, 'I can’t reach the assistant right now. Please check your connection and try again.');
    } finally {
      if (ctl === this.controller) {
        this.controller = null;
        turn.bubble.classList.remove('pending');
        if (this.retryTimer === null) this.setStatus('');
        this.setBusy(false);
      }
    }
  }

  private async receive(turn: Turn, res: Response, ctl: AbortController, text: string): Promise<void> {
    this.rememberSession(res);
    if (!res.ok) {
      if (res.status === 429 && !this.view.input.value) this.view.input.value = text; // ready to resend once the wait is over
      return this.httpError(turn, res);
    }
    if (!(res.headers.get('Content-Type') || '').includes('text/event-stream') || !res.body) {
      this.onEvent(turn, 'done', JSON.stringify(await res.json()));
    } else {
      await readSse(res.body, (name, data) => {
        if (ctl === this.controller) this.onEvent(turn, name, data);
      });
    }
    if (!turn.done && ctl === this.controller) this.fail(turn, 'The reply was cut off. Please try again.');
  }

  async restore(): Promise<void> {
    this.greet();
    const id = this.state.conversationId;
    if (!id) return;
    const at = this.epoch;
    try {
      const res = await fetch(this.cfg.apiBase + '/api/conversations/' + encodeURIComponent(id), {
        headers: this.headers({ Accept: 'application/json' }),
        credentials: 'omit',
      });
      if (at !== this.epoch) return;
      this.rememberSession(res);
      if (res.status === 404 || res.status === 401 || res.status === 403) {
        this.state.conversationId = undefined;
        this.persist();
        return;
      }
      if (!res.ok) return;
      const conv: unknown = await res.json();
      if (at !== this.epoch || !isObj(conv) || !Array.isArray(conv.messages)) return;
      for (const m of conv.messages) {
        if (isObj(m) && (m.role === 'user' || m.role === 'assistant') && str(m.content)) this.addMessage(m.role, String(m.content));
      }
    } catch {
      /* offline: the greeting stands, the next message still continues the conversation */
    }
  }

  setToken(next: string | null): void {
    this.token = next || null;
    if (identityOf(this.token) !== this.state.identity || !this.token) {
      this.cart.forget();
      this.reset(true);
    }
  }

  destroy(): void {
    this.controller?.abort();
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    if (this.inline) this.view.shadow.innerHTML = '';
    else this.view.host.remove();
  }
}

export function createWidget(cfg: WidgetConfig): WidgetHandle {
  const w = new Widget(cfg);
  void w.restore();
  return {
    open: () => w.open(true),
    close: () => w.open(false),
    send: (text) => w.send(text),
    setToken: (token) => w.setToken(token),
    reset: () => w.reset(true),
    destroy: () => w.destroy(),
    state: () => ({ sessionId: w.state.sessionId ?? null, conversationId: w.state.conversationId ?? null, identity: w.state.identity }),
  };
}
