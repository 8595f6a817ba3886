import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { runFocusExportStoreContract } from '../contracts/focus-export-store.contract.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
let counter = 0;
runFocusExportStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(dir, `export-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
);
