// The checked-in widget module is what esbuild builds from src/web/widget/ today: editing the
// widget's TypeScript without `npm run widget:build` fails here (and in wrangler's build check).
import { describe, expect, it } from 'vitest';
import { buildWidget, WIDGET_MODULE, widgetModuleIsCurrent } from '../../src/cli/widget-build.js';
import { widgetJs } from '../../src/web/index.js';
import { repoRoot } from '../support/server.js';

describe('the built widget', () => {
  it('src/web/generated/widget-js.ts is current with src/web/widget/ (run `npm run widget:build` if not)', async () => {
    const built = await buildWidget(repoRoot);
    // Compared by value, so a formatter may restyle the generated file.
    expect(widgetJs === built, `${WIDGET_MODULE} is stale: run \`npm run widget:build\``).toBe(true);
    expect(await widgetModuleIsCurrent(built, repoRoot)).toBe(true);
    expect(await widgetModuleIsCurrent(`${built}// edited`, repoRoot)).toBe(false);
  }, 60_000);

  it('is built from the TypeScript sources: the CSS is minified in, the options are validated', () => {
    expect(widgetJs).toContain('// src/web/widget/main.ts');
    expect(widgetJs).toContain(':host{all:initial}');
    expect(widgetJs).toContain('[Tailor] ignoring option ');
    expect(widgetJs).toContain('tailor:');
  });
});
