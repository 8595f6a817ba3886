import type { AuditLog } from './audit-log.js';
import type { WebhookDeliveryLog } from './audit-webhook-deliveries.js';
import type { JobStore } from './job-store.js';
import type { TokenStore } from './token-store.js';
import type { UserStore } from './user-store.js';

/** Who may use Tollgate and what they did: users, API tokens, the audit log, jobs. */
export interface AccessStores {
  users: UserStore;
  tokens: TokenStore;
  audit: AuditLog;
  jobs: JobStore;
  deliveries: WebhookDeliveryLog;
}
