// The web module: the embeddable chat widget (served as /widget.js) and the demo storefront page
// (served at /). Runtime-neutral strings, so Node and Workers serve the very same bytes.
import { widgetCss } from './widget-css.js';
import { widgetCards } from './widget-cards.js';
import { widgetHelpers } from './widget-helpers.js';
import { widgetScript } from './widget-script.js';

/**
 * The widget's JavaScript source, ready to serve as `text/javascript`. Pure ASCII (non-ASCII
 * characters become \u escapes, all inside string literals), so it reads right even where a CDN
 * or the store's page drops the charset.
 */
export const widgetJs: string = widgetScript
  // The stylesheet travels as one JSON string: its line breaks and indentation carry no meaning.
  .replace('__TAILOR_CSS__', () => JSON.stringify(widgetCss.trim().replace(/\s*\n\s*/g, ' ')))
  .replace('__TAILOR_HELPERS__', () => widgetHelpers.trim())
  .replace('__TAILOR_CARDS__', () => widgetCards.trim())
  .replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

export { demoPageHtml, type DemoPageOptions } from './demo-page.js';
