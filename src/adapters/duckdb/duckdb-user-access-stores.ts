import type { AccessStores } from '../../ports/user-access-stores.js';
import { SqlJobStore } from '../sql/sql-job-store.js';
import { DuckDbAuditLog } from './duckdb-audit-log.js';
import { DuckDbWebhookDeliveryLog } from './duckdb-audit-webhook-deliveries.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { DuckDbTokenStore } from './duckdb-token-store.js';
import { DuckDbUserStore } from './duckdb-user-store.js';

export function createDuckDbAccessStores(db: DuckDbDatabase): AccessStores {
  return {
    users: new DuckDbUserStore(db),
    tokens: new DuckDbTokenStore(db),
    audit: new DuckDbAuditLog(db),
    jobs: new SqlJobStore(db),
    deliveries: new DuckDbWebhookDeliveryLog(db),
  };
}
