import { addDays, laterDay } from '../../core/forecast/day-dates.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

export const ACCURACY_HORIZONS = [7, 30, 90] as const;

export interface AccuracyRow {
  scopeKey: string;
  metric: string;
  currency: string;
  horizonDays: number;
  /** Snapshots whose first `horizonDays` days all have actuals now. */
  snapshots: number;
  /** Mean absolute percentage error of the daily forecasts (days with zero actual skipped). */
  mape: number | null;
  /** 1 - |actual - forecast| / actual on the horizon's total, averaged over snapshots. */
  accuracy: number | null;
  actual: string;
  forecast: string;
}

/**
 * Scores stored forecast snapshots against the actuals that arrived since: per scope and
 * horizon (the first 7, 30 and 90 days of each snapshot), MAPE of the days and the accuracy of
 * the total. A horizon is scored only once every one of its days has data (the store's last
 * day of data is past it), so a half-arrived month never looks like a miss.
 */
export async function scoreForecastAccuracy(stores: Stores): Promise<AccuracyRow[]> {
  const snapshots = await stores.forecasts.listSnapshots();
  if (snapshots.length === 0) return [];
  const days = await stores.costs.queryCosts({ groupBy: ['day'], filters: [], metric: 'billed' });
  const dataThrough = days.reduce((last, row) => {
    const day = row.dimensions.day ?? '';
    return laterDay(day, last);
  }, '');
  const groups = new Map<
    string,
    AccuracyRow & { mapeSum: number; mapeCount: number; accuracySum: number; accuracyCount: number }
  >();
  for (const snapshot of snapshots) {
    const forecastDays = await stores.forecasts.snapshotDays(snapshot.id);
    const lastForecastDay = addDays(snapshot.firstDay, snapshot.horizonDays);
    const actualRows = await stores.costs.queryCosts({
      groupBy: ['day'],
      filters: snapshot.filters,
      metric: snapshot.metric,
      from: snapshot.firstDay,
      to: lastForecastDay,
    });
    const actualByDay = new Map<string, Decimal>();
    for (const row of actualRows)
      if (row.currency === snapshot.currency) actualByDay.set(row.dimensions.day!, new Decimal(row.cost));
    for (const horizon of ACCURACY_HORIZONS) {
      if (horizon > snapshot.horizonDays) continue;
      const windowEnd = addDays(snapshot.firstDay, horizon - 1);
      if (windowEnd > dataThrough) continue;
      let actualTotal = new Decimal(0);
      let forecastTotal = new Decimal(0);
      let apeSum = 0;
      let apeCount = 0;
      for (const day of forecastDays.filter((d) => d.date <= windowEnd)) {
        const actual = actualByDay.get(day.date) ?? new Decimal(0);
        actualTotal = actualTotal.plus(actual);
        forecastTotal = forecastTotal.plus(day.point);
        if (actual.gt(0)) {
          apeSum += Number(actual.minus(day.point).abs().div(actual));
          apeCount += 1;
        }
      }
      const key = JSON.stringify([snapshot.scopeKey, snapshot.metric, snapshot.currency, horizon]);
      const group = groups.get(key) ?? {
        scopeKey: snapshot.scopeKey,
        metric: snapshot.metric,
        currency: snapshot.currency,
        horizonDays: horizon,
        snapshots: 0,
        mape: null,
        accuracy: null,
        actual: '0',
        forecast: '0',
        mapeSum: 0,
        mapeCount: 0,
        accuracySum: 0,
        accuracyCount: 0,
      };
      group.snapshots += 1;
      group.actual = new Decimal(group.actual).plus(actualTotal).toFixed(2);
      group.forecast = new Decimal(group.forecast).plus(forecastTotal).toFixed(2);
      if (apeCount > 0) {
        group.mapeSum += apeSum / apeCount;
        group.mapeCount += 1;
      }
      if (actualTotal.gt(0)) {
        group.accuracySum += 1 - Number(actualTotal.minus(forecastTotal).abs().div(actualTotal));
        group.accuracyCount += 1;
      }
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map(({ mapeSum, mapeCount, accuracySum, accuracyCount, ...row }) => ({
      ...row,
      mape: mapeCount > 0 ? round(mapeSum / mapeCount) : null,
      accuracy: accuracyCount > 0 ? round(accuracySum / accuracyCount) : null,
    }))
    .sort((a, b) => a.scopeKey.localeCompare(b.scopeKey) || a.horizonDays - b.horizonDays);
}

function round(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
