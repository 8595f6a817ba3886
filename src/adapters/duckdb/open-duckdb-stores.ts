import type { Stores } from '../../ports/stores.js';
import { duckDbDialect } from '../sql/sql-dialect.js';
import { SqlStateStore } from '../sql/sql-state-store.js';
import { DuckDbAlertStore } from './duckdb-alert-store.js';
import { createDuckDbAllocationStores } from './duckdb-allocation-stores.js';
import { DuckDbBudgetStore } from './duckdb-budget-store.js';
import { DuckDbCatalogStore } from './duckdb-catalog-store.js';
import { DuckDbCostStore } from './duckdb-cost-store.js';
import { DuckDbDatabase, type DuckDbOptions } from './duckdb-database.js';
import { DuckDbForecastStore } from './duckdb-forecast-store.js';
import { createDuckDbGovernanceStores } from './duckdb-governance-stores.js';
import { loadMigrations, migrateDuckDb } from './duckdb-migrations.js';
import { createDuckDbAccessStores } from './duckdb-user-access-stores.js';

/** Opens (creating and migrating on first use) one DuckDB file as both stores. */
export async function openDuckDbStores(options: DuckDbOptions): Promise<Stores & { db: DuckDbDatabase }> {
  const db = await DuckDbDatabase.open(options);
  try {
    await migrateDuckDb(db, await loadMigrations());
  } catch (error) {
    db.close();
    throw error;
  }
  return {
    db,
    costs: new DuckDbCostStore(db),
    state: new SqlStateStore(db, duckDbDialect),
    governance: createDuckDbGovernanceStores(db),
    budgets: new DuckDbBudgetStore(db),
    forecasts: new DuckDbForecastStore(db),
    alerts: new DuckDbAlertStore(db),
    catalog: new DuckDbCatalogStore(db),
    allocation: createDuckDbAllocationStores(db),
    access: createDuckDbAccessStores(db),
    fileEngine: db,
    transaction: (work) => db.transaction(work),
    close: async () => db.close(),
  };
}
