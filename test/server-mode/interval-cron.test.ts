import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cronForInterval } from '../../src/adapters/queue/interval-cron.js';
import { isTollgateError } from '../../src/core/errors.js';

test('intervals that divide an hour, a day or a week become queue schedules', () => {
  assert.equal(cronForInterval(1, 'X'), '* * * * *');
  assert.equal(cronForInterval(15, 'X'), '*/15 * * * *');
  assert.equal(cronForInterval(60, 'X'), '0 * * * *');
  assert.equal(cronForInterval(6 * 60, 'X'), '0 */6 * * *');
  assert.equal(cronForInterval(24 * 60, 'X'), '0 0 * * *');
  assert.equal(cronForInterval(168 * 60, 'X'), '0 0 * * 0');
});

test('an interval a schedule cannot repeat evenly is refused with the setting named', () => {
  for (const minutes of [7, 45, 90, 5 * 60, 48 * 60, 0, 2.5]) {
    assert.throws(
      () => cronForInterval(minutes, 'TOLLGATE_ALERT_INTERVAL_MINUTES'),
      (error: unknown) =>
        isTollgateError(error) &&
        error.code === 'CONFIG_INTERVAL_NOT_SCHEDULABLE' &&
        error.kind === 'usage' &&
        error.message.startsWith(`TOLLGATE_ALERT_INTERVAL_MINUTES is ${minutes} minute(s)`),
      String(minutes),
    );
  }
});
