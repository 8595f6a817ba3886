import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import { logReleaseTime, releaseSpent } from '../../src/app/governance/releases/manage-releases.js';
import type { ReleaseSpendAsOf } from '../../src/app/governance/releases/release-spend-as-of.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { openReleaseStores } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

const RELEASE = 'R-2026-03';

/**
 * A gate decision counts a release's spend as of its own time: a replayed ask (or one read back
 * from the decision log) must not count labour, deployments or bills that came after it. The
 * fixture books 90 hours after the ask, which would take the 10,000 EUR budget over.
 */
describe('the gate measures a release spend as of the decision time', () => {
  const dir = makeTempDir();
  let stores: Stores;
  before(async () => {
    // March bill: payments in production 100 EUR on the 3rd, 4th, 5th and 10th (release-bill.ts).
    stores = await openReleaseStores(dir, { withBill: true });
    await addRates(
      stores,
      ['03', '04', '05'].map((d) => ({ date: `2026-03-${d}`, from: 'USD', to: 'EUR', rate: '0.9' })),
    );
    const deploy = (version: string, startedAt: string, finishedAt: string) =>
      recordDeployment(
        stores,
        {
          service: 'payments',
          version,
          environment: 'production',
          releaseId: RELEASE,
          startedAt,
          finishedAt,
          outcome: 'succeeded',
          changeType: 'standard',
          triggeredBy: 'ci',
          pipelineMinutes: '10',
        },
        'ci',
      );
    await deploy('v1.4.0', '2026-03-03T10:00:00Z', '2026-03-03T10:30:00Z');
    // After the ask: neither it nor its window's bill may count.
    await deploy('v1.4.1', '2026-03-05T09:00:00Z', '2026-03-05T09:20:00Z');
    const book = (hours: string, date: string) =>
      logReleaseTime(stores, { releaseId: RELEASE, person: 'dev', role: 'engineer', hours, date }, 'dev');
    await book('10', '2026-03-02');
    await book('90', '2026-03-05');
  });
  after(async () => {
    await stores.close();
  });

  const ask = (at: string) =>
    gateDeployment(stores, {
      service: 'payments',
      environment: 'production',
      releaseId: RELEASE,
      version: 'v1.4.0',
      changeType: 'standard',
      estimate: '500',
      at,
      actor: 'ci',
    });

  async function loggedSpend(at: string): Promise<ReleaseSpendAsOf> {
    const gates = await stores.governance.decisions.listDecisions({ kind: 'gate' });
    const entry = gates.find((g) => (g.result as { at: string }).at === new Date(at).toISOString());
    assert.ok(entry, `a gate decision at ${at} is in the log`);
    return (entry.inputs as { releaseSpend: ReleaseSpendAsOf }).releaseSpend;
  }

  it('allows an ask replayed at its own time although labour booked later takes the release over budget', async () => {
    // Everything is booked and deployed already: only the as-of keeps the later facts out.
    const everything = await releaseSpent(stores, RELEASE);
    assert.ok(new Decimal(everything).greaterThan(10_000), everything);

    const at = '2026-03-04T11:00:00Z';
    const decision = await ask(at);
    assert.equal(decision.decision, 'allow', JSON.stringify(decision.reasons));
    const spend = await loggedSpend(at);
    // 10 h x 100 EUR booked on the 2nd; the 90 h of the 5th are after the ask.
    assert.equal(spend.parts.labour, '1000');
    assert.equal(spend.timeEntries, 1);
    // One deployment (the 3rd): cloud = production on the 3rd, 100 EUR x 1/1 deployments.
    assert.equal(spend.deployments, 1);
    assert.equal(spend.parts.cloud, '100');
    const parts = [
      spend.parts.cloud,
      spend.parts.labour,
      spend.parts.pipeline,
      spend.parts.deploymentProcess,
    ];
    assert.ok(parts.every((p) => p !== null));
    assert.equal(spend.spent, parts.reduce((sum, p) => sum.plus(p!), new Decimal(0)).toString());
    assert.equal(spend.asOf, '2026-03-04T11:00:00.000Z');
    assert.match(spend.rule, /before the decision time/);
    // The decision itself says what it counted and when.
    assert.equal(decision.budget.spent, spend.spent);
    assert.equal(decision.budget.spentAsOf, '2026-03-04T11:00:00.000Z');
    const budget = decision.reasons.find((r) => r.check === 'budget')!;
    assert.match(budget.detail, /Within budget: .*\(spent as of 2026-03-04T11:00:00\.000Z\)/);
  });

  it('denies the same ask made after the labour was booked, counting it', async () => {
    const at = '2026-03-06T08:00:00Z';
    const decision = await ask(at);
    assert.equal(decision.decision, 'deny');
    const budget = decision.reasons.find((r) => r.check === 'budget')!;
    assert.equal(budget.ok, false, budget.detail);
    const spend = await loggedSpend(at);
    assert.equal(spend.parts.labour, '10000');
    assert.equal(spend.timeEntries, 2);
    assert.equal(spend.deployments, 2);
    // Nothing was charged or deployed after the 6th, so this is the release's whole spend.
    assert.equal(spend.spent, await releaseSpent(stores, RELEASE));
  });

  it('counts nothing for an ask before the first deployment and the first labour', async () => {
    const at = '2026-03-01T08:00:00Z';
    const decision = await ask(at);
    assert.equal(decision.budget.spent, '0');
    const spend = await loggedSpend(at);
    assert.deepEqual(spend.parts, { cloud: null, labour: null, pipeline: null, deploymentProcess: null });
    assert.equal(spend.complete, false);
  });
});
