import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { quoteLiteral } from '../../src/adapters/sql/sql-text.js';
import { exportFocus } from '../../src/app/export/export-focus.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ALLOCATION_LINES, allocatePeriod } from './allocation-run-store.contract.js';
import { exact } from './allocation-stores.contract.js';
import { stage } from './cost-store.contract.js';

/** What the contract needs of the database under the stores: SQL, and a run as stored before. */
export interface StoredSharesAccess<S extends Stores> {
  all(stores: S, sql: string): Promise<Row[]>;
  run(stores: S, sql: string): Promise<void>;
  /** The table that holds a period's allocated rows (UPDATE-able). */
  allocatedTable(period: string): string;
  /**
   * Leaves the period's run as a database stored it before the runs stored their shared rows'
   * parts of the split metrics (as migration 052 left PostgreSQL's; as DuckDB's held it).
   */
  forgetStoredShares(stores: S, period: string): Promise<void>;
}

const METRICS = [
  'BilledCost',
  'EffectiveCost',
  'ListCost',
  'ContractedCost',
  'ConsumedQuantity',
  'PricingQuantity',
] as const;

/**
 * The allocation fixture with every summable metric set, values chosen so that an even split
 * leaves a remainder at the 16th decimal (costs and a quantity in the millions among them), and a
 * description a spreadsheet would run.
 */
async function withExportLines<S extends Stores>(
  openStores: () => Promise<S>,
  work: (stores: S) => Promise<void>,
) {
  const stores = await openStores();
  try {
    await stage(stores, ALLOCATION_LINES, 'export_staged_lines');
    await stores.fileEngine.run(`CREATE TABLE export_contract_lines AS SELECT * REPLACE (
      billed_cost * 1000000 AS billed_cost,
      billed_cost * 3 + CAST('0.3333333333333333' AS DECIMAL(38,16)) AS list_cost,
      billed_cost AS contracted_cost,
      CAST('5000000.0000000000000007' AS DECIMAL(38,16)) AS consumed_quantity,
      CAST('0.0000000000000001' AS DECIMAL(38,16)) AS pricing_quantity,
      CASE WHEN service_name = 'Support' THEN '=2+3' ELSE 'plain' END AS charge_description
    ) FROM export_staged_lines`);
    await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'export_contract_lines' });
    await work(stores);
  } finally {
    await stores.close();
  }
}

type Row = Record<string, string | null>;

/** The split metrics and the allocated_lines columns that store a shared row's part of them. */
const STORED = [
  ['ListCost', 'share_list_cost'],
  ['ContractedCost', 'share_contracted_cost'],
  ['ConsumedQuantity', 'share_consumed_quantity'],
  ['PricingQuantity', 'share_pricing_quantity'],
  ['CommitmentDiscountQuantity', 'share_commitment_discount_quantity'],
  ['PricingCurrencyEffectiveCost', 'share_pricing_currency_effective_cost'],
] as const;

async function readRows(stores: Stores, path: string): Promise<Row[]> {
  const source = path.endsWith('.csv')
    ? `read_csv(${quoteLiteral(path)}, header = true, all_varchar = true, allow_quoted_nulls = false)`
    : `(SELECT COLUMNS(*)::VARCHAR FROM read_parquet(${quoteLiteral(path)}))`;
  return stores.fileEngine.all<Row>(`SELECT * FROM ${source}`);
}

const sum = (rows: Row[], column: string) =>
  rows.reduce((total, row) => total.plus(row[column] ?? '0'), new Decimal(0));

/** The contract every FocusExportStore keeps, through the export use case. */
export function runFocusExportStoreContract<S extends Stores>(
  adapter: string,
  openStores: () => Promise<S>,
  access: StoredSharesAccess<S>,
): void {
  describe(`FocusExportStore contract: ${adapter}`, () => {
    const dir = makeTempDir();

    it('exports every allocated line as a FOCUS row whose shares sum exactly to their charge', () =>
      withExportLines(openStores, async (stores) => {
        const runId = await allocatePeriod(stores, '2026-01');
        for (const format of ['csv', 'parquet']) {
          const out = join(dir, `${adapter}-${format}`);
          const result = await exportFocus(stores, { period: '2026-01', format, outDir: out });
          assert.equal(result.runId, runId);
          assert.equal(result.rows, 6);
          const rows = await readRows(stores, result.path);
          assert.equal(rows.length, 6);
          // Every origin charge: each summable metric of its rows sums to the charge's own value.
          const charges = await stores.fileEngine.all<Row>(
            `SELECT CAST(source_row AS VARCHAR) AS origin, ${METRICS.map((m) => `CAST(${m.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase()} AS VARCHAR) AS "${m}"`).join(', ')}
             FROM export_contract_lines WHERE billing_period_start < TIMESTAMP '2026-02-01'`,
          );
          assert.equal(charges.length, 5, JSON.stringify(charges[0]));
          for (const charge of charges) {
            const shares = rows.filter((row) => row.x_OriginRow === charge.origin);
            assert.ok(shares.length >= 1, JSON.stringify(charge));
            for (const metric of METRICS) {
              assert.notEqual(charge[metric], null, `${metric} of ${JSON.stringify(charge)}`);
              assert.equal(
                sum(shares, metric).toFixed(16),
                new Decimal(charge[metric]!).toFixed(16),
                `${format} ${metric} of charge ${charge.origin}`,
              );
            }
          }
          // The split charge: two rows, FOCUS 1.3 allocation columns filled from the rule.
          const split = rows.filter((row) => row.AllocatedMethodId !== null);
          assert.deepEqual(split.map((row) => row.x_Team).sort(), ['payments', 'search']);
          for (const row of split) {
            assert.equal(row.AllocatedMethodId, 'tollgate/even');
            assert.deepEqual(JSON.parse(row.AllocatedMethodDetails!), {
              RuleId: 'support-even',
              Method: 'even',
              Driver: null,
              RuleSetVersion: 1,
              AllocationRunId: runId,
            });
            assert.equal(JSON.parse(row.AllocatedTags!).team, row.x_Team);
            assert.equal(row.AllocatedResourceId, row.x_Team);
            assert.equal(row.x_AllocationRunId, String(runId));
            assert.equal(row.x_RuleSetVersion, '1');
            // A spreadsheet never runs a cell of the CSV; Parquet keeps the value as it is.
            assert.equal(row.ChargeDescription, format === 'csv' ? "'=2+3" : '=2+3');
          }
          // The first share of the split charge is the stated rule, the same on both engines: the
          // ratio share billed / charge billed truncated to 12 decimals, the metric times it
          // truncated to 16; the last share takes the remainder.
          const [first] = split.sort((a, b) => a.x_Team!.localeCompare(b.x_Team!));
          const charge = charges.find((c) => c.origin === first!.x_OriginRow)!;
          const ratio = new Decimal(first!.BilledCost!)
            .times('1e12')
            .div(charge.BilledCost!)
            .trunc()
            .div('1e12');
          for (const metric of ['ListCost', 'ConsumedQuantity', 'PricingQuantity'] as const) {
            assert.equal(
              new Decimal(first![metric]!).toFixed(16),
              new Decimal(charge[metric]!).times(ratio).toDecimalPlaces(16, Decimal.ROUND_DOWN).toFixed(16),
              `${format} first share of ${metric}`,
            );
          }
          // The unsplit rows carry no allocation method (FOCUS: null when not split).
          assert.ok(
            rows.filter((row) => row.AllocatedMethodId === null).every((row) => row.AllocatedTags === null),
          );
          assert.match(rows[0]!.ChargePeriodStart!, /^2026-01-\d\dT00:00:00Z$/);
          // Totals per currency equal the period's ingested totals exactly.
          const inputs = await stores.allocation.runs.periodInputs('2026-01');
          for (const total of inputs.totals) {
            const inCurrency = rows.filter((row) => row.BillingCurrency === total.currency);
            assert.equal(exact(sum(inCurrency, 'BilledCost').toFixed(16)), exact(total.billedCost));
            assert.equal(exact(sum(inCurrency, 'EffectiveCost').toFixed(16)), exact(total.effectiveCost));
          }
        }
      }));

    it('stores each shared row its parts of the other metrics when the run writes it, summing exactly to the charge', () =>
      withExportLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const stored = await access.all(
          stores,
          `SELECT CAST(source_row AS VARCHAR) AS origin, kind, CAST(split_stored AS VARCHAR) AS marked,
             ${STORED.map(([metric, column]) => `CAST(${column} AS VARCHAR) AS "${metric}"`).join(', ')}
           FROM allocated_lines WHERE period = '2026-01'`,
        );
        const charges = await stores.fileEngine.all<Row>(
          `SELECT CAST(source_row AS VARCHAR) AS origin, ${STORED.map(([metric, column]) => `CAST(${column.replace('share_', '')} AS VARCHAR) AS "${metric}"`).join(', ')}
           FROM export_contract_lines WHERE billing_period_start < TIMESTAMP '2026-02-01'`,
        );
        const shared = stored.filter((row) => row.kind === 'shared');
        assert.equal(shared.length, 2);
        for (const row of stored) {
          // Only a shared row has parts: a direct or unallocated row is its charge whole.
          assert.equal(row.marked, row.kind === 'shared' ? 'true' : null, JSON.stringify(row));
          if (row.kind !== 'shared') assert.ok(STORED.every(([metric]) => row[metric] === null));
        }
        const origin = shared[0]!.origin;
        const charge = charges.find((c) => c.origin === origin)!;
        for (const [metric] of STORED) {
          const parts = shared.filter((row) => row.origin === origin);
          if (charge[metric] === null) {
            assert.ok(
              parts.every((row) => row[metric] === null),
              metric,
            );
            continue;
          }
          assert.equal(sum(parts, metric).toFixed(16), new Decimal(charge[metric]!).toFixed(16), metric);
        }
        // A real split: neither share of the list cost takes the whole.
        for (const row of shared.filter((part) => part.origin === origin)) {
          assert.ok(!new Decimal(row.ListCost!).eq(charge.ListCost!), JSON.stringify(row));
        }
      }));

    it('reads the stored parts, and exports a run stored before them the same, split as it reads', () =>
      withExportLines(openStores, async (stores) => {
        await allocatePeriod(stores, '2026-01');
        const exported = async (name: string, format = 'csv') => {
          const result = await exportFocus(stores, { period: '2026-01', format, outDir: join(dir, name) });
          return result.path;
        };
        const stored = await exported(`${adapter}-stored`);
        const storedParquet = await readRows(stores, await exported(`${adapter}-stored-pq`, 'parquet'));
        // The export takes the stored parts as they are (here altered), not a split of its own.
        await access.run(
          stores,
          `UPDATE ${access.allocatedTable('2026-01')} SET share_list_cost = 0 WHERE period = '2026-01' AND kind = 'shared'`,
        );
        const altered = await readRows(stores, await exported(`${adapter}-altered`));
        const split = altered.filter((row) => row.x_AllocationKind === 'shared');
        assert.equal(split.length, 2);
        assert.ok(split.every((row) => new Decimal(row.ListCost!).isZero()));
        // A run from before: the same bytes as the stored parts gave, and the same Parquet rows.
        await access.forgetStoredShares(stores, '2026-01');
        const before = await exported(`${adapter}-before`);
        // (Rows in any order: the file promises none, and the two reads may differ in it.)
        const lines = (path: string) => readFileSync(path, 'utf8').split('\n').sort();
        assert.deepEqual(lines(before), lines(stored));
        assert.equal(
          readFileSync(before, 'utf8').split('\n')[0],
          readFileSync(stored, 'utf8').split('\n')[0],
        );
        const byOrigin = (rows: Row[]) => rows.map((row) => JSON.stringify(row)).sort();
        assert.deepEqual(
          byOrigin(await readRows(stores, await exported(`${adapter}-before-pq`, 'parquet'))),
          byOrigin(storedParquet),
        );
      }));

    it('refuses a period with no allocation run, says to run it, and writes nothing', () =>
      withExportLines(openStores, async (stores) => {
        const out = join(dir, `${adapter}-none`);
        await expectRefusal(
          () =>
            exportFocus(
              stores,
              { period: '2026-02', format: 'csv', outDir: out },
              { period: '--period', format: '--format' },
            ),
          'EXPORT_NOT_ALLOCATED',
          'conflict',
          /2026-02 has no allocation run.*run the allocation for 2026-02 first/,
        );
        await expectRefusal(
          () =>
            exportFocus(
              stores,
              { period: '2026-13', format: 'csv', outDir: out },
              { period: '--period', format: '--format' },
            ),
          'PERIOD_BAD_FORMAT',
          'usage',
          /--period 2026-13/,
        );
        await expectRefusal(
          () =>
            exportFocus(
              stores,
              { period: '2026-01', format: 'xlsx', outDir: out },
              { period: '--period', format: '--format' },
            ),
          'EXPORT_BAD_FORMAT',
          'usage',
          /--format xlsx is not one of csv, parquet/,
        );
        assert.ok(!existsSync(out) || readdirSync(out).length === 0);
      }));
  });
}
