import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import { cronMatches, nextCronMatch, parseCron } from '../../src/core/governance/gate/cron-expression.js';

describe('parseCron and cronMatches', () => {
  const cases: [string, string, boolean][] = [
    ['* * * * *', '2026-03-04T10:15:00Z', true],
    ['* 9-16 * * 1-5', '2026-03-04T10:15:00Z', true], // Wednesday
    ['* 9-16 * * 1-5', '2026-03-04T17:00:00Z', false],
    ['* 9-16 * * 1-5', '2026-03-07T10:00:00Z', false], // Saturday
    ['* 9-16 * * mon-fri', '2026-03-06T16:59:00Z', true],
    ['*/15 * * * *', '2026-03-04T10:30:00Z', true],
    ['*/15 * * * *', '2026-03-04T10:31:00Z', false],
    ['0 0 1 jan *', '2026-01-01T00:00:00Z', true],
    ['* * 20-31 12 *', '2026-12-24T08:00:00Z', true],
    ['* * 20-31 12 *', '2026-11-24T08:00:00Z', false],
    ['* * * * 7', '2026-03-08T08:00:00Z', true], // Sunday as 7
    ['* * * * 0', '2026-03-08T08:00:00Z', true],
    // Both day fields restricted: either matches (cron's rule).
    ['* * 1 * 1', '2026-03-02T08:00:00Z', true], // Monday, not the 1st
    ['* * 1 * 1', '2026-03-01T08:00:00Z', true], // the 1st, a Sunday
    ['* * 1 * 1', '2026-03-03T08:00:00Z', false],
    ['5,10 8 * * *', '2026-03-03T08:10:00Z', true],
    ['10-20/5 * * * *', '2026-03-03T08:15:00Z', true],
    ['10-20/5 * * * *', '2026-03-03T08:16:00Z', false],
  ];
  for (const [expression, at, expected] of cases) {
    it(`${expression} at ${at} -> ${expected}`, () => {
      assert.equal(cronMatches(parseCron(expression), new Date(at)), expected);
    });
  }

  const broken = [
    '',
    '* * * *',
    '* * * * * *',
    '60 * * * *',
    '* 24 * * *',
    '* * 0 * *',
    '* * * 13 *',
    '* * * * 8',
    'a * * * *',
    '5-1 * * * *',
    '*/0 * * * *',
    '1/2/3 * * * *',
    ',* * * * *',
    '* * * foo *',
  ];
  for (const expression of broken) {
    it(`rejects '${expression}' with CRON_INVALID`, () => {
      assert.throws(
        () => parseCron(expression),
        (error: unknown) => error instanceof TollgateError && error.code === 'CRON_INVALID',
      );
    });
  }

  it('finds the next matching minute', () => {
    const next = nextCronMatch(parseCron('* 9-16 * * 1-4'), new Date('2026-03-05T17:30:00Z')); // Thursday evening
    assert.equal(next?.toISOString(), '2026-03-09T09:00:00.000Z'); // Monday 09:00
  });
});

describe('nextCronMatch skipping months, days and hours', () => {
  const cases: [string, string, string | undefined][] = [
    ['*/15 10 * * *', '2026-03-04T10:46:00Z', '2026-03-05T10:00:00.000Z'],
    ['30 9 1 * *', '2026-03-01T09:31:00Z', '2026-04-01T09:30:00.000Z'],
    ['0 0 29 2 *', '2026-03-01T00:00:00Z', undefined], // no 29 February within 62 days
    ['* * 20-31 12 *', '2026-11-30T23:59:30Z', '2026-12-20T00:00:00.000Z'],
    ['5 * * * 0', '2026-03-07T23:59:00Z', '2026-03-08T00:05:00.000Z'],
  ];
  for (const [expression, from, expected] of cases) {
    it(`${expression} after ${from} -> ${expected ?? 'none'}`, () => {
      assert.equal(nextCronMatch(parseCron(expression), new Date(from))?.toISOString(), expected);
    });
  }
});
