import type { DeploymentRecord } from './deployment-record.js';
import type { IncidentRecord } from './incident-record.js';
import { median, nearestRankPercentile, roundTo } from './statistics.js';

export const DORA_DEFINITIONS_VERSION = 'tollgate-dora-2';

/** The definitions Tollgate computes DORA with; printed with every report so figures can be compared. */
export const DORA_DEFINITIONS = {
  deploymentFrequency:
    'Deployment days per week: distinct UTC days with at least one succeeded deployment, per service and environment, divided by the weeks in the period.',
  leadTimeForChanges:
    'Hours from commit to the end of its succeeded production deployment (deployments that carry a commit time); median and p90 (nearest rank).',
  changeFailureRate:
    'Production deployments that failed, were rolled back, or caused an incident (linked to it, or the latest deployment of the service and environment before an incident that started within the attribution window after it ended), divided by production deployments. Counted per deployment, not per incident.',
  timeToRestore:
    "Hours from a failure (a failed or rolled-back production deployment ends, or an incident starts) to its restoration: a resolved incident's resolution, otherwise the end of the next succeeded production deployment of the same service and environment; median and p90 (nearest rank).",
} as const;

export interface DoraInput {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  productionEnvironments: string[];
  from: string;
  to: string;
  attributionWindowHours: number;
}

export interface FrequencyRow {
  service: string;
  environment: string;
  deploymentDays: number;
  weeks: number;
  perWeek: number;
}

export interface DoraFigures {
  deployments: number;
  leadTime: { count: number; medianHours: number | null; p90Hours: number | null };
  changeFailureRate: { failures: number; rate: number | null; failedDeploymentIds: string[] };
  timeToRestore: { failures: number; restored: number; medianHours: number | null; p90Hours: number | null };
}

export interface DoraReport extends DoraFigures {
  definitionsVersion: string;
  definitions: typeof DORA_DEFINITIONS;
  from: string;
  to: string;
  attributionWindowHours: number;
  deploymentFrequency: FrequencyRow[];
  byService: (DoraFigures & { service: string })[];
}

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);

/**
 * DORA's four keys over [from, to):
 * 1. frequency: count distinct deployment days per (service, environment) / weeks;
 * 2. lead time: commit -> production deployment end for succeeded production deployments;
 * 3. change failure rate: mark each production deployment failed by outcome, by a linked
 *    incident, or by an unlinked incident attributed to the latest prior deployment of its
 *    service and environment within the attribution window; failures / deployments;
 * 4. time to restore: each failure event -> next succeeded production deployment.
 */
export function computeDora(input: DoraInput): DoraReport {
  const from = ms(input.from);
  const to = ms(input.to);
  const inPeriod = input.deployments.filter((d) => ms(d.finishedAt) >= from && ms(d.finishedAt) < to);
  const weeks = (to - from) / (7 * 24 * HOUR);
  const days = new Map<string, Set<string>>();
  for (const deployment of inPeriod) {
    if (deployment.outcome !== 'succeeded') continue;
    const key = `${deployment.service}\u0000${deployment.environment}`;
    days.set(key, (days.get(key) ?? new Set()).add(deployment.finishedAt.slice(0, 10)));
  }
  const deploymentFrequency = [...days.entries()]
    .map(([key, set]) => {
      const [service, environment] = key.split('\u0000') as [string, string];
      return {
        service,
        environment,
        deploymentDays: set.size,
        weeks: roundTo(weeks, 4)!,
        perWeek: roundTo(set.size / weeks, 4)!,
      };
    })
    .sort((a, b) => a.service.localeCompare(b.service) || a.environment.localeCompare(b.environment));

  const production = new Set(input.productionEnvironments);
  const allProduction = input.deployments
    .filter((d) => production.has(d.environment))
    .sort((a, b) => ms(a.finishedAt) - ms(b.finishedAt));
  const failedIds = attributeFailures(allProduction, input.incidents, input.attributionWindowHours);
  const services = [
    ...new Set(inPeriod.filter((d) => production.has(d.environment)).map((d) => d.service)),
  ].sort();
  const figures = (service?: string): DoraFigures => {
    const mine = allProduction.filter((d) => service === undefined || d.service === service);
    const periodDeployments = mine.filter((d) => ms(d.finishedAt) >= from && ms(d.finishedAt) < to);
    const leads = periodDeployments
      .filter((d) => d.outcome === 'succeeded' && d.committedAt !== undefined)
      .map((d) => (ms(d.finishedAt) - ms(d.committedAt!)) / HOUR);
    const failed = periodDeployments.filter((d) => failedIds.has(d.id)).map((d) => d.id);
    const incidents = input.incidents.filter(
      (i) =>
        production.has(i.environment) &&
        (service === undefined || i.service === service) &&
        ms(i.startedAt) >= from &&
        ms(i.startedAt) < to,
    );
    const restore = restoreTimes(mine, periodDeployments, incidents);
    return {
      deployments: periodDeployments.length,
      leadTime: {
        count: leads.length,
        medianHours: roundTo(median(leads)),
        p90Hours: roundTo(nearestRankPercentile(leads, 90)),
      },
      changeFailureRate: {
        failures: failed.length,
        rate: periodDeployments.length === 0 ? null : roundTo(failed.length / periodDeployments.length, 4),
        failedDeploymentIds: failed,
      },
      timeToRestore: {
        failures: restore.failures,
        restored: restore.hours.length,
        medianHours: roundTo(median(restore.hours)),
        p90Hours: roundTo(nearestRankPercentile(restore.hours, 90)),
      },
    };
  };
  return {
    definitionsVersion: DORA_DEFINITIONS_VERSION,
    definitions: DORA_DEFINITIONS,
    from: input.from,
    to: input.to,
    attributionWindowHours: input.attributionWindowHours,
    deploymentFrequency,
    ...figures(),
    byService: services.map((service) => ({ service, ...figures(service) })),
  };
}

function attributeFailures(
  production: DeploymentRecord[],
  incidents: IncidentRecord[],
  windowHours: number,
): Set<string> {
  const failed = new Set(production.filter((d) => d.outcome !== 'succeeded').map((d) => d.id));
  const ids = new Set(production.map((d) => d.id));
  for (const incident of incidents) {
    if (incident.deploymentId !== undefined) {
      if (ids.has(incident.deploymentId)) failed.add(incident.deploymentId);
      continue;
    }
    const start = ms(incident.startedAt);
    const prior = production.filter(
      (d) =>
        d.service === incident.service && d.environment === incident.environment && ms(d.finishedAt) <= start,
    );
    const latest = prior[prior.length - 1];
    if (latest && start - ms(latest.finishedAt) <= windowHours * HOUR) failed.add(latest.id);
  }
  return failed;
}

function restoreTimes(
  all: DeploymentRecord[],
  inPeriod: DeploymentRecord[],
  incidents: IncidentRecord[],
): { failures: number; hours: number[] } {
  const events: { service: string; environment: string; at: number; resolvedAt?: string | undefined }[] = [
    ...inPeriod
      .filter((d) => d.outcome !== 'succeeded')
      .map((d) => ({ service: d.service, environment: d.environment, at: ms(d.finishedAt) })),
    ...incidents.map((i) => ({
      service: i.service,
      environment: i.environment,
      at: ms(i.startedAt),
      resolvedAt: i.resolvedAt,
    })),
  ];
  const hours: number[] = [];
  for (const event of events) {
    // An incident's own resolution is when service was restored, whatever was deployed after.
    if (event.resolvedAt !== undefined) {
      hours.push((ms(event.resolvedAt) - event.at) / HOUR);
      continue;
    }
    const next = all.find(
      (d) =>
        d.service === event.service &&
        d.environment === event.environment &&
        d.outcome === 'succeeded' &&
        ms(d.finishedAt) > event.at,
    );
    if (next) hours.push((ms(next.finishedAt) - event.at) / HOUR);
  }
  return { failures: events.length, hours };
}
