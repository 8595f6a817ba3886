import { openPostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { runNoticeStoreContract } from './notice-store.contract.js';

runNoticeStoreContract('PostgreSQL', async () =>
  openPostgresStores({
    url: await (await sharedPostgresCluster()).createDatabase(),
    poolSize: 4,
    connectRetryMs: 0,
    migrate: true,
    memoryLimit: '256MB',
    threads: 1,
  }),
);
