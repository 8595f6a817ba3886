import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runContractStoreContract } from './contract-store.contract.js';

runContractStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(makeTempDir(), 'contracts.duckdb'), memoryLimit: '256MB', threads: 1 }),
);
