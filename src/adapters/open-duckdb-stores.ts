import type { Stores } from '../ports/stores.js';
import { createDuckDbAllocationEngine } from './duckdb/duckdb-allocation-engine.js';
import { DuckDbAuditWriter } from './duckdb/duckdb-audit-writer.js';
import { createDuckDbCostEngine } from './duckdb/duckdb-cost-engine.js';
import { DuckDbDatabase, type DuckDbOptions } from './duckdb/duckdb-database.js';
import { DuckDbDecisionAppender } from './duckdb/duckdb-decision-appender.js';
import { duckDbDialect } from './duckdb/duckdb-dialect.js';
import { createDuckDbFocusFileWriter } from './duckdb/duckdb-focus-file-writer.js';
import { loadMigrations, migrateDuckDb } from './duckdb/duckdb-migrations.js';
import { createSqlAccessStores } from './sql/access/sql-access-stores.js';
import { createSqlAllocationStores } from './sql/allocation/create-sql-allocation-stores.js';
import { SqlCatalogStore } from './sql/allocation/sql-catalog-store.js';
import { SqlAssetStore } from './sql/assets/sql-asset-store.js';
import { SqlContractStore } from './sql/contracts/sql-contract-store.js';
import { SqlLicenceUsageStore } from './sql/contracts/sql-licence-usage-store.js';
import { SqlCostStore } from './sql/costs/sql-cost-store.js';
import { SqlStateStore } from './sql/costs/sql-state-store.js';
import { SqlExchangeRateStore } from './sql/currency/sql-exchange-rate-store.js';
import { SqlFocusExportStore } from './sql/export/sql-focus-export-store.js';
import { SqlAlertFeedbackStore } from './sql/finance/sql-alert-feedback-store.js';
import { SqlAlertStore } from './sql/finance/sql-alert-store.js';
import { SqlBudgetStore } from './sql/finance/sql-budget-store.js';
import { SqlForecastStore } from './sql/finance/sql-forecast-store.js';
import { SqlFocusDatasetStore } from './sql/focus-datasets/sql-focus-dataset-store.js';
import { createSqlGovernanceStores } from './sql/governance/sql-governance-stores.js';
import { SqlInvoiceStore } from './sql/invoices/sql-invoice-store.js';
import { SqlJournalStore } from './sql/journal/sql-journal-store.js';
import { SqlNoticeStore } from './sql/notices/sql-notice-store.js';

/** Opens (creating and migrating on first use) one DuckDB file as both stores. */
export async function openDuckDbStores(options: DuckDbOptions): Promise<Stores & { db: DuckDbDatabase }> {
  const db = await DuckDbDatabase.open(options);
  try {
    await migrateDuckDb(db, await loadMigrations());
  } catch (error) {
    db.close();
    throw error;
  }
  const costEngine = createDuckDbCostEngine(db);
  return {
    db,
    costs: new SqlCostStore(db, duckDbDialect, costEngine),
    state: new SqlStateStore(db, duckDbDialect),
    governance: createSqlGovernanceStores(db, duckDbDialect, new DuckDbDecisionAppender(db)),
    budgets: new SqlBudgetStore(db, duckDbDialect, costEngine.readableRelation),
    forecasts: new SqlForecastStore(db, duckDbDialect),
    alerts: new SqlAlertStore(db, duckDbDialect),
    catalog: new SqlCatalogStore(db, duckDbDialect),
    allocation: createSqlAllocationStores(db, duckDbDialect, createDuckDbAllocationEngine(db)),
    access: createSqlAccessStores(db, duckDbDialect, new DuckDbAuditWriter(db)),
    exchangeRates: new SqlExchangeRateStore(db, duckDbDialect),
    assets: new SqlAssetStore(db, duckDbDialect),
    fileEngine: db,
    exports: new SqlFocusExportStore(duckDbDialect, createDuckDbFocusFileWriter(db, options.memoryLimit)),
    invoices: new SqlInvoiceStore(db, duckDbDialect),
    transaction: (work) => db.transaction(work),
    close: async () => db.close(),
    focusDatasets: new SqlFocusDatasetStore(db, duckDbDialect),
    journal: new SqlJournalStore(db, duckDbDialect, createDuckDbAllocationEngine(db).allocatedJoin),
    contracts: new SqlContractStore(db, duckDbDialect),
    alertFeedback: new SqlAlertFeedbackStore(db, duckDbDialect),
    notices: new SqlNoticeStore(db, duckDbDialect),
    licenceUsage: new SqlLicenceUsageStore(db, duckDbDialect),
  };
}
