import type { Catalog, Environment, Service } from '../../catalog/catalog-model.js';
import { TollgateError } from '../../errors.js';
import { Decimal, isDecimalText } from '../../money.js';
import {
  type ChangeType,
  type DeploymentOutcome,
  isChangeType,
  isDeploymentOutcome,
  isIsoTimestamp,
  normaliseTimestamp,
  toMillis,
} from '../governance-types.js';

export interface DeploymentRecord {
  id: string;
  /** Identifies the delivery (webhook event or CLI call) so the same one is recorded once. */
  deliveryKey: string;
  /** How it reached Tollgate: tollgate deploy, POST /api/v1/deployments, or a CI webhook. */
  source: 'cli' | 'api' | 'generic' | 'github' | 'gitlab' | 'argocd';
  service: string;
  version: string;
  commitSha?: string | undefined;
  /** When the change was committed: the start of DORA lead time for changes. */
  committedAt?: string | undefined;
  environment: string;
  pipelineRun?: string | undefined;
  startedAt: string;
  finishedAt: string;
  outcome: DeploymentOutcome;
  changeType: ChangeType;
  releaseId?: string | undefined;
  changeRequestId?: string | undefined;
  triggeredBy: string;
  /** Minutes of CI runner time the pipeline used; the runner rate turns it into cost. */
  pipelineMinutes: string;
}

export function findService(catalog: Catalog, id: string): Service {
  const service = catalog.services.find((candidate) => candidate.id === id);
  if (!service) {
    throw new TollgateError(
      'UNKNOWN_SERVICE',
      `There is no service '${id}' in the catalogue; known services: ${catalog.services.map((s) => s.id).join(', ') || 'none'}. ` +
        'Add it to the catalogue or fix the name.',
      'not-found',
    );
  }
  return service;
}

/** The environment, which must exist in the catalogue and be one the service runs in. */
export function findServiceEnvironment(catalog: Catalog, service: Service, id: string): Environment {
  const environment = catalog.environments.find((candidate) => candidate.id === id);
  if (!environment || !service.environments.includes(id)) {
    throw new TollgateError(
      'UNKNOWN_ENVIRONMENT',
      `Service '${service.id}' has no environment '${id}'; it runs in: ${service.environments.join(', ') || 'none'}.`,
      'not-found',
    );
  }
  return environment;
}

/**
 * Checks a deployment before it is stored: a known service and environment, parseable times
 * with the end not before the start, a known outcome and change type, non-negative minutes.
 * Returns the record with timestamps normalised to UTC.
 */
export function validateDeployment(record: DeploymentRecord, catalog: Catalog): DeploymentRecord {
  const service = findService(catalog, record.service);
  findServiceEnvironment(catalog, service, record.environment);
  if (!record.version)
    throw new TollgateError('DEPLOYMENT_BAD_FIELD', 'Give the deployed version or commit SHA.', 'usage');
  for (const [name, value] of [
    ['start', record.startedAt],
    ['end', record.finishedAt],
    ['commit time', record.committedAt],
  ] as const) {
    if (value !== undefined && !isIsoTimestamp(value)) {
      throw new TollgateError(
        'DEPLOYMENT_BAD_TIME',
        `The ${name} '${value}' is not an ISO-8601 time such as 2026-03-01T10:00:00Z.`,
      );
    }
  }
  const startedAt = normaliseTimestamp(record.startedAt);
  const finishedAt = normaliseTimestamp(record.finishedAt);
  if (toMillis(finishedAt) < toMillis(startedAt)) {
    throw new TollgateError(
      'DEPLOYMENT_END_BEFORE_START',
      `The deployment ends (${finishedAt}) before it starts (${startedAt}); check the two times.`,
    );
  }
  if (!isDeploymentOutcome(record.outcome)) {
    throw new TollgateError(
      'DEPLOYMENT_BAD_FIELD',
      `Outcome '${record.outcome}' is not one of succeeded, failed, rolled_back.`,
    );
  }
  if (!isChangeType(record.changeType)) {
    throw new TollgateError(
      'DEPLOYMENT_BAD_FIELD',
      `Change type '${record.changeType}' is not one of standard, normal, emergency.`,
    );
  }
  if (!isDecimalText(record.pipelineMinutes) || new Decimal(record.pipelineMinutes).isNegative()) {
    throw new TollgateError(
      'DEPLOYMENT_BAD_FIELD',
      `Pipeline minutes '${record.pipelineMinutes}' is not a non-negative number.`,
    );
  }
  return {
    ...record,
    startedAt,
    finishedAt,
    committedAt: record.committedAt === undefined ? undefined : normaliseTimestamp(record.committedAt),
  };
}
