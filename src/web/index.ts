// The web module: the embeddable chat widget (served as /widget.js) and the demo storefront page
// (served at /). Runtime-neutral strings, so Node and Workers serve the very same bytes.

/**
 * The widget's JavaScript, ready to serve as `text/javascript`: built by esbuild from the
 * TypeScript in ./widget/ (`npm run widget:build`) into a checked-in module. Pure ASCII
 * (non-ASCII characters become \u escapes), so it reads right even where a CDN or the store's
 * page drops the charset.
 */
export { widgetJs } from './generated/widget-js.js';

export { demoPageHtml, type DemoPageOptions } from './demo-page.js';
