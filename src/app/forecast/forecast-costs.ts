import {
  type CostFilter,
  type CostMetric,
  type Dimension,
  mergeFilters,
  usesAllocatedLines,
} from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import { type FieldLabels, labelOf } from '../../core/field-labels.js';
import { addDays, isDayText } from '../../core/forecast/day-dates.js';
import { type ExactChargeSeries, toModelSeries } from '../../core/forecast/exact-charge-series.js';
import { forecastCostSeries } from '../../core/forecast/forecast-cost-series.js';
import {
  type ForecastBound,
  type MoneyForecast,
  sumForecastDays,
  toMoneyForecast,
} from '../../core/forecast/forecast-money.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { scopeKeyOf } from '../budget/scope-key.js';
import { loadChargeSeries, scanningStore } from './load-charge-series.js';

export interface ForecastRequest {
  filters: CostFilter[];
  metric: CostMetric;
  groupBy?: Dimension;
  horizon: number;
  /** Forecast as on this day: only data before it is used. Default: all data. */
  asOf?: string;
  /** Days of history the models see. */
  historyDays: number;
  /**
   * Store each forecast as a snapshot (for `forecast accuracy`), audited as `actor`; false only
   * answers. Saving is a change to the database, so it is one audited use case.
   */
  save: false | { actor: Actor };
}

export interface ScopeForecast {
  scopeKey: string;
  group: string | null;
  currency: string;
  historyFrom: string;
  dataThrough: string;
  forecast: MoneyForecast;
  /** Exact sums of the days over the horizon (the days' own text added up, nothing rounded away). */
  total: { point: string; lo80: string; hi80: string; lo95: string; hi95: string };
  snapshotId: number | null;
}

/** Parses `90d`, `12w` (or a bare number of days) into days, 1 to 366. */
export function parseHorizon(text: string): number {
  const match = /^(\d+)\s*([dw]?)$/.exec(text.trim());
  const days = match ? Number(match[1]) * (match[2] === 'w' ? 7 : 1) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > 366)
    throw new TollgateError(
      'FORECAST_BAD_HORIZON',
      `Horizon '${text}' is not a number of days from 1 to 366; write for example 30d, 90d or 12w.`,
      'usage',
    );
  return days;
}

export function validateAsOf(asOf: string | undefined, labels: FieldLabels<'asOf'> = {}): void {
  if (asOf !== undefined && !isDayText(asOf))
    throw new TollgateError(
      'FORECAST_BAD_DATE',
      `${labelOf(labels, 'asOf')} ${asOf} is not a date; write YYYY-MM-DD.`,
      'usage',
    );
}

function sumDays(forecast: MoneyForecast, pick: ForecastBound): string {
  return sumForecastDays(forecast.days, pick).toFixed();
}

/**
 * Forecasts daily cost per scope (one per --by value and currency): history up to the data's
 * last day (or before --as-of), the method chosen by backtest, recurring charges by calendar.
 * Snapshots are stored in one transaction so that `forecast accuracy` can score them later,
 * with one `forecasts.save` audit entry naming every snapshot saved.
 */
export async function forecastCosts(
  stores: Stores,
  request: ForecastRequest,
  labels: FieldLabels<'asOf'> = {},
): Promise<ScopeForecast[]> {
  validateAsOf(request.asOf, labels);
  const filters = mergeFilters(request.filters);
  const to = request.asOf;
  const from = to ? addDays(to, -request.historyDays) : undefined;
  let scopes = await loadChargeSeries(scanningStore(stores), {
    filters,
    metric: request.metric,
    ...(to ? { to, from } : {}),
    ...(request.groupBy ? { groupBy: request.groupBy } : {}),
  });
  if (scopes.length === 0)
    throw new TollgateError(
      'FORECAST_NO_DATA',
      `No cost lines match${filters.length ? ` ${scopeKeyOf(filters)}` : ''}${to ? ` before ${to}` : ''}; ${
        usesAllocatedLines({ groupBy: request.groupBy ? [request.groupBy] : [], filters })
          ? 'owner dimensions (team, catalog-service, cost-centre, business-unit, environment) come from allocation: run the allocation first.'
          : 'load billing data, or check the filters against the costs.'
      }`,
      'not-found',
    );
  if (!to) {
    // Without --as-of, keep the last historyDays of each scope.
    const start = addDays(scopes[0]!.lastDay, 1 - request.historyDays);
    scopes = scopes.map((scope) => trimStart(scope, start));
  }
  const results: ScopeForecast[] = scopes.map((scope) => {
    const forecast = toMoneyForecast(forecastCostSeries(toModelSeries(scope.series), request.horizon));
    return {
      scopeKey: scopeKeyOf(
        filters,
        request.groupBy ? { dimension: request.groupBy, value: scope.group } : undefined,
      ),
      group: scope.group,
      currency: scope.currency,
      historyFrom: scope.series.firstDay,
      dataThrough: scope.lastDay,
      forecast,
      total: {
        point: sumDays(forecast, 'point'),
        lo80: sumDays(forecast, 'lo80'),
        hi80: sumDays(forecast, 'hi80'),
        lo95: sumDays(forecast, 'lo95'),
        hi95: sumDays(forecast, 'hi95'),
      },
      snapshotId: null,
    };
  });
  results.sort(
    (a, b) => new Decimal(b.total.point).comparedTo(a.total.point) || a.scopeKey.localeCompare(b.scopeKey),
  );
  if (request.save) {
    await stores.transaction(async () => {
      for (const result of results) {
        const scopeFilters = request.groupBy
          ? mergeFilters([
              ...filters,
              { dimension: request.groupBy as CostFilter['dimension'], values: [result.group] },
            ])
          : filters;
        result.snapshotId = await saveForecastSnapshot(stores, result, request.metric, scopeFilters);
      }
      if (request.save === false) return;
      await recordAudit(stores, request.save.actor, {
        action: 'forecasts.save',
        target: `forecast:${scopeKeyOf(filters)}`,
        after: {
          metric: request.metric,
          horizonDays: request.horizon,
          snapshots: results.map((result) => ({
            id: result.snapshotId,
            scopeKey: result.scopeKey,
            currency: result.currency,
            total: result.total.point,
          })),
        },
      });
    });
  }
  return results;
}

function trimStart<T extends { series: ExactChargeSeries }>(scope: T, start: string): T {
  if (scope.series.firstDay >= start) return scope;
  const skip = Math.round((Date.parse(start) - Date.parse(scope.series.firstDay)) / 86_400_000);
  return {
    ...scope,
    series: {
      firstDay: start,
      usage: scope.series.usage.slice(skip),
      recurring: scope.series.recurring.slice(skip),
      oneTime: scope.series.oneTime.slice(skip),
    },
  };
}

export async function saveForecastSnapshot(
  stores: Stores,
  result: Pick<ScopeForecast, 'scopeKey' | 'currency' | 'forecast'>,
  metric: CostMetric,
  filters: CostFilter[],
): Promise<number> {
  const { forecast } = result;
  return stores.forecasts.saveSnapshot({
    scopeKey: result.scopeKey,
    filters,
    metric,
    currency: result.currency,
    firstDay: forecast.firstForecastDay,
    horizonDays: forecast.days.length,
    method: forecast.method,
    mase: forecast.backtest[0]?.mase ?? null,
    intervalSource: forecast.intervalSource,
    warnings: forecast.warnings,
    days: forecast.days.map((day) => ({
      date: day.date,
      point: day.point,
      lo80: day.lo80,
      hi80: day.hi80,
      lo95: day.lo95,
      hi95: day.hi95,
    })),
  });
}
