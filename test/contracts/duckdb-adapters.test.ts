import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runCostStoreContract } from './cost-store.contract.js';
import { runStateStoreContract } from './state-store.contract.js';

const dir = makeTempDir();
let counter = 0;
const openFresh = () =>
  openDuckDbStores({ path: join(dir, `contract-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 });

runCostStoreContract('DuckDB', openFresh);
runStateStoreContract('DuckDB', openFresh);
