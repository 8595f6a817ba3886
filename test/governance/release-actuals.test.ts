import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import fc from 'fast-check';
import type { Actor } from '../../src/app/audit/record-audit.js';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import {
  reportCiCost,
  reportEnvironmentTco,
} from '../../src/app/governance/delivery/report-delivery-costs.js';
import { recordDeployment } from '../../src/app/governance/deployments/record-deployments.js';
import {
  closeRelease,
  createReleaseFromYaml,
  logReleaseTime,
} from '../../src/app/governance/releases/manage-releases.js';
import { rebaselineRelease } from '../../src/app/governance/releases/rebaseline-release.js';
import { reportReleaseActuals } from '../../src/app/governance/releases/release-actuals-report.js';
import { apportionCiBill } from '../../src/core/governance/delivery/apportion-ci-bill.js';
import { computeReleaseActuals } from '../../src/core/governance/releases/release-actuals.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { openReleaseStores, releaseFixture } from '../support/release-stores.js';
import { makeTempDir } from '../support/temp-dir.js';

const fixture = releaseFixture;
const ACTOR: Actor = { name: 'rm', tokenId: null, address: null };

const deployment = (overrides: Record<string, string>) => ({
  service: 'payments',
  version: 'v1.4.0',
  environment: 'production',
  startedAt: '2026-03-03T10:00:00Z',
  finishedAt: '2026-03-03T10:30:00Z',
  outcome: 'succeeded' as const,
  changeType: 'normal' as const,
  triggeredBy: 'ci',
  pipelineMinutes: '25',
  ...overrides,
});

const NEW_ESTIMATE = {
  labour: [{ role: 'engineer', hours: '60' }],
  licences: [],
  environments: [],
  environmentRates: {},
};

describe('release actuals from the allocated bill, and re-baselining', () => {
  const dir = makeTempDir();
  let stores: Stores;
  before(async () => {
    stores = await openReleaseStores(dir, { withBill: true });
  });
  after(async () => {
    await stores.close();
  });

  it('says every part is missing before anything was deployed or booked', async () => {
    const report = await reportReleaseActuals(stores, 'R-2026-03');
    assert.equal(report.actuals.window, null);
    assert.deepEqual(
      report.actuals.parts.map((p) => p.amount),
      [null, null, null, null],
    );
    assert.equal(report.actuals.complete, false);
    assert.equal(report.actuals.known, '0');
    assert.ok(report.actuals.warnings.some((w) => /No labour is booked/.test(w)));
  });

  it("splits the services' allocated cost over the deployment window by deployments, naming what it left out; a day with no rate refuses it", async () => {
    await recordDeployment(stores, deployment({ releaseId: 'R-2026-03' }), 'ci');
    // Someone else's change to the same service and environment in the window takes a share.
    await recordDeployment(
      stores,
      deployment({
        version: 'hotfix-1',
        startedAt: '2026-03-04T09:00:00Z',
        finishedAt: '2026-03-04T09:20:00Z',
      }),
      'ci',
    );
    await recordDeployment(
      stores,
      deployment({
        releaseId: 'R-2026-03',
        environment: 'staging',
        startedAt: '2026-03-04T12:00:00Z',
        finishedAt: '2026-03-04T12:10:00Z',
      }),
      'ci',
    );
    await recordDeployment(
      stores,
      deployment({
        releaseId: 'R-2026-03',
        version: 'v1.4.1',
        startedAt: '2026-03-05T10:00:00Z',
        finishedAt: '2026-03-05T10:30:00Z',
      }),
      'ci',
    );
    // 50 USD of the bill falls on a day with no USD->EUR rate: refused, never left unconverted.
    const before = await stores.governance.deployments.listDeployments({ releaseId: 'R-2026-03' });
    await expectRefusal(
      () => reportReleaseActuals(stores, 'R-2026-03'),
      'RATE_MISSING',
      'conflict',
      /2026-03-04 USD->EUR/,
    );
    assert.deepEqual(await stores.governance.deployments.listDeployments({ releaseId: 'R-2026-03' }), before);
    await addRates(
      stores,
      ['03', '04', '05'].map((d) => ({ date: `2026-03-${d}`, from: 'USD', to: 'EUR', rate: '0.9' })),
    );
    const report = await reportReleaseActuals(stores, 'R-2026-03');
    const { actuals } = report;
    assert.deepEqual(actuals.window, { from: '2026-03-03', to: '2026-03-05' });
    assert.equal(actuals.cloudMethod, 'window');
    const cloud = actuals.parts.find((p) => p.part === 'cloud')!;
    // Production: 3 days x 100 + 45 (50 USD at 0.9) = 345, the release made 2 of the 3 deployments: 230.
    // Staging (from the `environment` tag): 3 x 20 = 60, all of its deployments: 60.
    assert.deepEqual(
      cloud.sources.map((s) => [s.what, s.amount]),
      [
        ['payments in production, 2026-03-03..2026-03-05: 345 x 2/3 deployments', '230'],
        ['payments in staging, 2026-03-03..2026-03-05: 60 x 1/1 deployments', '60'],
      ],
    );
    assert.equal(cloud.amount, '290');
    assert.deepEqual(cloud.sources[0]!.costs, {
      from: '2026-03-03',
      to: '2026-03-06',
      filters: ['catalog-service=payments'],
    });
    assert.ok(
      actuals.warnings.some((w) => /^7 EUR of payments's allocated cost .* names no environment/.test(w)),
    );
    // Pipeline: 3 deployments x 25 minutes x 0.008.
    assert.equal(actuals.parts.find((p) => p.part === 'pipeline')!.amount, '0.6');
    assert.equal(actuals.parts.find((p) => p.part === 'labour')!.amount, null);
    assert.equal(actuals.complete, false);
  });

  it('converts another currency at the stored rate of its day', async () => {
    const report = await reportReleaseActuals(stores, 'R-2026-03');
    const cloud = report.actuals.parts.find((p) => p.part === 'cloud')!;
    // 300 + 45 (50 USD at 0.9) in production, two thirds: 230.
    assert.equal(cloud.sources[0]!.amount, '230');
    assert.ok(!report.actuals.warnings.some((w) => /USD/.test(w)));
    assert.match(report.notes[0]!, /^50 USD of allocated cost converted to EUR/);
  });

  it('adds the labour booked, and the total is then complete', async () => {
    await logReleaseTime(
      stores,
      { releaseId: 'R-2026-03', person: 'dev', role: 'engineer', hours: '30', date: '2026-03-02' },
      'dev',
    );
    const report = await reportReleaseActuals(stores, 'R-2026-03');
    const labour = report.actuals.parts.find((p) => p.part === 'labour')!;
    assert.equal(labour.amount, '3000');
    assert.equal(labour.sources[0]!.what, '2026-03-02 dev (engineer) 30 h x 100');
    assert.equal(report.actuals.complete, true);
    const process = report.actuals.parts.find((p) => p.part === 'deploymentProcess')!.amount!;
    assert.equal(report.actuals.known, new Decimal('3290.6').plus(process).toString());
    assert.ok(!report.actuals.warnings.some((w) => /labour/.test(w)));
  });

  it('says the cloud cost is unknown for a release with no deployment and no tagged line', async () => {
    const other = fixture('release.yaml').replace('R-2026-03', 'R-EMPTY');
    await createReleaseFromYaml(stores, other, 'other.yaml', 'rm', '2026-02-01T00:00:00Z');
    const report = await reportReleaseActuals(stores, 'R-EMPTY');
    assert.match(report.actuals.warnings[0]!, /has no deployment and no cost line tagged release=R-EMPTY/);
  });

  it('re-baselines with a reason (audited), keeps the original, and measures variance against both', async () => {
    const auditBefore = (await stores.access.audit.listEntries({})).length;
    const baseline = await rebaselineRelease(
      stores,
      {
        releaseId: 'R-2026-03',
        estimate: NEW_ESTIMATE,
        reason: 'scope grew: 3-D Secure',
        at: '2026-03-06T00:00:00Z',
      },
      ACTOR,
    );
    assert.equal(baseline.version, 2);
    assert.equal(baseline.total, '6000');
    const report = await reportReleaseActuals(stores, 'R-2026-03');
    assert.deepEqual(
      report.baselines.map((b) => [b.version, b.estimate, b.createdBy]),
      [
        [1, '4857.71', null],
        [2, '6000', 'rm'],
      ],
    );
    const known = report.actuals.known;
    assert.equal(report.baselines[1]!.variance, new Decimal(known).minus(6000).toString());
    const audit = await stores.access.audit.listEntries({});
    assert.equal(audit.length, auditBefore + 1);
    assert.equal(audit.at(-1)!.action, 'releases.rebaseline');
    const decisions = await stores.governance.decisions.listDecisions({ kind: 'release.rebaseline' });
    assert.equal(decisions.length, 1);
  });

  it('refuses a re-baseline without a reason, with a broken estimate, or of a closed release, changing nothing', async () => {
    const state = async () =>
      JSON.stringify([
        await stores.governance.releases.listBaselines('R-2026-03'),
        (await stores.access.audit.listEntries({})).length,
      ]);
    const before = await state();
    const attempt =
      (estimate: unknown, reason: string, releaseId = 'R-2026-03') =>
      () =>
        rebaselineRelease(stores, { releaseId, estimate, reason }, ACTOR);
    await expectRefusal(attempt(NEW_ESTIMATE, '   '), 'REBASELINE_NO_REASON', 'usage', /Say why/);
    await expectRefusal(
      attempt({ ...NEW_ESTIMATE, labour: [{ role: 'engineer', hours: '-3' }] }, 'more'),
      'RELEASE_INVALID',
      'usage',
      /labour\.0\.hours: must be a non-negative decimal number\. Nothing was changed/,
    );
    await expectRefusal(
      attempt({ ...NEW_ESTIMATE, labour: [{ role: 'pilot', hours: '3' }] }, 'more'),
      'RATECARD_NO_RATE',
      'not-found',
      /no rate for role 'pilot'/,
    );
    await expectRefusal(
      attempt(NEW_ESTIMATE, 'more', 'R-NOPE'),
      'RELEASE_NOT_FOUND',
      'not-found',
      /no release/,
    );
    await closeRelease(stores, 'R-EMPTY', 'rm', '2026-03-07T00:00:00Z');
    const closedBefore = await stores.governance.releases.listBaselines('R-EMPTY');
    await expectRefusal(attempt(NEW_ESTIMATE, 'more', 'R-EMPTY'), 'RELEASE_CLOSED', 'conflict', /is closed/);
    assert.deepEqual(await stores.governance.releases.listBaselines('R-EMPTY'), closedBefore);
    assert.equal(await state(), before);
  });

  it('costs each environment per hour it existed, from the allocation or the env/environment tag', async () => {
    const report = await reportEnvironmentTco(stores, { from: '2026-03-01', to: '2026-03-11', idleDays: 5 });
    assert.deepEqual(
      report.environments.map((e) => [e.environment, e.currency, e.cost, e.hours, e.costPerHour]),
      [
        ['production', 'EUR', '400', 96, '4.1667'],
        ['production', 'USD', '50', 24, '2.0833'],
        ['staging', 'EUR', '60', 72, '0.8333'],
      ],
    );
    assert.match(
      report.warnings[0]!,
      /^7 EUR of allocated cost is in an unknown environment .* not counted as production/,
    );
    // 2026-03-06..10: production still costs 100 and saw no deployment since 2026-03-05.
    assert.deepEqual(report.idle, [
      {
        service: 'payments',
        environment: 'production',
        currency: 'EUR',
        cost: '100',
        lastDeployment: '2026-03-05T10:30:00.000Z',
      },
    ]);
  });

  it("apportions the CI service's bill to deployments by pipeline minutes, reconciling exactly", async () => {
    const report = await reportCiCost(stores, {
      from: '2026-03-01',
      to: '2026-04-01',
      ciService: 'payments',
    });
    assert.deepEqual(
      report.shares.map((s) => [
        s.currency,
        s.bill,
        s.apportioned,
        s.reconciles,
        s.minutes,
        s.costPerDeployment,
      ]),
      [
        ['EUR', '467', '467', true, '100', '116.75'],
        ['USD', '50', '50', true, '100', '12.5'],
      ],
    );
    assert.deepEqual(
      report.shares[0]!.deployments.map((d) => d.cost),
      ['116.75', '116.75', '116.75', '116.75'],
    );
    assert.equal(report.shares[0]!.pipelines[0]!.service, 'payments');
    assert.notEqual(report.processCostPerDeployment, null);
    const none = await reportCiCost(stores, { from: '2026-03-01', to: '2026-04-01', ciService: 'docs-site' });
    assert.deepEqual(none.shares, []);
    assert.match(none.warnings[0]!, /CI bill is missing, not zero/);
  });

  it('refuses a bad period, idle days or CI service with a clear message', async () => {
    await expectRefusal(
      () =>
        reportCiCost(stores, { from: 'March', to: '2026-04-01', ciService: 'payments' }, { from: '--from' }),
      'DELIVERY_BAD_PERIOD',
      'usage',
      /^--from 'March' is not a date/,
    );
    await expectRefusal(
      () => reportEnvironmentTco(stores, { from: '2026-04-01', to: '2026-03-01', idleDays: 3 }),
      'DELIVERY_BAD_PERIOD',
      'usage',
      /must start before it ends/,
    );
    await expectRefusal(
      () => reportEnvironmentTco(stores, { from: '2026-03-01', to: '2026-04-01', idleDays: 0 }),
      'DELIVERY_BAD_IDLE_DAYS',
      'usage',
      /from 1 to 366/,
    );
    await expectRefusal(
      () => reportCiCost(stores, { from: '2026-03-01', to: '2026-04-01', ciService: 'ghost' }),
      'UNKNOWN_SERVICE',
      'not-found',
      /no service 'ghost'/,
    );
  });
});

describe('computeReleaseActuals (pure)', () => {
  const cost = {
    modelVersion: '1',
    currency: 'EUR',
    pipeline: '0.2',
    environment: '6',
    documentation: '10',
    cabReview: '20',
    execution: '30',
    licences: '0',
    rollbackWork: '0',
    deployment: '66.2',
    total: '66.2',
  };
  const mine = {
    id: 'd1',
    service: 'payments',
    environment: 'production',
    version: 'v2',
    releaseId: 'R1',
    startedAt: '2026-03-03T10:00:00.000Z',
    finishedAt: '2026-03-03T10:30:00.000Z',
    cost,
  };

  it('takes the tagged lines instead of the window when any carry the release or a deployed version', () => {
    const actuals = computeReleaseActuals({
      release: { id: 'R1', services: ['payments'], currency: 'EUR' },
      tagCosts: [
        { currency: 'EUR', release: 'R1', version: null, effectiveCost: '12.5' },
        { currency: 'EUR', release: null, version: 'v2', effectiveCost: '7.5' },
        { currency: 'EUR', release: null, version: 'v9', effectiveCost: '1000' },
        { currency: 'USD', release: 'R1', version: null, effectiveCost: '1000' },
      ],
      deployments: [mine],
      windowDeployments: [mine],
      allocated: [
        { service: 'payments', environment: 'production', day: '2026-03-03', currency: 'EUR', cost: '999' },
      ],
      timeEntries: [],
    });
    assert.equal(actuals.cloudMethod, 'tags');
    const cloud = actuals.parts.find((p) => p.part === 'cloud')!;
    assert.equal(cloud.amount, '20');
    assert.deepEqual(
      cloud.sources.map((s) => s.costs?.filters),
      [['tag:release=R1'], ['tag:version=v2']],
    );
    // The model's environment hours (6) are not added: environments are in the bill.
    assert.equal(actuals.parts.find((p) => p.part === 'deploymentProcess')!.amount, '60');
    assert.equal(actuals.known, '80.2');
    assert.equal(actuals.complete, false);
    // The 1000 USD tagged release=R1 is not counted in the EUR release, and it says so.
    assert.deepEqual(
      actuals.warnings.filter((w) => w.includes('tagged')),
      [
        "1000 USD of cost lines tagged release=R1 (or a version deployed in it) is billed in USD, not the release's EUR, and is not counted: tagged cost is summed over its days, so it has no day to convert at.",
      ],
    );
  });

  it('rounds a window share to the cent, half to even', () => {
    const other = { ...mine, id: 'd2', releaseId: undefined };
    const third = { ...mine, id: 'd3', releaseId: undefined };
    const actuals = computeReleaseActuals({
      release: { id: 'R1', services: ['payments'], currency: 'EUR' },
      tagCosts: [],
      deployments: [mine],
      windowDeployments: [mine, other, third],
      allocated: [
        { service: 'payments', environment: 'production', day: '2026-03-03', currency: 'EUR', cost: '100' },
      ],
      timeEntries: [],
    });
    assert.equal(actuals.parts[0]!.amount, '33.33');
  });
});

describe('apportionCiBill (pure)', () => {
  const deployment = (id: string, minutes: string) => ({
    id,
    service: id.startsWith('a') ? 'api' : 'web',
    environment: 'prod',
    outcome: (id.endsWith('r') ? 'rolled_back' : 'succeeded') as 'succeeded' | 'rolled_back',
    pipelineMinutes: minutes,
    processCost: '10',
    processCurrency: 'EUR',
  });

  it('splits 10 across three equal pipelines as 3.3333333333333334, ...3333, ...3333 and sums back exactly', () => {
    const report = apportionCiBill(
      [{ currency: 'EUR', amount: '10' }],
      [deployment('a1', '5'), deployment('a2r', '5'), deployment('w1', '5')],
    );
    const share = report.shares[0]!;
    assert.deepEqual(
      share.deployments.map((d) => d.cost),
      ['3.3333333333333334', '3.3333333333333333', '3.3333333333333333'],
    );
    assert.equal(share.reconciles, true);
    assert.equal(share.costPerRollback, '3.3333');
    assert.deepEqual(
      share.pipelines.map((p) => [p.service, p.deployments, p.cost]),
      [
        ['api', 2, '6.6666666666666667'],
        ['web', 1, '3.3333333333333333'],
      ],
    );
  });

  it('reconciles to the last decimal for any bill and minutes (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: 0n, max: 10n ** 24n }),
        fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 1, maxLength: 30 }),
        (units, minutes) => {
          fc.pre(minutes.some((m) => m > 0));
          const amount = new Decimal(units.toString()).dividedBy('1e16').toString();
          const report = apportionCiBill(
            [{ currency: 'EUR', amount }],
            minutes.map((m, i) => deployment(`a${i}`, (m / 10).toString())),
          );
          return report.shares[0]!.reconciles;
        },
      ),
      { numRuns: 200 },
    );
  });

  it('leaves a bill with no minutes unapportioned and says so', () => {
    const report = apportionCiBill([{ currency: 'EUR', amount: '99' }], [deployment('a1', '0')]);
    assert.equal(report.shares[0]!.apportioned, null);
    assert.match(report.warnings[0]!, /^99 EUR of CI cost has no pipeline minutes/);
  });
});
