// Module boundaries from DESIGN.md, checked in CI (`npm run lint:deps`).
// A folder under src/ is a module: others import only its index.ts. The turn's data flows
// http → chat → segments / personas → agent → tools → shop → db, with core under all.
const mod = (name) => `^src/${name}/`;
const only = (name, allowed) => ({
  name: `${name}-layer`,
  comment: `${name}/ may import only ${allowed.join(', ') || 'nothing of ours'} (DESIGN.md layering).`,
  severity: 'error',
  from: { path: mod(name) },
  to: { path: '^src/', pathNot: [mod(name), ...allowed.map(mod)] },
});

module.exports = {
  forbidden: [
    {
      name: 'no-reach-past-index',
      comment:
        "Import another module only through its index.ts (DESIGN.md: a folder is a module). A module's node.ts is its Node-only surface (file system, better-sqlite3), for entries and CLIs.",
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/.+', pathNot: ['^src/$1/', '^src/[^/]+/(index|node)\\.ts$', '^src/[^/]+/[^/]+/(index|node)\\.ts$'] },
    },
    {
      name: 'no-circular',
      comment: 'Modules form a one-way flow; a cycle means two modules should be one or a seam is missing.',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true, pathNot: '^src/agent/offline/' },
    },
    only('core', []),
    // o200k token counts (a large ranks table): imported lazily by personas and agent, never by core.
    only('tokens', []),
    only('db', ['core']),
    only('shop', ['core', 'db']),
    only('store-sync', ['core', 'db', 'shop']),
    only('segments', ['core', 'db', 'shop']),
    only('personas', ['core', 'shop', 'segments', 'tools', 'tokens']),
    only('tools', ['core', 'shop']),
    only('agent', ['core', 'tools', 'tokens']),
    only('telemetry', ['core']),
    // The widget reads tool results through the tools' output types; it runs in a browser, so types only.
    only('web', ['core', 'tools']),
    {
      name: 'web-tools-types-only',
      comment: 'web/ may use the tools module for its output types only (the widget runs in the browser).',
      severity: 'error',
      from: { path: mod('web') },
      to: { path: mod('tools'), dependencyTypesNot: ['type-only'] },
    },
    only('chat', ['core', 'db', 'shop', 'segments', 'personas', 'agent', 'tools', 'telemetry']),
    only('mcp', ['core', 'shop', 'tools', 'chat', 'telemetry']),
    only('fleet', ['core', 'chat', 'http']),
    only('review', ['core', 'db']),
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
      extensions: ['.ts', '.js'],
    },
  },
};
