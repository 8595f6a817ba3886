/** The house rules of DESIGN.md, checked on every `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is the pure domain: no I/O, no outer layers, no database drivers.',
      severity: 'error',
      from: { path: '^src/core' },
      to: {
        path: ['^src/(adapters|api|cli|ingest|app|config|demo)', 'node_modules/(@duckdb|pg|pg-boss|fastify|pino)'],
      },
    },
    {
      name: 'core-no-io-builtins',
      comment: 'src/core reads no files, network, processes or environment.',
      severity: 'error',
      from: { path: '^src/core' },
      to: { dependencyTypes: ['core'], pathNot: '^(node:)?(crypto|util)$' },
    },
    {
      name: 'ports-are-interfaces',
      comment: 'Ports describe what the core needs; they import no adapter.',
      severity: 'error',
      from: { path: '^src/ports' },
      to: { path: '^src/(adapters|api|cli|ingest|app)' },
    },
    {
      name: 'adapters-not-upward',
      comment: 'Adapters implement ports; they never call the CLI, API or use cases.',
      severity: 'error',
      from: { path: '^src/adapters' },
      to: { path: '^src/(api|cli|app)' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
