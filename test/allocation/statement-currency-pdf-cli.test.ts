import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { Decimal } from '../../src/core/money.js';
import { parseCsv } from '../support/csv-text.js';
import { readPdfText } from '../support/pdf-text.js';
import { makeTempDir } from '../support/temp-dir.js';
import { writeFixture } from './cli-fixture.js';
import { cliSession } from './cli-session.js';
import { ECB_STYLE_RATES, writeEuroBill } from './euro-bill-fixture.js';

const dir = makeTempDir();
const paths = writeFixture(dir);
const { ok, json, refused, write } = cliSession(dir, 'statement-currency.duckdb');

interface Amounts {
  billedCost: string;
  effectiveCost: string;
}
interface StatementJson {
  currencies: { currency: string; totals: { total: Amounts }; recovery: { charged: string } }[];
  conversion: {
    currency: string;
    byCurrency: (Amounts & {
      currency: string;
      convertedBilledCost: string;
      convertedEffectiveCost: string;
    })[];
  } | null;
}

const statement = (...extra: string[]) =>
  json<StatementJson>('statement', '--team', 'payments', '--period', '2026-01', '--model', 'full', ...extra);

describe('statements in one reporting currency, and as PDF (CLI)', () => {
  before(async () => {
    await ok('ingest', paths.billing);
    await ok('ingest', writeEuroBill(dir, paths.billing));
    await ok('catalog', 'apply', paths.catalog);
    await ok('rules', 'apply', paths.rules);
    await ok('drivers', 'load', paths.drivers);
    await ok('allocate', '--period', '2026-01');
  });

  it('refuses a currency with no rates, naming the day, the pair and the command, changing nothing', async () => {
    const stderr = await refused(
      'RATE_MISSING',
      1,
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--currency',
      'EUR',
    );
    assert.match(stderr, /No exchange rate for 2026-01-\d\d USD->EUR/);
    assert.match(stderr, /Add the rates \(USD to EUR from 2026-01-\d\d\) and ask again/);
    // The shared message names no command (it is also the API's); the CLI adds its own after it.
    assert.match(
      stderr,
      /and ask again\. On the command line: tollgate rates add DAY FROM TO RATE, or tollgate rates load FILE/,
    );
    await refused(
      'CURRENCY_UNKNOWN',
      2,
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--currency',
      'EURO',
    );
  });

  it("converts every line at its charge day's rate, USD into EUR by the inverse of the ECB's EUR->USD", async () => {
    // As the ECB publishes: 1 EUR = X USD, one rate per day of the fixture's charge days.
    await ok('rates', 'load', write('ecb.csv', ECB_STYLE_RATES));
    const plain = await statement();
    const inEur = await statement('--currency', 'EUR');
    assert.equal(inEur.currencies.length, 1);
    assert.equal(inEur.currencies[0]!.currency, 'EUR');
    const conversion = inEur.conversion!;
    assert.deepEqual(
      conversion.byCurrency.map((c) => c.currency),
      ['EUR', 'USD'],
    );
    // The per-currency figures are the unconverted statement's, and their converted sums are the total.
    for (const c of conversion.byCurrency) {
      const own = plain.currencies.find((p) => p.currency === c.currency)!;
      assert.ok(new Decimal(c.effectiveCost).equals(own.totals.total.effectiveCost));
    }
    const eur = conversion.byCurrency[0]!;
    assert.ok(new Decimal(eur.convertedEffectiveCost).equals(eur.effectiveCost), 'EUR is kept as it is');
    const total = conversion.byCurrency.reduce(
      (sum, c) => sum.plus(c.convertedEffectiveCost),
      new Decimal(0),
    );
    assert.ok(total.equals(inEur.currencies[0]!.totals.total.effectiveCost));
    assert.ok(total.equals(inEur.currencies[0]!.recovery.charged));
    // USD at about 1/1.08: the converted USD lies between the bounds of the rates used.
    const usd = conversion.byCurrency[1]!;
    assert.ok(new Decimal(usd.convertedEffectiveCost).lt(new Decimal(usd.effectiveCost).dividedBy('1.08')));
    assert.ok(new Decimal(usd.convertedEffectiveCost).gt(new Decimal(usd.effectiveCost).dividedBy('1.09')));
    // The stored direction: EUR into USD multiplies by the same rates.
    const inUsd = await statement('--currency', 'USD');
    assert.deepEqual(
      inUsd.conversion!.byCurrency.map((c) => c.currency),
      ['EUR', 'USD'],
    );
    assert.ok(new Decimal(inUsd.conversion!.byCurrency[0]!.convertedEffectiveCost).gt(eur.effectiveCost));
  });

  it("writes a PDF whose figures are the CSV's, with currency, period and rule set version", async () => {
    for (const extra of [[], ['--currency', 'EUR']]) {
      const csv = parseCsv(
        await ok(
          'statement',
          '--team',
          'payments',
          '--period',
          '2026-01',
          '--model',
          'full',
          '--format',
          'csv',
          ...extra,
        ),
      );
      const [header, ...lines] = csv.filter((row) => row.length > 1);
      const col = (name: string) => header!.indexOf(name);
      const expected = lines.flatMap((line) =>
        [line[col('billed_cost')]!, line[col('effective_cost')]!]
          .filter((cell) => cell !== '')
          .map((cell) => `${cell} ${line[col('currency')]}`),
      );
      const file = join(dir, `payments-${extra.length}.pdf`);
      await ok(
        'statement',
        '--team',
        'payments',
        '--period',
        '2026-01',
        '--model',
        'full',
        '--format',
        'pdf',
        '--out',
        file,
        ...extra,
      );
      const pdf = readFileSync(file);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
      const runs = readPdfText(pdf);
      const figures = runs.filter((run) => /^-?\d+\.\d+ [A-Z]{3}$/.test(run));
      assert.deepEqual(figures, expected);
      assert.ok(expected.length >= 8);
      const text = runs.join('\n');
      assert.match(text, /Payments \(payments\) - 2026-01/);
      assert.match(text, /Rule set v1, catalogue v1, allocation run \d+/);
      const sections = lines.map((line) => line[col('section')]);
      assert.deepEqual(
        runs.filter((run) => sections.includes(run)),
        sections,
        'every CSV line is a PDF row, in order',
      );
      if (extra.length > 0) assert.match(text, /Amounts in EUR:/);
    }
    await refused(
      'STATEMENT_BAD_FORMAT',
      2,
      'statement',
      '--team',
      'payments',
      '--period',
      '2026-01',
      '--format',
      'docx',
    );
  });
});
