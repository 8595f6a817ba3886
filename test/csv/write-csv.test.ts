import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { formatCsvCell, writeCsv } from '../../src/core/csv/write-csv.js';

describe('the one CSV writer', () => {
  test('cells a spreadsheet would run as a formula are neutralised, as OWASP recommends', () => {
    const hostile = [
      '=HYPERLINK("http://x","y")',
      '@SUM(1+1)*cmd',
      "-1+cmd|' /C calc'!A0",
      '+1',
      '\tcmd',
      '\rcmd',
    ];
    for (const value of hostile) assert.ok(formatCsvCell(value).replace(/^"/, '').startsWith("'"), value);
    assert.equal(formatCsvCell('=1+1'), "'=1+1");
  });

  test('negative numbers in a number column stay numbers; in a text column they are guarded', () => {
    assert.equal(formatCsvCell('-12.50', 'number'), '-12.50');
    assert.equal(formatCsvCell('-1+cmd', 'number'), "'-1+cmd");
    assert.equal(formatCsvCell('-12.50', 'text'), "'-12.50");
    assert.equal(formatCsvCell(null, 'number'), '');
  });

  test('RFC 4180: commas, quotes and line breaks are quoted, quotes doubled, CRLF line ends', () => {
    const csv = writeCsv(
      [
        { label: 'name', value: (row: { name: string; cost: string }) => row.name },
        { label: 'cost', kind: 'number', value: (row) => row.cost },
      ],
      [{ name: 'a, "b"\nc', cost: '-3.10' }],
    );
    assert.equal(csv, 'name,cost\r\n"a, ""b""\nc",-3.10\r\n');
  });

  test('any text reads back as itself once the guard quote is taken off', () => {
    fc.assert(
      fc.property(fc.string(), (value) => {
        const cell = formatCsvCell(value);
        const unquoted = cell.startsWith('"') ? cell.slice(1, -1).replaceAll('""', '"') : cell;
        const unguarded = /^[=+\-@\t\r]/.test(value) ? unquoted.slice(1) : unquoted;
        assert.equal(unguarded, value);
        assert.ok(!/^[=+\-@\t\r]/.test(unquoted));
      }),
    );
  });
});
