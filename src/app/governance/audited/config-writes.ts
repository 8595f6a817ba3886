import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { recordAudit } from '../../audit/record-audit.js';
import { applyPolicy, applyRateCard } from '../apply-governance-config.js';

/** Applies a governance policy document, with its audit entry in the same transaction. */
export async function applyPolicyAudited(
  stores: Stores,
  identity: ActingIdentity,
  text: string,
  fileName: string,
) {
  return stores.transaction(async () => {
    const before = await stores.governance.currentPolicy();
    const applied = await applyPolicy(stores, text, fileName, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'policy.apply',
      target: `policy:v${applied.version}`,
      before: before ? { version: before.version, stated: before.policy.version } : null,
      after: { version: applied.version, stated: applied.policy.version, fileName },
    });
    return applied;
  });
}

/** Applies a rate card, with its audit entry in the same transaction. */
export async function applyRateCardAudited(
  stores: Stores,
  identity: ActingIdentity,
  text: string,
  fileName: string,
) {
  return stores.transaction(async () => {
    const before = await stores.governance.rateCards.currentRateCard();
    const applied = await applyRateCard(stores, text, fileName, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'ratecard.apply',
      target: `ratecard:v${applied.version}`,
      before: before ? { version: before.version } : null,
      after: { version: applied.version, entries: applied.entries, fileName },
    });
    return applied;
  });
}
