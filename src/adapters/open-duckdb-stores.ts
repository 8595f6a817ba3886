import type { Stores } from '../ports/stores.js';
import { DuckDbAlertStore } from './duckdb/duckdb-alert-store.js';
import { createDuckDbAllocationStores } from './duckdb/duckdb-allocation-stores.js';
import { DuckDbBudgetStore } from './duckdb/duckdb-budget-store.js';
import { DuckDbCatalogStore } from './duckdb/duckdb-catalog-store.js';
import { DuckDbCostStore } from './duckdb/duckdb-cost-store.js';
import { DuckDbDatabase, type DuckDbOptions } from './duckdb/duckdb-database.js';
import { DuckDbDecisionAppender } from './duckdb/duckdb-decision-appender.js';
import { duckDbDialect } from './duckdb/duckdb-dialect.js';
import { DuckDbForecastStore } from './duckdb/duckdb-forecast-store.js';
import { loadMigrations, migrateDuckDb } from './duckdb/duckdb-migrations.js';
import { createDuckDbAccessStores } from './duckdb/duckdb-user-access-stores.js';
import { createSqlGovernanceStores } from './sql/governance/sql-governance-stores.js';
import { SqlStateStore } from './sql/sql-state-store.js';

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
    governance: createSqlGovernanceStores(db, duckDbDialect, new DuckDbDecisionAppender(db)),
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
