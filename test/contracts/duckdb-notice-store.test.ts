import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runNoticeStoreContract } from './notice-store.contract.js';

runNoticeStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(makeTempDir(), 'notices.duckdb'), memoryLimit: '256MB', threads: 1 }),
);
