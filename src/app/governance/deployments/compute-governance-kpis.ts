import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import { computeDora } from '../../../core/governance/deployments/dora-metrics.js';
import { computeItil } from '../../../core/governance/deployments/itil-metrics.js';
import { computeUnitCosts } from '../../../core/governance/deployments/unit-costs.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import {
  computeProcessCost,
  type ProcessChange,
} from '../../../core/governance/process-cost/process-cost.js';
import { isDecimalText } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { loadCatalog, requirePolicy, requireRateCard } from '../governance-context.js';

/** The KPI fields a caller may name its own way (the CLI's flags). */
export type KpiFieldLabels = FieldLabels<'from' | 'to'>;

export function period(
  from: string | undefined,
  to: string | undefined,
  labels: KpiFieldLabels,
): { from: string; to: string } {
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const) {
    if (value !== undefined && !isIsoTimestamp(value)) {
      throw new TollgateError(
        'KPI_BAD_PERIOD',
        `${labelOf(labels, field)} '${value}' is not a date; write YYYY-MM-DD.`,
        'usage',
      );
    }
  }
  const end = to === undefined ? new Date() : new Date(normaliseTimestamp(to));
  const start =
    from === undefined ? new Date(end.getTime() - 90 * 86_400_000) : new Date(normaliseTimestamp(from));
  if (start >= end)
    throw new TollgateError(
      'KPI_BAD_PERIOD',
      `The period must start before it ends (${labelOf(labels, 'from')} before ${labelOf(labels, 'to')}).`,
      'usage',
    );
  return { from: start.toISOString(), to: end.toISOString() };
}

function settled<T>(result: PromiseSettledResult<T>): T {
  if (result.status === 'rejected') throw result.reason;
  return result.value;
}

/** DORA, ITIL and unit costs over [from, to) (default: the last 90 days), optionally for one service. */
export async function computeGovernanceKpis(
  stores: Stores,
  options: { from?: string | undefined; to?: string | undefined; service?: string | undefined },
  labels: KpiFieldLabels = {},
) {
  // Every read at once: they are independent, and one after another they added up (~0.5 s
  // for a year of the demo's deployments and changes) where the slowest alone is the floor.
  // Failures are reported in the order the checks always ran: catalogue, policy, period.
  const reads = await Promise.allSettled([
    loadCatalog(stores),
    requirePolicy(stores),
    stores.governance.deployments.listDeployments({ service: options.service }),
    stores.governance.incidents.listIncidents({ service: options.service }),
    stores.governance.releases.listReleases(),
    stores.governance.changes.listChanges({ service: options.service }),
  ] as const);
  const [catalog, policy] = [settled(reads[0]), settled(reads[1])];
  const { from, to } = period(options.from, options.to, labels);
  const [all, incidents, releases, changes] = [
    settled(reads[2]),
    settled(reads[3]),
    settled(reads[4]),
    settled(reads[5]),
  ];
  if (options.service !== undefined && !catalog.services.some((s) => s.id === options.service)) {
    throw new TollgateError(
      'UNKNOWN_SERVICE',
      `There is no service '${options.service}' in the catalogue.`,
      'usage',
    );
  }
  const inPeriod = all.filter((d) => d.finishedAt >= from && d.finishedAt < to);
  const production = catalog.environments.filter((env) => env.production).map((env) => env.id);
  const weeks = (Date.parse(to) - Date.parse(from)) / (7 * 86_400_000);
  return {
    period: { from, to },
    service: options.service ?? null,
    dora: computeDora({
      deployments: all,
      incidents,
      productionEnvironments: production,
      from,
      to,
      attributionWindowHours: policy.policy.attributionWindowHours,
    }),
    itil: computeItil({
      deployments: all,
      releases: releases.filter((r) => options.service === undefined || r.services.includes(options.service)),
      changes,
      productionEnvironments: production,
      from,
      to,
    }),
    unitCosts: computeUnitCosts(inPeriod, catalog, policy.policy.currency, weeks),
  };
}

/** The process cost of a service's last N deployed changes, now and with small changes as standard. */
export async function computeServiceProcessCost(
  stores: Stores,
  service: string,
  last: number,
  setupCost = '0',
  labels: FieldLabels<'last' | 'setupCost'> = {},
) {
  if (!Number.isInteger(last) || last < 1)
    throw new TollgateError(
      'PROCESS_COST_USAGE',
      `${labelOf(labels, 'last')} must be a whole number of changes, 1 or more.`,
      'usage',
    );
  if (!isDecimalText(setupCost))
    throw new TollgateError(
      'PROCESS_COST_USAGE',
      `${labelOf(labels, 'setupCost')} '${setupCost}' is not an amount.`,
      'usage',
    );
  const catalog = await loadCatalog(stores);
  if (!catalog.services.some((s) => s.id === service)) {
    throw new TollgateError('UNKNOWN_SERVICE', `There is no service '${service}' in the catalogue.`, 'usage');
  }
  const policy = await requirePolicy(stores);
  const card = await requireRateCard(stores);
  const deployments = await stores.governance.deployments.listDeployments({ service });
  const carried = deployments.filter((d) => d.changeRequestId !== undefined && d.outcome === 'succeeded');
  const items: ProcessChange[] = [];
  for (const deployment of carried.slice(-last)) {
    const change = await stores.governance.changes.getChange(deployment.changeRequestId!);
    if (!change) continue;
    const release = change.releaseId
      ? await stores.governance.releases.getRelease(change.releaseId)
      : undefined;
    items.push({
      change,
      deployment,
      costOfDelayPerWeek: change.justification?.costOfDelayPerWeek ?? release?.costOfDelayPerWeek ?? '0',
    });
  }
  return {
    currency: policy.policy.currency,
    ...computeProcessCost(service, items, policy.policy, card.card, setupCost),
  };
}
