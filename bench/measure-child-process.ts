// Runs one measured child process for a benchmark: wall time from spawn to exit, and the peak
// RSS and CPU seconds (all threads) the child reports at exit through the report-peak-rss preload.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const RSS_PRELOAD = join(ROOT, 'bench', 'report-peak-rss.mjs');
const SCRATCH = join(ROOT, 'bench', '.data');

export interface MeasuredRun {
  label: string;
  seconds: number;
  peakRssBytes: number;
  /** CPU seconds of the process, all threads: steadier than wall time on a busy machine. */
  cpuSeconds: number;
  stdout: string;
}

/** Spawns `node [--import tsx] script ...args` from the repository root and measures it. */
export function measureChildProcess(
  label: string,
  script: string,
  args: string[],
  options: { viaTsx: boolean },
): Promise<MeasuredRun> {
  mkdirSync(SCRATCH, { recursive: true });
  const rssFile = join(SCRATCH, `rss-${process.pid}-${label.replace(/\W+/g, '-')}.txt`);
  rmSync(rssFile, { force: true });
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const loader = options.viaTsx ? ['--import', 'tsx'] : [];
    const child = spawn(process.execPath, ['--import', RSS_PRELOAD, ...loader, script, ...args], {
      cwd: ROOT,
      env: { ...process.env, BENCH_PEAK_RSS_FILE: rssFile, TOLLGATE_DB: undefined },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${label} exited ${code}:\n${stderr}`));
        return;
      }
      const usage = JSON.parse(readFileSync(rssFile, 'utf8')) as { maxRSS: number; cpu: number };
      rmSync(rssFile, { force: true });
      resolve({ label, seconds, peakRssBytes: usage.maxRSS * 1024, cpuSeconds: usage.cpu / 1e6, stdout });
    });
  });
}

export function medianOf(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
