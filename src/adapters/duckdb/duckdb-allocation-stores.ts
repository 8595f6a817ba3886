import type { AllocationStores } from '../../ports/allocation-stores.js';
import { DuckDbAllocationReportStore } from './duckdb-allocation-report-store.js';
import { DuckDbAllocationStore } from './duckdb-allocation-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { DuckDbDriverStore } from './duckdb-driver-store.js';
import { DuckDbPeriodAuditLog, DuckDbPeriodStore } from './duckdb-period-store.js';
import { DuckDbRuleStore } from './duckdb-rule-store.js';

export function createDuckDbAllocationStores(db: DuckDbDatabase): AllocationStores {
  return {
    rules: new DuckDbRuleStore(db),
    drivers: new DuckDbDriverStore(db),
    periods: new DuckDbPeriodStore(db),
    audit: new DuckDbPeriodAuditLog(db),
    runs: new DuckDbAllocationStore(db),
    reports: new DuckDbAllocationReportStore(db),
  };
}
