import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { type IngestOptions, ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { writeCsv } from '../support/csv-text.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { FOCUS_SAMPLE_PATH, readFocusSample } from '../support/focus-sample.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const sample = readFocusSample();
const dir = makeTempDir();
const db = join(dir, 'values.duckdb');
let files = 0;

/** The first 40 rows of the real sample with some cells changed (rows are 1-based data rows). */
function sampleFile(changes: { row: number; column: string; value: string }[]): string {
  const rows = sample.rows.slice(0, 40).map((cells) => [...cells]);
  for (const { row, column, value } of changes) rows[row - 1]![sample.header.indexOf(column)] = value;
  files += 1;
  return writeFile(`sample-${files}.csv`, writeCsv([sample.header, ...rows]));
}

function writeFile(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

function ingest(paths: string[], options: Partial<IngestOptions> = {}) {
  return withStores(db, (stores) =>
    ingestBillingFiles(stores, paths, {
      labels: { onError: '--on-error' },
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(dir, 'rejected-rows.csv'),
      ...options,
    }),
  );
}

async function expectRejected(path: string, code: string, message: RegExp) {
  const before = await snapshotDatabase(db);
  const said = await expectRefusal(() => ingest([path]), code, 'invalid-input', message);
  assert.deepEqual(await snapshotDatabase(db), before, 'the database is exactly as it was');
  return said;
}

describe('ingest: values beyond what Tollgate keeps, and files that are not UTF-8 CSV', () => {
  before(async () => {
    assert.ok((await ingest([FOCUS_SAMPLE_PATH])).rowsLoaded > 0);
  });

  it('an amount of 22 digits is refused naming file, row, column and the limit (two such rows too)', async () => {
    const path = sampleFile([
      { row: 3, column: 'BilledCost', value: '1234567890123456789012.5' },
      { row: 5, column: 'EffectiveCost', value: '9234567890123456789012' },
    ]);
    const said = await expectRejected(
      path,
      'INGEST_VALUE_OUT_OF_RANGE',
      /row 3, column BilledCost: 1234567890123456789012\.5 is beyond the largest amount a line may carry \(±999,999,999,999,999\.9+\)/,
    );
    assert.ok(said.includes(path), said);
    assert.match(said, /EffectiveCost: 1 row\(s\) value out of range/);
  });

  it('an amount longer than the decimal type is out of range, not "not a number"', async () => {
    const path = sampleFile([{ row: 2, column: 'ListCost', value: `-${'9'.repeat(30)}` }]);
    await expectRejected(path, 'INGEST_VALUE_OUT_OF_RANGE', /row 2, column ListCost/);
  });

  it('the largest amount a line may carry loads exactly', async () => {
    const path = sampleFile([{ row: 1, column: 'BilledCost', value: '999999999999999.9999999999999999' }]);
    const result = await ingest([path]);
    assert.equal(result.rowsRejected, 0);
  });

  it('more than 16 decimals: kept to 16, and the load says how many values were rounded', async () => {
    const path = sampleFile([
      { row: 1, column: 'BilledCost', value: '0.12345678901234567891' },
      { row: 2, column: 'BilledCost', value: '1.10000000000000000001' },
    ]);
    const result = await ingest([path]);
    assert.equal(result.warnings['decimals_rounded:BilledCost'], 2);
  });

  it('a charge dated 1800 in a 2024 billing period loads with a warning that counts it', async () => {
    const path = sampleFile([
      { row: 4, column: 'ChargePeriodStart', value: '1800-01-01T00:00:00Z' },
      { row: 4, column: 'ChargePeriodEnd', value: '1800-01-02T00:00:00Z' },
    ]);
    const result = await ingest([path]);
    assert.equal(result.warnings['charge_far_from_billing_period:ChargePeriodStart'], 1);
    const plain = await ingest([sampleFile([])]);
    assert.equal(plain.warnings['charge_far_from_billing_period:ChargePeriodStart'], undefined);
  });

  it('a UTF-16 file, with and without a byte-order mark, is told to be saved as UTF-8', async () => {
    const text = writeCsv([sample.header, ...sample.rows.slice(0, 5)]);
    const withMark = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    await expectRejected(
      writeFile('utf16.csv', withMark),
      'INGEST_BAD_ENCODING',
      /UTF-16 \(little-endian\).*as UTF-8/,
    );
    const bigEndian = Buffer.from(text, 'utf16le').swap16();
    await expectRejected(writeFile('utf16be.csv', bigEndian), 'INGEST_BAD_ENCODING', /UTF-16 \(big-endian\)/);
  });

  it('random bytes, and a gzip file named .csv, are binary data, not CSV', async () => {
    const random = Buffer.from(Array.from({ length: 5000 }, (_, index) => (index * 7919 + 13) % 256));
    await expectRejected(
      writeFile('random.csv', random),
      'INGEST_NOT_TEXT',
      /binary data.*\.csv\.gz.*\.parquet/,
    );
    const zipped = gzipSync(writeCsv([sample.header, ...sample.rows.slice(0, 5)]));
    await expectRejected(writeFile('zipped.csv', zipped), 'INGEST_NOT_TEXT', /name it \.csv\.gz/);
  });

  it('a header in lower case names the first column and the spelling FOCUS uses', async () => {
    const rows = [sample.header.map((name) => name.toLowerCase()), ...sample.rows.slice(0, 5)];
    await expectRejected(
      writeFile('lower.csv', writeCsv(rows)),
      'INGEST_HEADER_CASE',
      /"availabilityzone" for AvailabilityZone.*PascalCase/,
    );
  });

  it('a one-column file says so instead of listing the formats it is not', async () => {
    await expectRejected(
      writeFile('one-column.csv', 'BilledCost\n1.5\n2.5\n'),
      'INGEST_ONE_COLUMN',
      /one column \("BilledCost"\).*comma-separated/,
    );
  });

  it('a UTF-8 file with a byte-order mark still loads', async () => {
    const text = `\uFEFF${writeCsv([sample.header, ...sample.rows.slice(40, 50)])}`;
    const result = await ingest([writeFile('bom.csv', text)]);
    assert.equal(result.rowsLoaded, 10);
  });
});
