import { Decimal } from './money-text.js';

/**
 * Every percentage in the dashboard is written one way: one decimal, no space before the sign,
 * "+" in front of a rise when `signed` (a change or a variance). The value is exact text or a
 * number already in percent (12.5 means 12.5%); null (nothing to compare with) shows as "–".
 */
export function formatPercent(
  value: string | number | null | undefined,
  options: { signed?: boolean } = {},
): string {
  if (value === null || value === undefined || value === '' || value === 'n/a') return '–';
  const decimal = new Decimal(value).toDecimalPlaces(1, Decimal.ROUND_HALF_UP);
  const shown = decimal.isZero() ? decimal.abs() : decimal;
  const sign = options.signed && shown.gt(0) ? '+' : '';
  return `${sign}${shown.toFixed(1)}%`;
}

/** A rate (0.125) as a percentage, written like every other: "12.5%". */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? '–' : formatPercent(new Decimal(rate).times(100).toFixed());
}
