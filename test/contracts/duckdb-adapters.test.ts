import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runAllocationEnvironmentContract } from './allocation-environment.contract.js';
import { runAllocationReportStoreContract } from './allocation-report-store.contract.js';
import { runAllocationRunStoreContract } from './allocation-run-store.contract.js';
import { runAllocationStoresContract } from './allocation-stores.contract.js';
import { runCatalogStoreContract } from './catalog-store.contract.js';
import { runCostStoreContract } from './cost-store.contract.js';
import { runExchangeRateStoreContract } from './exchange-rate-store.contract.js';
import { runFocusDatasetStoreContract } from './focus-dataset-store.contract.js';
import { runStateStoreContract } from './state-store.contract.js';

const dir = makeTempDir();
let counter = 0;
const openFresh = () =>
  openDuckDbStores({ path: join(dir, `contract-${counter++}.duckdb`), memoryLimit: '256MB', threads: 1 });

runCostStoreContract('DuckDB', openFresh);
runStateStoreContract('DuckDB', openFresh);
runCatalogStoreContract('DuckDB', openFresh);
runAllocationStoresContract('DuckDB', openFresh);
runAllocationRunStoreContract('DuckDB', openFresh);
runAllocationEnvironmentContract('DuckDB', openFresh);
runAllocationReportStoreContract('DuckDB', openFresh);
runFocusDatasetStoreContract('DuckDB', openFresh);
runExchangeRateStoreContract('DuckDB', openFresh);
