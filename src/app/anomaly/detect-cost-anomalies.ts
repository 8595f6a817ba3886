import type { SuspectDeployment } from '../../core/anomaly/attribute-deployments.js';
import { type AnomalySettings, detectAnomalies } from '../../core/anomaly/detect-anomalies.js';
import type { CostFilter, CostMetric, Dimension } from '../../core/costs/cost-query.js';
import { mergeFilters } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import { addDays } from '../../core/forecast/day-dates.js';
import { Decimal } from '../../core/money.js';
import type { CostStore } from '../../ports/cost-store.js';
import type { Stores } from '../../ports/stores.js';
import { scopeKeyOf } from '../budget/scope-key.js';
import { loadChargeSeries, scanningStore } from '../forecast/load-charge-series.js';
import { type DeploymentWindow, findSuspectDeployments } from './find-recent-deployments.js';

export const CONTRIBUTOR_DIMENSIONS: Dimension[] = ['service', 'billing-account', 'region', 'resource'];

export interface Contributor {
  dimension: string;
  value: string | null;
  actual: string;
  expected: string;
  change: string;
}

export interface CostAnomaly {
  scope: string;
  group: string | null;
  currency: string;
  start: string;
  end: string;
  direction: 'spike' | 'drop';
  expected: string;
  actual: string;
  impact: string;
  score: number;
  contributors: Contributor[];
  /**
   * Deployments that finished in `deploymentWindow` (two days before the start, and its first
   * day) of services whose cost moved (named by the scope or a contributor), ranked, at most five.
   */
  deploymentsBefore: SuspectDeployment[];
  deploymentWindow: DeploymentWindow;
}

export interface CostAnomalyRequest {
  filters: CostFilter[];
  metric: CostMetric;
  groupBy?: Dimension;
  /** Look at data before this day (default: all data). */
  asOf?: string;
  /** Days of history to scan. */
  days: number;
  minImpact: number;
  threshold?: number;
  /** Extra tag keys whose values are ranked as contributors. */
  tagKeys: string[];
}

const money = (value: number) => new Decimal(value.toFixed(6)).toFixed(2);

/**
 * Cost anomalies of stored data per scope (and per --by value). Usage charges only: recurring
 * fees and one-time purchases fall on known days and are not surprises. Each anomaly is
 * explained by its top contributors.
 */
export async function detectCostAnomalies(
  stores: Stores,
  request: CostAnomalyRequest,
): Promise<CostAnomaly[]> {
  const filters = mergeFilters(request.filters);
  const scopes = await loadChargeSeries(scanningStore(stores), {
    filters,
    metric: request.metric,
    ...(request.asOf ? { to: request.asOf, from: addDays(request.asOf, -request.days) } : {}),
    ...(request.groupBy ? { groupBy: request.groupBy } : {}),
  });
  if (scopes.length === 0)
    throw new TollgateError(
      'ANOMALY_NO_DATA',
      `No cost lines match${filters.length ? ` ${scopeKeyOf(filters)}` : ''}; load billing data first, or check the filters against the cost query.`,
      'not-found',
    );
  const settings: Partial<AnomalySettings> = {
    minImpact: request.minImpact,
    ...(request.threshold === undefined ? {} : { threshold: request.threshold }),
  };
  const anomalies: CostAnomaly[] = [];
  for (const scope of scopes) {
    // The detector is a statistical model: it reads the exact history as numbers.
    const values = scope.series.usage.slice(-request.days).map(Number);
    const offset = scope.series.usage.length - values.length;
    const day = (index: number) => addDays(scope.series.firstDay, offset + index);
    const scopeFilters = request.groupBy
      ? mergeFilters([
          ...filters,
          { dimension: request.groupBy as CostFilter['dimension'], values: [scope.group] },
        ])
      : filters;
    for (const found of detectAnomalies(values, settings)) {
      const start = day(found.startIndex);
      const end = day(found.endIndex);
      const impact = money(found.impact);
      const contributors = await rankContributors(stores.costs, {
        filters: scopeFilters,
        metric: request.metric,
        currency: scope.currency,
        start,
        end,
        direction: found.direction,
        dimensions: [...CONTRIBUTOR_DIMENSIONS, ...request.tagKeys.map((key) => `tag:${key}` as Dimension)],
      });
      const suspects = await findSuspectDeployments(stores, {
        filters: scopeFilters,
        start,
        impact,
        contributors,
      });
      anomalies.push({
        scope: scopeKeyOf(
          filters,
          request.groupBy ? { dimension: request.groupBy, value: scope.group } : undefined,
        ),
        group: scope.group,
        currency: scope.currency,
        start,
        end,
        direction: found.direction,
        expected: money(found.expected),
        actual: money(found.actual),
        impact,
        score: Math.round(found.score * 100) / 100,
        contributors,
        deploymentsBefore: suspects.deployments,
        deploymentWindow: suspects.window,
      });
    }
  }
  return anomalies.sort(
    (a, b) => b.start.localeCompare(a.start) || Math.abs(Number(b.impact)) - Math.abs(Number(a.impact)),
  );
}

/**
 * Which values drove an anomaly, per dimension: each value's cost over the anomaly's days
 * against the mean of the same weekdays in the four weeks before, ranked by the change in the
 * anomaly's direction; the top three per dimension.
 */
export async function rankContributors(
  costs: CostStore,
  input: {
    filters: CostFilter[];
    metric: CostMetric;
    currency: string;
    start: string;
    end: string;
    direction: 'spike' | 'drop';
    dimensions: Dimension[];
  },
): Promise<Contributor[]> {
  const after = addDays(input.end, 1);
  const out: Contributor[] = [];
  for (const dimension of input.dimensions) {
    const rows = await costs.queryCosts({
      groupBy: [dimension, 'day'],
      filters: input.filters,
      metric: input.metric,
      from: addDays(input.start, -28),
      to: after,
    });
    const byValue = new Map<string | null, { actual: Decimal; baseline: Decimal }>();
    for (const row of rows) {
      if (row.currency !== input.currency) continue;
      const day = row.dimensions.day!;
      const value = row.dimensions[dimension] ?? null;
      const entry = byValue.get(value) ?? { actual: new Decimal(0), baseline: new Decimal(0) };
      if (day >= input.start) entry.actual = entry.actual.plus(row.cost);
      else if (isSameWeekdayWindow(day, input.start, input.end))
        entry.baseline = entry.baseline.plus(row.cost);
      byValue.set(value, entry);
    }
    const ranked = [...byValue.entries()]
      .map(([value, { actual, baseline }]) => {
        const expected = baseline.div(4);
        return { value, actual, expected, change: actual.minus(expected) };
      })
      .filter((c) => (input.direction === 'spike' ? c.change.gt(0) : c.change.lt(0)))
      .sort((a, b) => b.change.abs().comparedTo(a.change.abs()))
      .slice(0, 3);
    for (const c of ranked)
      out.push({
        dimension,
        value: c.value,
        actual: c.actual.toFixed(2),
        expected: c.expected.toFixed(2),
        change: c.change.toFixed(2),
      });
  }
  return out;
}

/** True when `day` is the anomaly's window shifted back by 1 to 4 whole weeks. */
function isSameWeekdayWindow(day: string, start: string, end: string): boolean {
  for (let weeks = 1; weeks <= 4; weeks++)
    if (day >= addDays(start, -7 * weeks) && day <= addDays(end, -7 * weeks)) return true;
  return false;
}
