import type { Stores } from '../../ports/stores.js';
import { type ActingIdentity, personOf } from '../access/acting-identity.js';
import { recordAudit } from '../audit/record-audit.js';
import { acknowledgeAlert, silenceAlerts } from './manage-alerts.js';

/** Acknowledges an open alert as the acting person, with its audit entry in the same transaction. */
export async function acknowledgeAlertAudited(stores: Stores, identity: ActingIdentity, id: string) {
  return stores.transaction(async () => {
    const alert = await acknowledgeAlert(stores, id, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'alerts.acknowledge',
      target: `alert:${id}`,
      after: alert,
    });
    return alert;
  });
}

/** Silences alerts of one budget (or all) for a while, with its audit entry in the same transaction. */
export async function silenceAlertsAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: Parameters<typeof silenceAlerts>[1],
) {
  return stores.transaction(async () => {
    const silence = await silenceAlerts(stores, input);
    await recordAudit(stores, identity.actor, {
      action: 'alerts.silence',
      target: `budget:${silence.budget ?? '*'}`,
      after: silence,
    });
    return silence;
  });
}
