import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DuckDbDatabase } from '../../src/adapters/duckdb/duckdb-database.js';
import { duckDbDialect } from '../../src/adapters/duckdb/duckdb-dialect.js';
import { periodTable } from '../../src/adapters/duckdb/duckdb-period-allocations.js';
import { openDuckDbStores } from '../../src/adapters/open-duckdb-stores.js';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { buildCostQuerySql } from '../../src/adapters/sql/costs/cost-query-sql.js';
import {
  ALLOCATED_ROLLUP_COLUMNS,
  COST_ROLLUP_COLUMNS,
  chooseCostRelation,
  LOAD_ROLLUPS,
} from '../../src/adapters/sql/costs/cost-rollups.js';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyRules } from '../../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { listSources, removeSource } from '../../src/app/costs/manage-sources.js';
import { allocationJobHandler, allocationJobRequest } from '../../src/app/jobs/allocation-job.js';
import type { CostQuery, CostRow } from '../../src/core/costs/cost-query.js';
import { demoDriversCsv } from '../../src/demo/allocation/demo-drivers.js';
import { DEMO_YEAR } from '../../src/demo/plan-demo-billing.js';
import { writeDemoExports } from '../../src/demo/write-demo-exports.js';
import type { Stores } from '../../src/ports/stores.js';
import { normaliseDecimal } from '../support/csv-text.js';
import { makeTempDir } from '../support/temp-dir.js';

const DEMO_FILES = packageRootPath('src', 'demo', 'allocation');
const MONTHS = Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`);
const _ACTOR = { actor: 'rollups' };

/** A smaller export of the same provider, account and month as `folder`: every `step`th line again. */
function writeSmallerExport(folder: string, step: number, path: string): string {
  const file = readdirSync(folder).find((name) => name.endsWith('.csv'))!;
  const [header, ...rows] = readFileSync(join(folder, file), 'utf8').trimEnd().split('\n');
  writeFileSync(path, `${[header, ...rows.filter((_, index) => index % step === 0)].join('\n')}\n`);
  return path;
}

/**
 * Queries every rollup answers (at day and month grain, allocated or not), over every metric,
 * with date ranges of whole months and of single days, and filters on values and on missing values.
 */
const QUERIES: CostQuery[] = [
  { groupBy: [], metric: 'billed', filters: [] },
  { groupBy: ['month', 'service'], metric: 'effective', filters: [] },
  { groupBy: ['provider', 'billing-account', 'sub-account', 'region'], metric: 'list', filters: [] },
  { groupBy: ['service-category', 'charge-category', 'pricing-category'], metric: 'contracted', filters: [] },
  { groupBy: ['currency', 'day'], metric: 'effective', filters: [] },
  { groupBy: ['week'], metric: 'billed', filters: [], from: '2025-02-03', to: '2025-05-17' },
  {
    groupBy: ['month'],
    metric: 'effective',
    filters: [{ dimension: 'currency', values: ['USD'] }],
    from: `${DEMO_YEAR}-01-01`,
    to: `${DEMO_YEAR}-12-31`,
  },
  {
    groupBy: ['service'],
    metric: 'billed',
    filters: [{ dimension: 'provider', values: ['AWS', null] }],
    from: `${DEMO_YEAR}-03-01`,
    to: `${DEMO_YEAR}-06-01`,
  },
  { groupBy: ['team'], metric: 'effective', filters: [] },
  {
    groupBy: ['month', 'business-unit'],
    metric: 'effective',
    filters: [],
    from: '2025-01-01',
    to: '2025-12-01',
  },
  { groupBy: ['catalog-service', 'environment', 'day'], metric: 'billed', filters: [], from: '2025-03-05' },
  {
    groupBy: ['cost-centre', 'service'],
    metric: 'list',
    filters: [{ dimension: 'team', values: ['payments'] }],
  },
  {
    groupBy: ['team', 'week'],
    metric: 'contracted',
    filters: [{ dimension: 'environment', values: [null, 'prod'] }],
    to: '2025-04-15',
  },
  { groupBy: ['region', 'currency'], metric: 'billed', filters: [{ dimension: 'team', values: ['search'] }] },
];

/** Compared as numbers: the store answers canonical decimals, the raw lines their column's scale. */
function canonical(rows: CostRow[]): string[] {
  return rows.map((row) => JSON.stringify([row.dimensions, row.currency, normaliseDecimal(row.cost)])).sort();
}

/** The query answered from the cost lines (or the allocated_cost_lines view) themselves. */
async function answerFromLines(db: DuckDbDatabase, query: CostQuery): Promise<string[]> {
  const built = buildCostQuerySql(query, duckDbDialect);
  assert.match(built.sql, /FROM (cost_lines|allocated_cost_lines)\n/);
  const rows = await db.all<Record<string, string | null>>(built.sql, built.params);
  return canonical(
    rows.map((row) => ({
      dimensions: Object.fromEntries(
        query.groupBy.map((dimension, index) => [dimension, row[built.aliases[index]!] ?? null]),
      ),
      currency: row.currency as string,
      cost: row.cost as string,
    })),
  );
}

/** Every query's answer from the store (a rollup) equals its answer from the lines, exactly. */
async function assertRollupsAnswerAsLines(stores: Stores & { db: DuckDbDatabase }, when: string) {
  let figures = 0;
  for (const query of QUERIES) {
    assert.match(
      chooseCostRelation(query),
      /_rollup_/,
      `${JSON.stringify(query)} is not answered by a rollup`,
    );
    const fromRollup = canonical(await stores.costs.queryCosts(query));
    const fromLines = await answerFromLines(stores.db, query);
    assert.ok(fromLines.length > 0, `no rows for ${JSON.stringify(query)} ${when}`);
    assert.deepEqual(fromRollup, fromLines, `${when}: ${JSON.stringify(query)} differs from its lines`);
    figures += fromLines.length;
  }
  assert.ok(figures > 500, `compared ${figures} figures ${when}`);
}

/** A rollup's sums per key (rows a load of several files split are summed back together). */
async function rollupSums(db: DuckDbDatabase, rollup: string): Promise<unknown[]> {
  const columns = rollup.startsWith('allocated') ? ALLOCATED_ROLLUP_COLUMNS : COST_ROLLUP_COLUMNS;
  const keys = columns.slice(0, columns.indexOf('line_count'));
  const sums = columns
    .slice(columns.indexOf('line_count'))
    .map((column) => `CAST(sum(${column}) AS VARCHAR)`);
  return db.all(
    `SELECT ${keys.map((key) => `CAST(${key} AS VARCHAR)`).join(', ')}, ${sums.join(', ')}
     FROM ${rollup} GROUP BY ALL ORDER BY ALL`,
  );
}

/** period -> run id the allocated rollups were built from, in period order. */
async function builtFrom(db: DuckDbDatabase): Promise<string[]> {
  const rows = await db.all<{ built: string }>(
    `SELECT period || ':' || CAST(run_id AS VARCHAR) AS built FROM allocated_rollup_runs ORDER BY period`,
  );
  return rows.map((row) => row.built);
}

async function currentRuns(db: DuckDbDatabase): Promise<string[]> {
  const rows = await db.all<{ built: string }>(
    `SELECT period || ':' || CAST(id AS VARCHAR) AS built FROM allocation_runs WHERE status = 'current' ORDER BY period`,
  );
  return rows.map((row) => row.built);
}

describe('DuckDB cost rollups answer exactly as the lines', () => {
  const work = makeTempDir();
  const path = join(work, 'rollups.duckdb');
  let stores: Stores & { db: DuckDbDatabase };
  let folders: string[];
  const open = () => openDuckDbStores({ path, memoryLimit: '256MB', threads: 1 });
  const ingest = (paths: string[]) =>
    ingestBillingFiles(stores, paths, {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    });

  before(async () => {
    folders = (await writeDemoExports({ outDir: join(work, 'demo'), seed: 7, rows: 8_000 })).folders;
    stores = await open();
    await ingest(folders);
    await applyCatalog(stores, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
    await applyRules(stores, join(DEMO_FILES, 'demo-rules.yaml'), { actor: commandLineActor() });
    const drivers = join(work, 'drivers.csv');
    writeFileSync(drivers, demoDriversCsv(MONTHS));
    await loadDrivers(stores, drivers, commandLineActor());
    await allocatePeriods(stores, `${MONTHS[0]}..${MONTHS.at(-1)}`, commandLineActor());
  });
  after(async () => {
    await stores?.close();
  });

  test('after loads and an allocation of the year (the allocated rollups are built on first read)', async () => {
    assert.deepEqual(
      await builtFrom(stores.db),
      [],
      'the allocation run leaves the allocated rollups to the first read',
    );
    await assertRollupsAnswerAsLines(stores, 'after loading and allocating');
    for (const rollup of LOAD_ROLLUPS) {
      const row = await stores.db.one<{ n: string }>(`SELECT CAST(count(*) AS VARCHAR) AS n FROM ${rollup}`);
      assert.ok(Number(row!.n) > 0, `${rollup} is empty`);
    }
    assert.deepEqual(await builtFrom(stores.db), await currentRuns(stores.db));
  });

  test('the planner sends the queries to all four rollups, and resources and tags to the lines', () => {
    assert.deepEqual([...new Set(QUERIES.map(chooseCostRelation))].sort(), [...LOAD_ROLLUPS].sort());
    assert.equal(chooseCostRelation({ groupBy: ['resource'], metric: 'billed', filters: [] }), 'cost_lines');
    assert.equal(
      chooseCostRelation({
        groupBy: ['team'],
        metric: 'billed',
        filters: [{ dimension: 'tag:env', values: ['prod'] }],
      }),
      'allocated_cost_lines',
    );
    // A bound inside a month needs the days; whole months do not.
    const monthly: CostQuery = { groupBy: ['service'], metric: 'billed', filters: [], from: '2025-02-01' };
    assert.equal(chooseCostRelation(monthly), 'cost_rollup_monthly');
    assert.equal(chooseCostRelation({ ...monthly, to: '2025-03-15' }), 'cost_rollup_daily');
  });

  test('after a later export replaces one account-month (its lines and their allocated shares leave the rollups)', async () => {
    const march = folders.find((folder) => folder.endsWith(`${DEMO_YEAR}-03`))!;
    const summary = await ingest([writeSmallerExport(march, 2, join(work, 'replacement.csv'))]);
    assert.equal(summary.units[0]!.replaced.length, 1, 'the export replaced one earlier period');
    await assertRollupsAnswerAsLines(stores, 'after a replace');
  });

  test('after a load is removed, and after the year is allocated again', async () => {
    const loads = await listSources(stores, false);
    await removeSource(stores, String(loads[1]!.id));
    await assertRollupsAnswerAsLines(stores, 'after a delete');
    const before = await builtFrom(stores.db);
    await allocatePeriods(stores, `${MONTHS[0]}..${MONTHS[5]}`, commandLineActor());
    assert.deepEqual(await builtFrom(stores.db), before, 'the rollups still record the replaced runs');
    await assertRollupsAnswerAsLines(stores, 'after a re-allocation');
    const after = await builtFrom(stores.db);
    assert.deepEqual(after, await currentRuns(stores.db));
    assert.notDeepEqual(after.slice(0, 6), before.slice(0, 6));
    assert.deepEqual(after.slice(6), before.slice(6), 'periods not re-allocated are not rebuilt');
  });

  test('a failed load or allocation leaves the rollups as they were', async () => {
    const before = await Promise.all(LOAD_ROLLUPS.map((rollup) => rollupSums(stores.db, rollup)));
    await assert.rejects(
      stores.transaction(async () => {
        const november = folders.find((folder) => folder.endsWith(`${DEMO_YEAR}-11`))!;
        const loaded = await ingest([writeSmallerExport(november, 3, join(work, 'failed.csv'))]);
        assert.equal(loaded.units[0]!.replaced.length, 1);
        await allocatePeriods(stores, MONTHS[10]!, commandLineActor());
        throw new Error('fails after writing');
      }),
      /fails after writing/,
    );
    assert.deepEqual(await Promise.all(LOAD_ROLLUPS.map((rollup) => rollupSums(stores.db, rollup))), before);
  });

  test('a database made before the rollups gets them on opening (012 back-fills the cost rollups, the allocated ones follow on first read)', async () => {
    await assertRollupsAnswerAsLines(stores, 'before the upgrade');
    const kept = await Promise.all(LOAD_ROLLUPS.map((rollup) => rollupSums(stores.db, rollup)));
    // Back to the schema of a database migrated to 011: no rollup tables, 012, 013 and 077
    // (the rollups' charge_frequency) not applied.
    for (const rollup of [...LOAD_ROLLUPS, 'allocated_rollup_runs'])
      await stores.db.run(`DROP TABLE ${rollup}`);
    await stores.db.run('DELETE FROM schema_migrations WHERE version IN (12, 13, 77)');
    await stores.close();
    stores = await open();
    const applied = await stores.db.all<{ version: number }>(
      'SELECT version FROM schema_migrations WHERE version IN (12, 13, 77)',
    );
    assert.equal(applied.length, 3);
    assert.deepEqual(await builtFrom(stores.db), []);
    await assertRollupsAnswerAsLines(stores, 'after the upgrade');
    assert.deepEqual(await Promise.all(LOAD_ROLLUPS.map((rollup) => rollupSums(stores.db, rollup))), kept);
  });

  test('an allocation job brings the allocated rollups up to its runs before it returns', async () => {
    await assertRollupsAnswerAsLines(stores, 'before the job');
    const request = allocationJobRequest('rollups', MONTHS[4]!, {
      name: 'rollups',
      tokenId: null,
      address: null,
    });
    await allocationJobHandler(stores).run(request, { id: 'job-1', attempt: 1, report: () => undefined });
    assert.deepEqual(await builtFrom(stores.db), await currentRuns(stores.db));
  });

  test('readers at once share one rebuild, and a period no longer allocated leaves the rollups', async () => {
    await allocatePeriods(stores, MONTHS[2]!, commandLineActor());
    const query: CostQuery = { groupBy: ['team'], metric: 'effective', filters: [] };
    const answers = await Promise.all(Array.from({ length: 4 }, () => stores.costs.queryCosts(query)));
    for (const answer of answers)
      assert.deepEqual(canonical(answer), await answerFromLines(stores.db, query));
    assert.deepEqual(await builtFrom(stores.db), await currentRuns(stores.db));
    // Inside a write transaction, a query sees that transaction's own new allocation (from the lines).
    await stores.transaction(async () => {
      await stores.db.run(`UPDATE ${periodTable(MONTHS[2]!)} SET team = 'moved' WHERE team = 'search'`);
      const inside = canonical(await stores.costs.queryCosts(query));
      assert.ok(inside.some((row) => row.includes('"moved"')));
      assert.deepEqual(inside, await answerFromLines(stores.db, query));
      await stores.db.run(`UPDATE ${periodTable(MONTHS[2]!)} SET team = 'search' WHERE team = 'moved'`);
    });
    // A period whose runs are gone (as if never allocated): its rollup rows go on the next read.
    await stores.db.run(`DELETE FROM ${periodTable(MONTHS[11]!)}`);
    await stores.db.run(`DELETE FROM allocation_runs WHERE period = '${MONTHS[11]}'`);
    await assertRollupsAnswerAsLines(stores, 'after a period lost its allocation');
    const left = await stores.db.one<{ n: string }>(
      `SELECT CAST(count(*) AS VARCHAR) AS n FROM allocated_rollup_daily WHERE period = '${MONTHS[11]}'`,
    );
    assert.equal(left!.n, '0');
  });
});
