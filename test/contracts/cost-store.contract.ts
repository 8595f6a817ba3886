import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CostFilter } from '../../src/core/costs/cost-query.js';
import { ALL_FOCUS_COLUMN_NAMES, toStorageName } from '../../src/core/focus/focus-schema.js';
import type { Stores } from '../../src/ports/stores.js';

export type StoresFactory = () => Promise<Stores>;

export interface LineSpec {
  load: number;
  provider: string;
  account: string;
  period: string;
  day: string;
  currency: string;
  service: string;
  billed: string;
  effective: string;
  tags: string | null;
}

const LINES: LineSpec[] = [
  {
    load: 1,
    provider: 'AWS',
    account: 'a1',
    period: '2026-01-01',
    day: '2026-01-05',
    currency: 'USD',
    service: 'EC2',
    billed: '10.12345678901',
    effective: '9.5',
    tags: '{"team":"payments"}',
  },
  {
    load: 1,
    provider: 'AWS',
    account: 'a1',
    period: '2026-01-01',
    day: '2026-01-06',
    currency: 'USD',
    service: 'S3',
    billed: '0.00000000001',
    effective: '0',
    tags: null,
  },
  {
    load: 1,
    provider: 'AWS',
    account: 'a1',
    period: '2026-02-01',
    day: '2026-02-01',
    currency: 'USD',
    service: 'EC2',
    billed: '-2.5',
    effective: '-2.5',
    tags: '{"team":"search"}',
  },
  {
    load: 2,
    provider: 'Microsoft',
    account: 'm1',
    period: '2026-01-01',
    day: '2026-01-31',
    currency: 'EUR',
    service: 'VMs',
    billed: '100',
    effective: '80.25',
    tags: '{"Team":"payments"}',
  },
];

/** Stages lines in the file engine as a relation with exactly the cost_lines columns. */
export async function stage(stores: Stores, lines: LineSpec[], relation: string): Promise<void> {
  const columns = ALL_FOCUS_COLUMN_NAMES.map((name) => (name === 'Tags' ? 'tags' : toStorageName(name)));
  await stores.fileEngine.run(`DROP TABLE IF EXISTS ${relation}`);
  const nullColumns = columns.filter(
    (column) =>
      ![
        'provider_name',
        'billing_account_id',
        'billing_period_start',
        'charge_period_start',
        'charge_period_end',
        'billing_currency',
        'service_name',
        'billed_cost',
        'effective_cost',
        'tags',
      ].includes(column),
  );
  const selects = lines.map((_, index) =>
    [
      `CAST($load${index} AS BIGINT) AS load_id`,
      `'contract' AS source_file`,
      `CAST(${index + 1} AS BIGINT) AS source_row`,
      `$provider${index} AS provider_name`,
      `$account${index} AS billing_account_id`,
      `CAST($period${index} AS TIMESTAMP) AS billing_period_start`,
      `CAST($day${index} AS TIMESTAMP) AS charge_period_start`,
      `CAST($day${index} AS TIMESTAMP) + INTERVAL 1 DAY AS charge_period_end`,
      `$currency${index} AS billing_currency`,
      `$service${index} AS service_name`,
      `CAST($billed${index} AS DECIMAL(38,16)) AS billed_cost`,
      `CAST($effective${index} AS DECIMAL(38,16)) AS effective_cost`,
      `CAST($tags${index} AS VARCHAR) AS tags`,
      ...nullColumns.map((column) => `NULL AS ${column}`),
      'NULL AS extras',
    ].join(', '),
  );
  const params: Record<string, string | number | null> = {};
  lines.forEach((line, index) => {
    for (const [key, value] of Object.entries(line)) params[`${key}${index}`] = value;
  });
  await stores.fileEngine.run(
    `CREATE TEMP TABLE ${relation} AS ${selects.map((s) => `SELECT ${s}`).join(' UNION ALL ')}`,
    params,
  );
}

/** The contract every CostStore adapter must keep. */
export function runCostStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`CostStore contract: ${adapter}`, () => {
    async function withLines<T>(work: (stores: Stores) => Promise<T>): Promise<T> {
      const stores = await openStores();
      try {
        await stage(stores, LINES, 'contract_lines');
        assert.equal(
          await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'contract_lines' }),
          LINES.length,
        );
        return await work(stores);
      } finally {
        await stores.close();
      }
    }

    it('imports staged lines and sums them exactly, per currency', () =>
      withLines(async (stores) => {
        const rows = await stores.costs.queryCosts({ groupBy: [], metric: 'billed', filters: [] });
        // One canonical decimal text on both engines, whatever the column's scale: no padding zeros.
        const byCurrency = Object.fromEntries(rows.map((row) => [row.currency, row.cost]));
        assert.deepEqual(byCurrency, { USD: '7.62345678902', EUR: '100' });
      }));

    it('groups by columns, tags and time, and filters on values and missing tags', () =>
      withLines(async (stores) => {
        const byMonth = await stores.costs.queryCosts({
          groupBy: ['month', 'service'],
          metric: 'effective',
          filters: [{ dimension: 'currency', values: ['USD'] }],
        });
        const flat = byMonth
          .map((row) => `${row.dimensions.month}/${row.dimensions.service}=${Number(row.cost)}`)
          .sort();
        assert.deepEqual(flat, ['2026-01/EC2=9.5', '2026-01/S3=0', '2026-02/EC2=-2.5']);
        const byTeam = await stores.costs.queryCosts({
          groupBy: ['tag:team'],
          metric: 'billed',
          filters: [],
        });
        assert.deepEqual(byTeam.map((row) => `${row.dimensions['tag:team']}:${row.currency}`).sort(), [
          'null:EUR',
          'null:USD',
          'payments:USD',
          'search:USD',
        ]);
        const untagged = await stores.costs.queryCosts({
          groupBy: ['service'],
          metric: 'billed',
          filters: [{ dimension: 'tag:team', values: [null] }],
        });
        assert.deepEqual(untagged.map((row) => row.dimensions.service).sort(), ['S3', 'VMs']);
        const ranged = await stores.costs.queryCosts({
          groupBy: ['day'],
          metric: 'billed',
          filters: [],
          from: '2026-01-06',
          to: '2026-02-01',
        });
        assert.deepEqual(ranged.map((row) => row.dimensions.day).sort(), ['2026-01-06', '2026-01-31']);
      }));

    it('leaves out excluded values, keeping lines without the dimension unless null is excluded', () =>
      withLines(async (stores) => {
        const services = async (filters: CostFilter[]) =>
          (await stores.costs.queryCosts({ groupBy: ['service'], metric: 'billed', filters }))
            .map((row) => row.dimensions.service)
            .sort();
        // tag:team is missing on S3 and VMs (whose key is "Team"): excluding payments keeps them.
        assert.deepEqual(await services([{ dimension: 'tag:team', values: ['payments'], exclude: true }]), [
          'EC2',
          'S3',
          'VMs',
        ]);
        const ec2 = await stores.costs.queryCosts({
          groupBy: ['tag:team'],
          metric: 'billed',
          filters: [
            { dimension: 'tag:team', values: ['payments'], exclude: true },
            { dimension: 'service', values: ['EC2'] },
          ],
        });
        assert.deepEqual(
          ec2.map((row) => `${row.dimensions['tag:team']}=${row.cost.replace(/\.?0+$/, '')}`),
          ['search=-2.5'],
        );
        assert.deepEqual(
          await services([{ dimension: 'tag:team', values: [null, 'search'], exclude: true }]),
          ['EC2'],
        );
        assert.deepEqual(
          await services([
            { dimension: 'service', values: ['EC2'], exclude: true },
            { dimension: 'service', values: ['VMs', 'S3'] },
          ]),
          ['S3', 'VMs'],
        );
      }));

    it('deletes one period of a load, or all of it', () =>
      withLines(async (stores) => {
        const removed = await stores.costs.deleteLoadLines(1, {
          providerName: 'AWS',
          billingAccountId: 'a1',
          billingPeriodStart: '2026-01-01 00:00:00',
        });
        assert.equal(removed, 2);
        assert.equal(await stores.costs.countLoadLines(1), 1);
        assert.equal(await stores.costs.deleteLoadLines(1), 1);
        assert.equal(await stores.costs.countLoadLines(1), 0);
        assert.equal(await stores.costs.countLoadLines(2), 1);
      }));

    it('rolls back everything written in a failed transaction', async () => {
      const stores = await openStores();
      try {
        await stage(stores, LINES, 'contract_lines');
        await assert.rejects(
          stores.transaction(async () => {
            await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'contract_lines' });
            throw new Error('fails after writing');
          }),
          /fails after writing/,
        );
        assert.equal(await stores.costs.countLoadLines(1), 0);
      } finally {
        await stores.close();
      }
    });

    it('groups and filters by tag keys holding JSON path characters, each key read as itself', async () => {
      const stores = await openStores();
      try {
        const keys = ['a\\', '*', 'x/y', 't~1', 'q"', '$.a', "o'k", 'é'];
        const tags = JSON.stringify(Object.fromEntries(keys.map((key, index) => [key, `v${index}`])));
        await stage(stores, [{ ...LINES[0]!, tags }], 'odd_tag_lines');
        await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'odd_tag_lines' });
        for (const [index, key] of keys.entries()) {
          const dimension = `tag:${key}` as const;
          const rows = await stores.costs.queryCosts({ groupBy: [dimension], metric: 'billed', filters: [] });
          assert.deepEqual(
            rows.map((row) => row.dimensions[dimension]),
            [`v${index}`],
            key,
          );
          const filtered = await stores.costs.queryCosts({
            groupBy: [],
            metric: 'billed',
            filters: [{ dimension, values: [`v${index}`] }],
          });
          assert.equal(filtered.length, 1, key);
        }
      } finally {
        await stores.close();
      }
    });
  });
}
