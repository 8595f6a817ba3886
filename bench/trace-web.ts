/**
 * A network trace of dashboard views, to see what a first paint waits for: for each view
 * (argument: comma-separated view ids, default executive,on-call,explorer) it opens the view
 * twice in a fresh tab against `tollgate demo --serve` on the cached bench database
 * (bench/.data/web-demo-<BENCH_ROWS>, built by `npm run bench:web`), waits TRACE_WAIT_MS
 * (default 5000), and prints each API request that finished: its start after navigation and
 * its duration, in ms. A request that starts late waits for another one.
 */
import { spawn } from 'node:child_process';
import { launchBrowser } from '../test/support/browser.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const WAIT_MS = Number(process.env.TRACE_WAIT_MS ?? 5000);
const DATA = `bench/.data/web-demo-${ROWS}`;

const child = spawn(
  process.execPath,
  [
    'bin/tollgate.js',
    '--db',
    `${DATA}/tollgate.duckdb`,
    'demo',
    '--serve',
    '--port',
    '0',
    '--out',
    `${DATA}/exports`,
    '--json',
  ],
  {
    env: { ...process.env, TOLLGATE_MEMORY_LIMIT: '2GB', TOLLGATE_RATE_LIMIT: '1000000' },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const info = await new Promise<{ url: string; logins: { role: string; token: string }[] }>(
  (resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((candidate) => candidate.startsWith('{"url"'));
      if (line) resolve(JSON.parse(line));
    });
    child.on('exit', (code) => reject(new Error(`tollgate demo --serve exited with ${code}`)));
  },
);
const token = info.logins.find((login) => login.role === 'admin')!.token;
const browser = await launchBrowser();
try {
  await browser.context.addInitScript(`sessionStorage.setItem('tollgate.token', ${JSON.stringify(token)})`);
  for (const view of (process.argv[2] ?? 'executive,on-call,explorer').split(',')) {
    for (let run = 0; run < 2; run++) {
      const page = await browser.context.newPage();
      const started = Date.now();
      const lines: [number, string][] = [];
      page.on('requestfinished', (request) => {
        const url = new URL(request.url());
        if (!url.pathname.startsWith('/api')) return;
        const timing = request.timing();
        const start = Math.round(timing.startTime - started);
        lines.push([
          start,
          `${String(start).padStart(5)} +${String(Math.round(timing.responseEnd)).padStart(5)} ${url.pathname}${url.search}`,
        ]);
      });
      await page.goto(`${info.url}?view=${view}`);
      await page.waitForTimeout(WAIT_MS);
      process.stdout.write(`== ${view} run ${run}\n`);
      for (const [, line] of lines.sort((a, b) => a[0] - b[0])) process.stdout.write(`${line}\n`);
      await page.close();
    }
  }
} finally {
  await browser.close();
  child.kill('SIGTERM');
}
