import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { withStores } from '../support/with-stores.js';

export interface FixtureLine {
  day: string;
  cost: string;
  service?: string;
  team?: string;
  region?: string;
  resource?: string;
  currency?: string;
  frequency?: 'Usage-Based' | 'Recurring' | 'One-Time';
}

const sample = readFocusSample();
const col = (name: string) => {
  const index = sample.header.indexOf(name);
  if (index < 0) throw new Error(`no column ${name}`);
  return index;
};
const template = sample.rows.find((row) => row[col('ProviderName')] === 'AWS')!;

function nextMonth(day: string): string {
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, '0')}-01`;
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Real FOCUS rows (the sample's first AWS row as a template) with the given days, costs and tags. */
export function writeFocusFixture(path: string, lines: FixtureLine[]): void {
  const rows = lines.map((line, index) => {
    const row = [...template];
    const set = (name: string, value: string) => {
      row[col(name)] = value;
    };
    for (const metric of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'])
      set(metric, line.cost);
    set('ChargePeriodStart', `${line.day} 00:00:00`);
    set('ChargePeriodEnd', `${nextDay(line.day)} 00:00:00`);
    set('BillingPeriodStart', `${line.day.slice(0, 8)}01 00:00:00`);
    set('BillingPeriodEnd', `${nextMonth(line.day)} 00:00:00`);
    set('ServiceName', line.service ?? 'Amazon Elastic Compute Cloud');
    set('RegionId', line.region ?? 'us-east-1');
    set('ResourceId', line.resource ?? `i-${String(index % 3).padStart(4, '0')}`);
    set('BillingCurrency', line.currency ?? 'USD');
    set('ChargeFrequency', line.frequency ?? 'Usage-Based');
    set('ChargeCategory', line.frequency === 'One-Time' ? 'Purchase' : 'Usage');
    set('Tags', JSON.stringify({ team: line.team ?? 'payments' }));
    return row;
  });
  writeFileSync(path, writeCsv([sample.header, ...rows]));
}

/** Days [from, from + count) as YYYY-MM-DD. */
export function daysFrom(from: string, count: number): string[] {
  const days: string[] = [];
  let day = from;
  for (let i = 0; i < count; i++) {
    days.push(day);
    day = nextDay(day);
  }
  return days;
}

/** A weekly cost shape: weekdays `level`, weekends 60% of it, with a small deterministic wobble. */
export function weeklyCost(day: string, level: number): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  const wobble = 1 + 0.02 * Math.sin(Date.parse(day) / 86_400_000);
  const value = level * (weekday === 0 || weekday === 6 ? 0.6 : 1) * wobble;
  return value.toFixed(4);
}

/** Writes the fixture and loads it in-process, as `tollgate ingest` does. */
export async function ingestFixture(
  db: string,
  dir: string,
  name: string,
  lines: FixtureLine[],
): Promise<void> {
  const path = join(dir, name);
  writeFocusFixture(path, lines);
  const summary = await withStores(db, (stores) =>
    ingestBillingFiles(stores, [path], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, `${name}.rejected.csv`),
    }),
  );
  if (summary.rowsRejected !== 0) throw new Error(`ingest of ${name} rejected ${summary.rowsRejected} rows`);
}
