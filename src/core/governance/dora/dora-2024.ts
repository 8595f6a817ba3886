import type { Catalog } from '../../catalog/catalog-model.js';
import type { DeploymentRecord } from '../deployments/deployment-record.js';
import type { IncidentRecord } from '../deployments/incident-record.js';
import { median, nearestRankPercentile, roundTo } from '../deployments/statistics.js';
import {
  bandChangeFailRate,
  bandDeploymentFrequency,
  bandLeadTime,
  bandRecoveryTime,
  DORA_BAND_RULES,
  type DoraBand,
} from './dora-bands.js';

export const DORA_2024_VERSION = 'tollgate-dora-2024.1';
export const DORA_2024_SOURCE = 'DORA, Accelerate State of DevOps Report 2024';

/** The five metrics as Tollgate computes them; printed with every report. */
export const DORA_2024_DEFINITIONS = {
  deploymentFrequency:
    'How often changes reach production: production deployments (any outcome) per day over the period, and the distinct UTC days with one.',
  changeLeadTime:
    'Hours from a change being committed to the end of its succeeded production deployment (deployments that carry a commit time); median and p90 (nearest rank).',
  changeFailRate:
    'Share of production deployments that needed remediation: failed, rolled back, or caused a production incident (linked to it, or else the latest production deployment of the same service and environment that ended within the attribution window before the incident started). Per deployment: two incidents from one deployment are one failure.',
  failedDeploymentRecoveryTime:
    'Hours to recover from a failed deployment: from the start of the earliest incident it caused to the resolution of the last one; with no incident, a rollback recovers when it ends (its own duration) and a failed deployment at the end of the next succeeded production deployment of the service and environment. Unresolved failures are counted, not timed. Median and p90 (nearest rank).',
  deploymentReworkRate:
    'Share of production deployments that were unplanned, made in response to a production incident: started while an incident on the same service (its own or one it hit) was open, from its start to its resolution.',
} as const;

export interface DoraMetrics {
  deploymentFrequency: {
    deployments: number;
    deploymentDays: number;
    perDay: number | null;
    perWeek: number | null;
    band: DoraBand | null;
  };
  changeLeadTime: {
    count: number;
    medianHours: number | null;
    p90Hours: number | null;
    band: DoraBand | null;
  };
  changeFailRate: {
    failures: number;
    rate: number | null;
    band: DoraBand | null;
    failedDeploymentIds: string[];
  };
  failedDeploymentRecoveryTime: {
    failures: number;
    recovered: number;
    unrecoveredDeploymentIds: string[];
    medianHours: number | null;
    p90Hours: number | null;
    band: DoraBand | null;
  };
  deploymentReworkRate: { rework: number; rate: number | null; band: null; reworkDeploymentIds: string[] };
  /** Production incidents in the period that no deployment caused (they count in no metric). */
  incidentsWithoutDeployment: number;
}

export interface Dora2024Input {
  deployments: DeploymentRecord[];
  incidents: IncidentRecord[];
  catalog: Catalog;
  from: string;
  to: string;
  attributionWindowHours: number;
}

export interface Dora2024Report extends DoraMetrics {
  version: string;
  source: string;
  definitions: typeof DORA_2024_DEFINITIONS;
  bands: typeof DORA_BAND_RULES;
  from: string;
  to: string;
  attributionWindowHours: number;
  byService: (DoraMetrics & { service: string; team: string })[];
  byTeam: (DoraMetrics & { team: string; services: string[] })[];
}

const HOUR = 3_600_000;
const ms = (iso: string) => Date.parse(iso);
const hours = (from: string, to: string) => (ms(to) - ms(from)) / HOUR;

/**
 * The five DORA 2024 metrics over [from, to) (by deployment end), overall, per service and per
 * owning team:
 * 1. attribute each production incident to the deployment that caused it (linked, else by the
 *    attribution window); the rest are incidents without a deployment;
 * 2. mark failed deployments (outcome or an attributed incident) and time each one's recovery;
 * 3. mark rework: production deployments started while an incident on their service was open;
 * 4. for each scope, count and band the five figures over its production deployments.
 */
export function computeDora2024(input: Dora2024Input): Dora2024Report {
  const production = new Set(input.catalog.environments.filter((e) => e.production).map((e) => e.id));
  const all = input.deployments
    .filter((d) => production.has(d.environment))
    .sort((a, b) => ms(a.finishedAt) - ms(b.finishedAt) || a.id.localeCompare(b.id));
  const incidents = input.incidents.filter((i) => production.has(i.environment));
  const { caused, withoutDeployment } = attributeIncidents(all, incidents, input.attributionWindowHours);
  const from = ms(input.from);
  const to = ms(input.to);
  const inPeriod = all.filter((d) => ms(d.finishedAt) >= from && ms(d.finishedAt) < to);
  const days = (to - from) / (24 * HOUR);
  const unattributed = withoutDeployment.filter((i) => ms(i.startedAt) >= from && ms(i.startedAt) < to);

  const metrics = (services: Set<string> | undefined): DoraMetrics => {
    const mine = inPeriod.filter((d) => services === undefined || services.has(d.service));
    const failed = mine.filter((d) => d.outcome !== 'succeeded' || caused.has(d.id));
    const recoveries = failed.map((d) => ({ id: d.id, hours: recoveryHours(d, caused.get(d.id), all) }));
    const timed = recoveries.flatMap((r) => (r.hours === null ? [] : [r.hours]));
    const leads = mine
      .filter((d) => d.outcome === 'succeeded' && d.committedAt !== undefined)
      .map((d) => hours(d.committedAt!, d.finishedAt));
    const rework = mine.filter((d) => isRework(d, incidents));
    const perDay = mine.length === 0 ? null : mine.length / days;
    const rate = (count: number) => (mine.length === 0 ? null : roundTo(count / mine.length, 4));
    const medianLead = roundTo(median(leads));
    const medianRecovery = roundTo(median(timed));
    return {
      deploymentFrequency: {
        deployments: mine.length,
        deploymentDays: new Set(mine.map((d) => d.finishedAt.slice(0, 10))).size,
        perDay: roundTo(perDay, 4),
        perWeek: perDay === null ? null : roundTo(perDay * 7, 4),
        band: bandDeploymentFrequency(perDay),
      },
      changeLeadTime: {
        count: leads.length,
        medianHours: medianLead,
        p90Hours: roundTo(nearestRankPercentile(leads, 90)),
        band: bandLeadTime(medianLead),
      },
      changeFailRate: {
        failures: failed.length,
        rate: rate(failed.length),
        band: bandChangeFailRate(rate(failed.length)),
        failedDeploymentIds: failed.map((d) => d.id),
      },
      failedDeploymentRecoveryTime: {
        failures: failed.length,
        recovered: timed.length,
        unrecoveredDeploymentIds: recoveries.filter((r) => r.hours === null).map((r) => r.id),
        medianHours: medianRecovery,
        p90Hours: roundTo(nearestRankPercentile(timed, 90)),
        band: bandRecoveryTime(medianRecovery),
      },
      deploymentReworkRate: {
        rework: rework.length,
        rate: rate(rework.length),
        band: null,
        reworkDeploymentIds: rework.map((d) => d.id),
      },
      incidentsWithoutDeployment: unattributed.filter(
        (i) => services === undefined || services.has(i.service),
      ).length,
    };
  };

  const teamOf = new Map(input.catalog.services.map((s) => [s.id, s.ownerTeam]));
  const serviceIds = [...new Set(inPeriod.map((d) => d.service))].sort();
  const teams = new Map<string, string[]>();
  for (const service of serviceIds) {
    const team = teamOf.get(service) ?? 'unknown';
    teams.set(team, [...(teams.get(team) ?? []), service]);
  }
  return {
    version: DORA_2024_VERSION,
    source: DORA_2024_SOURCE,
    definitions: DORA_2024_DEFINITIONS,
    bands: DORA_BAND_RULES,
    from: input.from,
    to: input.to,
    attributionWindowHours: input.attributionWindowHours,
    ...metrics(undefined),
    byService: serviceIds.map((service) => ({
      service,
      team: teamOf.get(service) ?? 'unknown',
      ...metrics(new Set([service])),
    })),
    byTeam: [...teams.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([team, services]) => ({ team, services, ...metrics(new Set(services)) })),
  };
}

export function attributeIncidents(
  production: DeploymentRecord[],
  incidents: IncidentRecord[],
  windowHours: number,
): { caused: Map<string, IncidentRecord[]>; withoutDeployment: IncidentRecord[] } {
  const ids = new Set(production.map((d) => d.id));
  const caused = new Map<string, IncidentRecord[]>();
  const withoutDeployment: IncidentRecord[] = [];
  for (const incident of incidents) {
    let cause: string | undefined;
    if (incident.deploymentId !== undefined) {
      cause = ids.has(incident.deploymentId) ? incident.deploymentId : undefined;
    } else {
      const start = ms(incident.startedAt);
      const latest = production.findLast(
        (d) =>
          d.service === incident.service &&
          d.environment === incident.environment &&
          ms(d.finishedAt) <= start,
      );
      if (latest && start - ms(latest.finishedAt) <= windowHours * HOUR) cause = latest.id;
    }
    if (cause === undefined) withoutDeployment.push(incident);
    else caused.set(cause, [...(caused.get(cause) ?? []), incident]);
  }
  return { caused, withoutDeployment };
}

export function recoveryHours(
  deployment: DeploymentRecord,
  incidents: IncidentRecord[] | undefined,
  production: DeploymentRecord[],
): number | null {
  if (incidents !== undefined) {
    if (incidents.some((i) => i.resolvedAt === undefined)) return null;
    const start = Math.min(...incidents.map((i) => ms(i.startedAt)));
    const end = Math.max(...incidents.map((i) => ms(i.resolvedAt!)));
    return (end - start) / HOUR;
  }
  if (deployment.outcome === 'rolled_back') return hours(deployment.startedAt, deployment.finishedAt);
  const next = production.find(
    (d) =>
      d.service === deployment.service &&
      d.environment === deployment.environment &&
      d.outcome === 'succeeded' &&
      ms(d.finishedAt) > ms(deployment.finishedAt),
  );
  return next === undefined ? null : hours(deployment.finishedAt, next.finishedAt);
}

function isRework(deployment: DeploymentRecord, incidents: IncidentRecord[]): boolean {
  const start = ms(deployment.startedAt);
  return incidents.some(
    (i) =>
      (i.service === deployment.service || (i.affectedServices ?? []).includes(deployment.service)) &&
      ms(i.startedAt) <= start &&
      (i.resolvedAt === undefined || start <= ms(i.resolvedAt)),
  );
}
