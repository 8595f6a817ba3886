import type { CostFilter, CostMetric } from '../../core/costs/cost-query.js';
import { Decimal } from '../../core/money.js';
import { DEMO_ACCOUNTS } from '../../demo/demo-organisation.js';
import type { CostStore } from '../../ports/cost-store.js';
import { queryCosts } from '../costs/query-costs.js';

export interface MonthSpend {
  month: string;
  currency: string;
  billed: string;
  effective: string;
}

export interface ServiceSpend {
  service: string;
  currency: string;
  cost: string;
}

export interface ServiceMove {
  service: string;
  currency: string;
  previous: string;
  current: string;
  change: string;
  /** Change against the previous month in percent, one decimal; null when it was zero. */
  changePercent: string | null;
}

export interface DemoTour {
  spendByMonth: { metrics: CostMetric[]; rows: MonthSpend[] };
  topServices: { metric: CostMetric; rows: ServiceSpend[] };
  topMovers: {
    metric: CostMetric;
    previousMonth: string | null;
    currentMonth: string | null;
    rows: ServiceMove[];
  };
}

/** Only the demo's billing accounts: the database may hold the user's own bills too. */
const DEMO_FILTER: CostFilter = {
  dimension: 'billing-account',
  values: DEMO_ACCOUNTS.map((account) => account.id),
};

/**
 * The numbers of the demo's tour, all from the costs use case: spend by month (billed and
 * effective, per currency), the largest services, and the services that moved most between
 * the last two months.
 */
export async function tourDemoCosts(costs: CostStore, options: { top?: number } = {}): Promise<DemoTour> {
  const top = options.top ?? 5;
  const filters = [DEMO_FILTER];
  // One after the other: the store answers one query at a time on its connection.
  const billed = await queryCosts(costs, { groupBy: ['month'], metric: 'billed', filters });
  const effective = await queryCosts(costs, { groupBy: ['month'], metric: 'effective', filters });
  const months = new Map<string, MonthSpend>();
  for (const [metric, report] of [
    ['billed', billed],
    ['effective', effective],
  ] as const) {
    for (const row of report.rows) {
      const month = row.dimensions.month ?? '';
      const key = `${month}|${row.currency}`;
      const entry = months.get(key) ?? { month, currency: row.currency, billed: '0', effective: '0' };
      entry[metric] = row.cost;
      months.set(key, entry);
    }
  }
  const spendByMonth = [...months.values()].sort((a, b) =>
    a.month === b.month ? compareText(a.currency, b.currency) : compareText(a.month, b.month),
  );

  const byService = await queryCosts(costs, { groupBy: ['service'], metric: 'effective', filters });
  const topServices: ServiceSpend[] = [];
  for (const currency of currenciesOf(byService.rows)) {
    const rows = byService.rows.filter((row) => row.currency === currency).slice(0, top);
    topServices.push(
      ...rows.map((row) => ({ service: row.dimensions.service ?? '(none)', currency, cost: row.cost })),
    );
  }

  const monthList = [...new Set(spendByMonth.map((row) => row.month))].sort(compareText);
  const currentMonth = monthList.at(-1) ?? null;
  const previousMonth = monthList.at(-2) ?? null;
  const topMovers =
    previousMonth && currentMonth ? await findMovers(costs, previousMonth, currentMonth, top) : [];
  return {
    spendByMonth: { metrics: ['billed', 'effective'], rows: spendByMonth },
    topServices: { metric: 'effective', rows: topServices },
    topMovers: { metric: 'effective', previousMonth, currentMonth, rows: topMovers },
  };
}

/** Services ranked by the size of their month-over-month change, per currency. */
async function findMovers(
  costs: CostStore,
  previous: string,
  current: string,
  top: number,
): Promise<ServiceMove[]> {
  const report = await queryCosts(costs, {
    groupBy: ['service', 'month'],
    metric: 'effective',
    from: `${previous}-01`,
    to: nextMonthStart(current),
    filters: [DEMO_FILTER],
  });
  const pairs = new Map<string, { service: string; currency: string; previous: Decimal; current: Decimal }>();
  for (const row of report.rows) {
    const service = row.dimensions.service ?? '(none)';
    const key = `${service}|${row.currency}`;
    const pair = pairs.get(key) ?? {
      service,
      currency: row.currency,
      previous: new Decimal(0),
      current: new Decimal(0),
    };
    if (row.dimensions.month === previous) pair.previous = pair.previous.plus(row.cost);
    else pair.current = pair.current.plus(row.cost);
    pairs.set(key, pair);
  }
  const moves = [...pairs.values()].map((pair) => ({ ...pair, change: pair.current.minus(pair.previous) }));
  moves.sort(
    (a, b) =>
      b.change.abs().comparedTo(a.change.abs()) ||
      compareText(a.currency, b.currency) ||
      compareText(a.service, b.service),
  );
  return moves.slice(0, top).map((move) => ({
    service: move.service,
    currency: move.currency,
    previous: move.previous.toString(),
    current: move.current.toString(),
    change: move.change.toString(),
    changePercent: move.previous.isZero() ? null : move.change.div(move.previous).times(100).toFixed(1),
  }));
}

function currenciesOf(rows: { currency: string }[]): string[] {
  return [...new Set(rows.map((row) => row.currency))].sort(compareText);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function nextMonthStart(month: string): string {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  const next = new Date(Date.UTC(year, monthNumber, 1));
  return next.toISOString().slice(0, 10);
}
