import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { listGateDecisions } from '../../src/app/governance/gate/list-gate-decisions.js';
import type { Stores } from '../../src/ports/stores.js';
import { makeTempDir } from '../support/temp-dir.js';
import { openGovernanceTestStores } from './governance-test-stores.js';

/** A logged gate decision as the gate writes it (only the fields the filters read matter). */
function gateEntry(index: number, outcome: 'allow' | 'deny') {
  const at = new Date(Date.UTC(2026, 2, 1) + index * 60_000).toISOString();
  return {
    kind: 'gate',
    subject: 'payments/production',
    actor: 'ci',
    decision: outcome,
    inputs: { at },
    result: {
      decision: outcome,
      service: 'payments',
      environment: 'production',
      releaseId: null,
      at,
      reasons: [],
    },
  };
}

describe('listGateDecisions over a log longer than one read', () => {
  let stores: Stores & { db: { close(): void } };
  before(async () => {
    stores = await openGovernanceTestStores(makeTempDir());
    // 1,200 decisions, only the 1,050th and the 1,190th denied: matches three reads apart.
    const entries = Array.from({ length: 1200 }, (_, index) =>
      gateEntry(index, index === 1049 || index === 1189 ? 'deny' : 'allow'),
    );
    await stores.governance.decisions.appendDecisions(entries);
  });
  after(() => stores.close());

  it('finds matches past the first page of the log, and pages through them', async () => {
    const both = await listGateDecisions(stores, { outcome: 'deny', limit: 10 });
    assert.deepEqual(
      both.decisions.map((entry) => entry.decision.at),
      [gateEntry(1049, 'deny').result.at, gateEntry(1189, 'deny').result.at],
    );
    assert.equal(both.nextAfterSeq, null, 'fewer than the limit: no next page');

    const first = await listGateDecisions(stores, { outcome: 'deny', limit: 1 });
    assert.equal(first.decisions.length, 1);
    assert.equal(first.nextAfterSeq, first.decisions[0]!.seq);
    const second = await listGateDecisions(stores, {
      outcome: 'deny',
      limit: 1,
      afterSeq: first.nextAfterSeq!,
    });
    assert.equal(second.decisions[0]!.decision.at, gateEntry(1189, 'deny').result.at);
    const none = await listGateDecisions(stores, {
      outcome: 'deny',
      limit: 1,
      afterSeq: second.nextAfterSeq!,
    });
    assert.deepEqual(none, { decisions: [], nextAfterSeq: null });
  });

  it('filters by the time asked as of, across reads, oldest first', async () => {
    const page = await listGateDecisions(stores, {
      from: gateEntry(598, 'allow').result.at,
      to: gateEntry(603, 'allow').result.at,
      limit: 100,
    });
    assert.deepEqual(
      page.decisions.map((entry) => entry.decision.at),
      [598, 599, 600, 601, 602].map((index) => gateEntry(index, 'allow').result.at),
    );
  });
});
