// npm run bench:first-answer [-- --rows N] [-- --phases] : how long an analyst waits for a first answer from a
// FOCUS export, and for later answers, against a stand-in for the short pandas script of issue 20.
// pandas is not installed on the benchmark machine, so the baseline is DuckDB's own read_csv and
// GROUP BY (sum of EffectiveCost by service and month) in a fresh node process, measured in the
// same run; it is a stricter baseline than pandas (DuckDB reads CSV faster than pandas does).
// 1. Generate the demo organisation's year as one seeded FOCUS 1.2 CSV (300,000 rows by default).
// 2. Baseline: a fresh process reads the CSV and answers, median of RUNS.
// 3. First answer: on a fresh database, `tollgate ingest <csv>` then `tollgate costs --by
//    service,month`, each a fresh process (the built CLI as users run it, start-up included).
// 4. Later answers: `tollgate costs --by service,month` on the loaded database, median of RUNS.
// 5. Print both, the ratios, and met / not met against the targets: first answer within 2x of
//    the baseline; later answers at least 5x faster than rerunning the baseline. The targets are
//    judged on wall time; the CPU seconds of each side (all threads) are printed next to them,
//    steadier than wall time when others share the machine.
// 6. With --phases: ingest and costs once more on a fresh database with every DuckDB statement
//    timed (first-answer-phases.ts), and where the time went, phase by phase.
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeDemoCsvFile } from '../src/demo/write-demo-exports.js';
import { describePhases, traceCliPhases, UNBUNDLED_CLI } from './first-answer-phases.js';
import { type MeasuredRun, measureChildProcess, medianOf } from './measure-child-process.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DATA = join(ROOT, 'bench', '.data');
const BUILT = existsSync(join(ROOT, 'dist', 'bundle', 'main.js'));
const CLI = BUILT ? join(ROOT, 'bin', 'tollgate.js') : join(ROOT, 'src', 'cli', 'main.ts');
const BASELINE = join(ROOT, 'bench', 'duckdb-baseline-first-answer.mjs');
const SEED = 1;
const RUNS = 5;
const FIRST_ANSWER_TARGET = 2;
const LATER_ANSWER_TARGET = 5;

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  if (at < 0) return fallback;
  const value = Number(process.argv[at + 1]);
  if (!Number.isSafeInteger(value) || value < 2_000)
    throw new Error(`${name} takes a whole number of 2000 or more`);
  return value;
}

function freshDb(name: string): string {
  const path = join(DATA, name);
  for (const suffix of ['', '.wal']) rmSync(path + suffix, { force: true });
  return path;
}

function runTollgate(label: string, args: string[]): Promise<MeasuredRun> {
  return measureChildProcess(label, CLI, args, { viaTsx: !BUILT });
}

function groupsOf(run: MeasuredRun): number {
  const parsed = JSON.parse(run.stdout) as { groups?: number; rows?: unknown[] };
  return parsed.groups ?? parsed.rows?.length ?? -1;
}

function loadAverage(): string {
  return os
    .loadavg()
    .map((load) => load.toFixed(1))
    .join(' ');
}

async function main(): Promise<void> {
  const rows = argValue('--rows', 300_000);
  mkdirSync(DATA, { recursive: true });
  const csv = join(DATA, `focus-demo-seed${SEED}-rows${rows}.csv`);
  const generated = await writeDemoCsvFile({ seed: SEED, rows, path: csv });
  console.log(`generated ${generated.rows.toLocaleString('en-US')} FOCUS rows (${csv})`);
  const loadBefore = loadAverage();

  const baselineRuns: MeasuredRun[] = [];
  for (let run = 0; run < RUNS; run++)
    baselineRuns.push(await measureChildProcess('baseline', BASELINE, [csv], { viaTsx: false }));
  const baseline = medianOf(baselineRuns.map((run) => run.seconds));

  const db = freshDb('bench-first-answer.duckdb');
  const ingest = await runTollgate('tollgate ingest', ['--db', db, 'ingest', csv, '--json']);
  const costsArgs = ['--db', db, 'costs', '--by', 'service,month', '--json'];
  const firstCosts = await runTollgate('tollgate costs (first)', costsArgs);
  const first = ingest.seconds + firstCosts.seconds;
  const laterRuns: MeasuredRun[] = [];
  for (let run = 0; run < RUNS; run++) laterRuns.push(await runTollgate('tollgate costs', costsArgs));
  const later = medianOf(laterRuns.map((run) => run.seconds));
  freshDb('bench-first-answer.duckdb');

  const expectedGroups = groupsOf(baselineRuns[0]!);
  const tollgateGroups = groupsOf(firstCosts);
  if (tollgateGroups !== expectedGroups)
    throw new Error(
      `tollgate answered ${tollgateGroups} service-month groups; the baseline ${expectedGroups}`,
    );

  console.log(`machine: ${os.cpus().length} CPUs; load average ${loadBefore} before, ${loadAverage()} after`);
  console.log(
    `baseline (DuckDB read_csv + GROUP BY, fresh process, pandas stand-in), median of ${RUNS}: ${baseline.toFixed(2)} s`,
  );
  console.log(
    `tollgate first answer (${BUILT ? 'built CLI' : 'through tsx'}): ingest ${ingest.seconds.toFixed(2)} s (peak RSS ${(ingest.peakRssBytes / 2 ** 20).toFixed(0)} MiB) + costs ${firstCosts.seconds.toFixed(2)} s = ${first.toFixed(2)} s`,
  );
  console.log(`tollgate later answer, median of ${RUNS}: ${later.toFixed(2)} s`);
  const firstRatio = first / baseline;
  const laterSpeedup = baseline / later;
  const baselineCpu = medianOf(baselineRuns.map((run) => run.cpuSeconds));
  const firstCpu = ingest.cpuSeconds + firstCosts.cpuSeconds;
  const laterCpu = medianOf(laterRuns.map((run) => run.cpuSeconds));
  console.log(
    `CPU seconds (all threads): baseline ${baselineCpu.toFixed(2)}; first answer ${firstCpu.toFixed(2)} (ingest ${ingest.cpuSeconds.toFixed(2)} + costs ${firstCosts.cpuSeconds.toFixed(2)}), ${(firstCpu / baselineCpu).toFixed(2)}x the baseline; later answer ${laterCpu.toFixed(2)}, ${(baselineCpu / laterCpu).toFixed(2)}x less than the baseline`,
  );
  console.log(
    `target first answer within ${FIRST_ANSWER_TARGET}x of the baseline: ${firstRatio <= FIRST_ANSWER_TARGET ? 'met' : 'NOT MET'} (${firstRatio.toFixed(2)}x)`,
  );
  console.log(
    `target later answers at least ${LATER_ANSWER_TARGET}x faster than rerunning the baseline: ${laterSpeedup >= LATER_ANSWER_TARGET ? 'met' : 'NOT MET'} (${laterSpeedup.toFixed(2)}x faster)`,
  );
  if (process.argv.includes('--phases')) printPhases(csv);
}

/** Where the first answer's time went: ingest and costs traced statement by statement on a fresh database. */
function printPhases(csv: string): void {
  const db = freshDb('bench-first-answer-phases.duckdb');
  const viaTsx = !BUILT;
  // Traced on tsc's unbundled output (see UNBUNDLED_CLI), whose start-up is longer.
  const traced = BUILT ? UNBUNDLED_CLI : CLI;
  const ingest = traceCliPhases(traced, ['--db', db, 'ingest', csv, '--json'], viaTsx, DATA);
  const costs = traceCliPhases(
    traced,
    ['--db', db, 'costs', '--by', 'service,month', '--json'],
    viaTsx,
    DATA,
  );
  freshDb('bench-first-answer-phases.duckdb');
  console.log(
    `phases (one traced run each${BUILT ? ', unbundled dist/cli/main.js' : ''}; load average ${loadAverage()}):`,
  );
  console.log(describePhases('tollgate ingest', ingest));
  console.log(describePhases('tollgate costs (first)', costs));
}

await main();
