import { after } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { runAllocationEnvironmentContract } from './allocation-environment.contract.js';
import { runAllocationReportStoreContract } from './allocation-report-store.contract.js';
import { runAllocationRunStoreContract } from './allocation-run-store.contract.js';
import { runAllocationStoresContract } from './allocation-stores.contract.js';
import { runCatalogStoreContract } from './catalog-store.contract.js';
import { runCostStoreContract } from './cost-store.contract.js';
import { runExchangeRateStoreContract } from './exchange-rate-store.contract.js';
import { runFocusDatasetStoreContract } from './focus-dataset-store.contract.js';
import { runStateStoreContract } from './state-store.contract.js';

const opened: PostgresStores[] = [];
after(async () => {
  for (const stores of opened) await stores.close().catch(() => undefined);
});

/** Each contract case gets a fresh database of the shared ephemeral PostgreSQL 15 cluster. */
const openFresh = async () => {
  const cluster = await sharedPostgresCluster();
  const stores = await openPostgresStores({
    url: await cluster.createDatabase(),
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '256MB',
    threads: 1,
  });
  opened.push(stores);
  return stores;
};

runCostStoreContract('PostgreSQL', openFresh);
runStateStoreContract('PostgreSQL', openFresh);
runCatalogStoreContract('PostgreSQL', openFresh);
runAllocationStoresContract('PostgreSQL', openFresh);
runAllocationRunStoreContract('PostgreSQL', openFresh);
runAllocationEnvironmentContract('PostgreSQL', openFresh);
runAllocationReportStoreContract('PostgreSQL', openFresh);
runFocusDatasetStoreContract('PostgreSQL', openFresh);
runExchangeRateStoreContract('PostgreSQL', openFresh);
