import { join } from 'node:path';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { COST_ROLLUP_COLUMNS, stagedRollupSelect } from '../../src/adapters/sql/costs/cost-rollups.js';
import { makeTempDir } from '../support/temp-dir.js';
import { runAccessStoresContract } from './access-stores.contract.js';
import { runFinanceStoresContract } from './finance-stores.contract.js';
import {
  type ContractStores,
  runGovernanceStoresContract,
  type SeedLine,
} from './governance-stores.contract.js';
import { runJobStoreContract } from './job-store.contract.js';

const dir = makeTempDir();
let counter = 0;

/**
 * A fresh DuckDB file with every migration; cost lines are seeded straight into cost_lines, and
 * the cost rollups are built from them again, as the cost store keeps them with every load.
 */
async function openFresh(): Promise<ContractStores> {
  const stores = await openDuckDbStores({
    path: join(dir, `governance-finance-access-${counter++}.duckdb`),
    memoryLimit: '256MB',
    threads: 1,
  });
  return {
    ...stores,
    async seedCostLines(lines: SeedLine[]) {
      for (const [index, line] of lines.entries()) {
        await stores.db.run(
          `INSERT INTO cost_lines (load_id, source_file, source_row, provider_name, billing_account_id, billing_period_start,
             charge_period_start, charge_period_end, billing_currency, service_name, billed_cost, effective_cost,
             charge_frequency, tags)
           VALUES (1, 'contract', $row, 'AWS', 'a1', date_trunc('month', CAST($day AS TIMESTAMP)), CAST($day AS TIMESTAMP),
             CAST($day AS TIMESTAMP) + INTERVAL 1 DAY, $currency, $service, CAST($billed AS DECIMAL(38,16)),
             CAST($effective AS DECIMAL(38,16)), $frequency, $tags)`,
          {
            row: index + 1,
            day: line.day,
            currency: line.currency,
            service: line.service,
            billed: line.billed,
            effective: line.effective,
            frequency: line.chargeFrequency,
            tags: line.tags === null ? null : JSON.stringify(line.tags),
          },
        );
      }
      for (const [table, grain] of [
        ['cost_rollup_daily', 'day'],
        ['cost_rollup_monthly', 'month'],
      ] as const) {
        await stores.db.run(`DELETE FROM ${table}`);
        await stores.db.run(
          `INSERT INTO ${table} (${COST_ROLLUP_COLUMNS.join(', ')}) ${stagedRollupSelect('cost_lines', grain)}`,
        );
      }
    },
  };
}

runGovernanceStoresContract('DuckDB', openFresh);
runFinanceStoresContract('DuckDB', openFresh);
runAccessStoresContract('DuckDB', openFresh);
runJobStoreContract('DuckDB', openFresh);
