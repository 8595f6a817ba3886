import type { CostRow } from '../../../core/costs/cost-query.js';
import { convertAmount } from '../../../core/currency/convert-amount.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import {
  type ActualsDeployment,
  type AllocatedServiceDay,
  computeReleaseActuals,
  deploymentWindow,
  nextDay,
  type ReleaseActuals,
} from '../../../core/governance/releases/release-actuals.js';
import type { ReleaseTagCost } from '../../../core/governance/releases/release-cloud-cost.js';
import { estimateRelease } from '../../../core/governance/releases/release-estimate.js';
import type { Release } from '../../../core/governance/releases/release-model.js';
import { varianceAgainstEstimate } from '../../../core/governance/releases/release-variance.js';
import { Decimal } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { requireRateCard } from '../governance-context.js';
import { requireRelease } from './require-release.js';

/** One estimate version and the known actuals measured against it. */
export interface BaselineVariance {
  version: number;
  reason: string;
  createdAt: string;
  /** Who re-baselined; null for version 1 (the decision log's release.create entry says who). */
  createdBy: string | null;
  estimate: string;
  /** known actuals - estimate: positive is an overrun (a lower bound when actuals are incomplete); null when unknown. */
  variance: string | null;
  variancePercent: string | null;
  /** Why there is no variance (the actual is missing), or null. */
  varianceUnknown: string | null;
}

export interface ReleaseActualsReport {
  release: Pick<Release, 'id' | 'name' | 'status' | 'services' | 'currency'>;
  actuals: ReleaseActuals;
  /** The original estimate (version 1) and every re-baseline after it, each with its variance. */
  baselines: BaselineVariance[];
  /** How amounts were converted into the release's currency, when they were. */
  notes: string[];
}

/**
 * Allocated cost in another currency is converted at the stored rate of its day (convertAmount's
 * rounding); a day with no rate stays in its currency, and the actuals say it was left out.
 */
async function convertToReleaseCurrency(
  stores: Stores,
  rows: AllocatedServiceDay[],
  currency: string,
  notes: string[],
): Promise<AllocatedServiceDay[]> {
  const foreign = [...new Set(rows.filter((r) => r.currency !== currency).map((r) => r.currency))].sort();
  const days = rows.map((r) => r.day).sort();
  for (const from of foreign) {
    const rates = await stores.exchangeRates.listRates({
      fromDay: days[0]!,
      toDay: days.at(-1)!,
      fromCurrency: from,
      toCurrency: currency,
    });
    const byDay = new Map(rates.map((r) => [r.date.slice(0, 10), r.rate]));
    let converted = new Decimal(0);
    let count = 0;
    rows = rows.map((row) => {
      const rate = row.currency === from ? byDay.get(row.day) : undefined;
      if (rate === undefined) return row;
      count++;
      converted = converted.plus(row.cost);
      return { ...row, currency, cost: convertAmount(row.cost, rate).toString() };
    });
    if (count > 0)
      notes.push(
        `${converted.toString()} ${from} of allocated cost converted to ${currency} at the stored rate of each day (${count} service-days).`,
      );
  }
  return rows;
}

function toActualsDeployment(d: CostedDeployment): ActualsDeployment {
  return {
    id: d.id,
    service: d.service,
    environment: d.environment,
    version: d.version,
    releaseId: d.releaseId,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    cost: d.cost,
  };
}

/**
 * The environment of an allocated row is the allocation's own (one source of truth): the rule's
 * `set.environment`, else the line's env/environment tag resolved to a catalogue environment
 * when the period was allocated, else none: unknown, never production.
 */
export function toServiceDay(row: CostRow): AllocatedServiceDay | undefined {
  const d = row.dimensions;
  const service = d['catalog-service'];
  if (!service || !d.day) return undefined;
  return {
    service,
    environment: d.environment ?? null,
    day: d.day.slice(0, 10),
    currency: row.currency,
    cost: row.cost,
  };
}

export interface MeasuredReleaseActuals {
  actuals: ReleaseActuals;
  /** How amounts were converted into the release's currency, when they were. */
  notes: string[];
  deploymentCount: number;
  failedDeployments: number;
}

/**
 * THE actual cost of a release, from the bill (computeReleaseActuals says how): every figure
 * that states what a release cost (show, list, close, the gate's spend, the correction factor,
 * the actuals report, post-implementation reviews) comes from here. Callers that measure many
 * releases pass the tagged cloud costs read once (one scan of the cost lines).
 */
export async function measureReleaseActuals(
  stores: Stores,
  release: Release,
  tagCosts?: readonly ReleaseTagCost[],
): Promise<MeasuredReleaseActuals> {
  const id = release.id;
  const recorded = await stores.governance.deployments.listDeployments({ releaseId: id });
  const deployments = recorded.map(toActualsDeployment);
  const window = deploymentWindow(deployments);
  const notes: string[] = [];
  const services = [...new Set([...release.services, ...deployments.map((d) => d.service)])].sort();
  let windowDeployments: ActualsDeployment[] = [];
  let allocated: AllocatedServiceDay[] = [];
  if (window) {
    const to = nextDay(window.to);
    for (const service of services) {
      const listed = await stores.governance.deployments.listDeployments({ service, from: window.from, to });
      windowDeployments = windowDeployments.concat(listed.map(toActualsDeployment));
    }
    const rows = await stores.costs.queryCosts({
      from: window.from,
      to,
      metric: 'effective',
      groupBy: ['catalog-service', 'environment', 'day'],
      filters: [{ dimension: 'catalog-service', values: services }],
    });
    allocated = await convertToReleaseCurrency(
      stores,
      rows.flatMap((row) => toServiceDay(row) ?? []),
      release.currency,
      notes,
    );
  }
  const actuals = computeReleaseActuals({
    release,
    tagCosts: tagCosts ?? (await stores.governance.releaseTagCosts()),
    deployments,
    windowDeployments,
    allocated,
    timeEntries: await stores.governance.releases.listTimeEntries(id),
  });
  return {
    actuals,
    notes,
    deploymentCount: recorded.length,
    failedDeployments: recorded.filter((d) => d.outcome !== 'succeeded').length,
  };
}

/**
 * A release's actuals from the bill (measureReleaseActuals), with its variance against the
 * original estimate and every re-baseline.
 */
export async function reportReleaseActuals(stores: Stores, id: string): Promise<ReleaseActualsReport> {
  const release = await requireRelease(stores, id);
  const { actuals, notes } = await measureReleaseActuals(stores, release);
  const card = await requireRateCard(stores);
  const known = {
    known: actuals.known,
    complete: actuals.complete,
    missing: actuals.parts.filter((p) => p.amount === null).map((p) => p.part),
  };
  const original = estimateRelease(release.estimate, card.card, release.createdAt, release.currency);
  const baselines: BaselineVariance[] = [
    {
      version: 1,
      reason: 'the estimate the release was created with',
      createdAt: release.createdAt,
      createdBy: null,
      estimate: original.total,
      ...varianceAgainstEstimate(original.total, known, 2),
    },
    ...(await stores.governance.releases.listBaselines(id)).map((b) => ({
      version: b.version,
      reason: b.reason,
      createdAt: b.createdAt,
      createdBy: b.createdBy,
      estimate: b.total,
      ...varianceAgainstEstimate(b.total, known, 2),
    })),
  ];
  return {
    release: {
      id: release.id,
      name: release.name,
      status: release.status,
      services: release.services,
      currency: release.currency,
    },
    actuals,
    baselines,
    notes,
  };
}
