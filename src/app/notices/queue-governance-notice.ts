import type { Catalog } from '../../core/catalog/catalog-model.js';
import type { GovernanceNotice } from '../../core/notices/governance-notice.js';
import { routeMatchesNotice } from '../../core/notices/notice-route.js';
import type { Webhook } from '../../ports/alert-store.js';
import type { QueuedNotice } from '../../ports/notice-store.js';
import type { Stores } from '../../ports/stores.js';

/**
 * Records a notice for every channel whose route matches it (catch-all, `approver=ROLE`, the
 * service or its owning team); the delivery itself happens after commit (deliverNotices).
 * Nothing is queued when no channel is routed to it or the same key was notified before.
 * `webhooks` are the channels when the caller read them already (the gate reads them once per
 * batch, outside its commit: a read inside the single writer's transaction holds up every write).
 */
export async function queueGovernanceNotice(
  stores: Stores,
  notice: GovernanceNotice,
  webhooks?: readonly Webhook[],
): Promise<QueuedNotice | undefined> {
  const channels = (webhooks ?? (await stores.alerts.listWebhooks())).filter((w) =>
    routeMatchesNotice(w.route, notice),
  );
  if (channels.length === 0) return undefined;
  return stores.notices.queueNotice(
    notice,
    channels.map((channel) => channel.id),
    new Date().toISOString(),
  );
}

/** The service and whether the environment is production, as the notices describe the risk. */
export function describeTarget(catalog: Catalog, serviceId: string, environmentId: string) {
  const service = catalog.services.find((s) => s.id === serviceId);
  const environment = catalog.environments.find((e) => e.id === environmentId);
  return service ? { service, production: environment?.production ?? false } : undefined;
}
