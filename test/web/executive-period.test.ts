import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetStatusAsOf, executivePeriod, sumDays } from '../../web/src/views/executive-period.js';

describe("the executive page's one set of days", () => {
  it('ends the day after the last day with data, so that day counts', () => {
    const period = executivePeriod('2025-11-14');
    assert.equal(period.end, '2025-11-15');
    assert.equal(period.month, '2025-11');
    assert.equal(period.monthStart, '2025-11-01');
    assert.equal(period.yearStart, '2025-01-01');
    assert.equal(period.yearLabel, '2025');
    const days = [
      { day: '2024-12-31', cost: '100' },
      { day: '2025-01-01', cost: '0.1000000000000001' },
      { day: '2025-11-14', cost: '0.2000000000000002' },
    ];
    assert.equal(sumDays(days, period.yearStart, period.end), '0.3000000000000003');
    assert.equal(sumDays(days, period.monthStart, period.end), '0.2000000000000002');
  });

  it('keeps month and year ends in their own period', () => {
    assert.equal(executivePeriod('2025-12-31').end, '2026-01-01');
    assert.equal(executivePeriod('2025-12-31').yearStart, '2025-01-01');
    assert.equal(executivePeriod('2024-02-29').end, '2024-03-01');
  });

  it('starts "this year" in the fiscal-year start month', () => {
    assert.equal(executivePeriod('2025-03-31', 4).yearStart, '2024-04-01');
    assert.equal(executivePeriod('2025-04-01', 4).yearStart, '2025-04-01');
    assert.equal(executivePeriod('2025-04-01', 4).yearLabel, 'fiscal year from 2025-04');
  });

  it('asks a budget status as of the day after the last day unless that day opens a new period', () => {
    assert.deepEqual(budgetStatusAsOf('2025-11-14', 'month', 1), {
      asOf: '2025-11-15',
      periodComplete: false,
    });
    assert.deepEqual(budgetStatusAsOf('2025-11-30', 'month', 1), {
      asOf: '2025-11-30',
      periodComplete: true,
    });
    assert.deepEqual(budgetStatusAsOf('2025-11-30', 'fiscal-year', 1), {
      asOf: '2025-12-01',
      periodComplete: false,
    });
    assert.deepEqual(budgetStatusAsOf('2025-12-31', 'fiscal-year', 1), {
      asOf: '2025-12-31',
      periodComplete: true,
    });
    assert.deepEqual(budgetStatusAsOf('2025-03-31', 'fiscal-year', 4), {
      asOf: '2025-03-31',
      periodComplete: true,
    });
    assert.deepEqual(budgetStatusAsOf('2025-03-31', 'quarter', 2), {
      asOf: '2025-04-01',
      periodComplete: false,
    });
    assert.deepEqual(budgetStatusAsOf('2025-04-30', 'quarter', 2), {
      asOf: '2025-04-30',
      periodComplete: true,
    });
  });
});
