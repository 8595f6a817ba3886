import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { RuleSet } from '../../src/core/allocation/rule-set-model.js';
import type { DriverValue } from '../../src/core/allocation/split-weights.js';
import type { Stores } from '../../src/ports/stores.js';
import type { StoresFactory } from './cost-store.contract.js';

const ISO_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/** Exact decimal text without the stored scale's trailing zeros ('1.5000' -> '1.5', '100' stays). */
export function exact(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

function ruleSet(team: string): RuleSet {
  return {
    tagKeys: 'exact',
    mapping: [
      {
        id: `to-${team}`,
        conditions: [
          { field: { kind: 'tag', key: 'team', ignoreKeyCase: false }, op: 'equals', value: team },
        ],
        set: { team },
        line: 3,
      },
    ],
    shared: [],
  };
}

async function withStores(openStores: StoresFactory, work: (stores: Stores) => Promise<void>) {
  const stores = await openStores();
  try {
    await work(stores);
  } finally {
    await stores.close();
  }
}

/** The contract of the allocation inputs: rule set versions, drivers, closed periods, the audit log. */
export function runAllocationStoresContract(adapter: string, openStores: StoresFactory): void {
  describe(`RuleSetStore contract: ${adapter}`, () => {
    const save = (stores: Stores, team: string, effectiveFrom: string, restoredFrom: number | null = null) =>
      stores.allocation.rules.saveRuleSet({
        appliedBy: 'ana',
        effectiveFrom,
        sourcePath: `rules-${team}.yaml`,
        restoredFrom,
        yamlText: `# règles für ${team}\nmapping: []\n`,
        ruleSet: ruleSet(team),
      });

    it('keeps every version whole, numbered from 1', () =>
      withStores(openStores, async (stores) => {
        assert.equal(await stores.allocation.rules.effectiveRuleSet('2026-01'), undefined);
        const first = await save(stores, 'payments', '0000-01');
        const second = await save(stores, 'search', '2026-03', 1);
        assert.deepEqual([first.version, second.version], [1, 2]);
        assert.match(second.appliedAt, ISO_SECOND);
        const stored = await stores.allocation.rules.getRuleSetVersion(2);
        assert.equal(stored?.restoredFrom, 1);
        assert.equal(stored?.yamlText, '# règles für search\nmapping: []\n');
        assert.deepEqual(stored?.ruleSet, ruleSet('search'));
        assert.equal((await stores.allocation.rules.getRuleSetVersion(1))?.restoredFrom, null);
        assert.equal(await stores.allocation.rules.getRuleSetVersion(3), undefined);
        const listed = await stores.allocation.rules.listRuleSetVersions();
        assert.deepEqual(
          listed.map((version) => [version.version, version.effectiveFrom, version.sourcePath]),
          [
            [1, '0000-01', 'rules-payments.yaml'],
            [2, '2026-03', 'rules-search.yaml'],
          ],
        );
        assert.ok(listed.every((version) => !('ruleSet' in version) && !('yamlText' in version)));
      }));

    it('applies to a period the newest version effective from it or earlier', () =>
      withStores(openStores, async (stores) => {
        await save(stores, 'payments', '0000-01');
        await save(stores, 'search', '2026-03');
        await save(stores, 'billing', '2026-02');
        const effective = async (period: string) =>
          (await stores.allocation.rules.effectiveRuleSet(period))?.version;
        assert.equal(await effective('2025-12'), 1);
        assert.equal(await effective('2026-01'), 1);
        assert.equal(await effective('2026-02'), 3);
        assert.equal(await effective('2026-03'), 3);
        assert.deepEqual(
          (await stores.allocation.rules.effectiveRuleSet('2026-02'))?.ruleSet,
          ruleSet('billing'),
        );
      }));
  });

  describe(`DriverStore contract: ${adapter}`, () => {
    const values = (rows: [string, string, string, string][]): DriverValue[] =>
      rows.map(([period, driver, team, quantity]) => ({ period, driver, team, quantity }));

    it('replaces exactly the (period, driver) pairs it is given, and sums exactly', () =>
      withStores(openStores, async (stores) => {
        await stores.allocation.drivers.replaceDrivers(
          values([
            ['2026-01', 'cpu-hours', 'payments', '12345678901234567890.5'],
            ['2026-01', 'cpu-hours', 'search', '0.0000000000000001'],
            ['2026-01', 'requests', 'payments', '7'],
            ['2026-02', 'cpu-hours', 'payments', '3'],
          ]),
          'drivers-1.csv',
        );
        const summary = await stores.allocation.drivers.listDrivers();
        assert.deepEqual(
          summary.map((row) => [row.period, row.driver, row.teams, exact(row.total)]),
          [
            ['2026-01', 'cpu-hours', 2, '12345678901234567890.5000000000000001'],
            ['2026-01', 'requests', 1, '7'],
            ['2026-02', 'cpu-hours', 1, '3'],
          ],
        );
        await stores.allocation.drivers.replaceDrivers(
          values([['2026-01', 'cpu-hours', 'search', '2.25']]),
          'drivers-2.csv',
        );
        const january = await stores.allocation.drivers.driversFor('2026-01');
        assert.deepEqual(
          january.map((row) => [row.driver, row.team, exact(row.quantity)]),
          [
            ['cpu-hours', 'search', '2.25'],
            ['requests', 'payments', '7'],
          ],
        );
        assert.equal((await stores.allocation.drivers.driversFor('2026-02')).length, 1);
        assert.deepEqual(await stores.allocation.drivers.driversFor('2026-03'), []);
      }));

    it('refuses a quantity that is not a number and keeps the values it had', () =>
      withStores(openStores, async (stores) => {
        await stores.allocation.drivers.replaceDrivers(
          values([['2026-01', 'cpu-hours', 'payments', '1.5']]),
          'drivers.csv',
        );
        await assert.rejects(
          stores.allocation.drivers.replaceDrivers(
            values([
              ['2026-01', 'cpu-hours', 'search', '4'],
              ['2026-01', 'cpu-hours', 'payments', 'twelve'],
            ]),
            'broken.csv',
          ),
        );
        const kept = await stores.allocation.drivers.driversFor('2026-01');
        assert.deepEqual(
          kept.map((row) => [row.team, exact(row.quantity)]),
          [['payments', '1.5']],
        );
      }));
  });

  describe(`PeriodStore contract: ${adapter}`, () => {
    it('closes, lists and reopens periods', () =>
      withStores(openStores, async (stores) => {
        assert.equal(await stores.allocation.periods.getClosedPeriod('2026-01'), undefined);
        await stores.allocation.periods.closePeriod('2026-02', 'ana');
        await stores.allocation.periods.closePeriod('2026-01', 'ben');
        const closed = await stores.allocation.periods.listClosedPeriods();
        assert.deepEqual(
          closed.map((period) => [period.period, period.closedBy]),
          [
            ['2026-01', 'ben'],
            ['2026-02', 'ana'],
          ],
        );
        assert.match(closed[0]!.closedAt, ISO_SECOND);
        assert.equal((await stores.allocation.periods.getClosedPeriod('2026-02'))?.closedBy, 'ana');
        await stores.allocation.periods.reopenPeriod('2026-02');
        assert.equal(await stores.allocation.periods.getClosedPeriod('2026-02'), undefined);
        assert.equal((await stores.allocation.periods.listClosedPeriods()).length, 1);
      }));

    it('refuses to close a closed period again, keeping who closed it', () =>
      withStores(openStores, async (stores) => {
        await stores.allocation.periods.closePeriod('2026-01', 'ana');
        await assert.rejects(stores.allocation.periods.closePeriod('2026-01', 'ben'));
        assert.equal((await stores.allocation.periods.getClosedPeriod('2026-01'))?.closedBy, 'ana');
      }));
  });

  describe(`AllocationAuditLog contract: ${adapter}`, () => {
    it('appends entries in order, with their detail, and lists them by action', () =>
      withStores(openStores, async (stores) => {
        await stores.allocation.audit.record({
          actor: 'ana',
          action: 'period.close',
          subject: '2026-01',
          detail: { reason: 'month end', figures: ['1.5', null] },
        });
        await stores.allocation.audit.record({
          actor: 'ben',
          action: 'rules.apply',
          subject: 'v2',
          detail: {},
        });
        await stores.allocation.audit.record({
          actor: 'ana',
          action: 'period.reopen',
          subject: '2026-01',
          detail: {},
        });
        const all = await stores.allocation.audit.list();
        assert.deepEqual(
          all.map((entry) => [entry.actor, entry.action, entry.subject]),
          [
            ['ana', 'period.close', '2026-01'],
            ['ben', 'rules.apply', 'v2'],
            ['ana', 'period.reopen', '2026-01'],
          ],
        );
        assert.ok(all[0]!.id < all[1]!.id && all[1]!.id < all[2]!.id);
        assert.deepEqual(all[0]!.detail, { reason: 'month end', figures: ['1.5', null] });
        assert.match(all[0]!.at, ISO_SECOND);
        assert.deepEqual(
          (await stores.allocation.audit.list('rules.apply')).map((entry) => entry.subject),
          ['v2'],
        );
      }));
  });
}
