import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { recordAudit } from '../../audit/record-audit.js';
import {
  closeRelease,
  createRelease,
  type LogTimeInput,
  logReleaseTime,
  requireRelease,
} from '../releases/manage-releases.js';

/** Creates a release (document checked and priced) with its audit entry in the same transaction. */
export async function createReleaseAudited(
  stores: Stores,
  identity: ActingIdentity,
  document: unknown,
  where: string,
  at?: string,
) {
  return stores.transaction(async () => {
    const created = await createRelease(stores, document, where, personOf(identity), at);
    await recordAudit(stores, identity.actor, {
      action: 'releases.create',
      target: `release:${created.release.id}`,
      after: { release: created.release, estimate: created.estimate.total },
    });
    return created;
  });
}

/** Books labour to an open release, with its audit entry in the same transaction. */
export async function logReleaseTimeAudited(stores: Stores, identity: ActingIdentity, input: LogTimeInput) {
  return stores.transaction(async () => {
    const entry = await logReleaseTime(stores, input, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'releases.log-time',
      target: `release:${input.releaseId}`,
      after: entry,
    });
    return entry;
  });
}

/** Closes a release (estimate against actuals recorded), with its audit entry in the same transaction. */
export async function closeReleaseAudited(stores: Stores, identity: ActingIdentity, id: string, at?: string) {
  return stores.transaction(async () => {
    const before = await requireRelease(stores, id);
    const closing = await closeRelease(stores, id, personOf(identity), at);
    await recordAudit(stores, identity.actor, {
      action: 'releases.close',
      target: `release:${id}`,
      before: { status: before.status },
      after: closing,
    });
    return closing;
  });
}
