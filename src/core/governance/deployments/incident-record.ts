import type { Catalog } from '../../catalog/catalog-model.js';
import { TollgateError } from '../../errors.js';
import { Decimal, isDecimalText } from '../../money.js';
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
  /** When someone noticed: between the start and the resolution. */
  detectedAt?: string | undefined;
  /** Other services the outage hit besides `service` (each one's revenue impact counts). */
  affectedServices?: string[] | undefined;
  /** Who worked on it and for how long, costed at the rate card on the incident's start date. */
  responders?: IncidentResponder[] | undefined;
  /** Service-level credits paid to customers for it, in the policy currency. */
  slaCredits?: string | undefined;
}

export interface IncidentResponder {
  role: string;
  hours: string;
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
  const detectedAt =
    record.detectedAt === undefined ? undefined : checkDetection(record.detectedAt, startedAt, resolvedAt);
  for (const other of record.affectedServices ?? []) findService(catalog, other);
  for (const [index, responder] of (record.responders ?? []).entries()) {
    if (!responder.role || !isDecimalText(responder.hours) || new Decimal(responder.hours).isNegative()) {
      throw new TollgateError(
        'INCIDENT_BAD_RESPONDER',
        `Responder ${index + 1} ('${responder.role}:${responder.hours}') needs a rate card role and non-negative hours, like sre:2.5.`,
      );
    }
  }
  if (
    record.slaCredits !== undefined &&
    (!isDecimalText(record.slaCredits) || new Decimal(record.slaCredits).isNegative())
  ) {
    throw new TollgateError(
      'INCIDENT_BAD_FIELD',
      `SLA credits '${record.slaCredits}' is not a non-negative amount such as 1200.00.`,
    );
  }
  const affected = [...new Set(record.affectedServices ?? [])].filter((id) => id !== record.service);
  return {
    ...record,
    startedAt,
    resolvedAt,
    detectedAt,
    affectedServices: affected.length === 0 ? undefined : affected,
    responders: record.responders?.length ? record.responders : undefined,
  };
}

function checkDetection(value: string, startedAt: string, resolvedAt: string | undefined): string {
  if (!isIsoTimestamp(value)) {
    throw new TollgateError(
      'INCIDENT_BAD_TIME',
      `'${value}' is not an ISO-8601 time such as 2026-03-01T10:00:00Z.`,
    );
  }
  const detectedAt = normaliseTimestamp(value);
  if (
    toMillis(detectedAt) < toMillis(startedAt) ||
    (resolvedAt !== undefined && toMillis(detectedAt) > toMillis(resolvedAt))
  ) {
    throw new TollgateError(
      'INCIDENT_BAD_DETECTION',
      `The incident is detected (${detectedAt}) outside its start (${startedAt}) and resolution (${resolvedAt ?? 'open'}); detection lies between them.`,
    );
  }
  return detectedAt;
}
