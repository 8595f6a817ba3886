import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { explainCopyFailure } from '../../../src/adapters/postgres/pg-copy-file.js';
import { isTollgateError } from '../../../src/core/errors.js';

/** PostgreSQL errors as node-postgres raises them: an Error with the SQLSTATE in `code`. */
function pgError(code: string, message: string, where?: string): Error {
  return Object.assign(new Error(message), { code, where });
}

describe("a failed COPY says why in the user's terms (the load is rolled back whole either way)", () => {
  test('a full disk (53100) is DB_DISK_FULL: nothing kept, free space and load again', () => {
    const error = explainCopyFailure(
      pgError('53100', 'could not extend file "base/1/2": No space left on device'),
    );
    assert.ok(isTollgateError(error) && error.code === 'DB_DISK_FULL', String(error));
    assert.equal(error.kind, 'unavailable');
    assert.match(error.message, /No space left on device.*nothing of this load was kept.*Free space/s);
  });

  test('a value PostgreSQL refuses (class 22) is INGEST_VALUE_REFUSED and names the staged line', () => {
    const error = explainCopyFailure(
      pgError(
        '22P05',
        'unsupported Unicode escape sequence',
        'JSON data, line 1: ...\nCOPY cost_lines, line 1999, column tags',
      ),
    );
    assert.ok(isTollgateError(error) && error.code === 'INGEST_VALUE_REFUSED', String(error));
    assert.equal(error.kind, 'invalid-input');
    assert.match(
      error.message,
      /staged line 1999.*unsupported Unicode escape sequence.*Nothing of this load was kept/s,
    );
  });

  test('anything else passes through unchanged (a lost connection is reported by the database layer)', () => {
    const lost = pgError('57P01', 'terminating connection due to administrator command');
    assert.equal(explainCopyFailure(lost), lost);
  });
});
