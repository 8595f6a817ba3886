import { addDays, dayOfMonth, daysInMonth } from './day-dates.js';

/**
 * Recurring charges (FOCUS ChargeFrequency 'Recurring': monthly fees, support plans, reserved
 * capacity fees) land on fixed days of the month. Forecast them by calendar, not by a smoothing
 * model, so a first-of-month fee stays on the first instead of being smeared across the month.
 *
 * 1. For each future day, find the same day of the month in the latest observed month (a day
 *    past that month's end maps to its last day, so fees on the 31st land on the 30th, and a
 *    month's last day collects the later days of a longer month).
 * 2. Repeat that day's recurring cost; a day with no recurring history forecasts zero.
 * One-time charges (purchases, refunds) are not repeated: nothing says they will happen again.
 */
export function forecastRecurringCharges(
  firstDay: string,
  recurring: readonly number[],
  horizon: number,
): number[] {
  const byDay = new Map<string, number>();
  recurring.forEach((value, index) => {
    byDay.set(addDays(firstDay, index), value);
  });
  const lastDay = addDays(firstDay, recurring.length - 1);
  const out: number[] = [];
  for (let step = 1; step <= horizon; step++) {
    const target = addDays(lastDay, step);
    out.push(recurring.length === 0 ? 0 : sameDayInLatestMonth(target, lastDay, byDay));
  }
  return out;
}

function sameDayInLatestMonth(target: string, lastDay: string, byDay: Map<string, number>): number {
  let year = Number(target.slice(0, 4));
  let month = Number(target.slice(5, 7));
  const wanted = dayOfMonth(target);
  const targetIsMonthEnd = wanted === daysInMonth(year, month);
  // Walk back month by month to the newest month whose matching day has been observed.
  for (let back = 0; back < 3; back++) {
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    const length = daysInMonth(year, month);
    // A month's last day also collects the later days of a longer month (fees on the 31st).
    const last = targetIsMonthEnd ? length : Math.min(wanted, length);
    const first = Math.min(wanted, length);
    const prefix = `${year}-${String(month).padStart(2, '0')}-`;
    const firstText = `${prefix}${String(first).padStart(2, '0')}`;
    if (firstText > lastDay || !byDay.has(firstText)) continue;
    let total = 0;
    for (let day = first; day <= last; day++)
      total += byDay.get(`${prefix}${String(day).padStart(2, '0')}`) ?? 0;
    return total;
  }
  return 0;
}
