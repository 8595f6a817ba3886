import type { CostFilter, CostMetric, Dimension } from '../../core/costs/cost-query.js';
import { daysBetween, laterDay } from '../../core/forecast/day-dates.js';
import type { ExactChargeSeries } from '../../core/forecast/exact-charge-series.js';
import { Decimal } from '../../core/money.js';
import type { ChargeDayCost, ForecastStore } from '../../ports/forecast-store.js';
import type { Stores } from '../../ports/stores.js';

export interface ScopeSeries {
  /** The grouping value (null without --by, or for lines without it). */
  group: string | null;
  currency: string;
  /** Last day of data in the whole query: the series of every group ends there. */
  lastDay: string;
  /** Exact decimal text per day; models read it through toModelSeries. */
  series: ExactChargeSeries;
}

/**
 * Daily history per group and currency, split into usage, recurring and one-time charges, from
 * the group's first day of data to the query's last, with days without lines as zero cost.
 */
export async function loadChargeSeries(
  forecasts: Pick<ForecastStore, 'dailyCharges'>,
  query: { filters: CostFilter[]; metric: CostMetric; from?: string; to?: string; groupBy?: Dimension },
): Promise<ScopeSeries[]> {
  return buildChargeSeries(await forecasts.dailyCharges(query));
}

/**
 * The series of `rows` (day-sorted, as `dailyCharges` answers), one per group and currency,
 * all ending on the rows' last day. Also used on a slice of a grouped answer (one budget's rows),
 * which gives the series that budget's own query would have given.
 */
export function buildChargeSeries(rows: ChargeDayCost[]): ScopeSeries[] {
  if (rows.length === 0) return [];
  const lastDay = rows.reduce((last, row) => laterDay(row.day, last), rows[0]!.day);
  const groups = new Map<
    string,
    { group: string | null; currency: string; firstDay: string; rows: typeof rows }
  >();
  for (const row of rows) {
    const key = JSON.stringify([row.group, row.currency]);
    const entry = groups.get(key) ?? {
      group: row.group,
      currency: row.currency,
      firstDay: row.day,
      rows: [],
    };
    if (row.day < entry.firstDay) entry.firstDay = row.day;
    entry.rows.push(row);
    groups.set(key, entry);
  }
  return [...groups.values()].map((entry) => {
    const length = daysBetween(entry.firstDay, lastDay) + 1;
    const zeros = () => new Array<Decimal>(length).fill(new Decimal(0));
    const sums = { usage: zeros(), recurring: zeros(), oneTime: zeros() };
    for (const row of entry.rows) {
      const index = daysBetween(entry.firstDay, row.day);
      const target =
        row.charge === 'usage' ? sums.usage : row.charge === 'recurring' ? sums.recurring : sums.oneTime;
      target[index] = target[index]!.plus(row.cost);
    }
    const series: ExactChargeSeries = {
      firstDay: entry.firstDay,
      usage: sums.usage.map((sum) => sum.toFixed()),
      recurring: sums.recurring.map((sum) => sum.toFixed()),
      oneTime: sums.oneTime.map((sum) => sum.toFixed()),
    };
    return { group: entry.group, currency: entry.currency, lastDay, series };
  });
}

/** Scans under way per store, by query: asked again before it ends, a scan is shared. */
const inFlight = new WeakMap<Stores, Map<string, Promise<ChargeDayCost[]>>>();

/**
 * Daily charges read in one pass where the engine can (BudgetStore.scanDailyCharges): the same
 * rows. A scan asked for while the same one is under way shares it (nothing is kept after it
 * ends): a dashboard asks a budget status and a forecast of the same scope and days at once.
 */
export function scanningStore(stores: Stores): Pick<ForecastStore, 'dailyCharges'> {
  return {
    dailyCharges: (query) => {
      const running = inFlight.get(stores) ?? new Map<string, Promise<ChargeDayCost[]>>();
      inFlight.set(stores, running);
      const key = JSON.stringify([query.filters, query.metric, query.from, query.to, query.groupBy]);
      const shared = running.get(key);
      if (shared) return shared.then((rows) => rows.map((row) => ({ ...row })));
      const scan = stores.budgets.scanDailyCharges(query).finally(() => running.delete(key));
      running.set(key, scan);
      return scan;
    },
  };
}
