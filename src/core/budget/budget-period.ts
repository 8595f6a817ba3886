import { addDays, daysBetween } from '../forecast/day-dates.js';
import type { PeriodKind } from './budget-model.js';

export interface BudgetPeriod {
  /** First day, inclusive (YYYY-MM-DD). */
  start: string;
  /** Day after the last, exclusive. */
  end: string;
  days: number;
  label: string;
}

function monthStart(year: number, month: number): string {
  const y = year + Math.floor((month - 1) / 12);
  const m = ((((month - 1) % 12) + 12) % 12) + 1;
  return `${y}-${String(m).padStart(2, '0')}-01`;
}

/**
 * The budget period holding `day`. Quarters and fiscal years start at the fiscal year's first
 * month (a fiscal year starting in April has quarters Apr-Jun, Jul-Sep, ...); a fiscal year is
 * named after the calendar year it ends in (FY2027 runs April 2026 to March 2027), as most
 * finance teams do.
 */
export function periodContaining(day: string, kind: PeriodKind, fiscalYearStartMonth = 1): BudgetPeriod {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  let startYear = year;
  let startMonth = month;
  let months = 1;
  if (kind !== 'month') {
    months = kind === 'quarter' ? 3 : 12;
    const sinceFiscalStart = (((month - fiscalYearStartMonth) % 12) + 12) % 12;
    const offset = sinceFiscalStart - (sinceFiscalStart % months);
    startMonth = month - sinceFiscalStart + offset;
  }
  const start = monthStart(startYear, startMonth);
  startYear = Number(start.slice(0, 4));
  startMonth = Number(start.slice(5, 7));
  const end = monthStart(startYear, startMonth + months);
  const fiscalStart = monthStart(
    startYear,
    startMonth - ((((startMonth - fiscalYearStartMonth) % 12) + 12) % 12),
  );
  const fiscalEndYear = Number(
    addDays(monthStart(Number(fiscalStart.slice(0, 4)), Number(fiscalStart.slice(5, 7)) + 12), -1).slice(
      0,
      4,
    ),
  );
  let label = start.slice(0, 7);
  if (kind === 'quarter') {
    const quarter = Math.floor(daysBetweenMonths(fiscalStart, start) / 3) + 1;
    label = fiscalYearStartMonth === 1 ? `${startYear}-Q${quarter}` : `FY${fiscalEndYear}-Q${quarter}`;
  } else if (kind === 'fiscal-year')
    label = fiscalYearStartMonth === 1 ? `${startYear}` : `FY${fiscalEndYear}`;
  return { start, end, days: daysBetween(start, end), label };
}

function daysBetweenMonths(from: string, to: string): number {
  return (
    (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 +
    Number(to.slice(5, 7)) -
    Number(from.slice(5, 7))
  );
}
