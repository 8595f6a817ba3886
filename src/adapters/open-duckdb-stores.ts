import type { Stores } from '../ports/stores.js';
import { createDuckDbAllocationStores } from './duckdb/duckdb-allocation-stores.js';
import { DuckDbAuditWriter } from './duckdb/duckdb-audit-writer.js';
import { DuckDbCatalogStore } from './duckdb/duckdb-catalog-store.js';
import { DuckDbCostStore } from './duckdb/duckdb-cost-store.js';
import { DuckDbDatabase, type DuckDbOptions } from './duckdb/duckdb-database.js';
import { duckDbDialect } from './duckdb/duckdb-dialect.js';
import { createDuckDbGovernanceStores } from './duckdb/duckdb-governance-stores.js';
import { loadMigrations, migrateDuckDb } from './duckdb/duckdb-migrations.js';
import { createSqlAccessStores } from './sql/access/sql-access-stores.js';
import { SqlAlertStore } from './sql/finance/sql-alert-store.js';
import { SqlBudgetStore } from './sql/finance/sql-budget-store.js';
import { SqlForecastStore } from './sql/finance/sql-forecast-store.js';
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
    governance: createDuckDbGovernanceStores(db),
    budgets: new SqlBudgetStore(db, duckDbDialect),
    forecasts: new SqlForecastStore(db, duckDbDialect),
    alerts: new SqlAlertStore(db, duckDbDialect),
    catalog: new DuckDbCatalogStore(db),
    allocation: createDuckDbAllocationStores(db),
    access: createSqlAccessStores(db, duckDbDialect, new DuckDbAuditWriter(db)),
    fileEngine: db,
    transaction: (work) => db.transaction(work),
    close: async () => db.close(),
  };
}
