import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { openPostgresStores, type PostgresStores } from '../../src/adapters/open-postgres-stores.js';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { ALLOCATED_ROLLUP_INSERT } from '../../src/adapters/postgres/pg-cost-rollups.js';
import { ALLOCATED_ROLLUPS } from '../../src/adapters/sql/costs/cost-rollups.js';
import { periodBounds } from '../../src/adapters/sql/sql-columns.js';
import { buildStatement } from '../../src/app/allocation/build-statement.js';
import { explainAllocation } from '../../src/app/allocation/explain-allocation.js';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { measureQuality } from '../../src/app/allocation/measure-quality.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { listSources } from '../../src/app/costs/manage-sources.js';
import { type CostReport, queryCosts } from '../../src/app/costs/query-costs.js';
import type { CostQuery } from '../../src/core/costs/cost-query.js';
import { isTollgateError } from '../../src/core/errors.js';
import { demoDriversCsv } from '../../src/demo/allocation/demo-drivers.js';
import { DEMO_TEAMS } from '../../src/demo/demo-organisation.js';
import { DEMO_YEAR } from '../../src/demo/plan-demo-billing.js';
import { writeDemoExports } from '../../src/demo/write-demo-exports.js';
import type { Stores } from '../../src/ports/stores.js';
import { parseCsv, writeCsv } from '../support/csv-text.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';

const FOCUS_SAMPLE = packageRootPath(
  '..',
  'shared',
  'data',
  'focus',
  'FOCUS-Sample-Data',
  'focus_sample.csv',
);
const DEMO_FILES = packageRootPath('src', 'demo', 'allocation');
const MONTHS = Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`);

/** The same user actions on either engine: ingest the files, apply the demo owners and rules, allocate the year. */
async function loadAndAllocate(stores: Stores, folders: string[], work: string) {
  const ingest = (paths: string[], onError: 'fail' | 'skip-row') =>
    ingestBillingFiles(stores, paths, {
      onError,
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    });
  await ingest(folders, 'fail');
  await ingest([FOCUS_SAMPLE], 'skip-row');
  await applyCatalog(stores, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
  await applyRules(stores, join(DEMO_FILES, 'demo-rules.yaml'), { actor: commandLineActor() });
  const drivers = join(work, 'drivers.csv');
  writeFileSync(drivers, demoDriversCsv(MONTHS));
  await loadDrivers(stores, drivers, commandLineActor());
  await allocatePeriods(stores, `${MONTHS[0]}..${MONTHS.at(-1)}`, commandLineActor());
}

const QUERIES: CostQuery[] = [];
for (const metric of ['billed', 'effective'] as const) {
  for (const groupBy of [
    [],
    ['service'],
    ['provider', 'month'],
    ['billing-account', 'sub-account', 'region'],
    ['day'],
    ['week', 'currency'],
    ['service-category', 'charge-category', 'pricing-category'],
    ['tag:team'],
    ['resource'],
    ['team'],
    ['team', 'service', 'month'],
    ['business-unit', 'cost-centre'],
    ['catalog-service', 'environment', 'day'],
  ] as CostQuery['groupBy'][]) {
    QUERIES.push({ groupBy, metric, filters: [] });
  }
  QUERIES.push(
    {
      groupBy: ['service'],
      metric,
      filters: [{ dimension: 'provider', values: ['AWS'] }],
      from: '2025-03-01',
      to: '2025-06-01',
    },
    { groupBy: ['day'], metric, filters: [], from: '2025-02-10', to: '2025-02-20' },
    { groupBy: ['team'], metric, filters: [{ dimension: 'tag:env', values: ['prod', null] }] },
    {
      groupBy: ['month'],
      metric,
      filters: [{ dimension: 'team', values: ['payments', 'search'] }],
      from: '2025-04-01',
    },
  );
}
for (const metric of ['list', 'contracted'] as const) {
  QUERIES.push(
    { groupBy: ['provider', 'month'], metric, filters: [] },
    { groupBy: ['resource'], metric, filters: [] },
  );
}

function withoutKeys(value: unknown, key: string): unknown {
  return JSON.parse(JSON.stringify(value, (name, inner) => (name === key ? undefined : inner)));
}

/** The JSON text around the first place two values differ, for a readable failure. */
function whereTheyDiffer(actual: unknown, expected: unknown): string {
  const a = JSON.stringify(actual);
  const b = JSON.stringify(expected);
  let at = 0;
  while (at < a.length && a[at] === b[at]) at++;
  return `PostgreSQL ...${a.slice(Math.max(0, at - 80), at + 80)}... DuckDB ...${b.slice(Math.max(0, at - 80), at + 80)}...`;
}

function inCanonicalOrder(report: CostReport): CostReport {
  const rows = report.rows.map((row) => ({ key: JSON.stringify(row), row }));
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return { ...report, rows: rows.map((entry) => entry.row) };
}

describe('DuckDB and PostgreSQL give the same figures for the same files', () => {
  let duck: Stores;
  let pg: Stores;
  let folders: string[];
  const work = makeTempDir();

  before(async () => {
    const demo = await writeDemoExports({ outDir: join(work, 'demo'), seed: 11, rows: 12_000 });
    folders = demo.folders;
    const cluster = await sharedPostgresCluster();
    duck = await openDuckDbStores({ path: join(work, 'parity.duckdb'), memoryLimit: '256MB', threads: 1 });
    pg = await openPostgresStores({
      url: await cluster.createDatabase(),
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '256MB',
      threads: 1,
    });
    await loadAndAllocate(duck, folders, work);
    await loadAndAllocate(pg, folders, work);
  });
  after(async () => {
    await duck?.close();
    await pg?.close();
  });

  test('every figure of tollgate costs, for every dimension set and metric', async () => {
    let figures = 0;
    for (const query of QUERIES) {
      // Groups with equal amounts come in no set order (in DuckDB from one run to the next,
      // too), so the figures are compared as sets; totals and everything else exactly.
      const expected = inCanonicalOrder(await queryCosts(duck.costs, query));
      const actual = inCanonicalOrder(await queryCosts(pg.costs, query));
      assert.ok(expected.rows.length > 0, `no rows for ${JSON.stringify(query)}`);
      const firstDifference = expected.rows.findIndex(
        (row, index) => JSON.stringify(row) !== JSON.stringify(actual.rows[index]),
      );
      assert.deepEqual(
        actual,
        expected,
        `costs differ for ${JSON.stringify(query)}: row ${firstDifference} ${JSON.stringify(actual.rows[firstDifference])} <> ${JSON.stringify(expected.rows[firstDifference])}`,
      );
      figures += expected.rows.length;
    }
    assert.ok(figures > 1000, `compared ${figures} figures`);
  });

  test('every figure of tollgate statement, for each team, month and chargeback model', async () => {
    for (const team of DEMO_TEAMS.slice(0, 6)) {
      for (const period of ['2025-01', '2025-07', '2025-12']) {
        for (const model of [
          { model: 'showback' },
          { model: 'full' },
          { model: 'partial', subsidy: '37.5' },
        ]) {
          const input = { team: team.id, period, ...model };
          const expected = await buildStatement(duck, input);
          const actual = await buildStatement(pg, input);
          // When each engine ran the allocation differs; everything else must not.
          assert.deepEqual(
            { ...actual, run: { ...actual.run, startedAt: '' } },
            { ...expected, run: { ...expected.run, startedAt: '' } },
            `statement differs for ${JSON.stringify(input)}`,
          );
          assert.ok(expected.currencies.length > 0);
        }
      }
    }
  });

  test('tollgate explain, quality, drivers and runs give the same answers on both engines', async () => {
    for (const period of ['2025-02', '2025-09']) {
      for (const [dimension, owner] of [
        ['team', 'payments'],
        ['team', 'unallocated'],
        ['cost_centre', 'cc-1200'],
      ] as const) {
        const input = { dimension, owner, period, limit: 15 };
        // When each engine ran the allocation differs; everything else must not.
        const actual = withoutKeys(await explainAllocation(pg, input), 'startedAt');
        const expected = withoutKeys(await explainAllocation(duck, input), 'startedAt');
        assert.deepEqual(actual, expected, `${JSON.stringify(input)}: ${whereTheyDiffer(actual, expected)}`);
      }
      const quality = { period, requiredTags: ['team', 'env', 'cost-center'], top: 10 };
      const expected = await measureQuality(duck, quality);
      const actual = await measureQuality(pg, quality);
      // Which service name stands for a resource's several (any_value in DuckDB, min here) is not part of the figures.
      const figures = (report: typeof expected) => withoutKeys(report, 'serviceName');
      assert.deepEqual(
        figures(actual),
        figures(expected),
        `quality ${period}: ${whereTheyDiffer(figures(actual), figures(expected))}`,
      );
    }
    assert.deepEqual(await pg.allocation.drivers.listDrivers(), await duck.allocation.drivers.listDrivers());
    const runs = async (stores: Stores) =>
      (await stores.allocation.runs.listRuns()).map((run) => ({ ...run, startedAt: '' }));
    assert.deepEqual(await runs(pg), await runs(duck));
  });

  test('a load that PostgreSQL refuses halfway through its COPY leaves the period exactly as before', async () => {
    // A replacement export of one month whose last row carries a tag value PostgreSQL's JSONB
    // cannot hold (\u0000): DuckDB reads and stages it; the COPY fails on that row.
    const folder = folders[0]!;
    const file = readdirSync(folder).find((name) => name.endsWith('.csv'))!;
    const rows = parseCsv(readFileSync(join(folder, file), 'utf8'));
    const tagsAt = rows[0]!.indexOf('Tags');
    assert.ok(tagsAt >= 0);
    rows.at(-1)![tagsAt] = '{"team":"x\\u0000"}';
    const broken = join(work, 'broken');
    mkdirSync(broken, { recursive: true });
    writeFileSync(join(broken, file), writeCsv(rows));

    const before = {
      costs: await queryCosts(pg.costs, { groupBy: ['day', 'service'], metric: 'effective', filters: [] }),
      owners: await queryCosts(pg.costs, { groupBy: ['team'], metric: 'billed', filters: [] }),
      sources: await listSources(pg, true),
      lines: await pg.costs.countLoadLines(1),
    };
    await assert.rejects(
      ingestBillingFiles(pg, [broken], {
        onError: 'fail',
        dryRun: false,
        rejectReportPath: join(work, 'r.csv'),
      }),
      (error: unknown) => {
        assert.ok(isTollgateError(error) && error.code === 'INGEST_VALUE_REFUSED', String(error));
        assert.match(error.message, /Unicode escape.*Nothing of this load was kept/s);
        return true;
      },
    );
    assert.deepEqual(
      {
        costs: await queryCosts(pg.costs, { groupBy: ['day', 'service'], metric: 'effective', filters: [] }),
        owners: await queryCosts(pg.costs, { groupBy: ['team'], metric: 'billed', filters: [] }),
        sources: await listSources(pg, true),
        lines: await pg.costs.countLoadLines(1),
      },
      before,
    );
    // And the same file loads in DuckDB (it is PostgreSQL's refusal that this test is about).
    assert.equal(
      (
        await ingestBillingFiles(duck, [broken], {
          onError: 'fail',
          dryRun: true,
          rejectReportPath: join(work, 'r.csv'),
        })
      ).rowsLoaded,
      rows.length - 1,
    );
  });

  test('the allocated rollups rebuilt from allocated_lines (as tollgate copy does) equal those the runs wrote', async () => {
    const server = pg as PostgresStores;
    const snapshot = async () => {
      const out: Record<string, unknown[]> = {};
      for (const rollup of ALLOCATED_ROLLUPS) {
        out[rollup] = await server.pg.all(
          `SELECT * FROM ${rollup} ORDER BY ${Array.from({ length: 23 }, (_, index) => index + 1).join(', ')}`,
        );
      }
      return out;
    };
    const written = await snapshot();
    assert.ok((written.allocated_rollup_monthly ?? []).length > 0);
    await server.pg.transaction(async () => {
      for (const rollup of ALLOCATED_ROLLUPS) await server.pg.run(`DELETE FROM ${rollup}`);
      for (const period of MONTHS) {
        await server.pg.run(ALLOCATED_ROLLUP_INSERT, { period, ...periodBounds(period) });
      }
    });
    assert.deepEqual(await snapshot(), written);
  });
});
