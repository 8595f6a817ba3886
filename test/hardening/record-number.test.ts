import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDimension } from '../../src/core/costs/cost-query.js';
import { parseRecordNumber } from '../../src/core/record-number.js';
import { expectRefusal } from '../support/expect-refusal.js';

describe('record numbers as users type them', () => {
  it('reads plain positive whole numbers', () => {
    assert.equal(parseRecordNumber('1'), 1);
    assert.equal(parseRecordNumber('9007199254740991'), 9007199254740991);
  });

  it('refuses what is not exact or not a number instead of passing it to the database', () => {
    for (const text of [
      '',
      '0',
      '-1',
      '1.5',
      '1e3',
      ' 1',
      '0x10',
      '99999999999999999999',
      '9007199254740993',
      '9223372036854775808',
    ])
      assert.equal(parseRecordNumber(text), undefined, text);
  });
});

describe('tag keys in a cost query', () => {
  it('takes any printable key, path characters included', () => {
    for (const key of ['\\', '*', '$.a[0]', 'x/y', 'aws:createdBy', 'é'])
      assert.equal(parseDimension(`tag:${key}`), `tag:${key}`);
  });

  it('refuses control characters and over-long keys, naming what a key may hold', async () => {
    for (const key of ['a\u0000b', 'tab\there', 'x'.repeat(513)])
      await expectRefusal(
        async () => parseDimension(`tag:${key}`),
        'QUERY_BAD_TAG_KEY',
        'usage',
        /printable characters/,
      );
  });
});
