import type { Stores } from '../../../ports/stores.js';
import { type ActingIdentity, personOf } from '../../access/acting-identity.js';
import { recordAudit } from '../../audit/record-audit.js';
import {
  type DeploymentInput,
  importDeployment,
  recordDeployment,
} from '../deployments/record-deployments.js';
import { importIncidents, recordIncident } from '../deployments/record-incidents.js';

/** Records a finished deployment, priced, with its audit entry in the same transaction. */
export async function recordDeploymentAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: DeploymentInput,
) {
  return stores.transaction(async () => {
    const recorded = await recordDeployment(stores, input, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'deployments.record',
      target: `deployment:${recorded.deployment.id}`,
      after: recorded.deployment,
    });
    return recorded;
  });
}

/**
 * Records the deployment a CI/CD event file describes, with its audit entry in the same
 * transaction. An event that is no finished deployment changes nothing and records nothing.
 */
export async function importDeploymentAudited(
  stores: Stores,
  identity: ActingIdentity,
  ...args: Parameters<typeof importDeployment> extends [Stores, ...infer Rest]
    ? Rest extends [...infer Head, string]
      ? Head
      : never
    : never
) {
  return stores.transaction(async () => {
    const result = await importDeployment(stores, ...args, personOf(identity));
    if (!('skipped' in result))
      await recordAudit(stores, identity.actor, {
        action: 'deployments.import',
        target: `deployment:${result.deployment.id}`,
        after: result.deployment,
      });
    return result;
  });
}

/** Records an incident, with its audit entry in the same transaction. */
export async function recordIncidentAudited(
  stores: Stores,
  identity: ActingIdentity,
  input: Parameters<typeof recordIncident>[1],
) {
  return stores.transaction(async () => {
    const record = await recordIncident(stores, input, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'incidents.record',
      target: `incident:${record.id}`,
      after: record,
    });
    return record;
  });
}

/** Imports an incident tool's export, all or none, with one audit entry for the import. */
export async function importIncidentsAudited(
  stores: Stores,
  identity: ActingIdentity,
  document: unknown,
  source: string,
  where: string,
) {
  return stores.transaction(async () => {
    const result = await importIncidents(stores, document, source, where, personOf(identity));
    await recordAudit(stores, identity.actor, {
      action: 'incidents.import',
      target: `incidents:${source}`,
      after: result,
    });
    return result;
  });
}
