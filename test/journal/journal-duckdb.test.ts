import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { runJournalStoreContract } from '../contracts/journal-store.contract.js';
import { makeTempDir } from '../support/temp-dir.js';

const dir = makeTempDir();
let counter = 0;
runJournalStoreContract('DuckDB', () =>
  openDuckDbStores({ path: join(dir, `journal-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 }),
);
