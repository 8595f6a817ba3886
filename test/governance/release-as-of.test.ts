import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatGateSpend } from '../../src/cli/output/format-gate-spend.js';
import {
  deploymentsAsOf,
  spendAsOf,
  timeEntriesAsOf,
} from '../../src/core/governance/releases/release-as-of.js';
import type { TimeEntry } from '../../src/core/governance/releases/release-model.js';

describe('what a release spend as of a moment counts', () => {
  const asOf = spendAsOf('2026-03-04T11:00:00+01:00');

  it('states the moment in UTC and its UTC day', () => {
    assert.deepEqual(asOf, { at: '2026-03-04T10:00:00.000Z', day: '2026-03-04' });
    assert.equal(spendAsOf('2026-03-04T00:30:00+02:00').day, '2026-03-03');
  });

  it('keeps deployments started before the moment, a running one ending at it', () => {
    const d = (id: string, startedAt: string, finishedAt: string) => ({ id, startedAt, finishedAt });
    const kept = deploymentsAsOf(
      [
        d('done', '2026-03-03T10:00:00Z', '2026-03-03T10:30:00Z'),
        d('running', '2026-03-04T09:50:00Z', '2026-03-05T01:00:00Z'),
        d('at-the-moment', '2026-03-04T10:00:00Z', '2026-03-04T10:20:00Z'),
        d('later', '2026-03-05T09:00:00Z', '2026-03-05T09:20:00Z'),
      ],
      asOf,
    );
    assert.deepEqual(kept, [
      d('done', '2026-03-03T10:00:00Z', '2026-03-03T10:30:00Z'),
      d('running', '2026-03-04T09:50:00Z', '2026-03-04T10:00:00.000Z'),
    ]);
    assert.equal(deploymentsAsOf(kept, undefined).length, 2);
  });

  it('keeps labour booked for the moment day or before', () => {
    const entry = (date: string): TimeEntry => ({
      releaseId: 'R',
      person: 'p',
      role: 'engineer',
      hours: '1',
      date,
      hourlyRate: '1',
      amount: '1',
    });
    const dates = timeEntriesAsOf(['2026-03-03', '2026-03-04', '2026-03-05'].map(entry), asOf).map(
      (e) => e.date,
    );
    assert.deepEqual(dates, ['2026-03-03', '2026-03-04']);
  });
});

describe("the decision log's release spend column", () => {
  const gate = (inputs: unknown) => ({ kind: 'gate', inputs });
  const release = { id: 'R-1', currency: 'EUR', spent: '1234.5' };

  it('names the release, its spend and the moment it was measured at', () => {
    assert.equal(
      formatGateSpend(gate({ release, releaseSpend: { spent: '1234.5', asOf: '2026-03-04T11:00:00.000Z' } })),
      'R-1 1,234.50 EUR as of 2026-03-04 11:00 UTC',
    );
  });

  it('shows the spend alone for an entry logged without its moment, and nothing without a release', () => {
    assert.equal(formatGateSpend(gate({ release })), 'R-1 1,234.50 EUR');
    assert.equal(formatGateSpend(gate({ release: null, releaseSpend: null })), '');
    assert.equal(formatGateSpend({ kind: 'change.approve', inputs: { release } }), '');
  });
});
