// The web module: the embeddable chat widget (served as /widget.js) and the demo storefront page
// (served at /). Runtime-neutral strings, so Node and Workers serve the very same bytes.
import { widgetCss } from './widget-css.js';
import { widgetCards } from './widget-cards.js';
import { widgetScript } from './widget-script.js';

/** The widget's JavaScript source, ready to serve as `application/javascript`. */
export const widgetJs: string = widgetScript
  .replace('__TAILOR_CSS__', () => JSON.stringify(widgetCss.trim()))
  .replace('__TAILOR_CARDS__', () => widgetCards.trim());

export { demoPageHtml, type DemoPageOptions } from './demo-page.js';
