import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { normaliseDecimal, parseCsv, sumDecimals, writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const sample = readFocusSample();
const col = (name: string) => sample.header.indexOf(name);
const dir = makeTempDir();
const db = join(dir, 'costs.duckdb');

/** The sample plus a copy of its Microsoft rows billed in EUR on another account: two currencies. */
const eurRows = sample.rows
  .filter((row) => row[col('ProviderName')] === 'Microsoft')
  .map((row) => {
    const copy = [...row];
    copy[col('BillingCurrency')] = 'EUR';
    copy[col('BillingAccountId')] = 'eu-account';
    return copy;
  });

async function costs(...args: string[]) {
  const result = await runCli(['--db', db, 'costs', ...args]);
  assert.equal(result.code, 0, result.stderr);
  return result.stdout;
}

describe('tollgate costs', () => {
  before(async () => {
    const path = join(dir, 'two-currencies.csv');
    writeFileSync(path, writeCsv([sample.header, ...sample.rows, ...eurRows]));
    const result = await runCli(['--db', db, 'ingest', path]);
    assert.equal(result.code, 0, result.stderr);
  });

  it('never adds across currencies: one row per currency, in the JSON contract shape', async () => {
    const answer = JSON.parse(await costs('--by', 'provider', '--format', 'json'));
    assert.deepEqual(Object.keys(answer), ['metric', 'from', 'to', 'rows']);
    assert.equal(answer.metric, 'effective');
    const microsoft = answer.rows.filter((row: { provider: string }) => row.provider === 'Microsoft');
    assert.deepEqual(microsoft.map((row: { currency: string }) => row.currency).sort(), ['EUR', 'USD']);
    for (const row of answer.rows) {
      assert.deepEqual(Object.keys(row), ['provider', 'currency', 'cost']);
      assert.match(row.cost, /^-?\d+\.\d{10,}$/);
    }
    const eur = microsoft.find((row: { currency: string }) => row.currency === 'EUR');
    assert.equal(normaliseDecimal(eur.cost), sumDecimals(eurRows.map((row) => row[col('EffectiveCost')]!)));
  });

  it('filters by date range (half-open), dimension and tag, and groups by day, week and month', async () => {
    const from = '2024-09-10';
    const to = '2024-09-12';
    const inRange = sample.rows.filter((row) => {
      const day = row[col('ChargePeriodStart')]!.slice(0, 10);
      return day >= from && day < to && row[col('ProviderName')] === 'AWS';
    });
    const answer = JSON.parse(
      await costs(
        '--from',
        from,
        '--to',
        to,
        '--by',
        'day',
        '--filter',
        'provider=AWS',
        '--metric',
        'billed',
        '--format',
        'json',
      ),
    );
    assert.deepEqual(
      answer.rows.map((row: { day: string }) => row.day),
      ['2024-09-10', '2024-09-11'],
    );
    assert.equal(answer.from, from);
    assert.equal(
      sumDecimals(answer.rows.map((row: { cost: string }) => row.cost)),
      sumDecimals(inRange.map((row) => row[col('BilledCost')]!)),
    );
    const weeks = JSON.parse(await costs('--by', 'week', '--filter', 'currency=USD', '--format', 'json'));
    assert.ok(
      weeks.rows.every((row: { week: string }) => new Date(`${row.week}T00:00:00Z`).getUTCDay() === 1),
    );
    const months = JSON.parse(await costs('--by', 'month,currency', '--format', 'json'));
    assert.deepEqual([...new Set(months.rows.map((row: { month: string }) => row.month))], ['2024-09']);
    const tagged = JSON.parse(
      await costs(
        '--filter',
        'tag:environment=dev',
        '--filter',
        'tag:environment=prod',
        '--by',
        'tag:environment',
        '--format',
        'json',
      ),
    );
    assert.ok(
      tagged.rows.every((row: Record<string, string>) => ['dev', 'prod'].includes(row['tag:environment']!)),
    );
  });

  it('--top keeps the largest groups per currency and sums the rest into "other", exactly', async () => {
    const all = JSON.parse(await costs('--by', 'service', '--metric', 'billed', '--format', 'json'));
    const top = JSON.parse(
      await costs('--by', 'service', '--metric', 'billed', '--top', '3', '--format', 'json'),
    );
    for (const currency of ['USD', 'EUR']) {
      const full = all.rows.filter((row: { currency: string }) => row.currency === currency);
      const kept = top.rows.filter((row: { currency: string }) => row.currency === currency);
      assert.ok(kept.length <= 4);
      assert.equal(
        sumDecimals(kept.map((row: { cost: string }) => row.cost)),
        sumDecimals(full.map((row: { cost: string }) => row.cost)),
      );
      if (full.length > 3) assert.equal(kept.at(-1).service, 'other');
    }
  });

  it('prints a labelled table and CSV', async () => {
    const table = await costs('--by', 'provider', '--metric', 'billed');
    assert.match(table, /^Metric: billed \(BilledCost, as invoiced\)/);
    assert.match(table, /Total\s+USD/);
    const csv = parseCsv(await costs('--by', 'provider,currency', '--format', 'csv'));
    assert.deepEqual(csv[0], ['provider', 'currency', 'currency', 'cost']);
    assert.ok(csv.length > 3);
  });

  it('refuses bad arguments with exit 2 and a message that says what to write', async () => {
    for (const [args, pattern] of [
      [['--by', 'colour'], /QUERY_BAD_DIMENSION.*Unknown dimension 'colour'/],
      [['--by', 'tag:'], /QUERY_BAD_DIMENSION.*needs a key/],
      [['--filter', 'service'], /QUERY_BAD_FILTER/],
      [['--filter', 'month=2024-09'], /QUERY_BAD_FILTER.*--from and --to/],
      [['--from', '2024-13-01'], /QUERY_BAD_DATE/],
      [['--from', '2024-09-10', '--to', '2024-09-01'], /QUERY_BAD_DATE.*half-open/],
      [['--metric', 'amortized'], /invalid|Allowed choices/],
      [['--top', '0'], /whole number/],
      [['--filter', "service=x' OR 1=1 --"], null],
    ] as const) {
      const result = await runCli(['--db', db, 'costs', ...args, '--format', 'json']);
      if (pattern === null) {
        // SQL in a filter value is a value like any other: it matches nothing.
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(JSON.parse(result.stdout).rows, []);
        continue;
      }
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
    }
  });
});
