import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { writeFixture } from '../allocation/cli-fixture.js';
import { ECB_STYLE_RATES, writeEuroBill } from '../allocation/euro-bill-fixture.js';
import { parseCsv } from '../support/csv-text.js';
import { readPdfText } from '../support/pdf-text.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { startApi } from './api-harness.js';

const QUERY = 'team=payments&period=2026-01&model=full&currency=EUR';

describe('statements in a reporting currency and as PDF over HTTP', async () => {
  let csv = '';
  const api = await startApi({}, {}, async (db) => {
    const dir = makeTempDir();
    const paths = writeFixture(dir);
    const rates = join(dir, 'ecb.csv');
    writeFileSync(rates, ECB_STYLE_RATES);
    const cli = async (...args: string[]) => {
      const result = await runCli(['--db', db, ...args]);
      assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
      return result.stdout;
    };
    await cli('ingest', paths.billing);
    await cli('ingest', writeEuroBill(dir, paths.billing));
    await cli('catalog', 'apply', paths.catalog);
    await cli('rules', 'apply', paths.rules);
    await cli('drivers', 'load', paths.drivers);
    await cli('allocate', '--period', '2026-01');
    await cli('rates', 'load', rates);
    csv = await cli(
      ...['statement', '--team', 'payments', '--period', '2026-01', '--model', 'full'],
      ...['--currency', 'EUR', '--format', 'csv'],
    );
  });

  it('answers the statement in EUR, each billing currency converted, and the same figures as a PDF', async () => {
    const json = await api.json(`/api/v1/statements?${QUERY}`, { role: 'viewer' });
    assert.equal(json.status, 200, JSON.stringify(json.body));
    assert.equal(json.body.conversion.currency, 'EUR');
    assert.deepEqual(
      json.body.currencies.map((c: { currency: string }) => c.currency),
      ['EUR'],
    );
    const response = await api.request(`/api/v1/statements/pdf?${QUERY}`, { role: 'viewer' });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'application/pdf');
    assert.equal(response.headers.get('x-tollgate-rule-set-version'), '1');
    assert.match(response.headers.get('content-disposition')!, /statement-payments-2026-01\.pdf/);
    const runs = readPdfText(Buffer.from(await response.arrayBuffer()));
    const [header, ...lines] = parseCsv(csv).filter((row) => row.length > 1);
    const col = (name: string) => header!.indexOf(name);
    const expected = lines.flatMap((line) =>
      [line[col('billed_cost')]!, line[col('effective_cost')]!]
        .filter((cell) => cell !== '')
        .map((cell) => `${cell} ${line[col('currency')]}`),
    );
    assert.ok(expected.length >= 8);
    assert.deepEqual(
      runs.filter((run) => /^-?\d+\.\d+ [A-Z]{3}$/.test(run)),
      expected,
    );
  });

  it('refuses a currency without rates (409 RATE_MISSING) and a code that is not one (400)', async () => {
    for (const path of ['/api/v1/statements', '/api/v1/statements/pdf']) {
      const missing = await api.json(`${path}?team=payments&period=2026-01&currency=GBP`);
      assert.equal(missing.status, 409, JSON.stringify(missing.body));
      assert.equal(missing.body.error.code, 'RATE_MISSING');
      assert.match(missing.body.error.message, /2026-01-\d\d (EUR|USD)->GBP.*Add the rates/);
      // The CLI's hint (tollgate rates add) is the CLI's own: the API's message names no command.
      assert.doesNotMatch(missing.body.error.message, /tollgate|--\w/);
      const unknown = await api.json(`${path}?team=payments&period=2026-01&currency=EURO`);
      assert.equal(unknown.status, 400, JSON.stringify(unknown.body));
      assert.equal(unknown.body.error.code, 'CURRENCY_UNKNOWN');
    }
  });
});
