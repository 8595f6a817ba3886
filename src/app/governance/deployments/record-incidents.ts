import { z } from 'zod';
import { TollgateError } from '../../../core/errors.js';
import {
  type IncidentRecord,
  validateIncident,
} from '../../../core/governance/deployments/incident-record.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog } from '../governance-context.js';

export type IncidentInput = Omit<IncidentRecord, 'id' | 'deliveryKey' | 'source'> & {
  id?: string | undefined;
  source?: string | undefined;
};

/** Records one incident; the same incident id from the same source is recorded once. */
export async function recordIncident(stores: Stores, input: IncidentInput, actor: string) {
  const catalog = await loadCatalog(stores);
  const source = input.source ?? 'cli';
  return stores.transaction(async () => {
    const id = input.id ?? (await stores.governance.incidents.nextIncidentId());
    const deliveryKey = `${source}:${id}`;
    if (
      (await stores.governance.incidents.findIncidentByDeliveryKey(deliveryKey)) ||
      (await stores.governance.incidents.getIncident(id))
    ) {
      throw new TollgateError(
        'INCIDENT_DUPLICATE',
        `Incident ${id} is already recorded; nothing was changed.`,
        'conflict',
      );
    }
    const record = validateIncident({ ...input, id, source, deliveryKey }, catalog);
    if (
      record.deploymentId !== undefined &&
      !(await stores.governance.deployments.getDeployment(record.deploymentId))
    ) {
      throw new TollgateError(
        'DEPLOYMENT_NOT_FOUND',
        `There is no deployment '${record.deploymentId}' to link the incident to; check the deployment id.`,
        'not-found',
      );
    }
    await stores.governance.incidents.insertIncident(record);
    await stores.governance.decisions.appendDecision({
      kind: 'incident.record',
      subject: `incident:${id}`,
      actor,
      decision: 'recorded',
      inputs: input,
      result: record,
    });
    return record;
  });
}

const incidentFile = z.object({
  incidents: z.array(
    z
      .object({
        id: z.string().min(1),
        service: z.string(),
        environment: z.string(),
        title: z.string().default(''),
        severity: z.string().default('unknown'),
        startedAt: z.string(),
        resolvedAt: z.string().optional(),
        deploymentId: z.string().optional(),
        detectedAt: z.string().optional(),
        affectedServices: z.array(z.string()).optional(),
        responders: z
          .array(
            z
              .object({ role: z.string(), hours: z.union([z.string(), z.number()]).transform(String) })
              .strict(),
          )
          .optional(),
        slaCredits: z.union([z.string(), z.number()]).transform(String).optional(),
      })
      .strict(),
  ),
});

/**
 * Imports incidents from a JSON or YAML document `{incidents: [...]}` (an export of the incident
 * tool), all or none: one bad row leaves the store as it was. Incidents already recorded are skipped.
 */
export async function importIncidents(
  stores: Stores,
  document: unknown,
  source: string,
  path: string,
  actor: string,
) {
  const parsed = incidentFile.safeParse(document);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new TollgateError(
      'INCIDENT_IMPORT_INVALID',
      `${path}: ${issue.path.join('.')}: ${issue.message}. Nothing was recorded.`,
    );
  }
  const catalog = await loadCatalog(stores);
  return stores.transaction(async () => {
    let recorded = 0;
    let skipped = 0;
    for (const row of parsed.data.incidents) {
      const deliveryKey = `${source}:${row.id}`;
      if (await stores.governance.incidents.findIncidentByDeliveryKey(deliveryKey)) {
        skipped++;
        continue;
      }
      const record = validateIncident({ ...row, source, deliveryKey }, catalog);
      await stores.governance.incidents.insertIncident(record);
      recorded++;
    }
    await stores.governance.decisions.appendDecision({
      kind: 'incident.import',
      subject: `incidents:${path}`,
      actor,
      decision: 'imported',
      inputs: { path, source },
      result: { recorded, skipped },
    });
    return { recorded, skipped };
  });
}
