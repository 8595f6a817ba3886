import type { CostRow } from '../../../core/costs/cost-query.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import {
  type ActualsDeployment,
  type AllocatedServiceDay,
  computeReleaseActuals,
  deploymentWindow,
  nextDay,
  type ReleaseActuals,
} from '../../../core/governance/releases/release-actuals.js';
import {
  deploymentsAsOf,
  type SpendAsOf,
  timeEntriesAsOf,
} from '../../../core/governance/releases/release-as-of.js';
import type { ReleaseTagCost } from '../../../core/governance/releases/release-cloud-cost.js';
import { estimateRelease } from '../../../core/governance/releases/release-estimate.js';
import type { Release } from '../../../core/governance/releases/release-model.js';
import { varianceAgainstEstimate } from '../../../core/governance/releases/release-variance.js';
import { Decimal } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { requireReportingCurrency } from '../../costs/convert-cost-report.js';
import { requireRateCard } from '../governance-context.js';
import {
  RELEASE_CONVERSION_RULE,
  type ReleaseConversion,
  ReleaseCurrencyConverter,
  type ReleaseReportingCurrency,
} from './release-conversion.js';
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
  /** How the report was restated in a reporting currency; null in the release's own. */
  conversion: ReleaseConversion | null;
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
 * Allocated cost in another currency than `currency` (the release's own unless a reporting
 * currency is asked) is converted at its charge day's rate by the one conversion of GET /costs
 * (RateTable, either direction, convertAmount's rounding); in a reporting currency the labour,
 * pipeline, deployment process and tagged lines are converted too (RELEASE_CONVERSION_RULE). A
 * day with no rate refuses the measure (RATE_MISSING naming the days and pairs), never a
 * silently unconverted amount.
 * With `asOf`, the release as it stood at that moment (SPEND_AS_OF_RULE: what a gate decision
 * at that time could have counted); `tagCosts`, when given, must be read through its day.
 */
export async function measureReleaseActuals(
  stores: Stores,
  release: Release,
  tagCosts?: readonly ReleaseTagCost[],
  reporting?: ReleaseReportingCurrency,
  asOf?: SpendAsOf,
): Promise<MeasuredReleaseActuals> {
  const currency = reporting?.currency ?? release.currency;
  const id = release.id;
  const recorded = deploymentsAsOf(
    await stores.governance.deployments.listDeployments({ releaseId: id }),
    asOf,
  );
  let deployments = recorded.map(toActualsDeployment);
  const window = deploymentWindow(deployments);
  const notes: string[] = [];
  const services = [...new Set([...release.services, ...deployments.map((d) => d.service)])].sort();
  let windowDeployments: ActualsDeployment[] = [];
  let allocated: AllocatedServiceDay[] = [];
  if (window) {
    const to = nextDay(window.to);
    for (const service of services) {
      const listed = await stores.governance.deployments.listDeployments({ service, from: window.from, to });
      windowDeployments = windowDeployments.concat(deploymentsAsOf(listed, asOf).map(toActualsDeployment));
    }
    const rows = await stores.costs.queryCosts({
      from: window.from,
      to,
      metric: 'effective',
      groupBy: ['catalog-service', 'environment', 'day'],
      filters: [{ dimension: 'catalog-service', values: services }],
    });
    allocated = rows.flatMap((row) => toServiceDay(row) ?? []);
  }
  let tagged = tagCosts ?? (await stores.governance.releaseTagCosts(asOf?.day));
  let timeEntries = timeEntriesAsOf(await stores.governance.releases.listTimeEntries(id), asOf);
  const converter = new ReleaseCurrencyConverter(currency, reporting?.rateBasis);
  const converting = currency !== release.currency;
  const tagDay = window?.to ?? release.createdAt.slice(0, 10);
  for (const row of allocated) converter.need(row.currency, row.day);
  if (converting) {
    for (const entry of timeEntries) converter.need(release.currency, entry.date);
    for (const d of deployments) converter.need(d.cost.currency, d.startedAt);
    converter.need(release.currency, tagDay);
  }
  await converter.load(stores.exchangeRates);
  const foreign = new Map<string, { cost: Decimal; count: number }>();
  allocated = allocated.map((row) => {
    if (row.currency === currency) return row;
    const seen = foreign.get(row.currency) ?? { cost: new Decimal(0), count: 0 };
    foreign.set(row.currency, { cost: seen.cost.plus(row.cost), count: seen.count + 1 });
    return { ...row, currency, cost: converter.convert(row.cost, row.currency, row.day) };
  });
  if (converting) {
    timeEntries = timeEntries.map((e) => ({
      ...e,
      amount: converter.convert(e.amount, release.currency, e.date),
    }));
    deployments = deployments.map((d) => ({ ...d, cost: convertDeploymentCost(converter, d) }));
    // Tagged lines in the release's currency only, as in the release's own currency.
    tagged = tagged
      .filter((g) => g.currency === release.currency)
      .map((g) => ({
        ...g,
        currency,
        effectiveCost: converter.convert(g.effectiveCost, g.currency, tagDay),
      }));
  }
  converter.refuseMissing();
  for (const [from, { cost, count }] of [...foreign].sort(([a], [b]) => a.localeCompare(b)))
    notes.push(
      `${cost.toString()} ${from} of allocated cost converted to ${currency} at the stored rate of each day (${count} service-days).`,
    );
  const actuals = computeReleaseActuals({
    release: { ...release, currency },
    tagCosts: tagged,
    deployments,
    windowDeployments,
    allocated,
    timeEntries,
  });
  return {
    actuals,
    notes,
    deploymentCount: recorded.length,
    failedDeployments: recorded.filter((d) => d.outcome !== 'succeeded').length,
  };
}

/** A deployment's cost parts in the converter's currency, at the rate of its start day. */
function convertDeploymentCost(converter: ReleaseCurrencyConverter, d: ActualsDeployment) {
  const { cost } = d;
  const at = (amount: string) => converter.convert(amount, cost.currency, d.startedAt);
  return {
    ...cost,
    currency: converter.currency,
    pipeline: at(cost.pipeline),
    documentation: at(cost.documentation),
    cabReview: at(cost.cabReview),
    execution: at(cost.execution),
    licences: at(cost.licences),
    rollbackWork: at(cost.rollbackWork),
    environment: at(cost.environment),
    deployment: at(cost.deployment),
    total: at(cost.total),
  };
}

/**
 * A release's actuals from the bill (measureReleaseActuals), with its variance against the
 * original estimate and every re-baseline; in a reporting currency when one is asked, every
 * part and estimate converted by RELEASE_CONVERSION_RULE (the answer's `conversion` says so).
 */
export async function reportReleaseActuals(
  stores: Stores,
  id: string,
  reporting?: ReleaseReportingCurrency,
): Promise<ReleaseActualsReport> {
  if (reporting) requireReportingCurrency(reporting.currency);
  const release = await requireRelease(stores, id);
  const target = reporting?.currency ?? release.currency;
  const { actuals, notes } = await measureReleaseActuals(stores, release, undefined, reporting);
  const card = await requireRateCard(stores);
  const known = {
    known: actuals.known,
    complete: actuals.complete,
    missing: actuals.parts.filter((p) => p.amount === null).map((p) => p.part),
  };
  const original = estimateRelease(release.estimate, card.card, release.createdAt, release.currency);
  const rebaselined = await stores.governance.releases.listBaselines(id);
  const converter = new ReleaseCurrencyConverter(target, reporting?.rateBasis);
  converter.need(release.currency, release.createdAt);
  for (const b of rebaselined) converter.need(release.currency, b.createdAt);
  await converter.load(stores.exchangeRates);
  const restate = (amount: string, at: string) => converter.convert(amount, release.currency, at);
  const baselines: BaselineVariance[] = [
    {
      version: 1,
      reason: 'the estimate the release was created with',
      createdAt: release.createdAt,
      createdBy: null,
      estimate: restate(original.total, release.createdAt),
      ...varianceAgainstEstimate(restate(original.total, release.createdAt), known, 2),
    },
    ...rebaselined.map((b) => ({
      version: b.version,
      reason: b.reason,
      createdAt: b.createdAt,
      createdBy: b.createdBy,
      estimate: restate(b.total, b.createdAt),
      ...varianceAgainstEstimate(restate(b.total, b.createdAt), known, 2),
    })),
  ];
  converter.refuseMissing();
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
    conversion: describeConversion(release, reporting),
  };
}

/** The `conversion` of an answer: null in the release's own currency. */
export function describeConversion(
  release: Release,
  reporting: ReleaseReportingCurrency | undefined,
): ReleaseConversion | null {
  return reporting === undefined || reporting.currency === release.currency
    ? null
    : {
        currency: reporting.currency,
        releaseCurrency: release.currency,
        rateBasis: reporting.rateBasis,
        estimateRateDay: release.createdAt.slice(0, 10),
        rule: RELEASE_CONVERSION_RULE,
      };
}
