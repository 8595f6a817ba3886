import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { guardCsvTextSql } from '../../src/adapters/sql/export/guard-csv-text-sql.js';
import { formatCsvCell } from '../../src/core/csv/write-csv.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const CELLS = [
  '=1+2',
  '+cmd',
  '-x',
  '@SUM(A1)',
  '\tTab',
  '\rCR',
  'plain',
  '',
  "'quoted",
  'a=b',
  '-12.50',
  '{"a":1}',
  '9 to 5',
  ' =lead',
  'é=',
  '\u00a0-x',
];

describe("the SQL formula guard of COPY'd CSV", () => {
  it('neutralises exactly the text cells formatCsvCell neutralises', () =>
    withStores(join(makeTempDir(), 'guard.duckdb'), async (stores) => {
      for (const cell of CELLS) {
        const [row] = await stores.fileEngine.all<{ guarded: string }>(
          `SELECT ${guardCsvTextSql('CAST($cell AS VARCHAR)')} AS guarded`,
          { cell },
        );
        // formatCsvCell also quotes (RFC 4180); COPY does that part, so compare unquoted text.
        const expected = formatCsvCell(cell, 'text');
        const unquoted = expected.startsWith('"') ? expected.slice(1, -1).replaceAll('""', '"') : expected;
        assert.equal(row!.guarded, unquoted, JSON.stringify(cell));
      }
    }));
});
