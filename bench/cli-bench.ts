// npm run bench:cli : how long the CLI takes to start, against a bare Node start in the same run.
// 1. Check that dist/ is built (this script builds nothing: run `npm run build` first).
// 2. Make a small demo database once in a temp folder (`tollgate demo --rows 2000`).
// 3. Run RUNS rounds; each round spawns every case once, in turn, so that a busy machine slows
//    every case alike: bare `node -e 0`, `tollgate --help`, `tollgate --version`,
//    `tollgate costs --by provider` on the demo database.
// 4. Print each case's median and p90 wall time, its ratio (median) to bare Node, and whether
//    the issue's target is met: --help and --version within 3x, costs --by provider within 6x.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RUNS = Number(process.env.CLI_BENCH_RUNS ?? 15);
const CLI = fileURLToPath(new URL('../bin/tollgate.js', import.meta.url));
const DIST_MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

interface Case {
  name: string;
  args: string[];
  /** The largest median ratio to bare Node the issue allows; undefined for the baseline. */
  target?: number;
}

/** Wall time of one process in milliseconds, and its exit status (a failed case is reported, not timed as a success). */
function runOnce(
  args: string[],
  env: NodeJS.ProcessEnv,
): { ms: number; status: number | null; stderr: string } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, args, { env, encoding: 'utf8' });
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, status: result.status, stderr: result.stderr };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

if (!existsSync(DIST_MAIN)) {
  process.stdout.write(
    'dist/cli/main.js is missing: run `npm run build` first (this benchmark runs the built CLI).\n',
  );
  process.exit(1);
}

const dir = mkdtempSync(join(tmpdir(), 'tollgate-cli-bench-'));
try {
  const db = join(dir, 'demo.duckdb');
  const env = { ...process.env, TOLLGATE_DB: db };
  process.stdout.write(`Making the demo database (tollgate demo --rows 2000) in ${dir} ...\n`);
  const demo = runOnce([CLI, 'demo', '--rows', '2000', '--out', join(dir, 'exports'), '--json'], env);
  if (demo.status !== 0) throw new Error(`tollgate demo exited ${demo.status}:\n${demo.stderr}`);

  const cases: Case[] = [
    { name: 'node -e 0', args: ['-e', '0'] },
    { name: 'tollgate --help', args: [CLI, '--help'], target: 3 },
    { name: 'tollgate --version', args: [CLI, '--version'], target: 3 },
    { name: 'tollgate costs --by provider', args: [CLI, 'costs', '--by', 'provider'], target: 6 },
  ];
  const times = new Map<string, number[]>(cases.map((c) => [c.name, []]));
  const failures = new Map<string, string>();
  // One warm-up round fills the file system cache; it is not counted.
  for (const c of cases) runOnce(c.args, env);
  for (let round = 0; round < RUNS; round++) {
    for (const c of cases) {
      const run = runOnce(c.args, env);
      times.get(c.name)!.push(run.ms);
      if (run.status !== 0) failures.set(c.name, `exited ${run.status}: ${run.stderr.split('\n')[0]}`);
    }
  }

  const bare = percentile(times.get('node -e 0')!, 50);
  process.stdout.write(`\n${RUNS} runs each, interleaved; wall time of the whole process, milliseconds\n`);
  process.stdout.write(
    `${'case'.padEnd(32)}${'median'.padStart(9)}${'p90'.padStart(9)}${'ratio'.padStart(8)}  target\n`,
  );
  for (const c of cases) {
    const values = times.get(c.name)!;
    const median = percentile(values, 50);
    const ratio = median / bare;
    const failure = failures.get(c.name);
    const verdict = failure
      ? `FAILED (${failure})`
      : c.target === undefined
        ? 'baseline'
        : `within ${c.target}x: ${ratio <= c.target ? 'met' : 'NOT met'}`;
    process.stdout.write(
      `${c.name.padEnd(32)}${median.toFixed(0).padStart(9)}${percentile(values, 90).toFixed(0).padStart(9)}${`${ratio.toFixed(2)}x`.padStart(8)}  ${verdict}\n`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
