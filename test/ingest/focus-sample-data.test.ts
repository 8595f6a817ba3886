import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { listSources } from '../../src/app/costs/manage-sources.js';
import type { CostMetric } from '../../src/core/costs/cost-query.js';
import { normaliseDecimal, parseCsv, sumDecimals } from '../support/csv-text.js';
import { columnValues, FOCUS_SAMPLE_PATH, readFocusSample } from '../support/focus-sample.js';
import { ingestFiles, readCosts } from '../support/in-process-costs.js';
import { runCli, SHARED_DATA } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const sample = readFocusSample();

async function costsJson(db: string, ...args: string[]) {
  const result = await runCli(['--db', db, 'costs', ...args, '--format', 'json']);
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

describe('the FinOps Foundation FOCUS 1.0 sample', () => {
  const dir = makeTempDir();
  const db = join(dir, 'sample.duckdb');

  it('loads all 1,000 rows with totals equal to the source columns, exactly', async () => {
    const summary = await ingestFiles(db, [FOCUS_SAMPLE_PATH]);
    assert.equal(summary.rowsLoaded, 1000);
    assert.equal(summary.rowsRejected, 0);
    assert.deepEqual(summary.units[0]?.focusVersions, ['1.0']);
    assert.deepEqual(summary.billingPeriods, ['2024-09', '2024-10']);
    assert.equal(summary.totals.length, 1);
    const usd = summary.totals[0]!;
    assert.equal(usd.currency, 'USD');
    assert.equal(normaliseDecimal(usd.billedCost), sumDecimals(columnValues(sample, 'BilledCost')));
    assert.equal(normaliseDecimal(usd.billedCost), '20.52022672899');
    assert.equal(normaliseDecimal(usd.effectiveCost), sumDecimals(columnValues(sample, 'EffectiveCost')));
  });

  it('counts the quirks of the real file as warnings and normalises enum case', async () => {
    const [load] = await withStores(db, (stores) => listSources(stores, false));
    assert.equal(load?.warnings['normalised_case:ChargeFrequency'], 7);
    assert.equal(load?.warnings['null_in_non_nullable:ContractedCost'], 7);
    const byFrequency = await readCosts(db, { by: 'charge-category,provider', metric: 'billed' });
    assert.ok(byFrequency.rows.every((row: { currency: string }) => row.currency === 'USD'));
  });

  it('answers costs by provider equal to independent per-provider sums, for every metric', async () => {
    const provider = sample.header.indexOf('ProviderName');
    for (const [metric, column] of [
      ['billed', 'BilledCost'],
      ['effective', 'EffectiveCost'],
      ['list', 'ListCost'],
      ['contracted', 'ContractedCost'],
    ]) {
      const answer = await readCosts<{ provider: string }>(db, {
        by: 'provider',
        metric: metric as CostMetric,
      });
      assert.equal(answer.metric, metric);
      const index = sample.header.indexOf(column!);
      const expected = new Map<string, string>();
      for (const name of new Set(sample.rows.map((row) => row[provider]!))) {
        expected.set(
          name,
          sumDecimals(sample.rows.filter((row) => row[provider] === name).map((row) => row[index]!)),
        );
      }
      assert.equal(answer.rows.length, expected.size);
      for (const row of answer.rows)
        assert.equal(normaliseDecimal(row.cost), expected.get(row.provider), `${metric} ${row.provider}`);
    }
  });

  it('groups by a tag and filters on a missing tag', async () => {
    const tags = sample.header.indexOf('Tags');
    const billed = sample.header.indexOf('BilledCost');
    const untagged = sample.rows.filter((row) => row[tags] === 'NULL' || !JSON.parse(row[tags]!).environment);
    const answer = await readCosts(db, { metric: 'billed', filters: ['tag:environment='] });
    assert.equal(normaliseDecimal(answer.rows[0]!.cost), sumDecimals(untagged.map((row) => row[billed]!)));
    const byEnv = await readCosts<{ 'tag:environment': string | null }>(db, {
      by: 'tag:environment',
      metric: 'billed',
    });
    const total = sumDecimals(byEnv.rows.map((row: { cost: string }) => row.cost));
    assert.equal(total, sumDecimals(columnValues(sample, 'BilledCost')));
    assert.ok(byEnv.rows.some((row: Record<string, string | null>) => row['tag:environment'] === null));
  });

  it('loading the same file again changes nothing (CLI)', async () => {
    const again = await runCli(['--db', db, 'ingest', FOCUS_SAMPLE_PATH]);
    assert.equal(again.code, 0);
    assert.match(again.stdout, /already loaded as load #1; nothing changed/);
    const answer = await costsJson(db, '--metric', 'billed');
    assert.equal(normaliseDecimal(answer.rows[0].cost), '20.52022672899');
  });
});

describe('other encodings of the same export', () => {
  const dir = makeTempDir();

  it('loads a gzip copy and a Parquet copy with the same totals', async () => {
    const gz = join(dir, 'focus_sample.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(FOCUS_SAMPLE_PATH)));
    const parquet = join(dir, 'focus_sample.parquet');
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    await connection.run(
      `COPY (SELECT * FROM read_csv('${FOCUS_SAMPLE_PATH}', all_varchar = true, nullstr = ['NULL', ''])) TO '${parquet}' (FORMAT parquet)`,
    );
    connection.closeSync();
    instance.closeSync();
    const expected = sumDecimals(columnValues(sample, 'BilledCost'));
    for (const file of [gz, parquet]) {
      const summary = await ingestFiles(join(dir, `${file.endsWith('gz') ? 'gz' : 'pq'}.duckdb`), [file]);
      assert.equal(summary.rowsLoaded, 1000, file);
      assert.equal(normaliseDecimal(summary.totals[0]!.billedCost), expected, file);
    }
  });

  it('loads a folder of several files as one load, and a dry run writes nothing', async () => {
    const folder = join(dir, 'export-2024-09');
    const { header, rows } = sample;
    const { mkdirSync } = await import('node:fs');
    mkdirSync(folder);
    const { writeCsv } = await import('../support/csv-text.js');
    writeFileSync(join(folder, 'part-1.csv'), writeCsv([header, ...rows.slice(0, 400)]));
    writeFileSync(join(folder, 'part-2.csv'), writeCsv([header, ...rows.slice(400)]));
    writeFileSync(join(folder, 'manifest.json'), '{}');
    const db = join(dir, 'folder.duckdb');
    const dry = await ingestFiles(db, [folder], { dryRun: true });
    assert.equal(dry.dryRun, true);
    assert.equal(dry.rowsLoaded, 1000);
    const empty = await readCosts(db);
    assert.deepEqual(empty.rows, []);
    const summary = await ingestFiles(db, [folder]);
    assert.equal(summary.files, 2);
    assert.equal(summary.units.length, 1);
    assert.equal(normaliseDecimal(summary.totals[0]!.billedCost), '20.52022672899');
  });
});

describe('the FOCUS specification examples', () => {
  it('loads the SaaS spend agreement examples, US-style dates included', async () => {
    const dir = makeTempDir();
    const file = join(
      SHARED_DATA,
      'focus',
      'FOCUS_Spec-v1.2-examples',
      'saas_examples',
      'spend_agreements',
      'saas_spend_agreements_b2.csv',
    );
    copyFileSync(file, join(dir, 'b2.csv'));
    const summary = await ingestFiles(join(dir, 'spec.duckdb'), [join(dir, 'b2.csv')]);
    const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
    assert.equal(summary.rowsLoaded, rows.length);
    assert.equal(
      normaliseDecimal(summary.totals[0]!.billedCost),
      sumDecimals(rows.map((row) => row[header!.indexOf('BilledCost')]!)),
    );
    assert.ok((summary.warnings['non_iso_date:ChargePeriodStart'] ?? 0) > 0);
    const byMonth = await readCosts<{ month: string }>(join(dir, 'spec.duckdb'), {
      by: 'month',
      metric: 'billed',
    });
    assert.ok(
      byMonth.rows.every((row: { month: string }) => row.month >= '2025-01' && row.month <= '2026-12'),
    );
  });
});
