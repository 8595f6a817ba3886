import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { runLicenceUsageStoreContract } from './licence-usage-store.contract.js';

runLicenceUsageStoreContract('PostgreSQL', async () =>
  openPostgresStores({
    url: await (await sharedPostgresCluster()).createDatabase(),
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '256MB',
    threads: 1,
  }),
);
