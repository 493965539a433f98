// The widget's options: from `Tailor.init({...})` and from the script tag's data-* attributes
// (README "Embedding the widget"). Every value is checked; a bad one is ignored with a console
// warning, so a typo in a store's embed never breaks the chat.

export type Position = 'bottom-right' | 'bottom-left';

/** What a store may pass to `Tailor.init` (data-* attributes carry the same names, kebab-cased). */
export interface TailorOptions {
  apiBase?: string;
  token?: string | null;
  open?: boolean;
  container?: HTMLElement | null;
  name?: string;
  /** @deprecated the older name of `name` (data-title). */
  title?: string;
  avatar?: string;
  accentColor?: string;
  backgroundColor?: string;
  textColor?: string;
  greeting?: string;
  position?: Position;
}

export interface Avatar {
  kind: 'image' | 'text';
  value: string;
}

export interface WidgetConfig {
  apiBase: string;
  token: string | null;
  open: boolean;
  container: HTMLElement | null;
  name: string;
  avatar: Avatar;
  accentColor: string | null;
  backgroundColor: string | null;
  textColor: string | null;
  greeting: string | null;
  position: Position;
}

const POSITIONS: readonly string[] = ['bottom-right', 'bottom-left'];

function warn(key: string, value: unknown, why: string): void {
  console.warn('[Tailor] ignoring option ' + key + ' = ' + JSON.stringify(value) + ': ' + why);
}

function text(key: string, v: unknown, max: number): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v.trim() && v.trim().length <= max) return v.trim();
  warn(key, v, 'expected text of 1 to ' + max + ' characters');
  return null;
}

function colour(key: string, v: unknown): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v.length <= 64 && !/[;{}]/.test(v) && CSS.supports('color', v)) return v.trim();
  warn(key, v, 'expected a CSS colour such as #8c3b2a or rgb(140 59 42)');
  return null;
}

/** An image address (http, https, relative or data:image) or one or two characters shown as initials. */
function avatar(key: string, v: unknown): Avatar | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && v.trim()) {
    const s = v.trim();
    if (/^data:image\/(png|jpeg|gif|webp|svg\+xml)[;,]/i.test(s)) return { kind: 'image', value: s };
    if (Array.from(s).length <= 2 && !/[/.:]/.test(s)) return { kind: 'text', value: s };
    try {
      const u = new URL(s, location.href);
      if (u.protocol === 'https:' || u.protocol === 'http:') return { kind: 'image', value: u.href };
    } catch {
      /* not an address */
    }
  }
  warn(key, v, 'expected an image URL or one or two characters');
  return null;
}

function position(key: string, v: unknown): Position | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'string' && POSITIONS.includes(v)) return v as Position;
  warn(key, v, 'expected "bottom-right" or "bottom-left"');
  return null;
}

function container(v: unknown): HTMLElement | null {
  if (v === undefined || v === null) return null;
  if (v instanceof HTMLElement) return v;
  warn('container', String(v), 'expected an element');
  return null;
}

/** Init options over the script tag's, each checked: a bad init value falls back to the tag's, a bad tag value to the default. */
export function resolveOptions(fromScript: TailorOptions, given: TailorOptions): WidgetConfig {
  const pick = <T>(k: keyof TailorOptions, check: (key: string, v: unknown) => T | null): T | null =>
    check(k, given[k]) ?? check(k, fromScript[k]);
  const name = pick('name', (k, v) => text(k, v, 40)) ?? pick('title', (k, v) => text(k, v, 40)) ?? 'Tailor';
  const apiBase = given.apiBase ?? fromScript.apiBase;
  const token = given.token !== undefined ? given.token : fromScript.token;
  return {
    apiBase: (typeof apiBase === 'string' ? apiBase : '').replace(/\/+$/, ''),
    token: typeof token === 'string' && token ? token : null,
    open: (given.open ?? fromScript.open) === true,
    container: container(given.container),
    name,
    avatar: pick('avatar', avatar) ?? { kind: 'text', value: Array.from(name)[0] ?? 'T' },
    accentColor: pick('accentColor', colour),
    backgroundColor: pick('backgroundColor', colour),
    textColor: pick('textColor', colour),
    greeting: pick('greeting', (k, v) => text(k, v, 500)),
    position: pick('position', position) ?? 'bottom-right',
  };
}

/** The options a script tag's data-* attributes carry (data-accent-color → accentColor…); unset ones stay undefined. */
export function optionsFromData(ds: DOMStringMap): TailorOptions {
  return {
    apiBase: ds.apiBase,
    token: ds.token,
    open: ds.open === undefined ? undefined : ds.open === 'true',
    name: ds.name ?? ds.title,
    avatar: ds.avatar,
    accentColor: ds.accentColor,
    backgroundColor: ds.backgroundColor,
    textColor: ds.textColor,
    greeting: ds.greeting,
    position: ds.position as Position | undefined,
  };
}
