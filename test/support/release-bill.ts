import { writeFileSync } from 'node:fs';
import { writeCsv } from './csv-text.js';
import { readFocusSample } from './focus-sample.js';

export interface Line {
  day: string;
  cost: string;
  currency?: string;
  tags: Record<string, string>;
}

/** March 2026: payments in production 100 EUR a day, in staging 20, an untagged-env line, and a USD line. */
export const LINES: Line[] = [
  ...['03', '04', '05', '10'].map((d) => ({
    day: `2026-03-${d}`,
    cost: '100',
    tags: { team: 'team-pay', env: 'production' },
  })),
  // The second default tag key: `environment`.
  ...['03', '04', '05'].map((d) => ({
    day: `2026-03-${d}`,
    cost: '20',
    tags: { team: 'team-pay', environment: 'staging' },
  })),
  { day: '2026-03-04', cost: '7', tags: { team: 'team-pay' } },
  { day: '2026-03-04', cost: '50', currency: 'USD', tags: { team: 'team-pay', env: 'production' } },
];

/** Writes LINES as a FOCUS bill (a real AWS sample row as the template). */
export function writeReleaseBill(path: string, lines: readonly Line[] = LINES) {
  const sample = readFocusSample();
  const col = (name: string) => sample.header.indexOf(name);
  const template = sample.rows.find(
    (row) => row[col('ProviderName')] === 'AWS' && row[col('ChargeCategory')] === 'Usage',
  )!;
  const rows = lines.map((line, index) => {
    const row = [...template];
    row[col('BillingPeriodStart')] = '2026-03-01 00:00:00';
    row[col('BillingPeriodEnd')] = '2026-04-01 00:00:00';
    row[col('ChargePeriodStart')] = `${line.day} 00:00:00`;
    row[col('ChargePeriodEnd')] = `${line.day} 23:00:00`;
    row[col('ResourceId')] = `r-${index}`;
    row[col('BillingAccountId')] = line.currency === 'USD' ? 'acc-usd' : 'acc-eur';
    for (const name of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'])
      row[col(name)] = line.cost;
    row[col('BillingCurrency')] = line.currency ?? 'EUR';
    row[col('Tags')] = JSON.stringify(line.tags);
    return row;
  });
  writeFileSync(path, writeCsv([sample.header, ...rows]));
}
