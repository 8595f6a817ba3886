// Preloaded into each measured child process (node --import): at exit it writes the process's
// peak resident set size (KiB, from getrusage) to the file named by BENCH_PEAK_RSS_FILE.
import { writeFileSync } from 'node:fs';

const target = process.env.BENCH_PEAK_RSS_FILE;
if (target) {
  process.on('exit', () => {
    writeFileSync(target, String(process.resourceUsage().maxRSS));
  });
}
