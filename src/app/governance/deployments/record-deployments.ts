import { createHash } from 'node:crypto';
import { TollgateError } from '../../../core/errors.js';
import {
  costDeployment,
  type DeploymentCost,
} from '../../../core/governance/deployments/deployment-cost-model.js';
import {
  type DeploymentRecord,
  findService,
  findServiceEnvironment,
  validateDeployment,
} from '../../../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import { changeEfforts, deploymentCostModel } from '../../../core/governance/governance-policy.js';
import type { ChangeType } from '../../../core/governance/governance-types.js';
import { readArgoCdNotification } from '../../../ingest/deployments/argocd-notification.js';
import { readGitHubDeploymentStatus } from '../../../ingest/deployments/github-deployment-status.js';
import { readGitLabDeploymentHook } from '../../../ingest/deployments/gitlab-deployment-hook.js';
import type { ImportHints, ImportResult } from '../../../ingest/deployments/imported-deployment.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, requirePolicy, requireRateCard } from '../governance-context.js';

export type DeploymentInput = Omit<DeploymentRecord, 'id' | 'deliveryKey' | 'source'> & {
  id?: string | undefined;
  deliveryKey?: string | undefined;
  source?: DeploymentRecord['source'] | undefined;
};

export interface RecordedDeployment {
  deployment: CostedDeployment;
}

/** A CLI delivery without an explicit id is identified by what it says: the same call twice is one delivery. */
function deliveryKeyOf(input: DeploymentInput): string {
  const basis = [
    input.service,
    input.environment,
    input.version,
    input.startedAt,
    input.finishedAt,
    input.outcome,
    input.pipelineRun ?? '',
  ].join('\u0000');
  return `cli:${createHash('sha256').update(basis).digest('hex').slice(0, 32)}`;
}

/**
 * Records one deployment in one transaction: refuses a delivery already recorded, checks it
 * against the catalogue, its release and change request, prices it with the current cost
 * model and rate card, stores it, and closes the change request it carried when it succeeded.
 */
export async function recordDeployment(
  stores: Stores,
  input: DeploymentInput,
  actor: string,
): Promise<RecordedDeployment> {
  const deliveryKey = input.deliveryKey ?? deliveryKeyOf(input);
  const existing = await stores.governance.deployments.findDeploymentByDeliveryKey(deliveryKey);
  if (existing) throw duplicateDelivery(deliveryKey, existing.id);
  const prepared = await prepareDeployment(stores, input, actor);
  return stores.transaction(async () => {
    const id = input.id ?? (await stores.governance.deployments.nextDeploymentId());
    if (await stores.governance.deployments.getDeployment(id)) {
      throw new TollgateError(
        'DEPLOYMENT_EXISTS',
        `A deployment with id ${id} is already recorded; give the deployment another id.`,
        'conflict',
      );
    }
    const record = { ...prepared.record, id };
    await stores.governance.deployments.insertDeployment(record, prepared.cost);
    if (record.changeRequestId !== undefined && record.outcome === 'succeeded') {
      await stores.governance.changes.setChangeStatus(record.changeRequestId, 'closed', record.finishedAt);
    }
    await stores.governance.decisions.appendDecision(deploymentDecision(prepared, id));
    return { deployment: { ...record, cost: prepared.cost } };
  });
}

/** The refusal of a delivery already recorded (a retried delivery can ignore it). */
export function duplicateDelivery(deliveryKey: string, deploymentId: string): TollgateError {
  return new TollgateError(
    'DEPLOYMENT_DUPLICATE',
    `This delivery (${deliveryKey}) is already recorded as ${deploymentId}; nothing was changed. A retried delivery can ignore this.`,
    'conflict',
    { deploymentId },
  );
}

/** A deployment checked and priced, ready to be stored under an id. */
export interface PreparedDeployment {
  record: Omit<DeploymentRecord, 'id'>;
  cost: DeploymentCost;
  deliveryKey: string;
  actor: string;
  /** What the decision log keeps as the inputs of the recording. */
  inputs: Record<string, unknown>;
}

/**
 * Checks a deployment against the catalogue, its release and change request, and prices it
 * with the current cost model and rate card; nothing is written. Whether the delivery was
 * recorded already is for the caller to ask, inside the transaction that stores it.
 */
export async function prepareDeployment(
  stores: Stores,
  input: DeploymentInput,
  actor: string,
): Promise<PreparedDeployment> {
  const catalog = await loadCatalog(stores);
  const deliveryKey = input.deliveryKey ?? deliveryKeyOf(input);
  const validated = validateDeployment(
    { ...input, source: input.source ?? 'cli', id: input.id ?? 'pending', deliveryKey },
    catalog,
  );
  const service = findService(catalog, validated.service);
  const environment = findServiceEnvironment(catalog, service, validated.environment);
  const release =
    validated.releaseId === undefined
      ? undefined
      : await stores.governance.releases.getRelease(validated.releaseId);
  if (validated.releaseId !== undefined) {
    if (!release)
      throw new TollgateError(
        'RELEASE_NOT_FOUND',
        `There is no release '${validated.releaseId}'; check the release id (the releases list shows them).`,
        'not-found',
      );
    if (!release.services.includes(validated.service)) {
      throw new TollgateError(
        'RELEASE_SERVICE_MISMATCH',
        `Release ${release.id} covers ${release.services.join(', ')}, not ${validated.service}.`,
      );
    }
  }
  if (validated.changeRequestId !== undefined) {
    const change = await stores.governance.changes.getChange(validated.changeRequestId);
    if (!change)
      throw new TollgateError(
        'CHANGE_NOT_FOUND',
        `There is no change '${validated.changeRequestId}'; check the change request id (the change requests list shows them).`,
        'not-found',
      );
    if (change.service !== validated.service || change.environment !== validated.environment) {
      throw new TollgateError(
        'CHANGE_MISMATCH',
        `Change ${change.id} is for ${change.service} in ${change.environment}, not ${validated.service} in ${validated.environment}.`,
      );
    }
  }
  const policy = await requirePolicy(stores);
  const card = await requireRateCard(stores);
  if (release && release.currency !== policy.policy.currency) {
    throw new TollgateError(
      'RELEASE_CURRENCY_MISMATCH',
      `Deployments are costed in ${policy.policy.currency} (the governance policy) but release ${release.id} is in ${release.currency}; ` +
        'keep releases in the policy currency so their actuals add up.',
    );
  }
  const cost = costDeployment(
    validated,
    environment.production,
    deploymentCostModel(policy.policy),
    changeEfforts(policy.policy),
    card.card,
  );
  const { id: _pending, ...record } = validated;
  return {
    record,
    cost,
    deliveryKey,
    actor,
    inputs: { ...input, deliveryKey, policyVersion: policy.version, rateCardVersion: card.version },
  };
}

/** The decision-log entry that records a stored deployment. */
export function deploymentDecision(prepared: PreparedDeployment, id: string) {
  return {
    kind: 'deployment.record',
    subject: `deployment:${id}`,
    actor: prepared.actor,
    decision: prepared.record.outcome,
    inputs: prepared.inputs,
    result: { cost: prepared.cost },
  };
}

export type ImportFormat = 'github' | 'gitlab' | 'argocd';

export function readDeploymentEvent(format: ImportFormat, text: string, hints: ImportHints): ImportResult {
  if (format === 'github') return readGitHubDeploymentStatus(text, hints);
  if (format === 'gitlab') return readGitLabDeploymentHook(text, hints);
  return readArgoCdNotification(text, hints);
}

export interface ImportOptions extends ImportHints {
  changeType: ChangeType;
  releaseId?: string | undefined;
  changeRequestId?: string | undefined;
  pipelineMinutes?: string | undefined;
  startedAt?: string | undefined;
}

/** Imports one CI/CD event body; events that are not a finished deployment are reported and skipped. */
export async function importDeployment(
  stores: Stores,
  format: ImportFormat,
  text: string,
  options: ImportOptions,
  actor: string,
) {
  const event = readDeploymentEvent(format, text, options);
  if ('skipped' in event) return { skipped: event.skipped };
  return recordDeployment(
    stores,
    {
      ...event,
      startedAt: options.startedAt ?? event.startedAt,
      changeType: options.changeType,
      releaseId: options.releaseId,
      changeRequestId: options.changeRequestId,
      pipelineMinutes: options.pipelineMinutes ?? '0',
    },
    actor,
  );
}
