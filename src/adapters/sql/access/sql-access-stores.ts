import type { AccessStores } from '../../../ports/user-access-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { AuditWriter } from './audit-writer.js';
import { SqlAuditLog } from './sql-audit-log.js';
import { SqlJobStore } from './sql-job-store.js';
import { SqlTokenStore } from './sql-token-store.js';
import { SqlUserStore } from './sql-user-store.js';
import { SqlWebhookDeliveryLog } from './sql-webhook-delivery-log.js';

/** Users, tokens, the audit log, jobs and webhook deliveries over one database; the engine brings its audit writer. */
export function createSqlAccessStores(
  db: SqlDatabase,
  dialect: SqlDialect,
  audit: AuditWriter,
): AccessStores {
  return {
    users: new SqlUserStore(db),
    tokens: new SqlTokenStore(db),
    audit: new SqlAuditLog(db, dialect, audit),
    jobs: new SqlJobStore(db),
    deliveries: new SqlWebhookDeliveryLog(db, dialect),
  };
}
