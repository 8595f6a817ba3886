import type { Stores } from '../../../ports/stores.js';
import type { Actor } from '../../audit/record-audit.js';
import type { WebhookDeliveryBatcher } from './batch-webhook-deliveries.js';
import type { BodyGuard } from './claim-delivery-body.js';
import type { WebhookResult } from './handle-webhooks.js';
import { type DeploymentInput, type PreparedDeployment, prepareDeployment } from './record-deployments.js';

/**
 * A generic deployment delivery is checked and priced here, outside any transaction (the
 * catalogue, policy and rate card come from memory when the stores cache them), then written
 * with the deliveries that arrive at the same time (see WebhookDeliveryBatcher); the answer
 * waits until its own batch has committed. A delivery that does not pass the checks is
 * processed alone, as before: a replay of one already recorded is still acknowledged, and
 * anything else is refused with the reason, nothing recorded.
 */
export async function recordGenericDelivery(
  stores: Stores,
  deliveries: WebhookDeliveryBatcher,
  actor: Actor,
  deliveryId: string,
  deployment: DeploymentInput,
  alone: () => Promise<WebhookResult>,
  bodyGuard?: BodyGuard,
): Promise<WebhookResult> {
  let prepared: PreparedDeployment;
  try {
    prepared = await prepareDeployment(
      stores,
      { ...deployment, deliveryKey: `generic:${deliveryId}` },
      actor.name,
    );
  } catch {
    return alone();
  }
  return deliveries.append({
    provider: 'generic',
    deliveryId,
    event: 'deployment',
    actor,
    deployment: prepared,
    bodyGuard,
    alone,
  });
}
