import { after } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { runInvoiceSettlementContract } from '../contracts/invoice-settlement.contract.js';
import { runInvoiceStoreContract } from '../contracts/invoice-store.contract.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';

const opened: PostgresStores[] = [];
after(async () => {
  for (const stores of opened) await stores.close().catch(() => undefined);
});

const openPostgres = async () => {
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

runInvoiceStoreContract('PostgreSQL', openPostgres);
runInvoiceSettlementContract('PostgreSQL', openPostgres);
