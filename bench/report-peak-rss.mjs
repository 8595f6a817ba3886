// Preloaded into each measured child process (node --import): at exit it writes the process's
// peak resident set size (KiB) and CPU time (microseconds, all threads, DuckDB's included), from
// getrusage, as JSON to the file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      target,
      JSON.stringify({ maxRSS: usage.maxRSS, cpu: usage.userCPUTime + usage.systemCPUTime }),
    );
  });
}
