import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { decideChange, requestChange } from '../../src/app/governance/changes/manage-changes.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import { gateDeployment } from '../../src/app/governance/gate/gate-deployment.js';
import { createReleaseFromYaml } from '../../src/app/governance/releases/manage-releases.js';
import { showChangeRisk } from '../../src/app/governance/risk/assess-change-risk.js';
import { TollgateError } from '../../src/core/errors.js';
import type { ChangeRisk } from '../../src/core/governance/risk/change-risk.js';
import { makeTempDir } from '../support/temp-dir.js';
import { openGovernanceTestStores } from './governance-test-stores.js';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
const RISK_RULE = `  normal:
    riskPreApproval:
      maxFailureProbability: "0.25"
      maxMoneyAtStake: "1000"
      minDeployments: 3
      criticality: [low]
`;
const WEDNESDAY_10 = '2026-03-04T10:00:00Z';

/**
 * The gate reads the history only where the policy asks for risk; a low-risk normal change of a
 * low-criticality service then goes with its financial sign-off and no CAB, and the decision
 * log keeps the risk with every input it rests on.
 */
describe('money-aware risk through the gate, on a real DuckDB file', () => {
  let stores: Awaited<ReturnType<typeof openGovernanceTestStores>>;
  let changeId: string;
  before(async () => {
    stores = await openGovernanceTestStores(makeTempDir());
    await applyRateCard(stores, fixture('rates.yaml'), 'rates.yaml', 'rm');
    await applyPolicy(
      stores,
      fixture('governance.yaml').replace('  normal:\n', RISK_RULE),
      'governance.yaml',
      'rm',
    );
    await createReleaseFromYaml(
      stores,
      fixture('release.yaml').replace('R-2026-03', 'R-DOCS').replace('[payments]', '[docs-site]'),
      'release.yaml',
      'rm',
      '2026-02-01T09:00:00Z',
    );
    const deploy = (service: string, day: string, outcome: 'succeeded' | 'failed') =>
      recordDeployment(
        stores,
        {
          service,
          version: `v-${day}`,
          environment: 'production',
          startedAt: `2026-02-${day}T10:00:00Z`,
          finishedAt: `2026-02-${day}T10:20:00Z`,
          outcome,
          changeType: 'standard',
          triggeredBy: 'ci',
          pipelineMinutes: '10',
        },
        'ci',
      );
    for (const day of ['02', '03', '04', '05']) await deploy('docs-site', day, 'succeeded');
    await deploy('payments', '06', 'failed');
    const change = await requestChange(
      stores,
      {
        service: 'docs-site',
        environment: 'production',
        changeType: 'normal',
        releaseId: 'R-DOCS',
        requestedBy: 'dev',
        estimatedCost: '200',
      },
      '2026-03-01T09:00:00Z',
    );
    changeId = change.id;
    await decideChange(
      stores,
      { changeId, approver: 'sam', role: 'service-owner', kind: 'sign-off', decision: 'approve' },
      '2026-03-02T09:00:00Z',
    );
  });
  after(async () => {
    await stores.close();
  });

  it('pre-approves the low-risk change and logs the risk with its inputs', async () => {
    const decision = await gateDeployment(stores, {
      service: 'docs-site',
      environment: 'production',
      releaseId: 'R-DOCS',
      changeId,
      at: WEDNESDAY_10,
      actor: 'ci',
    });
    assert.equal(decision.decision, 'allow', JSON.stringify(decision.reasons));
    const risk = decision.reasons.find((reason) => reason.check === 'risk')!;
    // org (1+1)/(5+2) = 2/7; docs-site (0 + 10 x 2/7)/(4 + 10) = 0.204082.
    assert.match(
      risk.detail,
      /^Low risk: pre-approved by the policy\. .*failure probability 20\.4%; service docs-site 0\/4 failed/,
    );
    const logged = (await stores.governance.decisions.listDecisions({ kind: 'gate' })).at(-1)!;
    const inputs = logged.inputs as { risk: ChangeRisk };
    assert.equal(inputs.risk.failureProbability, '0.2041');
    assert.deepEqual(inputs.risk.organisation, { failures: 1, deployments: 5, smoothed: '0.285714' });
    assert.deepEqual(inputs.risk.preApproval, { eligible: true, reasons: [] });
  });

  it('shows the same risk for the change, and refuses a broken time or an unknown change', async () => {
    const risk = await showChangeRisk(stores, { changeId, at: WEDNESDAY_10 });
    assert.equal(risk.failureProbability, '0.2041');
    assert.equal(risk.moneyAtStake, '200.00');
    assert.match(risk.summary, /outage cost unknown/);
    const before = (await stores.governance.decisions.listDecisions()).length;
    await assert.rejects(
      showChangeRisk(stores, { changeId, at: 'tomorrow' }, { at: '--at' }),
      (error: unknown) =>
        error instanceof TollgateError &&
        error.code === 'RISK_BAD_TIME' &&
        /^--at 'tomorrow' is not an ISO-8601 time/.test(error.message),
    );
    await assert.rejects(
      showChangeRisk(stores, { changeId: 'CHG-404' }),
      (error: unknown) => error instanceof TollgateError && error.code === 'CHANGE_NOT_FOUND',
    );
    assert.equal(
      (await stores.governance.decisions.listDecisions()).length,
      before,
      'reading records nothing',
    );
  });
});
