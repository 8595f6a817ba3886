import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkScheduleInterval, slotStart } from '../../src/adapters/postgres/jobs/schedule-slots.js';
import { isTollgateError } from '../../src/core/errors.js';

test('slots fall on the same wall-clock marks, whatever time in the slot asks', () => {
  const at = (iso: string) => new Date(iso);
  assert.equal(slotStart(1, at('2026-03-04T10:07:59.999Z')), '2026-03-04T10:07:00.000Z');
  assert.equal(slotStart(15, at('2026-03-04T10:07:00Z')), '2026-03-04T10:00:00.000Z');
  assert.equal(slotStart(15, at('2026-03-04T10:15:00Z')), '2026-03-04T10:15:00.000Z');
  assert.equal(slotStart(6 * 60, at('2026-03-04T17:59:00Z')), '2026-03-04T12:00:00.000Z');
  assert.equal(slotStart(24 * 60, at('2026-03-04T23:59:00Z')), '2026-03-04T00:00:00.000Z');
  // Weekly slots start on Mondays (2026-03-02 is a Monday).
  assert.equal(slotStart(168 * 60, at('2026-03-08T23:59:00Z')), '2026-03-02T00:00:00.000Z');
  assert.equal(slotStart(168 * 60, at('2026-03-09T00:00:00Z')), '2026-03-09T00:00:00.000Z');
});

test('intervals that divide an hour, a day or a week are accepted', () => {
  for (const minutes of [1, 15, 30, 60, 6 * 60, 24 * 60, 168 * 60])
    assert.equal(checkScheduleInterval(minutes, 'X'), minutes);
});

test('an interval a schedule cannot repeat evenly is refused with the setting named', () => {
  for (const minutes of [7, 45, 90, 5 * 60, 48 * 60, 0, 2.5]) {
    assert.throws(
      () => checkScheduleInterval(minutes, 'TOLLGATE_ALERT_INTERVAL_MINUTES'),
      (error: unknown) =>
        isTollgateError(error) &&
        error.code === 'CONFIG_INTERVAL_NOT_SCHEDULABLE' &&
        error.kind === 'usage' &&
        error.message.startsWith(`TOLLGATE_ALERT_INTERVAL_MINUTES is ${minutes} minute(s)`),
      String(minutes),
    );
  }
});
