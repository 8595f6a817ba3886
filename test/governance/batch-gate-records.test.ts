import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheGateState } from '../../src/api/cached-stores.js';
import { recordAudit } from '../../src/app/audit/record-audit.js';
import { GateRecordBatcher, type GateRecords } from '../../src/app/governance/gate/batch-gate-records.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { createChainVerifier } from '../../src/core/audit/audit-chain.js';
import type { GovernanceNotice } from '../../src/core/notices/governance-notice.js';
import { makeTempDir } from '../support/temp-dir.js';

const ACTOR = { name: 'user:ci', tokenId: 'tok1', address: '127.0.0.1' };

function records(subject: string, kind = 'gate'): GateRecords {
  return {
    decision: {
      kind,
      subject,
      actor: 'user:ci',
      decision: 'allow',
      inputs: { subject },
      result: { ok: true },
    },
    audit: { actor: ACTOR, change: { action: 'gate.decide', target: subject, after: { decision: 'allow' } } },
  };
}

function denial(key: string): GovernanceNotice {
  return {
    kind: 'gate-denial',
    key,
    title: `denied ${key}`,
    service: 'payments',
    environment: 'production',
    ownerTeam: 'team-pay',
    roles: [],
    approvers: [],
    facts: [],
    link: '/?view=deployments',
    at: '2026-05-20T08:00:00.000Z',
  };
}

describe('gate records appended in batches (real DuckDB file)', async () => {
  const stores = await openTollgate(loadConfig({ db: join(makeTempDir(), 'batch.duckdb') }, {}));
  after(() => stores.close());

  it('writes many concurrent decisions once each, in order, with an unbroken audit chain; one bad record fails alone', async () => {
    const batcher = new GateRecordBatcher(stores);
    // Other audited writes interleave with the batches: the chain must stay one chain.
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 60 }, (_, n) => batcher.append(records(`s-${n}`))),
      batcher.append(records('broken', null as unknown as string)),
      recordAudit(stores, ACTOR, { action: 'other.write', target: 'x' }),
      ...Array.from({ length: 60 }, (_, n) => batcher.append(records(`t-${n}`))),
    ]);
    const rejected = outcomes.filter((outcome) => outcome.status === 'rejected');
    assert.equal(rejected.length, 1, 'only the record that cannot be stored fails');
    await batcher.idle();

    const decisions = await stores.governance.decisions.listDecisions({ kind: 'gate' });
    assert.equal(decisions.length, 120);
    assert.equal(new Set(decisions.map((entry) => entry.subject)).size, 120, 'none twice');
    const seqs = decisions.map((entry) => entry.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((a, b) => a - b),
    );
    // Within each kind of subject the order of appending is the order of the log.
    const order = (prefix: string) =>
      decisions
        .filter((entry) => entry.subject.startsWith(prefix))
        .map((entry) => Number(entry.subject.slice(2)));
    assert.deepEqual(
      order('s-'),
      Array.from({ length: 60 }, (_, n) => n),
    );
    assert.ok(!decisions.some((entry) => entry.subject === 'broken'));

    const verifier = createChainVerifier();
    await stores.access.audit.readAll((page) => {
      for (const entry of page) verifier.push(entry);
    });
    const chain = verifier.result();
    assert.equal(chain.problem, undefined, JSON.stringify(chain.problem));
    assert.equal(chain.entries, 121, '120 gate entries and the other write');
    const gateEntries = await stores.access.audit.listEntries({ action: 'gate.decide', limit: 1000 });
    assert.equal(gateEntries.length, 120);
    assert.deepEqual([gateEntries[0]!.tokenId, gateEntries[0]!.address], ['tok1', '127.0.0.1']);
  });

  it('never strands a record appended while a batch is finishing (appends that follow each commit at once)', {
    timeout: 60_000,
  }, async () => {
    const batcher = new GateRecordBatcher(stores);
    for (let round = 0; round < 40; round++)
      await Promise.all(Array.from({ length: 3 }, (_, n) => batcher.append(records(`r-${round}-${n}`))));
    await batcher.idle();
    const logged = await stores.governance.decisions.listDecisions({ kind: 'gate' });
    assert.equal(logged.filter((entry) => entry.subject.startsWith('r-')).length, 120);
  });

  it('appendDecisions numbers a batch in the order given', async () => {
    const subjects = Array.from({ length: 50 }, (_, n) => `order-${String(n).padStart(2, '0')}`);
    const seqs = await stores.transaction(() =>
      stores.governance.decisions.appendDecisions(
        subjects.map((subject) => records(subject, 'probe').decision),
      ),
    );
    assert.equal(seqs.length, 50);
    assert.ok(seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!));
    const logged = await stores.governance.decisions.listDecisions({ kind: 'probe' });
    assert.deepEqual(
      logged.map((entry) => [entry.seq, entry.subject]),
      subjects.map((subject, index) => [seqs[index], subject]),
    );
  });

  it('queues a denial notice to the channels of the moment, read once per batch from the cache', async () => {
    const { cachedStores } = cacheGateState(stores);
    const batcher = new GateRecordBatcher(cachedStores);
    const deny = (key: string) => ({ ...records(key), denial: denial(key) });
    // No channel yet: nothing is queued, and the (empty) list of channels is now cached.
    assert.equal(await batcher.append(deny('deny-0')), undefined);
    const first = await stores.alerts.addWebhook(
      { url: 'https://a.example/hook', format: 'json', secret: 's', route: null },
      '2026-05-20T07:00:00Z',
    );
    const queued = await Promise.all(['deny-1', 'deny-2', 'deny-3'].map((key) => batcher.append(deny(key))));
    assert.deepEqual(
      queued.map((notice) => notice?.notice.key),
      ['deny-1', 'deny-2', 'deny-3'],
    );
    const second = await stores.alerts.addWebhook(
      { url: 'https://b.example/hook', format: 'json', secret: 's', route: null },
      '2026-05-20T07:00:00Z',
    );
    const last = await batcher.append(deny('deny-4'));
    const notices = await stores.notices.listNotices(10);
    const deliveries = (key: string) =>
      notices
        .find((notice) => notice.notice.key === key)
        ?.deliveries.map((delivery) => delivery.webhookId)
        .sort();
    assert.equal(deliveries('deny-0'), undefined, 'no channel, no notice');
    assert.deepEqual(deliveries('deny-1'), [first.id]);
    assert.deepEqual(deliveries('deny-4'), [first.id, second.id].sort(), 'the channel added is used at once');
    assert.equal(last?.notice.key, 'deny-4');
  });
});
