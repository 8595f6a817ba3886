import type { AccessStores } from '../../ports/user-access-stores.js';
import { PgAuditLog } from './pg-audit-log.js';
import type { PgDatabase } from './pg-database.js';
import { PgWebhookDeliveryLog } from './pg-delivery-log.js';
import { PgJobStore } from './pg-job-store.js';
import { PgTokenStore } from './pg-token-store.js';
import { PgUserStore } from './pg-user-store.js';

/** Users, tokens, the audit log, jobs and webhook deliveries over one PostgreSQL database. */
export function createPgAccessStores(db: PgDatabase): AccessStores {
  return {
    users: new PgUserStore(db),
    tokens: new PgTokenStore(db),
    audit: new PgAuditLog(db),
    jobs: new PgJobStore(db),
    deliveries: new PgWebhookDeliveryLog(db),
  };
}
