// npm run bench:export [-- --lines N] : a month's FOCUS export (tollgate export focus) against
// DuckDB's own COPY ... TO of the same rows, measured in the same run, and its peak memory.
// 1. Fill a fresh database with N synthetic FOCUS lines for 2026-01 (default 1,000,000), made
//    by DuckDB itself; 10% of them on shared services that an even rule splits over 3 teams.
// 2. Allocate the month (tollgate's allocation run) and close the database.
// 3. Alternately, RUNS times each, in child processes under the default memory limit (384MB)
//    and threads (2): the built CLI's `export focus --format csv`, and a script doing DuckDB's
//    own COPY of the allocated lines joined to their cost lines (bench/duckdb-baseline-export.ts).
// 4. Print the medians, the ratio (target <= 2) and the export's peak RSS (target < 512 MB),
//    and the CPU time ratio (all threads), which a loaded machine sways less than wall time,
//    with the machine's load averages before and after (shared machines: read the ratio so).
// The two do not write the same file: the baseline writes allocated_cost_lines' columns as
// DuckDB prints them (every shared row with its charge's whole list cost and quantities); the
// export writes FOCUS 1.3 (ISO timestamps, the allocation JSON columns, the split metrics, text
// guarded against spreadsheet formulas). Both join every allocated line to its cost line.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDuckDbStores } from '../src/adapters/open-duckdb-stores.js';
import { applyCatalog } from '../src/app/allocation/manage-catalog.js';
import { applyRules } from '../src/app/allocation/manage-rules.js';
import { allocatePeriods } from '../src/app/allocation/run-allocation.js';
import { commandLineActor } from '../src/app/audit/record-audit.js';

const RUNS = 3;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSS_PRELOAD = join(ROOT, 'bench', 'report-peak-rss.mjs');
const MIB = 1024 * 1024;

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 1000)
    throw new Error(`${name} takes a whole number of 1000 or more`);
  return value;
}

interface Measured {
  seconds: number;
  peakRssBytes: number;
  /** CPU time of all the process's threads (DuckDB's included): less swayed by a loaded machine. */
  cpuSeconds: number;
}

function measure(args: string[], dir: string, viaTsx: boolean): Promise<Measured> {
  const rssFile = join(dir, `rss-${Math.random().toString(36).slice(2)}.json`);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', RSS_PRELOAD, ...(viaTsx ? ['--import', 'tsx'] : []), ...args],
      {
        cwd: ROOT,
        env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile, TOLLGATE_DB: undefined },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) return reject(new Error(`${args.join(' ')} exited ${code}:\n${stderr}`));
      const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpu: number };
      resolve({ seconds, peakRssBytes: usage.maxRSS * 1024, cpuSeconds: usage.cpu / 1e6 });
    });
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js')))
  throw new Error('run npm run build first: the benchmark runs the built CLI');
const lineCount = argValue('--lines', 1_000_000);
const loadAverages = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(', ');
const loadBefore = loadAverages();
const dir = mkdtempSync(join(tmpdir(), 'tollgate-export-bench-'));
const dbPath = join(dir, 'bench.duckdb');
try {
  const stores = await openDuckDbStores({ path: dbPath, memoryLimit: '2GB', threads: 2 });
  await stores.db.run(
    `INSERT INTO cost_lines BY NAME
     SELECT 1 AS load_id, 'bench.csv' AS source_file, i AS source_row,
       TIMESTAMP '2026-01-01' AS billing_period_start, TIMESTAMP '2026-02-01' AS billing_period_end,
       TIMESTAMP '2026-01-01' + INTERVAL (i % 31) DAY AS charge_period_start,
       TIMESTAMP '2026-01-01' + INTERVAL (i % 31) DAY + INTERVAL 1 HOUR AS charge_period_end,
       'USD' AS billing_currency, 'a-' || (i % 7) AS billing_account_id, 'Account' AS billing_account_name,
       ['AWS', 'Microsoft', 'Google Cloud'][i % 3 + 1] AS provider_name, 'Seller' AS publisher_name,
       'Issuer' AS invoice_issuer_name, 'Compute' AS service_category, 'Usage' AS charge_category,
       'Usage-Based' AS charge_frequency, 'Standard' AS pricing_category, 'Hours' AS pricing_unit,
       CASE WHEN i % 10 = 0 THEN 'Shared ' || (i % 3) ELSE 'Service ' || (i % 200) END AS service_name,
       'res-' || ((i * 7919) % 50000) AS resource_id,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(18,0)) * CAST('0.000001' AS DECIMAL(18,16)) AS DECIMAL(38,16)) AS billed_cost,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(18,0)) * CAST('0.0000009' AS DECIMAL(18,16)) AS DECIMAL(38,16)) AS effective_cost,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(38,16)) * CAST('0.0000012' AS DECIMAL(18,16)) AS DECIMAL(38,16)) AS list_cost,
       CAST(CAST(hash(i) % 100000000 AS DECIMAL(18,0)) * CAST('0.000001' AS DECIMAL(18,16)) AS DECIMAL(38,16)) AS contracted_cost,
       CAST(1 + i % 24 AS DECIMAL(38,16)) AS pricing_quantity, CAST(1 + i % 24 AS DECIMAL(38,16)) AS consumed_quantity,
       '{"team":"team-' || (hash(i * 31) % 10) || '"}' AS tags
     FROM range(${lineCount}) t(i)`,
  );
  writeFileSync(
    join(dir, 'catalog.yaml'),
    `business_units:\n  - {id: bu, name: Company}\ncost_centres:\n  - {id: cc, name: Centre, business_unit: bu}\nteams:\n${Array.from({ length: 10 }, (_, n) => `  - {id: team-${n}, name: Team ${n}, cost_centre: cc}`).join('\n')}\n`,
  );
  writeFileSync(
    join(dir, 'rules.yaml'),
    `shared:\n${[0, 1, 2].map((n) => `  - id: shared-${n}\n    when: {service_name: Shared ${n}}\n    split: even\n    targets: [team-${n}, team-${n + 3}, team-${n + 6}]`).join('\n')}\nmapping:\n${Array.from({ length: 10 }, (_, n) => `  - id: map-${n}\n    when: {"tag:team": team-${n}}\n    set: {team: team-${n}}`).join('\n')}\n`,
  );
  await applyCatalog(stores, join(dir, 'catalog.yaml'), commandLineActor());
  await applyRules(stores, join(dir, 'rules.yaml'), { actor: commandLineActor() });
  const summary = await allocatePeriods(stores, '2026-01', commandLineActor());
  const runId = summary.runs[0]!.id;
  await stores.db.run('CHECKPOINT');
  await stores.close();

  const exports: Measured[] = [];
  const baselines: Measured[] = [];
  for (let round = 0; round < RUNS; round++) {
    const cli = [
      'bin/tollgate.js',
      'export',
      'focus',
      '--period',
      '2026-01',
      '--db',
      dbPath,
      '--out',
      join(dir, 'out'),
    ];
    exports.push(await measure(cli, dir, false));
    baselines.push(
      await measure(
        ['bench/duckdb-baseline-export.ts', dbPath, String(runId), join(dir, 'baseline.csv')],
        dir,
        true,
      ),
    );
  }
  const exported = median(exports.map((m) => m.seconds));
  const baseline = median(baselines.map((m) => m.seconds));
  const peak = Math.max(...exports.map((m) => m.peakRssBytes));
  console.log(
    `lines: ${lineCount.toLocaleString('en-US')}; allocated rows: ${summary.runs[0]!.lineCount.toLocaleString('en-US')} lines in run ${runId}`,
  );
  console.log(
    `tollgate export focus (csv): ${exported.toFixed(2)} s median of ${RUNS}, peak RSS ${(peak / MIB).toFixed(0)} MB (target < 512)`,
  );
  console.log(
    `DuckDB COPY ... TO of the same rows: ${baseline.toFixed(2)} s median of ${RUNS} (allocated_cost_lines as stored; the export adds the FOCUS formatting, the split metrics and the formula guard)`,
  );
  console.log(`ratio: ${(exported / baseline).toFixed(2)} (target <= 2)`);
  const exportedCpu = median(exports.map((m) => m.cpuSeconds));
  const baselineCpu = median(baselines.map((m) => m.cpuSeconds));
  console.log(
    `CPU time (all threads): ${exportedCpu.toFixed(2)} s against ${baselineCpu.toFixed(2)} s, ratio ${(exportedCpu / baselineCpu).toFixed(2)}`,
  );
  console.log(`load averages (1, 5, 15 min): ${loadBefore} before, ${loadAverages()} after`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
