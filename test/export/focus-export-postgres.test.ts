import { after } from 'node:test';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { runFocusExportStoreContract } from '../contracts/focus-export-store.contract.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';

const opened: PostgresStores[] = [];
after(async () => {
  for (const stores of opened) await stores.close().catch(() => undefined);
});

runFocusExportStoreContract(
  'PostgreSQL',
  async () => {
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
  },
  {
    all: (stores, sql) => stores.pg.all(sql),
    run: (stores, sql) => stores.pg.run(sql),
    allocatedTable: () => 'allocated_lines',
    // As migration 052 left the rows of runs stored before it: no parts, no marker.
    forgetStoredShares: (stores, period) =>
      stores.pg.run(
        `UPDATE allocated_lines SET share_list_cost = NULL, share_contracted_cost = NULL,
           share_consumed_quantity = NULL, share_pricing_quantity = NULL,
           share_commitment_discount_quantity = NULL, share_pricing_currency_effective_cost = NULL,
           split_stored = NULL
         WHERE period = $period`,
        { period },
      ),
  },
);
