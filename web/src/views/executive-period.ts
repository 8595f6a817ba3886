import { Decimal } from '../money-text.js';

/** The day `count` days after `day` (YYYY-MM-DD, UTC); kept here so the model stays free of hooks. */
function addDays(day: string, count: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + count);
  return date.toISOString().slice(0, 10);
}

type BudgetPeriod = 'month' | 'quarter' | 'fiscal-year';

/**
 * The one set of days the executive page speaks of, from the last day with data: the month
 * and the year that hold it, and the exclusive end (the day after it, so the last day counts).
 * "This year" starts in the organisation's fiscal-year start month (January without a budget),
 * so the year tile, the unallocated share and every "to date" chart add up the same days.
 */
export function executivePeriod(lastDay: string, fiscalYearStartMonth = 1) {
  const year = Number(lastDay.slice(0, 4));
  const month = Number(lastDay.slice(5, 7));
  const startYear = month >= fiscalYearStartMonth ? year : year - 1;
  const yearStart = `${startYear}-${String(fiscalYearStartMonth).padStart(2, '0')}-01`;
  return {
    month: lastDay.slice(0, 7),
    monthStart: `${lastDay.slice(0, 7)}-01`,
    yearStart,
    yearLabel: fiscalYearStartMonth === 1 ? String(year) : `fiscal year from ${yearStart.slice(0, 7)}`,
    end: addDays(lastDay, 1),
  };
}

/** Whether `day` is the first day of a budget period (months counted from the fiscal start). */
function startsPeriod(day: string, period: BudgetPeriod, fiscalYearStartMonth: number): boolean {
  if (!day.endsWith('-01')) return false;
  const monthsIn = (Number(day.slice(5, 7)) - fiscalYearStartMonth + 12) % 12;
  if (period === 'month') return true;
  if (period === 'quarter') return monthsIn % 3 === 0;
  return monthsIn === 0;
}

/**
 * The `asOf` to ask a budget status with so that it counts the last day with data. The API
 * measures the period holding `asOf` with data before `asOf` (exclusive), so:
 * 1. the day after the last day, while that day is still in the same period;
 * 2. otherwise (the last day closes the period) the last day itself, which keeps the period
 *    right; the page then shows its own actual for the period (see periodActual) and the
 *    period as complete.
 */
export function budgetStatusAsOf(lastDay: string, period: BudgetPeriod, fiscalYearStartMonth: number) {
  const next = addDays(lastDay, 1);
  return startsPeriod(next, period, fiscalYearStartMonth)
    ? { asOf: lastDay, periodComplete: true }
    : { asOf: next, periodComplete: false };
}

/** Exact sum of a daily series over [from, to). */
export function sumDays(days: { day: string; cost: string }[], from: string, to: string): string {
  let total = new Decimal(0);
  for (const { day, cost } of days) if (day >= from && day < to) total = total.plus(cost);
  return total.toFixed();
}
