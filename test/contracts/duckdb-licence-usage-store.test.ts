import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runLicenceUsageStoreContract } from './licence-usage-store.contract.js';

runLicenceUsageStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(makeTempDir(), 'licence-usage.duckdb'), memoryLimit: '256MB', threads: 1 }),
);
