import type { Catalog } from '../../catalog/catalog-model.js';
import { TollgateError } from '../../errors.js';
import { isIsoTimestamp, normaliseTimestamp, toMillis } from '../governance-types.js';
import { findService, findServiceEnvironment } from './deployment-record.js';

export interface IncidentRecord {
  id: string;
  deliveryKey: string;
  source: string;
  service: string;
  environment: string;
  title: string;
  severity: string;
  startedAt: string;
  resolvedAt?: string | undefined;
  /** The deployment that caused it, when known; otherwise DORA attributes it by time. */
  deploymentId?: string | undefined;
}

export function validateIncident(record: IncidentRecord, catalog: Catalog): IncidentRecord {
  const service = findService(catalog, record.service);
  findServiceEnvironment(catalog, service, record.environment);
  if (!record.id) throw new TollgateError('INCIDENT_BAD_FIELD', 'Give the incident an id.', 'usage');
  for (const value of [record.startedAt, record.resolvedAt]) {
    if (value !== undefined && !isIsoTimestamp(value)) {
      throw new TollgateError(
        'INCIDENT_BAD_TIME',
        `'${value}' is not an ISO-8601 time such as 2026-03-01T10:00:00Z.`,
      );
    }
  }
  const startedAt = normaliseTimestamp(record.startedAt);
  const resolvedAt = record.resolvedAt === undefined ? undefined : normaliseTimestamp(record.resolvedAt);
  if (resolvedAt !== undefined && toMillis(resolvedAt) < toMillis(startedAt)) {
    throw new TollgateError(
      'INCIDENT_END_BEFORE_START',
      `The incident is resolved (${resolvedAt}) before it starts (${startedAt}).`,
    );
  }
  return { ...record, startedAt, resolvedAt };
}
