import type { AllocationStores } from '../../ports/allocation-stores.js';
import { PgAllocationReportStore } from './pg-allocation-report-store.js';
import { PgAllocationStore } from './pg-allocation-store.js';
import type { PgDatabase } from './pg-database.js';
import { PgDriverStore } from './pg-driver-store.js';
import { PgPeriodAuditLog, PgPeriodStore } from './pg-period-store.js';
import { PgRuleStore } from './pg-rule-store.js';

export function createPgAllocationStores(db: PgDatabase): AllocationStores {
  return {
    rules: new PgRuleStore(db),
    drivers: new PgDriverStore(db),
    periods: new PgPeriodStore(db),
    audit: new PgPeriodAuditLog(db),
    runs: new PgAllocationStore(db),
    reports: new PgAllocationReportStore(db),
  };
}
