// npm run bench:server [-- --rows N] [-- --facts N] : server mode (PostgreSQL) next to embedded
// mode (DuckDB) on the same data, measured in the same run.
// 1. Generate the demo year as one FOCUS CSV (seeded, default 1,000,000 rows; the same file as
//    bench:ingest) and start PostgreSQL: TOLLGATE_BENCH_PG_URL (a database you provide), else
//    an ephemeral PostgreSQL 15 cluster like the tests' (fsync off: figures are a ceiling for a
//    durable server).
// 2. Ingest: `ingestBillingFiles` of the file into a fresh DuckDB file and into a fresh
//    PostgreSQL database, wall time each; the ratio PostgreSQL / DuckDB (target <= 4).
// 3. Allocation: apply the demo catalogue, rules and drivers, allocate the 12 months, wall time
//    each; lines per second and the ratio.
// 4. Cost queries at scale: grow cost_lines in PostgreSQL to N lines (default 10,000,000): each
//    loaded line gets siblings (more resources, same months and accounts; see growFacts) from
//    one INSERT ... SELECT over generate_series, the rollups kept in step; then time the dashboard's cost queries (by service and month,
//    by provider for a month, by day for a month, by team and month, by account and service
//    category for a provider) through the cost store, RUNS times each after a warm-up: p50 and
//    p99 over all of them (target p99 < 100 ms). One query the rollups cannot answer (by
//    resource, one month) is timed too, on the lines, for scale.

import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { openPostgresStores, type PostgresStores } from '../src/adapters/open-postgres-stores.js';
import { loadDrivers } from '../src/app/allocation/load-drivers.js';
import { applyCatalog } from '../src/app/allocation/manage-catalog.js';
import { applyRules } from '../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../src/app/audit/record-audit.js';
import { ingestBillingFiles } from '../src/app/costs/ingest-billing-files.js';
import type { CostQuery } from '../src/core/costs/cost-query.js';
import { demoDriversCsv } from '../src/demo/allocation/demo-drivers.js';
import { DEMO_YEAR } from '../src/demo/plan-demo-billing.js';
import { writeDemoCsvFile } from '../src/demo/write-demo-exports.js';
import type { Stores } from '../src/ports/stores.js';
import { startPostgresCluster } from '../test/support/postgres-cluster.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, 'bench', '.data');
const DEMO_FILES = join(ROOT, 'src', 'demo', 'allocation');
const SEED = 1;
const RUNS = 40;
const MONTHS = Array.from({ length: 12 }, (_, index) => `${DEMO_YEAR}-${String(index + 1).padStart(2, '0')}`);

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 2_000)
    throw new Error(`${name} takes a whole number of 2000 or more`);
  return value;
}

async function timed<T>(work: () => Promise<T>): Promise<{ seconds: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
}

async function ingestAndAllocate(label: string, stores: Stores, csv: string, work: string) {
  const ingest = await timed(() =>
    ingestBillingFiles(stores, [csv], {
      onError: 'fail',
      dryRun: false,
      rejectReportPath: join(work, 'rejects.csv'),
    }),
  );
  await applyCatalog(stores, join(DEMO_FILES, 'demo-catalog.yaml'), commandLineActor());
  await applyRules(stores, join(DEMO_FILES, 'demo-rules.yaml'), { actor: commandLineActor() });
  const drivers = join(work, 'drivers.csv');
  writeFileSync(drivers, demoDriversCsv(MONTHS));
  await loadDrivers(stores, drivers, commandLineActor());
  process.stdout.write(
    `  ${label}: ingested ${ingest.result.rowsLoaded.toLocaleString('en-US')} lines in ${ingest.seconds.toFixed(1)} s\n`,
  );
  const allocate = await timed(() =>
    allocatePeriods(stores, `${MONTHS[0]}..${MONTHS.at(-1)}`, commandLineActor()),
  );
  process.stdout.write(`  ${label}: allocated 12 months in ${allocate.seconds.toFixed(1)} s\n`);
  const allocatedLines = allocate.result.runs.reduce((sum, run) => sum + run.lineCount, 0);
  return {
    rows: ingest.result.rowsLoaded,
    ingestSeconds: ingest.seconds,
    allocateSeconds: allocate.seconds,
    allocatedLines,
  };
}

/**
 * Grows the facts to `target` lines the way a larger estate grows them: the same months and
 * accounts with more resources. Each loaded line gets `copies` siblings in its own load (its
 * file name and resource id suffixed), made by one INSERT ... SELECT over generate_series.
 * Each sibling repeats its line's dimensions and amounts, so the load's rollups are exactly
 * the old ones with every sum and count times (copies + 1), and an allocation run would give
 * each sibling its line's shares: the rollups are scaled so, in the same transaction.
 */
async function growFacts(stores: PostgresStores, target: number): Promise<number> {
  const pg = stores.pg;
  const base = Number((await pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines'))!.n);
  const copies = Math.max(0, Math.ceil(target / base) - 1);
  if (copies === 0) return base;
  const columns = (
    await pg.all<{ column_name: string }>(
      `SELECT column_name FROM information_schema.columns WHERE table_name = 'cost_lines' AND table_schema = current_schema() ORDER BY ordinal_position`,
    )
  ).map((row) => row.column_name);
  const sibling = (column: string) =>
    column === 'source_file'
      ? `c.source_file || '#' || g`
      : column === 'resource_id'
        ? `c.resource_id || '-' || g`
        : `c.${column}`;
  await pg.transaction(async () => {
    await pg.run(
      `INSERT INTO cost_lines (${columns.join(', ')})
       SELECT ${columns.map(sibling).join(', ')} FROM generate_series(1, ${copies}) g, cost_lines c`,
    );
    const factor = copies + 1;
    for (const rollup of [
      'cost_rollup_daily',
      'cost_rollup_monthly',
      'allocated_rollup_daily',
      'allocated_rollup_monthly',
    ]) {
      await pg.run(
        `UPDATE ${rollup} SET line_count = line_count * ${factor}, billed_cost = billed_cost * ${factor},
           effective_cost = effective_cost * ${factor}, list_cost = list_cost * ${factor}, contracted_cost = contracted_cost * ${factor}`,
      );
    }
  });
  await pg.run('VACUUM ANALYZE');
  return Number((await pg.one<{ n: string }>('SELECT count(*) AS n FROM cost_lines'))!.n);
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)]!;
}

const QUERIES: { label: string; query: CostQuery }[] = [
  {
    label: 'by service, month (the year)',
    query: { groupBy: ['service', 'month'], metric: 'effective', filters: [] },
  },
  {
    label: 'by provider, one month',
    query: {
      groupBy: ['provider'],
      metric: 'billed',
      filters: [],
      from: `${DEMO_YEAR}-06-01`,
      to: `${DEMO_YEAR}-07-01`,
    },
  },
  {
    label: 'by day, one month',
    query: {
      groupBy: ['day'],
      metric: 'effective',
      filters: [],
      from: `${DEMO_YEAR}-03-01`,
      to: `${DEMO_YEAR}-04-01`,
    },
  },
  {
    label: 'by team, month (allocated)',
    query: { groupBy: ['team', 'month'], metric: 'effective', filters: [] },
  },
  {
    label: 'by account, service category (AWS)',
    query: {
      groupBy: ['billing-account', 'service-category'],
      metric: 'effective',
      filters: [{ dimension: 'provider', values: ['AWS'] }],
      from: `${DEMO_YEAR}-01-01`,
    },
  },
];

async function main() {
  const rows = argValue('--rows', 1_000_000);
  const facts = argValue('--facts', 10_000_000);
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `focus-demo-seed${SEED}-rows${rows}.csv`);
  if (!existsSync(csv)) {
    process.stdout.write(`Generating ${rows.toLocaleString('en-US')} demo rows ...\n`);
    await writeDemoCsvFile({ seed: SEED, rows, path: csv });
  }
  const work = join(DATA, `server-bench-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const cluster = process.env.TOLLGATE_BENCH_PG_URL ? undefined : await startPostgresCluster();
  const url = process.env.TOLLGATE_BENCH_PG_URL ?? (await cluster!.createDatabase('tollgate_bench'));
  try {
    const duck = await openDuckDbStores({
      path: join(work, 'embedded.duckdb'),
      memoryLimit: '1GB',
      threads: 2,
    });
    const embedded = await ingestAndAllocate('DuckDB', duck, csv, work);
    await duck.close();
    const pg = await openPostgresStores({
      url,
      poolSize: 4,
      connectRetryMs: 0,
      migrate: true,
      memoryLimit: '1GB',
      threads: 2,
    });
    try {
      const server = await ingestAndAllocate('PostgreSQL', pg, csv, work);
      const line = (label: string, duckdb: number, postgres: number, unit: string, target?: string) =>
        `${label.padEnd(28)} DuckDB ${duckdb.toFixed(1).padStart(9)} ${unit}   PostgreSQL ${postgres.toFixed(1).padStart(9)} ${unit}   ratio ${(duckdb / postgres).toFixed(2)}x${target ? `  (${target})` : ''}\n`;
      process.stdout.write(
        `\nServer mode benchmark: ${embedded.rows.toLocaleString('en-US')} demo lines, same file in both engines\n`,
      );
      process.stdout.write(
        line(
          'ingest (lines/s)',
          embedded.rows / embedded.ingestSeconds,
          server.rows / server.ingestSeconds,
          'l/s',
          'target: PostgreSQL within 4x, i.e. ratio <= 4',
        ),
      );
      process.stdout.write(
        `${''.padEnd(28)} DuckDB ${embedded.ingestSeconds.toFixed(1).padStart(9)} s     PostgreSQL ${server.ingestSeconds.toFixed(1).padStart(9)} s\n`,
      );
      process.stdout.write(
        line(
          'allocate 12 months (lines/s)',
          embedded.allocatedLines / embedded.allocateSeconds,
          server.allocatedLines / server.allocateSeconds,
          'l/s',
        ),
      );
      process.stdout.write(
        `${''.padEnd(28)} DuckDB ${embedded.allocateSeconds.toFixed(1).padStart(9)} s     PostgreSQL ${server.allocateSeconds.toFixed(1).padStart(9)} s\n`,
      );

      const grow = await timed(() => growFacts(pg, facts));
      process.stdout.write(
        `\nCost queries with ${grow.result.toLocaleString('en-US')} lines in cost_lines (grown in ${grow.seconds.toFixed(0)} s), ${RUNS} runs each after a warm-up:\n`,
      );
      const all: number[] = [];
      for (const { label, query } of QUERIES) {
        await pg.costs.queryCosts(query);
        const times: number[] = [];
        for (let run = 0; run < RUNS; run++) {
          const { seconds } = await timed(() => pg.costs.queryCosts(query));
          times.push(seconds * 1000);
        }
        times.sort((a, b) => a - b);
        all.push(...times);
        process.stdout.write(
          `  ${label.padEnd(36)} p50 ${percentile(times, 0.5).toFixed(1).padStart(7)} ms   p99 ${percentile(times, 0.99).toFixed(1).padStart(7)} ms\n`,
        );
      }
      all.sort((a, b) => a - b);
      const p99 = percentile(all, 0.99);
      process.stdout.write(
        `  ${'all rollup queries'.padEnd(36)} p50 ${percentile(all, 0.5).toFixed(1).padStart(7)} ms   p99 ${p99.toFixed(1).padStart(7)} ms   (target p99 < 100 ms: ${p99 < 100 ? 'met' : 'NOT met'})\n`,
      );
      const fallback = await timed(() =>
        pg.costs.queryCosts({
          groupBy: ['resource'],
          metric: 'effective',
          filters: [],
          from: `${DEMO_YEAR}-06-01`,
          to: `${DEMO_YEAR}-07-01`,
        }),
      );
      process.stdout.write(
        `  ${'by resource, one month (on the lines)'.padEnd(36)} ${(fallback.seconds * 1000).toFixed(0)} ms (one run; no rollup holds resources)\n`,
      );
    } finally {
      await pg.close();
    }
  } finally {
    cluster?.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
