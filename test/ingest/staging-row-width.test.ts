// The staging table stays narrow whatever the number of row checks (their flags are packed in
// words of bits, their bad values kept only on rejected rows), and every check still counts its
// rows and quotes its value, in the first word of flags and past it.
import assert from 'node:assert/strict';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { ALL_FOCUS_COLUMN_NAMES } from '../../src/core/focus/focus-schema.js';
import { writeDemoCsvFile } from '../../src/demo/write-demo-exports.js';
import { stageBillingFile } from '../../src/ingest/focus/stage-billing-file.js';
import { validateStagedFile } from '../../src/ingest/focus/validate-staged-file.js';
import { parseCsv, writeCsv } from '../support/csv-text.js';
import { makeTempDir } from '../support/temp-dir.js';

test('a staged file has one column per FOCUS column plus a few, and each check is counted and quoted', async () => {
  const dir = makeTempDir();
  const generated = join(dir, 'demo.csv');
  await writeDemoCsvFile({ seed: 3, rows: 2_000, path: generated });
  const [header, ...rows] = parseCsv(readFileSync(generated, 'utf8'));
  const kept = rows.slice(0, 20);
  // Data row 5 carries tags that are not a JSON object; data row 7 a billed cost that is no number.
  kept[4]![header!.indexOf('Tags')] = 'not json';
  kept[6]![header!.indexOf('BilledCost')] = 'twelve';
  const path = join(dir, 'broken.csv');
  writeFileSync(path, writeCsv([header!, ...kept]));

  const db = await DuckDbDatabase.open({ path: ':memory:', memoryLimit: '256MB', threads: 2 });
  try {
    const staged = await stageBillingFile(
      db,
      { path, format: 'csv', bytes: statSync(path).size },
      'stage',
      false,
    );
    assert.ok(
      staged.checks.length > 63,
      `the FOCUS 1.2 checks fill more than one word (${staged.checks.length})`,
    );
    const described = await db.all<{ column_name: string }>('DESCRIBE stage');
    // The FOCUS columns, the extras, one word per 63 checks, the bad values and the rejected mark.
    const allowed = ALL_FOCUS_COLUMN_NAMES.length + 1 + Math.ceil(staged.checks.length / 63) + 2;
    assert.equal(described.length, allowed);

    const validation = await validateStagedFile(db, staged);
    assert.equal(validation.rejectedRows, 2);
    const found = validation.fatal.map((violation) => ({
      column: violation.check.column,
      count: violation.count,
      samples: violation.samples,
    }));
    const tags = validation.fatal.find((violation) => violation.check.column === 'Tags');
    const billed = validation.fatal.find((violation) => violation.check.column === 'BilledCost');
    assert.ok(tags && tags.index >= 63, `the tags check lies past the first word (${tags?.index})`);
    assert.ok(billed && billed.index < 63, `the billed cost check lies in the first word (${billed?.index})`);
    assert.deepEqual(
      found.filter((violation) => violation.column === 'Tags' || violation.column === 'BilledCost'),
      [
        { column: 'BilledCost', count: 1, samples: [{ row: 7, value: 'twelve' }] },
        { column: 'Tags', count: 1, samples: [{ row: 5, value: 'not json' }] },
      ],
    );
    const accepted = await db.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM stage WHERE NOT rejected',
    );
    assert.equal(accepted[0]!.n, '18');
  } finally {
    db.close();
  }
});
