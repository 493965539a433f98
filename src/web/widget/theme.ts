// Branding: the colours, name and avatar a store chose (validated in options.ts).
import { el } from './dom.js';
import type { WidgetConfig } from './options.js';

/** Dark or light text, whichever reads better on `colour` (WCAG relative luminance). */
function inkOn(root: HTMLElement, colour: string): string {
  const probe = el('span', { hidden: true });
  probe.style.color = colour;
  root.appendChild(probe);
  const computed = getComputedStyle(probe).color;
  probe.remove();
  const rgb = /^rgba?\(/.test(computed) ? (computed.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number) : [];
  if (rgb.length < 3) return '#fff';
  const [r = 0, g = 0, b = 0] = rgb.map((c) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : Math.pow((c / 255 + 0.055) / 1.055, 2.4)));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 ? '#1d1b19' : '#fff';
}

export function applyTheme(root: HTMLElement, cfg: WidgetConfig): void {
  const set = (k: string, v: string): void => root.style.setProperty(k, v);
  if (cfg.accentColor) {
    set('--accent', cfg.accentColor);
    set('--accent-ink', inkOn(root, cfg.accentColor));
  }
  if (cfg.backgroundColor) set('--bg', cfg.backgroundColor);
  if (cfg.textColor) set('--ink', cfg.textColor);
  // Surfaces, borders and muted text are then derived from the two (widget.css `.themed`).
  if (cfg.backgroundColor || cfg.textColor) root.classList.add('themed');
  if (cfg.position === 'bottom-left') root.classList.add('left');
}

export function avatarEl(cfg: WidgetConfig): HTMLElement {
  const a = cfg.avatar;
  return el('span', { class: 'avatar', 'aria-hidden': 'true' }, [a.kind === 'image' ? el('img', { src: a.value, alt: '' }) : a.value]);
}
