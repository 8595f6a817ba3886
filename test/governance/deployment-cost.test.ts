import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../src/core/errors.js';
import { costDeployment } from '../../src/core/governance/deployments/deployment-cost-model.js';
import {
  type DeploymentRecord,
  validateDeployment,
} from '../../src/core/governance/deployments/deployment-record.js';
import { validateIncident } from '../../src/core/governance/deployments/incident-record.js';
import { changeEfforts, deploymentCostModel } from '../../src/core/governance/governance-policy.js';
import { CATALOG, makePolicy, RATE_CARD } from './governance-fixtures.js';

const base: DeploymentRecord = {
  id: 'dep-1',
  deliveryKey: 'cli:1',
  source: 'cli',
  service: 'payments',
  version: 'v1.2.0',
  environment: 'production',
  startedAt: '2026-03-04T10:00:00Z',
  finishedAt: '2026-03-04T10:30:00Z',
  outcome: 'succeeded',
  changeType: 'normal',
  triggeredBy: 'ci',
  pipelineMinutes: '25',
};
const isCode = (code: string) => (error: unknown) => error instanceof TollgateError && error.code === code;

describe('validateDeployment', () => {
  const rows: { name: string; patch: Partial<DeploymentRecord>; code: string }[] = [
    { name: 'unknown service', patch: { service: 'nope' }, code: 'UNKNOWN_SERVICE' },
    { name: 'unknown environment', patch: { environment: 'moon' }, code: 'UNKNOWN_ENVIRONMENT' },
    {
      name: 'environment the service does not run in',
      patch: { environment: 'test' },
      code: 'UNKNOWN_ENVIRONMENT',
    },
    {
      name: 'end before start',
      patch: { finishedAt: '2026-03-04T09:59:59Z' },
      code: 'DEPLOYMENT_END_BEFORE_START',
    },
    { name: 'start not a time', patch: { startedAt: 'yesterday' }, code: 'DEPLOYMENT_BAD_TIME' },
    { name: 'commit time not a time', patch: { committedAt: '2026-99-01' }, code: 'DEPLOYMENT_BAD_TIME' },
    { name: 'unknown outcome', patch: { outcome: 'meh' as never }, code: 'DEPLOYMENT_BAD_FIELD' },
    { name: 'unknown change type', patch: { changeType: 'yolo' as never }, code: 'DEPLOYMENT_BAD_FIELD' },
    { name: 'negative pipeline minutes', patch: { pipelineMinutes: '-3' }, code: 'DEPLOYMENT_BAD_FIELD' },
    { name: 'no version', patch: { version: '' }, code: 'DEPLOYMENT_BAD_FIELD' },
  ];
  for (const row of rows) {
    it(`${row.name} -> ${row.code}`, () => {
      assert.throws(() => validateDeployment({ ...base, ...row.patch }, CATALOG), isCode(row.code));
    });
  }
  it('normalises times to UTC', () => {
    const record = validateDeployment(
      { ...base, startedAt: '2026-03-04T11:00:00+01:00', finishedAt: '2026-03-04T11:30:00+01:00' },
      CATALOG,
    );
    assert.equal(record.startedAt, '2026-03-04T10:00:00.000Z');
  });
  it('incidents: unknown service, resolved before started', () => {
    const incident = {
      id: 'INC-1',
      deliveryKey: 'x',
      source: 'cli',
      service: 'payments',
      environment: 'production',
      title: 't',
      severity: 'sev1',
      startedAt: '2026-03-04T10:00:00Z',
    };
    assert.throws(
      () => validateIncident({ ...incident, service: 'nope' }, CATALOG),
      isCode('UNKNOWN_SERVICE'),
    );
    assert.throws(
      () => validateIncident({ ...incident, resolvedAt: '2026-03-04T09:00:00Z' }, CATALOG),
      isCode('INCIDENT_END_BEFORE_START'),
    );
  });
});

describe('costDeployment (the stated cost model)', () => {
  const policy = makePolicy();
  const model = deploymentCostModel(policy);
  const efforts = changeEfforts(policy);

  it('normal change to production', () => {
    const cost = costDeployment(base, true, model, efforts, RATE_CARD);
    // pipeline 25 x 0.008 = 0.2; env 0.5 h x 12 = 6; docs 2 h x 80 = 160; CAB 1.5 h x 120 = 180;
    // execution 1 h x 100 = 100; licence 5 -> 451.2
    assert.deepEqual(
      { ...cost },
      {
        modelVersion: 'cpd-1',
        currency: 'EUR',
        pipeline: '0.2',
        environment: '6',
        documentation: '160',
        cabReview: '180',
        execution: '100',
        licences: '5',
        rollbackWork: '0',
        deployment: '451.2',
        total: '451.2',
      },
    );
  });

  it('standard change to staging uses the standard effort and the non-production rate', () => {
    const cost = costDeployment(
      { ...base, environment: 'staging', changeType: 'standard' },
      false,
      model,
      efforts,
      RATE_CARD,
    );
    // 0.2 + 0.5 x 3 + 0.25 x 80 + 0 + 0.5 x 100 + 5 = 76.7
    assert.equal(cost.total, '76.7');
  });

  it('a rollback carries the failed deployment’s cost and the rollback work', () => {
    const cost = costDeployment({ ...base, outcome: 'rolled_back' }, true, model, efforts, RATE_CARD);
    assert.equal(cost.deployment, '451.2');
    assert.equal(cost.rollbackWork, '300');
    assert.equal(cost.total, '751.2');
  });

  it('a duration that does not end in hours is priced to the money scale, half-even', () => {
    // 1 s = 1/3600 h; at 12 per hour that is 0.00333… = 0.0033333333333333 at 16 decimals.
    const cost = costDeployment(
      { ...base, finishedAt: '2026-03-04T10:00:01Z' },
      true,
      model,
      efforts,
      RATE_CARD,
    );
    assert.equal(cost.environment, '0.0033333333333333');
    assert.equal(cost.total, '445.2033333333333333');
  });
});
