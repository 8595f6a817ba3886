import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runAssetStoreContract } from './asset-store.contract.js';

runAssetStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(makeTempDir(), 'assets.duckdb'), memoryLimit: '256MB', threads: 1 }),
);
