import { Decimal } from '../money.js';

/**
 * Figures inside an alert's title, written as the dashboard writes them (the title is shown
 * there as is, and in chat and mail): amounts with thousands separators and two decimals,
 * percentages with one decimal. The exact figures stay in the alert's details.
 */
export function formatAlertAmount(value: string | number | Decimal): string {
  const rounded = new Decimal(value).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(
    rounded as Intl.StringNumericLiteral,
  );
}

export function formatAlertPercent(value: string | number | Decimal): string {
  return `${new Decimal(value).toDecimalPlaces(1, Decimal.ROUND_HALF_UP).toFixed(1)}%`;
}
