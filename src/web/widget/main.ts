/*! Tailor chat widget */
// The entry point built to /widget.js (npm run widget:build): defines window.Tailor and, unless
// the script tag says data-auto-init="false", starts the widget with the tag's data-* options.
import { optionsFromData, resolveOptions, type TailorOptions } from './options.js';
import { createWidget, type WidgetHandle } from './widget.js';

export interface TailorApi {
  version: string;
  init(opts?: TailorOptions): WidgetHandle;
  setToken(token: string | null): void;
  open(): void;
  close(): void;
  send(text: string): Promise<void>;
  reset(): void;
  state(): ReturnType<WidgetHandle['state']> | null;
}

declare global {
  interface Window {
    Tailor?: TailorApi;
  }
}

function boot(): void {
  if (window.Tailor && window.Tailor.version) return;
  const SCRIPT = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
  // The script tag's data-* options apply to every init; the options passed to init win.
  const fromScript: TailorOptions = SCRIPT ? optionsFromData(SCRIPT.dataset) : {};
  let current: WidgetHandle | null = null;

  // Written as `name: function` on purpose: the documented API, one property per method.
  const Tailor: TailorApi = {
    version: '1',
    init: function (opts?: TailorOptions): WidgetHandle {
      current?.destroy();
      current = createWidget(resolveOptions(fromScript, opts ?? {}));
      return current;
    },
    setToken: function (token) {
      current?.setToken(token);
    },
    open: function () {
      current?.open();
    },
    close: function () {
      current?.close();
    },
    send: function (text) {
      return current ? current.send(text) : Promise.resolve();
    },
    reset: function () {
      current?.reset();
    },
    state: function () {
      return current ? current.state() : null;
    },
  };
  window.Tailor = Tailor;

  if (SCRIPT && SCRIPT.getAttribute('data-auto-init') !== 'false') {
    const ds = SCRIPT.dataset;
    const base = ds.apiBase != null ? ds.apiBase : new URL(SCRIPT.src, location.href).origin;
    const start = (): void => void Tailor.init({ apiBase: base, token: ds.token || null });
    if (document.body) start();
    else document.addEventListener('DOMContentLoaded', start);
  }
}

boot();
