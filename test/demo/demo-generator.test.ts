import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { before, describe, it } from 'node:test';
import { focusColumns } from '../../src/core/focus/focus-schema.js';
import { DEMO_ACCOUNTS, DEMO_CATALOG, DEMO_SERVICES, DEMO_TEAMS } from '../../src/demo/demo-organisation.js';
import { planDemoBilling } from '../../src/demo/plan-demo-billing.js';
import { type WrittenDemo, writeDemoExports } from '../../src/demo/write-demo-exports.js';
import { makeTempDir } from '../support/temp-dir.js';
import { type CsvRecord, listCsvFiles, readCsvRecords, toScaled } from './read-demo-csv.js';

function hashTree(outDir: string): string {
  const hash = createHash('sha256');
  for (const file of listCsvFiles(outDir)) {
    hash.update(relative(outDir, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function readAll(outDir: string): { file: string; record: CsvRecord }[] {
  return listCsvFiles(outDir).flatMap((file) =>
    readCsvRecords(file).records.map((record) => ({ file, record })),
  );
}

describe('demo generator: deterministic', () => {
  it('writes byte-identical files for the same seed and rows, different ones for another seed', async () => {
    const dir = makeTempDir();
    const first = await writeDemoExports({ seed: 7, rows: 5_000, outDir: join(dir, 'a') });
    const second = await writeDemoExports({ seed: 7, rows: 5_000, outDir: join(dir, 'b') });
    const other = await writeDemoExports({ seed: 8, rows: 5_000, outDir: join(dir, 'c') });
    assert.equal(hashTree(first.outDir), hashTree(second.outDir));
    assert.equal(first.rows, second.rows);
    assert.notEqual(hashTree(first.outDir), hashTree(other.outDir));
  });

  it('scales with --rows: the row count lands within 5% of the request', async () => {
    const dir = makeTempDir();
    for (const rows of [5_000, 12_000]) {
      const written = await writeDemoExports({ seed: 1, rows, outDir: join(dir, String(rows)) });
      assert.ok(Math.abs(written.rows - rows) / rows < 0.05, `${written.rows} rows for ${rows} asked`);
      assert.equal(readAll(written.outDir).length, written.rows);
    }
  });

  it('splits a large export into several part files inside its one folder', async () => {
    const dir = makeTempDir();
    const written = await writeDemoExports({ seed: 1, rows: 5_000, outDir: dir, maxRowsPerFile: 100 });
    assert.ok(written.files > written.folders.length);
    assert.equal(readAll(dir).length, written.rows);
  });
});

describe('demo generator: the organisation and its bills', () => {
  let written: WrittenDemo;
  let rows: { file: string; record: CsvRecord }[];

  const dir = makeTempDir();

  before(async () => {
    written = await writeDemoExports({ seed: 42, rows: 30_000, outDir: join(dir, 'out') });
    rows = readAll(written.outDir);
  });

  it('describes ten teams and about thirty services, each owned by a known team', () => {
    assert.equal(DEMO_TEAMS.length, 10);
    assert.ok(DEMO_SERVICES.length >= 28 && DEMO_SERVICES.length <= 35);
    const teams = new Set(DEMO_CATALOG.teams.map((team) => team.id));
    const centres = new Set(DEMO_CATALOG.costCentres.map((centre) => centre.id));
    for (const service of DEMO_CATALOG.services) {
      assert.ok(teams.has(service.ownerTeam), service.id);
      assert.ok(centres.has(service.costCentre), service.id);
    }
  });

  it('writes every FOCUS 1.2 column, in every file', () => {
    const expected = focusColumns('1.2')
      .map((column) => column.name)
      .sort();
    for (const file of listCsvFiles(written.outDir).slice(0, 5)) {
      assert.deepEqual([...readCsvRecords(file).header].sort(), expected);
    }
  });

  it('bills three providers as they name themselves, in USD and EUR, one folder per provider, account and month', () => {
    assert.deepEqual([...new Set(rows.map(({ record }) => record.ProviderName))].sort(), [
      'AWS',
      'Google Cloud',
      'Microsoft',
    ]);
    assert.deepEqual([...new Set(rows.map(({ record }) => record.BillingCurrency))].sort(), ['EUR', 'USD']);
    assert.equal(written.folders.length, DEMO_ACCOUNTS.length * 12);
    const keysByFolder = new Map<string, Set<string>>();
    for (const { file, record } of rows) {
      const folder = file.slice(0, file.lastIndexOf('/'));
      const key = `${record.ProviderName}|${record.BillingAccountId}|${record.BillingPeriodStart}|${record.BillingCurrency}`;
      keysByFolder.set(folder, (keysByFolder.get(folder) ?? new Set()).add(key));
      assert.ok(record.ChargePeriodStart.startsWith(record.BillingPeriodStart.slice(0, 7)), file);
    }
    for (const [folder, keys] of keysByFolder) assert.equal(keys.size, 1, folder);
  });

  it('has usage, purchases, credits (negative) and taxes', () => {
    const byCategory = new Map<string, CsvRecord[]>();
    for (const { record } of rows) {
      const list = byCategory.get(record.ChargeCategory) ?? [];
      list.push(record);
      byCategory.set(record.ChargeCategory, list);
    }
    assert.deepEqual([...byCategory.keys()].sort(), ['Credit', 'Purchase', 'Tax', 'Usage']);
    for (const credit of byCategory.get('Credit')!) {
      assert.ok(toScaled(credit.BilledCost) < 0n);
      assert.equal(credit.BilledCost, credit.EffectiveCost);
    }
    for (const tax of byCategory.get('Tax')!) assert.ok(toScaled(tax.BilledCost) > 0n);
    for (const purchase of byCategory.get('Purchase')!) {
      assert.ok(toScaled(purchase.BilledCost) > 0n);
      assert.equal(toScaled(purchase.EffectiveCost), 0n);
      assert.notEqual(purchase.CommitmentDiscountId, '');
    }
    const statuses = new Set(byCategory.get('Usage')!.map((record) => record.CommitmentDiscountStatus));
    assert.ok(statuses.has('Used') && statuses.has('Unused'));
    for (const used of byCategory
      .get('Usage')!
      .filter((record) => record.CommitmentDiscountStatus === 'Used')) {
      assert.equal(toScaled(used.BilledCost), 0n);
      assert.ok(toScaled(used.EffectiveCost) > 0n);
    }
  });

  it('reconciles exactly: per account and month, sum(BilledCost) = sum(EffectiveCost); per day they differ by the commitment', () => {
    const month = new Map<string, bigint>();
    const day = new Map<string, bigint>();
    const purchase = new Map<string, bigint>();
    const commitmentDaily = new Map<string, bigint>();
    for (const { record } of rows) {
      const difference = toScaled(record.BilledCost) - toScaled(record.EffectiveCost);
      const monthKey = `${record.BillingAccountId}|${record.BillingCurrency}|${record.BillingPeriodStart}`;
      month.set(monthKey, (month.get(monthKey) ?? 0n) + difference);
      const dayKey = `${record.BillingAccountId}|${record.ChargePeriodStart}`;
      day.set(dayKey, (day.get(dayKey) ?? 0n) + difference);
      if (record.ChargeCategory === 'Purchase') purchase.set(monthKey, toScaled(record.BilledCost));
      if (record.CommitmentDiscountStatus === 'Used' || record.CommitmentDiscountStatus === 'Unused') {
        commitmentDaily.set(dayKey, (commitmentDaily.get(dayKey) ?? 0n) + toScaled(record.EffectiveCost));
      }
    }
    assert.equal(month.size, DEMO_ACCOUNTS.length * 12);
    for (const [key, difference] of month) assert.equal(difference, 0n, key);

    // Each day the commitment provides D = monthly fee / days in month, used or unused.
    assert.ok(purchase.size >= 12);
    let differingDays = 0;
    for (const [dayKey, difference] of day) {
      const [account, start] = dayKey.split('|') as [string, string];
      const monthKey = [...purchase.keys()].find(
        (key) => key.startsWith(`${account}|`) && key.endsWith(`|${start.slice(0, 7)}-01T00:00:00Z`),
      );
      if (!monthKey) {
        assert.equal(difference, 0n, dayKey);
        continue;
      }
      const daysInMonth = BigInt(
        new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 0)).getUTCDate(),
      );
      const fee = purchase.get(monthKey)!;
      assert.equal(fee % daysInMonth, 0n, monthKey);
      const daily = fee / daysInMonth;
      assert.equal(commitmentDaily.get(dayKey), daily, dayKey);
      assert.equal(difference, start.slice(8, 10) === '01' ? fee - daily : -daily, dayKey);
      differingDays++;
    }
    assert.ok(differingDays >= 365, `${differingDays} days with a commitment`);
  });

  it('tags most resources as the policy says, and misses or misspells a realistic share', () => {
    const usage = rows.filter(
      ({ record }) => record.ChargeCategory === 'Usage' && record.CommitmentDiscountStatus !== 'Unused',
    );
    let missing = 0;
    let misspelled = 0;
    const teams = new Set(DEMO_TEAMS.map((team) => team.id));
    for (const { record } of usage) {
      if (record.Tags === '' || record.Tags === '{}') {
        missing++;
        continue;
      }
      const tags = JSON.parse(record.Tags) as Record<string, string>;
      assert.equal(typeof tags, 'object');
      const policy = 'team' in tags && teams.has(tags.team!) && 'env' in tags && 'cost-center' in tags;
      if (!policy) misspelled++;
    }
    const missingShare = missing / usage.length;
    const misspelledShare = misspelled / usage.length;
    assert.ok(missingShare > 0.02 && missingShare < 0.2, `missing ${missingShare}`);
    assert.ok(misspelledShare > 0.03 && misspelledShare < 0.3, `misspelled ${misspelledShare}`);
    const keys = new Set(
      usage.flatMap(({ record }) => (record.Tags ? Object.keys(JSON.parse(record.Tags)) : [])),
    );
    assert.ok(keys.has('Team') || keys.has('teamname'), [...keys].join(','));
  });

  it('plans a realistic share of odd tags over a large organisation', () => {
    const plan = planDemoBilling({ seed: 3, rows: 1_000_000 });
    const quirky =
      plan.resources.filter((resource) => resource.tagQuirk !== 'none').length / plan.resources.length;
    assert.ok(quirky > 0.15 && quirky < 0.32, `quirky ${quirky}`);
    assert.ok(plan.resources.length > 2_500);
  });

  it('spends less on weekends than on weekdays, grows over the year and has spikes', () => {
    const listByDay = new Map<string, bigint>();
    for (const { record } of rows) {
      if (record.ChargeCategory !== 'Usage') continue;
      listByDay.set(
        record.ChargePeriodStart,
        (listByDay.get(record.ChargePeriodStart) ?? 0n) + toScaled(record.ListCost),
      );
    }
    const weekday: bigint[] = [];
    const weekend: bigint[] = [];
    for (const [start, cost] of listByDay) {
      const dow = new Date(start).getUTCDay();
      (dow === 0 || dow === 6 ? weekend : weekday).push(cost);
    }
    const mean = (values: bigint[]) => Number(values.reduce((a, b) => a + b, 0n) / BigInt(values.length));
    assert.ok(mean(weekday) > mean(weekend) * 1.05, `weekday ${mean(weekday)} weekend ${mean(weekend)}`);
    const quarter = (from: string, to: string) =>
      [...listByDay]
        .filter(([start]) => start >= from && start < to)
        .reduce((sum, [, cost]) => sum + cost, 0n);
    assert.ok(quarter('2025-10-01', '2026-01-01') > quarter('2025-01-01', '2025-04-01'));
    const sorted = [...listByDay.values()].sort((a, b) => (a < b ? -1 : 1));
    const medianDay = sorted[Math.floor(sorted.length / 2)]!;
    assert.ok(sorted.at(-1)! > (medianDay * 12n) / 10n, 'a spike day is well above the median day');
  });
});
