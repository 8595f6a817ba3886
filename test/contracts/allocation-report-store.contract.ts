import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allocatePeriod, withAllocationLines } from './allocation-run-store.contract.js';
import { exact } from './allocation-stores.contract.js';
import type { StoresFactory } from './cost-store.contract.js';

/** The contract every AllocationReportStore adapter must keep (fixture: allocation-run-store.contract.ts). */
export function runAllocationReportStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`AllocationReportStore contract: ${adapter}`, () => {
    it("explains an owner's figure by rule and by its largest lines", () =>
      withAllocationLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const byRule = await stores.allocation.reports.amountsByRule('2026-01', 'team', 'payments');
        assert.deepEqual(
          byRule.map((row) => [
            row.currency,
            row.kind,
            row.ruleId,
            row.method,
            row.lines,
            exact(row.effectiveCost),
          ]),
          [
            ['EUR', 'direct', 'payments-tag', null, 1, '80.25'],
            ['USD', 'direct', 'payments-tag', null, 1, '9.5'],
            ['USD', 'shared', 'support-even', 'even', 1, '3.5'],
          ],
        );
        assert.equal(exact(byRule[1]!.billedCost), '10.12345678901');
        const largest = await stores.allocation.reports.largestLines('2026-01', 'team', 'payments', 2);
        assert.deepEqual(
          largest.map((row) => [
            row.loadId,
            row.sourceFile,
            row.sourceRow,
            row.providerName,
            row.serviceName,
            row.kind,
            row.currency,
            exact(row.billedCost),
          ]),
          [
            [2, 'contract', 5, 'Microsoft', 'VMs', 'direct', 'EUR', '100'],
            [1, 'contract', 1, 'AWS', 'EC2', 'direct', 'USD', '10.12345678901'],
          ],
        );
        assert.deepEqual(await stores.allocation.reports.amountsByRule('2026-01', 'team', 'nobody'), []);
        assert.deepEqual(await stores.allocation.reports.largestLines('2026-02', 'team', 'payments', 5), []);
      }));

    it("lists a team's statement rows, grouped and in a fixed order", () =>
      withAllocationLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const rows = await stores.allocation.reports.statementRows('2026-01', 'search');
        assert.deepEqual(
          rows.map((row) => [
            row.kind,
            row.ruleId,
            row.method,
            row.providerName,
            row.serviceName,
            row.currency,
            exact(row.effectiveCost),
          ]),
          [['shared', 'support-even', 'even', 'AWS', 'Support', 'USD', '3.5']],
        );
        // Each row is one charge day: the day a conversion into a reporting currency uses.
        assert.ok(
          rows.every((row) => /^2026-01-\d\d$/.test(row.day)),
          JSON.stringify(rows),
        );
        const payments = await stores.allocation.reports.statementRows('2026-01', 'payments');
        assert.deepEqual(
          payments.map((row) => [row.currency, row.kind, row.serviceName]),
          [
            ['EUR', 'direct', 'VMs'],
            ['USD', 'direct', 'EC2'],
            ['USD', 'shared', 'Support'],
          ],
        );
      }));

    it('measures tag hygiene exactly: coverage ignoring key case, unknown values, untagged resources', () =>
      withAllocationLines(openStores, async (stores) => {
        const figures = await stores.allocation.reports.qualityFigures({
          period: '2026-01',
          requiredTags: ['team'],
          knownValues: { team: ['payments', 'search'] },
          top: 10,
        });
        assert.deepEqual(
          figures.totals.map((row) => [row.currency, exact(row.effectiveCost)]),
          [
            ['EUR', '80.25'],
            ['USD', '18.5'],
          ],
        );
        assert.deepEqual(
          figures.tagCoverage.map((row) => [row.tag, row.currency, exact(row.taggedCost)]),
          [
            ['team', 'EUR', '80.25'],
            ['team', 'USD', '11.5'],
          ],
        );
        assert.deepEqual(
          figures.unknownTagValues.map((row) => [row.tag, row.value, row.currency, exact(row.effectiveCost)]),
          [['team', 'ghost', 'USD', '2']],
        );
        assert.deepEqual(
          figures.untaggedResources.map((row) => [
            row.resourceId,
            row.serviceName,
            row.currency,
            exact(row.effectiveCost),
          ]),
          [[null, 'S3', 'USD', '7']],
        );
      }));
  });
}
