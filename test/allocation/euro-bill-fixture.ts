import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from '../../src/core/money.js';
import { parseCsv, writeCsv } from '../support/csv-text.js';

/** As the ECB publishes (1 EUR = X USD), one rate for each of the fixture's charge days. */
export const ECB_STYLE_RATES = `date,from,to,rate\n${Array.from(
  { length: 10 },
  (_, index) => `2026-01-${10 + index},EUR,USD,${(1.08 + index / 1000).toFixed(4)}`,
).join('\n')}\n`;

/** The payments team's January lines again, billed in EUR on the same days (another account's bill). */
export function writeEuroBill(dir: string, billing: string): string {
  const [header, ...rows] = parseCsv(readFileSync(billing, 'utf8'));
  const col = (name: string) => header!.indexOf(name);
  const euro = rows
    .filter(
      (row) =>
        row[col('BillingPeriodStart')]!.startsWith('2026-01') && row[col('Tags')]!.includes('payments'),
    )
    .map((row) => {
      const copy = [...row];
      copy[col('BillingCurrency')] = 'EUR';
      copy[col('ResourceId')] = `${row[col('ResourceId')]}-eu`;
      copy[col('BilledCost')] = new Decimal(row[col('BilledCost')]!).plus('0.3333').toFixed();
      copy[col('EffectiveCost')] = new Decimal(row[col('EffectiveCost')]!).plus('0.3333').toFixed();
      return copy;
    });
  if (euro.length < 3) throw new Error('the fixture changed: fewer than 3 payments lines in 2026-01');
  const path = join(dir, 'billing-eur.csv');
  writeFileSync(path, writeCsv([header!, ...euro]));
  return path;
}
