import type { AllocationStores } from '../../../ports/allocation-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { AllocationEngine } from './allocation-engine.js';
import { SqlAllocationAuditLog } from './sql-allocation-audit-log.js';
import { SqlAllocationReportStore } from './sql-allocation-report-store.js';
import { SqlAllocationRunStore } from './sql-allocation-run-store.js';
import { SqlDriverStore } from './sql-driver-store.js';
import { SqlPeriodStore } from './sql-period-store.js';
import { SqlRuleStore } from './sql-rule-store.js';

/** Every allocation store over one database; `engine` is what its engine does its own way. */
export function createSqlAllocationStores(
  db: SqlDatabase,
  dialect: SqlDialect,
  engine: AllocationEngine,
): AllocationStores {
  return {
    rules: new SqlRuleStore(db, dialect),
    drivers: new SqlDriverStore(db, dialect),
    periods: new SqlPeriodStore(db, dialect),
    audit: new SqlAllocationAuditLog(db, dialect),
    runs: new SqlAllocationRunStore(db, dialect, engine),
    reports: new SqlAllocationReportStore(db, dialect, engine),
  };
}
