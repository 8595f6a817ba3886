import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { normaliseDecimal, parseCsv, sumDecimals, writeCsv } from '../support/csv-text.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { readFocusSample } from '../support/focus-sample.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

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
    assert.equal((await ingestFiles(db, [path])).rowsRejected, 0);
  });

  it('never adds across currencies: one row per currency, in the JSON contract shape', async () => {
    const answer = JSON.parse(await costs('--by', 'provider', '--format', 'json'));
    assert.deepEqual(Object.keys(answer), [
      'metric',
      'from',
      'to',
      'rows',
      'remainder',
      'monthsWithoutAllocation',
    ]);
    assert.deepEqual(answer.remainder, []);
    assert.deepEqual(answer.monthsWithoutAllocation, [], 'grouped by a bill column: no month is left out');
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
    const answer = await readCosts<{ day: string }>(db, {
      from,
      to,
      by: 'day',
      filters: ['provider=AWS'],
      metric: 'billed',
    });
    assert.deepEqual(
      answer.rows.map((row) => row.day),
      ['2024-09-10', '2024-09-11'],
    );
    assert.equal(answer.from, from);
    assert.equal(
      sumDecimals(answer.rows.map((row) => row.cost)),
      sumDecimals(inRange.map((row) => row[col('BilledCost')]!)),
    );
    const weeks = await readCosts<{ week: string }>(db, { by: 'week', filters: ['currency=USD'] });
    assert.ok(weeks.rows.length > 0);
    assert.ok(weeks.rows.every((row) => new Date(`${row.week}T00:00:00Z`).getUTCDay() === 1));
    const months = await readCosts<{ month: string }>(db, { by: 'month,currency' });
    assert.deepEqual([...new Set(months.rows.map((row) => row.month))], ['2024-09']);
    const tagged = await readCosts<{ 'tag:environment': string }>(db, {
      filters: ['tag:environment=dev', 'tag:environment=prod'],
      by: 'tag:environment',
    });
    assert.ok(tagged.rows.length > 0);
    assert.ok(tagged.rows.every((row) => ['dev', 'prod'].includes(row['tag:environment'])));
  });

  it('leaves out values with dim!=value: the kept and the left-out sum to the whole, exactly', async () => {
    const all = await readCosts<{ provider: string }>(db, { by: 'currency', metric: 'billed' });
    const aws = await readCosts(db, { by: 'currency', metric: 'billed', filters: ['provider=AWS'] });
    const rest = await readCosts<{ provider: string }>(db, {
      by: 'provider,currency',
      metric: 'billed',
      filters: ['provider!=AWS'],
    });
    assert.ok(rest.rows.length > 0);
    assert.ok(rest.rows.every((row) => row.provider !== 'AWS'));
    const usd = (rows: { currency: string; cost: string }[]) =>
      sumDecimals(rows.filter((row) => row.currency === 'USD').map((row) => row.cost));
    assert.equal(
      normaliseDecimal(usd(all.rows)),
      normaliseDecimal(sumDecimals([usd(aws.rows), usd(rest.rows)])),
    );
    // Two exclusions on one dimension leave out both; an inclusion on it still applies.
    const neither = await readCosts<{ provider: string }>(db, {
      by: 'provider',
      filters: ['provider!=AWS', 'provider!=Microsoft'],
    });
    assert.ok(neither.rows.every((row) => !['AWS', 'Microsoft'].includes(row.provider)));
    const both = await readCosts<{ provider: string }>(db, {
      by: 'provider',
      filters: ['provider=Microsoft', 'currency!=USD'],
    });
    assert.deepEqual(
      both.rows.map((row) => `${row.provider}/${row.currency}`),
      ['Microsoft/EUR'],
    );
  });

  it('--top keeps the largest groups per currency and gives the rest apart as the remainder, exactly', async () => {
    const all = await readCosts<{ service: string }>(db, { by: 'service', metric: 'billed' });
    const top = await readCosts<{ service: string }>(db, { by: 'service', metric: 'billed', top: 3 });
    assert.deepEqual(all.remainder, []);
    let split = 0;
    for (const currency of ['USD', 'EUR']) {
      const full = all.rows.filter((row) => row.currency === currency);
      const kept = top.rows.filter((row) => row.currency === currency);
      const rest = top.remainder.filter((entry) => entry.currency === currency);
      // The ranked rows are real groups only, the largest three; the remainder is not ranked.
      assert.deepEqual(kept, full.slice(0, 3));
      if (full.length <= 3) {
        assert.deepEqual(rest, []);
        continue;
      }
      split += 1;
      assert.equal(rest.length, 1);
      assert.match(rest[0]!.cost, /^-?\d+\.\d{10,}$/);
      assert.equal(normaliseDecimal(rest[0]!.cost), sumDecimals(full.slice(3).map((row) => row.cost)));
      assert.equal(
        sumDecimals([...kept.map((row) => row.cost), rest[0]!.cost]),
        sumDecimals(full.map((row) => row.cost)),
      );
    }
    assert.ok(split > 0, 'the sample has more than three services in a currency');
    const table = await costs('--by', 'service', '--metric', 'billed', '--top', '3');
    assert.match(table, /\(all others\)/);
  });

  it('answers money in one text form whatever relation answers the grouping (rollup or lines)', async () => {
    // service alone is answered by a rollup, service with a tag by the lines; every reader
    // (the demo tour, budgets, releases) gets the same canonical decimal, no column scale's zeros.
    const rows = await withStores(db, async (stores) => [
      ...(await stores.costs.queryCosts({ groupBy: ['service'], metric: 'billed', filters: [] })),
      ...(await stores.costs.queryCosts({
        groupBy: ['service', 'tag:environment'],
        metric: 'billed',
        filters: [],
      })),
    ]);
    assert.ok(rows.length > 2);
    for (const row of rows) {
      assert.match(row.cost, /^-?\d+(\.\d*[1-9])?$/, `${row.cost} is not in canonical form`);
      assert.equal(row.cost, normaliseDecimal(row.cost));
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

  it('refuses bad arguments as usage errors with a message that says what to write', async () => {
    for (const [request, code, pattern] of [
      [{ by: 'colour' }, 'QUERY_BAD_DIMENSION', /Unknown dimension 'colour'/],
      [{ by: 'tag:' }, 'QUERY_BAD_DIMENSION', /needs a key/],
      [{ filters: ['service'] }, 'QUERY_BAD_FILTER', /'service' is not dimension=value/],
      [{ filters: ['!=AWS'] }, 'QUERY_BAD_FILTER', /'!=AWS' is not dimension=value/],
      [{ filters: ['month!=2024-09'] }, 'QUERY_BAD_FILTER', /--from and --to/],
      [{ filters: ['month=2024-09'] }, 'QUERY_BAD_FILTER', /--from and --to/],
      [{ from: '2024-13-01' }, 'QUERY_BAD_DATE', /2024-13-01 is not a date; write YYYY-MM-DD/],
      [{ from: '2024-09-10', to: '2024-09-01' }, 'QUERY_BAD_DATE', /half-open/],
    ] as const) {
      await expectRefusal(() => readCosts(db, request), code, 'usage', pattern);
    }
    // SQL in a filter value is a value like any other: it matches nothing.
    assert.deepEqual((await readCosts(db, { filters: ["service=x' OR 1=1 --"] })).rows, []);
  });

  it('exits 2 with the error line for a bad dimension, metric or --top (CLI)', async () => {
    for (const [args, pattern] of [
      [['--by', 'colour'], /^error \[QUERY_BAD_DIMENSION\]: Unknown dimension 'colour'/],
      [['--metric', 'amortized'], /invalid|Allowed choices/],
      [['--top', '0'], /whole number/],
    ] as const) {
      const result = await runCli(['--db', db, 'costs', ...args, '--format', 'json']);
      assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
      assert.match(result.stderr, pattern);
      assert.equal(result.stdout, '');
    }
  });
});
