import type { ChangeRequest } from '../changes/change-request.js';
import type { Release } from '../releases/release-model.js';
import type { DeploymentRecord } from './deployment-record.js';
import { median, roundTo } from './statistics.js';

export const ITIL_DEFINITIONS = {
  successRate: 'Succeeded deployments / all deployments finished in the period, every environment.',
  scheduleAdherence:
    'Releases planned in the period whose first succeeded production deployment ended on or before the planned date (UTC day) / releases planned in the period.',
  backlogThroughput:
    'Change requests closed per week in the period, with those opened and those still open at its end.',
  leadTimeToDeploy:
    'Hours from a change request being raised to the end of the succeeded deployment that carries it; median.',
} as const;

export interface ItilInput {
  deployments: DeploymentRecord[];
  releases: Release[];
  changes: ChangeRequest[];
  productionEnvironments: string[];
  from: string;
  to: string;
}

export interface ItilReport {
  definitions: typeof ITIL_DEFINITIONS;
  successRate: { deployments: number; succeeded: number; rate: number | null };
  scheduleAdherence: { planned: number; onTime: number; rate: number | null; late: string[] };
  backlogThroughput: { opened: number; closed: number; closedPerWeek: number; openAtEnd: number };
  leadTimeToDeploy: { count: number; medianHours: number | null };
}

const ms = (iso: string) => Date.parse(iso);

/**
 * The end of each release's first succeeded production deployment, in one pass over the
 * deployments (a grouping, not a scan of every deployment for every release: a year of a large
 * estate is thousands of releases and tens of thousands of deployments). ISO times of one
 * format order as text, as the figures always compared them.
 */
function firstProductionSuccessByRelease(
  deployments: readonly DeploymentRecord[],
  production: ReadonlySet<string>,
): Map<string, string> {
  const first = new Map<string, string>();
  for (const d of deployments) {
    if (d.releaseId === undefined || d.outcome !== 'succeeded' || !production.has(d.environment)) continue;
    const seen = first.get(d.releaseId);
    if (seen === undefined || d.finishedAt < seen) first.set(d.releaseId, d.finishedAt);
  }
  return first;
}

export function computeItil(input: ItilInput): ItilReport {
  const from = ms(input.from);
  const to = ms(input.to);
  const within = (iso: string) => ms(iso) >= from && ms(iso) < to;
  const deployments = input.deployments.filter((d) => within(d.finishedAt));
  const succeeded = deployments.filter((d) => d.outcome === 'succeeded').length;
  const production = new Set(input.productionEnvironments);

  const planned = input.releases.filter((r) => within(`${r.plannedDate.slice(0, 10)}T00:00:00Z`));
  const firstDeployed = firstProductionSuccessByRelease(input.deployments, production);
  const late: string[] = [];
  for (const release of planned) {
    const first = firstDeployed.get(release.id);
    if (first === undefined || first.slice(0, 10) > release.plannedDate.slice(0, 10)) late.push(release.id);
  }

  const opened = input.changes.filter((c) => within(c.createdAt)).length;
  const closed = input.changes.filter((c) => c.closedAt !== undefined && within(c.closedAt)).length;
  const openAtEnd = input.changes.filter(
    (c) =>
      ms(c.createdAt) < to && (c.closedAt === undefined || ms(c.closedAt) >= to) && c.status !== 'rejected',
  ).length;
  const weeks = (to - from) / (7 * 24 * 3_600_000);

  const changeById = new Map(input.changes.map((c) => [c.id, c]));
  const leads = deployments
    .filter(
      (d) =>
        d.outcome === 'succeeded' && d.changeRequestId !== undefined && changeById.has(d.changeRequestId),
    )
    .map((d) => (ms(d.finishedAt) - ms(changeById.get(d.changeRequestId!)!.createdAt)) / 3_600_000);

  return {
    definitions: ITIL_DEFINITIONS,
    successRate: {
      deployments: deployments.length,
      succeeded,
      rate: deployments.length === 0 ? null : roundTo(succeeded / deployments.length, 4),
    },
    scheduleAdherence: {
      planned: planned.length,
      onTime: planned.length - late.length,
      rate: planned.length === 0 ? null : roundTo((planned.length - late.length) / planned.length, 4),
      late,
    },
    backlogThroughput: { opened, closed, closedPerWeek: roundTo(closed / weeks, 4)!, openAtEnd },
    leadTimeToDeploy: { count: leads.length, medianHours: roundTo(median(leads)) },
  };
}
