import { Decimal } from '../../core/money.js';

/**
 * Decimals to show amounts with in a human table: 2, or up to 6 when a non-zero amount would
 * otherwise read as 0.00 (real bills have many sub-cent lines). JSON and CSV stay exact.
 */
export function displayScale(amounts: string[]): number {
  const hidden = amounts.some((amount) => {
    const value = new Decimal(amount).abs();
    return !value.isZero() && value.lessThan('0.005');
  });
  return hidden ? 6 : 2;
}

/** An amount rounded for reading: thousands separated, fixed decimals. */
export function formatAmount(amount: string, scale = 2): string {
  const fixed = new Decimal(amount).toFixed(scale);
  const [whole, fraction] = fixed.split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}
