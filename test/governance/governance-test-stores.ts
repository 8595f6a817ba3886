import { join } from 'node:path';
import { createDuckDbCostEngine } from '../../src/adapters/duckdb/duckdb-cost-engine.js';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { DuckDbDecisionAppender } from '../../src/adapters/duckdb/duckdb-decision-appender.js';
import { duckDbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { loadMigrations, migrateDuckDb } from '../../src/adapters/duckdb/duckdb-migrations.js';
import { SqlCostStore } from '../../src/adapters/sql/costs/sql-cost-store.js';
import { SqlExchangeRateStore } from '../../src/adapters/sql/currency/sql-exchange-rate-store.js';
import { SqlAlertStore } from '../../src/adapters/sql/finance/sql-alert-store.js';
import { createSqlGovernanceStores } from '../../src/adapters/sql/governance/sql-governance-stores.js';
import { SqlNoticeStore } from '../../src/adapters/sql/notices/sql-notice-store.js';
import type { Catalog } from '../../src/core/catalog/catalog-model.js';
import type { Stores } from '../../src/ports/stores.js';
import { CATALOG } from './governance-fixtures.js';

/**
 * A real DuckDB file in `dir` with the cost lines (001), the allocated cost views (010-014), the
 * exchange rates (055-056) and governance's own migrations (020-029, 062, 070, 071, 076, 090), the
 * governance stores, the alert channels (030, 080) that governance notices go to, the cost and
 * exchange-rate stores (a release's actuals come from the allocated bill), plus the catalogue
 * read through a catalogue port holding `catalog`. Governance use cases touch nothing else, so
 * other areas' schema changes cannot break these tests.
 */
export async function openGovernanceTestStores(
  dir: string,
  catalog: Catalog = CATALOG,
): Promise<Stores & { db: DuckDbDatabase }> {
  const db = await DuckDbDatabase.open({
    path: join(dir, 'tollgate.duckdb'),
    memoryLimit: '256MB',
    threads: 1,
  });
  const migrations = (await loadMigrations()).filter(
    (migration) =>
      migration.version === 1 ||
      migration.version === 30 ||
      migration.version === 80 ||
      (migration.version >= 10 && migration.version <= 14) ||
      (migration.version >= 20 && migration.version <= 29) ||
      (migration.version >= 55 && migration.version <= 56) ||
      migration.version === 62 ||
      migration.version === 70 ||
      migration.version === 71 ||
      migration.version === 76 ||
      migration.version === 90,
  );
  await migrateDuckDb(db, migrations);
  const current = { version: 1, appliedAt: '2026-01-01T00:00:00Z', appliedBy: 'test', catalog };
  const stores = {
    governance: createSqlGovernanceStores(db, duckDbDialect, new DuckDbDecisionAppender(db)),
    alerts: new SqlAlertStore(db, duckDbDialect),
    notices: new SqlNoticeStore(db, duckDbDialect),
    costs: new SqlCostStore(db, duckDbDialect, createDuckDbCostEngine(db)),
    exchangeRates: new SqlExchangeRateStore(db, duckDbDialect),
    catalog: {
      saveCatalog: async () => current,
      currentCatalog: async () => current,
      getCatalogVersion: async () => current,
      listCatalogVersions: async () => [current],
    },
    db,
    transaction: <T>(work: () => Promise<T>) => db.transaction(work),
    close: async () => db.close(),
  };
  return stores as unknown as Stores & { db: DuckDbDatabase };
}
