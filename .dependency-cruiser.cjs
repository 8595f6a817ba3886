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
      name: 'postgres-not-duckdb',
      comment: 'Server-mode code does not borrow embedded code: what both need lives once in src/adapters/sql.',
      severity: 'error',
      from: { path: '^src/adapters/postgres' },
      to: { path: '^src/adapters/duckdb' },
    },
    {
      name: 'duckdb-not-postgres',
      comment: 'Embedded code does not borrow server-mode code: what both need lives once in src/adapters/sql.',
      severity: 'error',
      from: { path: '^src/adapters/duckdb' },
      to: { path: '^src/adapters/postgres' },
    },
    {
      name: 'sql-is-engine-free',
      comment: 'The shared SQL layer takes its engine as a dialect and a SqlDatabase; it imports no engine or driver.',
      severity: 'error',
      from: { path: '^src/adapters/sql' },
      to: { path: ['^src/adapters/(duckdb|postgres)', 'node_modules/(@duckdb|pg|pg-boss|pg-copy-streams)/'] },
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
