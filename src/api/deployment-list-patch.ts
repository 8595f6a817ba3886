import type { DeploymentCost } from '../core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../core/governance/deployments/unit-costs.js';
import { Decimal } from '../core/money.js';
import type { DeploymentFilter } from '../ports/deployment-store.js';

/**
 * Brings a cached deployment list up to date with deployments just committed, in memory,
 * instead of reading the list again: a webhook delivery then costs the gate no database read.
 * Used only where the result is certain to equal what the store would read back; anything
 * else (a time or amount the store would round, a filter bound it would parse differently)
 * answers undefined, and the caller empties the list instead.
 */

/** The form the store reads a timestamp back in (ISO-8601 UTC to the millisecond). */
const STORED_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
/** A filter bound the store compares as the same instant JavaScript parses. */
const PLAIN_BOUND = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z?)?$/;
/** What NUMERIC(38,16) keeps exactly. */
const EXACT_MINUTES = /^\d{1,22}(\.\d{1,16})?$/;

/**
 * The deployment as the store would read it back, or undefined when the store would not give
 * back the same values (its times and minutes are normalised on the way in).
 */
export function toStoredDeployment(
  record: DeploymentRecord,
  cost: DeploymentCost,
): CostedDeployment | undefined {
  const times = [
    record.startedAt,
    record.finishedAt,
    ...(record.committedAt === undefined ? [] : [record.committedAt]),
  ];
  if (!times.every((time) => STORED_TIME.test(time))) return undefined;
  if (!EXACT_MINUTES.test(record.pipelineMinutes)) return undefined;
  // The same fields, in the same order, as the store's row reader (toDeployment).
  return {
    id: record.id,
    deliveryKey: record.deliveryKey,
    source: record.source,
    service: record.service,
    version: record.version,
    commitSha: record.commitSha,
    committedAt: record.committedAt,
    environment: record.environment,
    pipelineRun: record.pipelineRun,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    outcome: record.outcome,
    changeType: record.changeType,
    releaseId: record.releaseId,
    changeRequestId: record.changeRequestId,
    triggeredBy: record.triggeredBy,
    pipelineMinutes: new Decimal(record.pipelineMinutes).toString(),
    cost: JSON.parse(JSON.stringify(cost)) as DeploymentCost,
  };
}

/** Whether the filter lists this deployment, or undefined when a bound is not plainly a time. */
export function deploymentMatches(
  filter: DeploymentFilter,
  deployment: CostedDeployment,
): boolean | undefined {
  if (filter.service !== undefined && filter.service !== deployment.service) return false;
  if (filter.environment !== undefined && filter.environment !== deployment.environment) return false;
  if (filter.releaseId !== undefined && filter.releaseId !== deployment.releaseId) return false;
  const finished = Date.parse(deployment.finishedAt);
  for (const [bound, inside] of [
    [filter.from, (at: number) => finished >= at],
    [filter.to, (at: number) => finished < at],
  ] as const) {
    if (bound === undefined) continue;
    if (!PLAIN_BOUND.test(bound)) return undefined;
    // A bound without a zone is UTC to the store (its timestamps are naive UTC).
    const at = Date.parse(/T.*Z$/.test(bound) || !bound.includes('T') ? bound : `${bound}Z`);
    if (Number.isNaN(at)) return undefined;
    if (!inside(at)) return false;
  }
  return true;
}

/**
 * The list with the added deployments it should hold, in the store's order (finished time,
 * then id); one already in it (a read that ran after the commit) is not added twice.
 */
export function addToDeploymentList(
  list: readonly CostedDeployment[],
  added: readonly CostedDeployment[],
): CostedDeployment[] {
  const ids = new Set(list.map((deployment) => deployment.id));
  const fresh = added.filter((deployment) => !ids.has(deployment.id));
  if (fresh.length === 0) return [...list];
  const order = (a: CostedDeployment, b: CostedDeployment) =>
    compareCodeUnits(a.finishedAt, b.finishedAt) || compareCodeUnits(a.id, b.id);
  return [...list, ...fresh].sort(order);
}

/** Plain ordering of ASCII text, as the engine orders it (not localeCompare). */
function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
