import { createRequire } from 'node:module';
import type * as DuckDbApi from '@duckdb/node-api';

// The driver is a CommonJS package of about 180 files. Imported from ESM, Node first scans
// every one of them for its export names (cjs-module-lexer) and wraps each as an ES module;
// required, it just runs them: a CLI command on the embedded file starts several hundred
// milliseconds sooner (npm run bench:cli). Types still come from the package as usual.
// The built CLI (scripts/bundle-cli.ts) replaces this module with the driver bundled in, so
// neither the scan nor the 180 file loads happen there.
export const duckdb = createRequire(import.meta.url)('@duckdb/node-api') as typeof DuckDbApi;
