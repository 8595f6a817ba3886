import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { DeploymentCost } from '../../src/core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../../src/core/governance/deployments/deployment-record.js';
import { sumReleaseCloudCost } from '../../src/core/governance/releases/release-cloud-cost.js';
import type { Release } from '../../src/core/governance/releases/release-model.js';
import type { Stores } from '../../src/ports/stores.js';
import { makePolicy } from '../governance/governance-fixtures.js';

/** One cost line to seed, with what the governance and forecast queries read of it. */
export interface SeedLine {
  /** Charge day, YYYY-MM-DD; the billing period is its month. */
  day: string;
  currency: string;
  service: string;
  billed: string;
  effective: string;
  chargeFrequency: string | null;
  tags: Record<string, string> | null;
}

/** The stores these contracts exercise, over one fresh database, plus a way to seed cost lines. */
export type ContractStores = Pick<
  Stores,
  'governance' | 'budgets' | 'forecasts' | 'alerts' | 'access' | 'transaction' | 'close'
> & {
  seedCostLines(lines: SeedLine[]): Promise<void>;
};

export type ContractFactory = () => Promise<ContractStores>;

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export async function withStores<T>(open: ContractFactory, work: (s: ContractStores) => Promise<T>) {
  const stores = await open();
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

/** A deployment's cost, with more places than a float keeps. */
export const COST: DeploymentCost = {
  modelVersion: 'cpd-1',
  currency: 'EUR',
  pipeline: '0.096',
  environment: '3',
  documentation: '20',
  cabReview: '0',
  execution: '50',
  licences: '5',
  rollbackWork: '0',
  deployment: '78.096',
  total: '78.0960000000001',
};

/** A deployment of payments to production recorded by the CLI, under delivery key cli:<id>. */
export function deployment(id: string, overrides: Partial<DeploymentRecord> = {}): DeploymentRecord {
  return {
    id,
    deliveryKey: `cli:${id}`,
    source: 'cli',
    service: 'payments',
    version: '1.0.0',
    environment: 'production',
    startedAt: '2026-03-02T10:00:00.000Z',
    finishedAt: '2026-03-02T10:12:00.000Z',
    outcome: 'succeeded',
    changeType: 'standard',
    triggeredBy: 'olivia',
    pipelineMinutes: '12.5',
    ...overrides,
  };
}

function release(id: string, plannedDate: string, budget?: string): Release {
  return {
    id,
    name: `Release ${id}`,
    services: ['payments', 'docs-site'],
    status: 'open',
    currency: 'EUR',
    budget,
    plannedDate,
    costOfDelayPerWeek: '1500.0000000001',
    spendClass: 'opex',
    spendReason: 'maintenance',
    estimate: {
      labour: [{ role: 'engineer', hours: '40' }],
      licences: [],
      environments: [],
      environmentRates: {},
      contingency: { percent: '10' },
    },
    createdAt: '2026-02-01T09:00:00.000Z',
  };
}

/** The contract every adapter of the governance stores keeps (same values and order on each engine). */
export function runGovernanceStoresContract(adapter: string, open: ContractFactory): void {
  describe(`GovernanceStores contract: ${adapter}`, () => {
    it('keeps every rate card as a version; the newest is current, entries exact and in role order', () =>
      withStores(open, async (s) => {
        assert.equal(await s.governance.rateCards.currentRateCard(), undefined);
        const first = await s.governance.rateCards.saveRateCard(
          {
            entries: [{ role: 'engineer', hourlyRate: '100', currency: 'EUR', effectiveFrom: '2026-01-01' }],
          },
          'alice',
          '/etc/rates-1.yaml',
        );
        const second = await s.governance.rateCards.saveRateCard(
          {
            entries: [
              {
                role: 'engineer',
                hourlyRate: '110.123456789012',
                currency: 'EUR',
                effectiveFrom: '2026-07-01',
              },
              {
                role: 'engineer',
                hourlyRate: '105',
                currency: 'EUR',
                effectiveFrom: '2026-01-01',
                effectiveTo: '2026-06-30',
              },
              { role: 'cab-member', hourlyRate: '0.5', currency: 'EUR', effectiveFrom: '2026-01-01' },
            ],
          },
          'bob',
          '/etc/rates-2.yaml',
        );
        assert.deepEqual([first, second], [1, 2]);
        const current = await s.governance.rateCards.currentRateCard();
        assert.equal(current?.version, 2);
        assert.equal(current?.appliedBy, 'bob');
        assert.equal(current?.sourcePath, '/etc/rates-2.yaml');
        assert.match(current?.appliedAt ?? '', ISO_MS);
        assert.deepEqual(current?.card.entries, [
          {
            role: 'cab-member',
            hourlyRate: '0.5',
            currency: 'EUR',
            effectiveFrom: '2026-01-01',
            effectiveTo: undefined,
          },
          {
            role: 'engineer',
            hourlyRate: '105',
            currency: 'EUR',
            effectiveFrom: '2026-01-01',
            effectiveTo: '2026-06-30',
          },
          {
            role: 'engineer',
            hourlyRate: '110.123456789012',
            currency: 'EUR',
            effectiveFrom: '2026-07-01',
            effectiveTo: undefined,
          },
        ]);
      }));

    it('keeps every governance policy as a version and reads the newest back parsed', () =>
      withStores(open, async (s) => {
        assert.equal(await s.governance.currentPolicy(), undefined);
        const policy = makePolicy();
        assert.equal(await s.governance.savePolicy(policy, 'alice', 'governance.yaml'), 1);
        const changed = makePolicy((d) => ({ ...d, version: '2026.2' }));
        assert.equal(await s.governance.savePolicy(changed, 'bob', 'governance-2.yaml'), 2);
        const current = await s.governance.currentPolicy();
        assert.equal(current?.version, 2);
        assert.equal(current?.appliedBy, 'bob');
        assert.match(current?.appliedAt ?? '', ISO_MS);
        assert.deepEqual(current?.policy, changed);
      }));

    it('stores releases with exact money, lists them by planned date, closes them and keeps their time', () =>
      withStores(open, async (s) => {
        await s.governance.releases.insertRelease(release('R-2', '2026-05-01', '25000.5'));
        await s.governance.releases.insertRelease(release('R-1', '2026-04-01'));
        await s.governance.releases.insertRelease(release('R-0', '2026-05-01', '1')); // same date: by id
        assert.deepEqual(
          (await s.governance.releases.listReleases()).map((r) => r.id),
          ['R-1', 'R-0', 'R-2'],
        );
        const r2 = await s.governance.releases.getRelease('R-2');
        assert.deepEqual(r2, { ...release('R-2', '2026-05-01', '25000.5'), closedAt: undefined });
        assert.equal((await s.governance.releases.getRelease('R-1'))?.budget, undefined);
        assert.equal(await s.governance.releases.getRelease('R-9'), undefined);
        assert.equal(await s.governance.releases.getReleaseClosing('R-2'), undefined);

        await s.governance.releases.closeRelease('R-2', '2026-05-03T12:00:00Z', {
          actual: '24999.9999999999',
        });
        const closed = await s.governance.releases.getRelease('R-2');
        assert.equal(closed?.status, 'closed');
        assert.equal(closed?.closedAt, '2026-05-03T12:00:00.000Z');
        assert.deepEqual(await s.governance.releases.getReleaseClosing('R-2'), {
          actual: '24999.9999999999',
        });

        const entry = (date: string, person: string, hours: string, amount: string, note?: string) => ({
          releaseId: 'R-2',
          person,
          role: 'engineer',
          hours,
          date,
          hourlyRate: '100.5',
          amount,
          note,
        });
        await s.governance.releases.insertTimeEntry(entry('2026-04-10', 'sam', '1.25', '125.625'));
        await s.governance.releases.insertTimeEntry(entry('2026-04-02', 'olivia', '8', '804', 'kick-off'));
        await s.governance.releases.insertTimeEntry(entry('2026-04-10', 'ann', '2', '201'));
        assert.deepEqual(await s.governance.releases.listTimeEntries('R-2'), [
          entry('2026-04-02', 'olivia', '8', '804', 'kick-off'),
          entry('2026-04-10', 'sam', '1.25', '125.625'),
          entry('2026-04-10', 'ann', '2', '201'),
        ]);
        assert.deepEqual(await s.governance.releases.listTimeEntries('R-1'), []);
        // Logged in one transaction (one logged_at): still in the order logged.
        const sameDay = ['zoe', 'adam', 'mia', 'bo'].map((person) => ({
          ...entry('2026-04-20', person, '1', '100.5'),
          releaseId: 'R-1',
        }));
        await s.transaction(async () => {
          for (const logged of sameDay) await s.governance.releases.insertTimeEntry(logged);
        });
        assert.deepEqual(await s.governance.releases.listTimeEntries('R-1'), sameDay);
      }));

    it("keeps a release's re-baselined estimates by version, money exact, and refuses a version twice", () =>
      withStores(open, async (s) => {
        await s.governance.releases.insertRelease(release('R-1', '2026-04-01'));
        const baseline = (version: number, total: string) => ({
          releaseId: 'R-1',
          version,
          estimate: {
            labour: [{ role: 'engineer', hours: '12.5' }],
            licences: [],
            environments: [],
            environmentRates: {},
          },
          total,
          reason: `scope change ${version}`,
          createdAt: '2026-03-01T10:00:00.123Z',
          createdBy: 'user:rm',
        });
        assert.deepEqual(await s.governance.releases.listBaselines('R-1'), []);
        await s.governance.releases.insertBaseline(baseline(3, '1.0000000000000001'));
        await s.governance.releases.insertBaseline(baseline(2, '25000.5'));
        assert.deepEqual(await s.governance.releases.listBaselines('R-1'), [
          baseline(2, '25000.5'),
          baseline(3, '1.0000000000000001'),
        ]);
        await assert.rejects(() => s.governance.releases.insertBaseline(baseline(2, '9')));
        assert.deepEqual(await s.governance.releases.listBaselines('R-9'), []);
      }));

    it('records deployments once per delivery key, with their cost, and lists them by finish time with filters', () =>
      withStores(open, async (s) => {
        const ids = [
          await s.governance.deployments.nextDeploymentId(),
          await s.governance.deployments.nextDeploymentId(),
          await s.governance.deployments.nextDeploymentId(),
        ];
        assert.deepEqual(ids, ['DEP-1', 'DEP-2', 'DEP-3']);
        const late = deployment('DEP-1', {
          finishedAt: '2026-03-05T08:00:00.000Z',
          commitSha: 'abc123',
          committedAt: '2026-03-01T17:30:00.250Z',
          releaseId: 'R-1',
          changeRequestId: 'CHG-1',
          pipelineRun: 'run-7',
          source: 'github',
        });
        const early = deployment('DEP-2', { environment: 'staging', outcome: 'rolled_back' });
        const docs = deployment('DEP-3', { service: 'docs-site', finishedAt: '2026-03-04T00:00:00.000Z' });
        for (const record of [late, early, docs])
          await s.governance.deployments.insertDeployment(record, COST);

        const found = await s.governance.deployments.findDeploymentByDeliveryKey('cli:DEP-1');
        assert.deepEqual(found, { ...late, cost: COST });
        assert.equal(await s.governance.deployments.findDeploymentByDeliveryKey('cli:none'), undefined);
        assert.deepEqual(await s.governance.deployments.getDeployment('DEP-2'), {
          ...early,
          commitSha: undefined,
          committedAt: undefined,
          pipelineRun: undefined,
          releaseId: undefined,
          changeRequestId: undefined,
          cost: COST,
        });
        await assert.rejects(() =>
          s.governance.deployments.insertDeployment(
            { ...deployment('DEP-9'), deliveryKey: 'cli:DEP-1' },
            COST,
          ),
        );

        const list = async (filter = {}) =>
          (await s.governance.deployments.listDeployments(filter)).map((d) => d.id);
        assert.deepEqual(await list(), ['DEP-2', 'DEP-3', 'DEP-1']);
        assert.deepEqual(await list({ service: 'payments' }), ['DEP-2', 'DEP-1']);
        assert.deepEqual(await list({ environment: 'staging' }), ['DEP-2']);
        assert.deepEqual(await list({ releaseId: 'R-1' }), ['DEP-1']);
        assert.deepEqual(await list({ from: '2026-03-04T00:00:00Z' }), ['DEP-3', 'DEP-1']);
        assert.deepEqual(await list({ to: '2026-03-04T00:00:00Z' }), ['DEP-2']);
        assert.deepEqual(await list({ service: 'nope' }), []);
      }));

    it('records a batch of deployments as one by one, with ids drawn in order and recorded keys found', () =>
      withStores(open, async (s) => {
        const d = s.governance.deployments;
        assert.deepEqual(await d.nextDeploymentIds(0), []);
        assert.equal(await d.nextDeploymentId(), 'DEP-1');
        const ids = await d.nextDeploymentIds(12);
        assert.deepEqual(
          ids,
          Array.from({ length: 12 }, (_, index) => `DEP-${index + 2}`),
        );
        assert.equal(await d.nextDeploymentId(), 'DEP-14');

        const single = deployment('DEP-1', { deliveryKey: 'github:1' });
        await d.insertDeployment(single, COST);
        const batch = ids.map((id, index) =>
          deployment(id, {
            deliveryKey: `github:${index + 2}`,
            finishedAt: `2026-03-02T11:${String(index).padStart(2, '0')}:00.${String(index).padStart(3, '0')}Z`,
            pipelineMinutes: `${index}.0000000000000001`,
            ...(index % 2
              ? {
                  commitSha: `sha-${index}`,
                  committedAt: '2026-03-01T17:30:00.250Z',
                  releaseId: 'R-1',
                  changeRequestId: `CHG-${index}`,
                  pipelineRun: `it's "run" ${index}`,
                  source: 'github' as const,
                  outcome: 'failed' as const,
                }
              : {}),
          }),
        );
        await d.insertDeployments([]);
        await d.insertDeployments(batch.map((record) => ({ record, cost: COST })));
        const stored = (record: DeploymentRecord) => ({
          commitSha: undefined,
          committedAt: undefined,
          pipelineRun: undefined,
          releaseId: undefined,
          changeRequestId: undefined,
          ...record,
          cost: COST,
        });
        assert.deepEqual(await d.listDeployments(), [single, ...batch].map(stored));
        assert.deepEqual(
          (await d.listDeployments({ releaseId: 'R-1' })).map((x) => x.id),
          ids.filter((_, index) => index % 2),
        );

        assert.deepEqual(await d.findDeploymentIdsByDeliveryKeys([]), new Map());
        const found = await s.transaction(() =>
          d.findDeploymentIdsByDeliveryKeys(['github:3', 'github:none', 'github:1', 'github:3']),
        );
        assert.deepEqual(
          found,
          new Map([
            ['github:1', 'DEP-1'],
            ['github:3', 'DEP-3'],
          ]),
        );
        // A batch holding a recorded delivery key fails whole.
        await assert.rejects(() =>
          d.insertDeployments([
            { record: deployment('DEP-20', { deliveryKey: 'github:20' }), cost: COST },
            { record: deployment('DEP-21', { deliveryKey: 'github:1' }), cost: COST },
          ]),
        );
        assert.equal(await d.getDeployment('DEP-20'), undefined);
        assert.equal((await d.listDeployments()).length, 13);
      }));

    it('records incidents once per delivery key and lists them by start, optionally of one service', () =>
      withStores(open, async (s) => {
        assert.equal(await s.governance.incidents.nextIncidentId(), 'INC-1');
        assert.equal(await s.governance.incidents.nextIncidentId(), 'INC-2');
        const incident = (id: string, service: string, startedAt: string, resolvedAt?: string) => ({
          id,
          deliveryKey: `pd:${id}`,
          source: 'pagerduty',
          service,
          environment: 'production',
          title: `Outage ${id}`,
          severity: 'sev1',
          startedAt,
          resolvedAt,
          deploymentId: resolvedAt ? 'DEP-1' : undefined,
          // What an incident cost travels with it; an incident without leaves each one absent.
          detectedAt: resolvedAt ? '2026-03-02T11:20:00.000Z' : undefined,
          affectedServices: resolvedAt ? ['checkout', 'docs-site'] : undefined,
          responders: resolvedAt
            ? [
                { role: 'sre', hours: '2.5' },
                { role: 'engineer', hours: '1' },
              ]
            : undefined,
          slaCredits: resolvedAt ? '1250.1234567890123456' : undefined,
        });
        await s.governance.incidents.insertIncident(
          incident('INC-2', 'payments', '2026-03-02T11:00:00.000Z', '2026-03-02T12:30:00.000Z'),
        );
        await s.governance.incidents.insertIncident(
          incident('INC-1', 'docs-site', '2026-03-01T00:00:00.000Z'),
        );
        assert.deepEqual(
          await s.governance.incidents.findIncidentByDeliveryKey('pd:INC-2'),
          incident('INC-2', 'payments', '2026-03-02T11:00:00.000Z', '2026-03-02T12:30:00.000Z'),
        );
        assert.equal(await s.governance.incidents.findIncidentByDeliveryKey('pd:none'), undefined);
        assert.deepEqual(
          await s.governance.incidents.getIncident('INC-1'),
          incident('INC-1', 'docs-site', '2026-03-01T00:00:00.000Z'),
        );
        await assert.rejects(() =>
          s.governance.incidents.insertIncident({
            ...incident('INC-3', 'payments', '2026-03-03T00:00:00.000Z'),
            deliveryKey: 'pd:INC-1',
          }),
        );
        assert.deepEqual(
          (await s.governance.incidents.listIncidents()).map((i) => i.id),
          ['INC-1', 'INC-2'],
        );
        assert.deepEqual(
          (await s.governance.incidents.listIncidents({ service: 'payments' })).map((i) => i.id),
          ['INC-2'],
        );
      }));

    it('keeps change requests, one approval per approver and kind, freezes and break-glass records', () =>
      withStores(open, async (s) => {
        const c = s.governance.changes;
        assert.deepEqual(
          [
            await c.nextChangeId(),
            await c.nextChangeId(),
            await c.nextFreezeId(),
            await c.nextBreakGlassId(),
          ],
          ['CHG-1', 'CHG-2', 'FRZ-1', 'BG-1'],
        );
        const change = (id: string, createdAt: string, environment = 'production') => ({
          id,
          service: 'payments',
          environment,
          changeType: 'normal' as const,
          requestedBy: 'olivia',
          estimatedCost: '4999.9999999999999',
          status: 'open' as const,
          createdAt,
          readyAt: createdAt,
        });
        const justified = {
          ...change('CHG-2', '2026-03-01T09:00:00.000Z', 'staging'),
          releaseId: 'R-1',
          version: '2.0.0',
          justification: { reason: 'hotfix', expediteCost: '100', costOfDelayPerWeek: '900.5' },
        };
        await c.insertChange(change('CHG-1', '2026-03-02T09:00:00.000Z'));
        await c.insertChange(justified);
        assert.deepEqual(await c.getChange('CHG-2'), { ...justified, closedAt: undefined });
        assert.equal(await c.getChange('CHG-9'), undefined);
        assert.deepEqual(
          (await c.listChanges()).map((x) => x.id),
          ['CHG-2', 'CHG-1'],
        );
        assert.deepEqual(
          (await c.listChanges({ environment: 'production' })).map((x) => x.id),
          ['CHG-1'],
        );
        assert.deepEqual(
          (await c.listChanges({ releaseId: 'R-1', status: 'open' })).map((x) => x.id),
          ['CHG-2'],
        );
        await c.setChangeStatus('CHG-1', 'closed', '2026-03-03T10:00:00Z');
        const closed = await c.getChange('CHG-1');
        assert.equal(closed?.status, 'closed');
        assert.equal(closed?.closedAt, '2026-03-03T10:00:00.000Z');
        assert.deepEqual(
          (await c.listChanges({ status: 'open' })).map((x) => x.id),
          ['CHG-2'],
        );

        const approval = (approver: string, at: string, kind: 'approval' | 'sign-off' = 'approval') => ({
          changeId: 'CHG-1',
          approver,
          role: 'cab',
          kind,
          decision: 'approve' as const,
          comment: approver === 'carl' ? 'fine' : undefined,
          at,
        });
        await c.insertApproval(approval('chen', '2026-03-02T10:00:00.000Z'));
        await c.insertApproval(approval('carl', '2026-03-02T10:00:00.000Z'));
        await c.insertApproval(approval('cathy', '2026-03-02T09:00:00.000Z'));
        await c.insertApproval(approval('chen', '2026-03-02T11:00:00.000Z', 'sign-off'));
        await assert.rejects(() => c.insertApproval(approval('chen', '2026-03-02T12:00:00.000Z')));
        assert.deepEqual(await c.listApprovals('CHG-1'), [
          approval('cathy', '2026-03-02T09:00:00.000Z'),
          approval('carl', '2026-03-02T10:00:00.000Z'),
          approval('chen', '2026-03-02T10:00:00.000Z'),
          approval('chen', '2026-03-02T11:00:00.000Z', 'sign-off'),
        ]);
        // The batch reads answer what the one-at-a-time reads answer, for every id that exists.
        assert.deepEqual((await c.getChanges(['CHG-2', 'CHG-404', 'CHG-1'])).map((x) => x.id).sort(), [
          'CHG-1',
          'CHG-2',
        ]);
        assert.deepEqual(await c.getChanges([]), []);
        assert.deepEqual(await c.getChanges(['CHG-1']), [await c.getChange('CHG-1')]);
        assert.deepEqual(await c.listApprovalsOfChanges(['CHG-1', 'CHG-2']), await c.listApprovals('CHG-1'));
        assert.deepEqual(await c.listApprovalsOfChanges(['CHG-2']), []);

        // Post-implementation reviews: one per change, replaced whole, money exact, a missing actual null.
        const r = s.governance.reviews;
        const review = {
          changeId: 'CHG-1',
          outcome: 'failed' as const,
          reviewedAt: '2026-03-05T09:00:00.000Z',
          reviewer: 'rita',
          lessons: 'canary first',
          incidents: ['INC-1'],
          cost: {
            currency: 'EUR',
            changeEstimate: '1200.1234567890123456',
            releaseId: 'R-1',
            releaseEstimate: '5000',
            releaseActual: null,
            actualNote: 'no cloud cost yet',
          },
          recordedAt: '2026-03-05T10:00:00.000Z',
          updatedAt: '2026-03-05T10:00:00.000Z',
        };
        assert.equal(await r.getReview('CHG-1'), undefined);
        await r.saveReview(review);
        assert.deepEqual(await r.getReview('CHG-1'), review);
        const replaced = {
          ...review,
          outcome: 'successful' as const,
          incidents: [],
          cost: { ...review.cost, releaseActual: '4999.5', actualNote: null },
          updatedAt: '2026-03-06T10:00:00.000Z',
        };
        await r.saveReview(replaced);
        assert.deepEqual(await r.listReviews(), [replaced]);

        const freeze = {
          id: 'FRZ-1',
          environment: '*',
          from: '2026-12-20T00:00:00.000Z',
          until: '2027-01-02T00:00:00.000Z',
          reason: 'year end',
          createdBy: 'eve',
          createdAt: '2026-03-01T00:00:00.000Z',
        };
        const weekly = {
          id: 'FRZ-2',
          environment: 'production',
          cron: '* 16-23 * * 5',
          reason: 'no deploys after 16:00 Berlin time on Fridays',
          createdBy: 'eve',
          createdAt: '2026-02-01T00:00:00.000Z',
          timeZone: 'Europe/Berlin',
        };
        await c.insertFreeze(freeze);
        await c.insertFreeze(weekly);
        assert.deepEqual(await c.listFreezes(), [
          { ...weekly, from: undefined, until: undefined },
          { ...freeze, cron: undefined, timeZone: undefined },
        ]);
        const glass = {
          id: 'BG-1',
          environment: 'production',
          by: 'olivia',
          reason: 'payments down',
          from: '2026-12-24T10:00:00.000Z',
          until: '2026-12-24T14:00:00.000Z',
          createdAt: '2026-12-24T10:00:00.000Z',
        };
        await c.insertBreakGlass(glass);
        await c.insertBreakGlass({
          ...glass,
          id: 'BG-2',
          service: 'payments',
          createdAt: '2026-12-24T09:00:00.000Z',
        });
        assert.deepEqual(
          (await c.listBreakGlass()).map((b) => [b.id, b.service]),
          [
            ['BG-2', 'payments'],
            ['BG-1', undefined],
          ],
        );
      }));

    it('appends decisions in order and reads them back whole, filtered by kind and subject', () =>
      withStores(open, async (s) => {
        const log = s.governance.decisions;
        const seqs: number[] = [];
        for (const [index, kind] of ['gate', 'approval', 'gate', 'policy.apply'].entries()) {
          seqs.push(
            await log.appendDecision({
              kind,
              subject: index < 2 ? 'CHG-1' : 'CHG-2',
              actor: `person-${index}`,
              decision: index % 2 ? 'allow' : 'deny',
              inputs: { index, amount: '12.3456789012345678', nested: { b: 1, a: [true, null] } },
              result: index === 3 ? null : { reasons: [`r${index}`] },
              at: index === 1 ? '2026-03-02T10:00:00.123Z' : undefined,
            }),
          );
        }
        assert.ok(
          seqs.every((seq, index) => index === 0 || seq > seqs[index - 1]!),
          'sequence numbers only grow',
        );
        const all = await log.listDecisions();
        assert.deepEqual(
          all.map((d) => [d.seq, d.kind, d.subject]),
          [
            [seqs[0], 'gate', 'CHG-1'],
            [seqs[1], 'approval', 'CHG-1'],
            [seqs[2], 'gate', 'CHG-2'],
            [seqs[3], 'policy.apply', 'CHG-2'],
          ],
        );
        assert.equal(all[1]?.at, '2026-03-02T10:00:00.123Z');
        assert.match(all[0]?.at ?? '', ISO_MS);
        assert.deepEqual(all[0]?.inputs, {
          index: 0,
          amount: '12.3456789012345678',
          nested: { b: 1, a: [true, null] },
        });
        assert.equal(all[3]?.result, null);
        assert.deepEqual(
          (await log.listDecisions({ kind: 'gate' })).map((d) => d.seq),
          [seqs[0], seqs[2]],
        );
        assert.deepEqual(
          (await log.listDecisions({ kind: 'gate', subject: 'CHG-2' })).map((d) => d.seq),
          [seqs[2]],
        );
        assert.deepEqual(await log.listDecisions({ subject: 'CHG-9' }), []);
        // Pages: at most `limit` entries after `afterSeq`, in order, with the other filters.
        assert.deepEqual(
          (await log.listDecisions({ limit: 2 })).map((d) => d.seq),
          [seqs[0], seqs[1]],
        );
        assert.deepEqual(
          (await log.listDecisions({ afterSeq: seqs[1], limit: 2 })).map((d) => d.seq),
          [seqs[2], seqs[3]],
        );
        assert.deepEqual(
          (await log.listDecisions({ kind: 'gate', afterSeq: seqs[0] })).map((d) => d.seq),
          [seqs[2]],
        );
        assert.deepEqual(await log.listDecisions({ afterSeq: seqs[3] }), []);
      }));

    it('lists gate decisions by the moment asked about and the change named, results only, in order', () =>
      withStores(open, async (s) => {
        const log = s.governance.decisions;
        const gate = (at: string, changeId: string | null) => ({
          kind: 'gate',
          subject: 'payments/production',
          actor: 'ci',
          decision: 'allow',
          inputs: { policy: 'every input', at },
          result: { decision: 'allow', service: 'payments', environment: 'production', at, changeId },
        });
        // Logged now, asked about March: the period is the asked moment's, not the log's.
        const one = await log.appendDecision(gate('2026-03-01T23:59:59.999Z', 'CHG-1'));
        const [two, three] = await log.appendDecisions([
          gate('2026-03-02T00:00:00.000Z', 'CHG-2'),
          gate('2026-03-02T09:30:00.000Z', null),
        ]);
        const four = await log.appendDecision(gate('2026-03-03T00:00:00.000Z', 'CHG-1'));
        // Not a gate decision, though its result names a moment and a change in the period.
        await log.appendDecision({
          ...gate('2026-03-02T12:00:00.000Z', 'CHG-2'),
          kind: 'change.approve',
          at: '2026-03-02T12:00:00.000Z',
        });
        const seqs = async (filter: Parameters<typeof log.listGateDecisions>[0]) =>
          (await log.listGateDecisions(filter)).map((entry) => entry.seq);
        assert.deepEqual(await seqs({}), [one, two, three, four]);
        // [from, to): the start included to the millisecond, the end excluded; bounds in any ISO form.
        assert.deepEqual(await seqs({ from: '2026-03-02', to: '2026-03-03T00:00:00Z' }), [two, three]);
        assert.deepEqual(await seqs({ from: '2026-03-01T23:59:59.999Z', to: '2026-03-02T00:00:00Z' }), [one]);
        assert.deepEqual(await seqs({ from: '2026-03-02T09:30:00.001Z' }), [four]);
        assert.deepEqual(await seqs({ to: '2026-03-02T00:00:00.000Z' }), [one]);
        assert.deepEqual(await seqs({ from: '2026-04-01' }), []);
        // By change, with the period too; a change asked about never, or no changes, lists none.
        assert.deepEqual(await seqs({ changeIds: ['CHG-1', 'CHG-9'] }), [one, four]);
        assert.deepEqual(await seqs({ changeIds: ['CHG-1', 'CHG-2'], from: '2026-03-02' }), [two, four]);
        assert.deepEqual(await seqs({ changeIds: ['CHG-9'] }), []);
        assert.deepEqual(await seqs({ changeIds: [] }), []);
        const [first] = await log.listGateDecisions({ changeIds: ['CHG-2'] });
        assert.deepEqual(first, {
          seq: two,
          decision: {
            decision: 'allow',
            service: 'payments',
            environment: 'production',
            at: '2026-03-02T00:00:00.000Z',
            changeId: 'CHG-2',
          },
        });
      }));

    it('appends a batch of decisions numbered in the order given, after single ones', () =>
      withStores(open, async (s) => {
        const log = s.governance.decisions;
        const single = await log.appendDecision({
          kind: 'gate',
          subject: 'a/production',
          actor: 'x',
          decision: 'allow',
          inputs: {},
          result: {},
        });
        const batch = await log.appendDecisions(
          Array.from({ length: 12 }, (_, index) => ({
            kind: 'gate',
            subject: `s${index}/production`,
            actor: `actor-${index}`,
            decision: index % 3 ? 'allow' : 'deny',
            inputs: { index, z: 1, a: '0.1' },
            result: { index },
          })),
        );
        assert.equal(batch.length, 12);
        assert.ok(batch[0]! > single);
        const listed = await log.listDecisions();
        assert.deepEqual(
          listed.map((d) => d.seq),
          [single, ...batch],
        );
        assert.deepEqual(
          listed.slice(1).map((d) => [d.subject, d.inputs]),
          Array.from({ length: 12 }, (_, index) => [`s${index}/production`, { index, z: 1, a: '0.1' }]),
        );
        assert.match(listed[5]?.at ?? '', ISO_MS);
        assert.deepEqual(await log.appendDecisions([]), []);
      }));

    it('keeps text exactly and instants to the millisecond, as written', () =>
      withStores(open, async (s) => {
        const awkward = `it's "quoted" \\ back\nslash, ünïcödé 💸, $1 $name ?`;
        await s.governance.decisions.appendDecision({
          kind: 'gate',
          subject: awkward,
          actor: awkward,
          decision: 'deny',
          inputs: { text: awkward, control: '\u0000\u001f' },
          result: [awkward],
          at: '2026-03-02T10:00:00.123956Z',
        });
        const [decision] = await s.governance.decisions.listDecisions({ subject: awkward });
        assert.equal(decision?.actor, awkward);
        assert.deepEqual(decision?.inputs, { text: awkward, control: '\u0000\u001f' });
        assert.deepEqual(decision?.result, [awkward]);
        assert.equal(decision?.at, '2026-03-02T10:00:00.123Z', 'truncated to the millisecond');
      }));

    it('leaves no decision behind when the transaction that appended it fails', () =>
      withStores(open, async (s) => {
        await s.governance.decisions.appendDecision({
          kind: 'gate',
          subject: 'CHG-1',
          actor: 'a',
          decision: 'allow',
          inputs: {},
          result: {},
        });
        await assert.rejects(
          s.transaction(async () => {
            await s.governance.decisions.appendDecision({
              kind: 'gate',
              subject: 'CHG-2',
              actor: 'a',
              decision: 'allow',
              inputs: {},
              result: {},
            });
            throw new Error('the use case failed');
          }),
          /the use case failed/,
        );
        assert.deepEqual(
          (await s.governance.decisions.listDecisions()).map((d) => d.subject),
          ['CHG-1'],
        );
      }));

    it("sums the effective cost of lines tagged with a release or one of its versions, exactly, in the release's currency", () =>
      withStores(open, async (s) => {
        const releaseCloudCost = async (id: string, versions: string[], currency: string) =>
          sumReleaseCloudCost(await s.governance.releaseTagCosts(), id, versions, currency);
        assert.deepEqual(await s.governance.releaseTagCosts(), []);
        const line = (effective: string, tags: Record<string, string> | null, currency = 'EUR') => ({
          day: '2026-03-02',
          currency,
          service: 'EC2',
          billed: effective,
          effective,
          chargeFrequency: 'Usage-Based',
          tags,
        });
        await s.seedCostLines([
          line('10.0000000000000001', { release: 'R-1' }),
          line('0.1', { version: '1.0.0', team: 'payments' }),
          line('0.2', { version: '1.1.0' }),
          line('5', { release: 'R-1' }, 'USD'),
          line('7', { release: 'R-2', version: '0.9.0' }),
          line('1000', null),
          line('-0.05', { release: 'R-1', version: '1.0.0' }),
        ]);
        assert.equal(await releaseCloudCost('R-1', ['1.0.0'], 'EUR'), '10.0500000000000001');
        assert.equal(await releaseCloudCost('R-1', ['1.0.0', '1.1.0'], 'EUR'), '10.2500000000000001');
        assert.equal(await releaseCloudCost('R-1', [], 'USD'), '5');
        assert.equal(await releaseCloudCost('R-3', ['0.9.0'], 'EUR'), '7');
        assert.equal(await releaseCloudCost('R-3', [], 'EUR'), '0');
        // One group per (currency, release, version), in a fixed order, on every engine.
        assert.deepEqual(await s.governance.releaseTagCosts(), [
          { currency: 'EUR', release: 'R-1', version: '1.0.0', effectiveCost: '-0.05' },
          { currency: 'EUR', release: 'R-1', version: null, effectiveCost: '10.0000000000000001' },
          { currency: 'EUR', release: 'R-2', version: '0.9.0', effectiveCost: '7' },
          { currency: 'EUR', release: null, version: '1.0.0', effectiveCost: '0.1' },
          { currency: 'EUR', release: null, version: '1.1.0', effectiveCost: '0.2' },
          { currency: 'USD', release: 'R-1', version: null, effectiveCost: '5' },
        ]);
      }));

    it('sums only the tagged lines charged on or before a given day (a release as of a moment)', () =>
      withStores(open, async (s) => {
        const line = (day: string, effective: string) => ({
          day,
          currency: 'EUR',
          service: 'EC2',
          billed: effective,
          effective,
          chargeFrequency: 'Usage-Based',
          tags: { release: 'R-1' },
        });
        await s.seedCostLines([
          line('2026-03-02', '10.0000000000000001'),
          line('2026-03-04', '3'),
          line('2026-03-05', '0.5'),
        ]);
        const through = async (day?: string) =>
          (await s.governance.releaseTagCosts(day)).map((g) => g.effectiveCost);
        assert.deepEqual(await through('2026-03-01'), []);
        assert.deepEqual(await through('2026-03-02'), ['10.0000000000000001']);
        assert.deepEqual(await through('2026-03-03'), ['10.0000000000000001']);
        assert.deepEqual(await through('2026-03-04'), ['13.0000000000000001']);
        assert.deepEqual(await through('2026-03-05'), ['13.5000000000000001']);
        assert.deepEqual(await through(), ['13.5000000000000001']);
      }));
  });
}
