/**
 * The dashboard's speed in a real Chromium against `tollgate demo --serve` on the demo
 * database of ~1M cost lines (BENCH_ROWS, default 1,000,000; built once into
 * bench/.data/web-demo-<rows>/, which takes several minutes the first time).
 *
 * Measured in the page, from navigation start (performance.timeOrigin) or from the moment a
 * control is changed, to the first animation frame where the view's data is on screen:
 * 1. first paint of each view: the headline figures (executive: month and year tiles, monthly
 *    and business-unit charts; on-call: alerts, burn rates, timeline, calendar; explorer:
 *    table and stacked chart) and "all panels" (no loading indicator left), for every view
 *    in the nav including the allocation, releases, approvals and audit views;
 * 2. interactions: change group-by, drill down, change metric, currency or time grain.
 * Every view is opened once unmeasured first (cold server caches), then BENCH_RUNS times
 * (default 5) in a fresh tab each (so the dashboard's own answer cache is empty); the table
 * shows the median and the slowest run against the targets (first paint < 1 s, interaction
 * < 300 ms), and each median as a multiple of the baseline measured in the same run: a
 * `GET /healthz` from the page (median of 20), the machine's round trip at its current load.
 * BENCH_VIEWS (comma-separated view ids) limits the views and interactions measured.
 * It reports figures; it asserts nothing.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { launchBrowser } from '../test/support/browser.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ONLY = process.env.BENCH_VIEWS ? new Set(process.env.BENCH_VIEWS.split(',')) : null;
const CLI = fileURLToPath(new URL('../bin/tollgate.js', import.meta.url));
const DATA = fileURLToPath(new URL(`./.data/web-demo-${ROWS}/`, import.meta.url));
const DB = join(DATA, 'tollgate.duckdb');
const FIRST_PAINT_MS = 1000;
/** Loading a million lines at once needs more than DuckDB's default 384MB here; TOLLGATE_MEMORY_LIMIT wins. */
const ENV = { ...process.env, TOLLGATE_MEMORY_LIMIT: process.env.TOLLGATE_MEMORY_LIMIT ?? '2GB' };
const INTERACTION_MS = 300;

interface Figure {
  name: string;
  kind: 'first paint' | 'all panels' | 'interaction';
  runs: number[];
  cold?: number;
}

/** Step 1: the demo database, generated and loaded once (tollgate demo, as a user would). */
function ensureDemoDatabase(): void {
  if (existsSync(join(DATA, 'ready'))) return;
  mkdirSync(DATA, { recursive: true });
  process.stderr.write(
    `building the ${ROWS.toLocaleString('en-US')}-row demo database in ${DATA} (once)...\n`,
  );
  const result = spawnSync(
    process.execPath,
    [CLI, '--db', DB, 'demo', '--rows', String(ROWS), '--out', join(DATA, 'exports'), '--json'],
    { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: ENV },
  );
  if (result.status !== 0) throw new Error(`tollgate demo failed: ${result.stderr}`);
  writeFileSync(join(DATA, 'ready'), new Date().toISOString());
}

/** Step 2: `tollgate demo --serve` on it (budgets, alerts, logins), on a free loopback port. */
function startServer(): Promise<{ child: ChildProcess; url: string; token: string }> {
  const child = spawn(
    process.execPath,
    [CLI, '--db', DB, 'demo', '--serve', '--port', '0', '--out', join(DATA, 'exports'), '--json'],
    { env: { ...ENV, TOLLGATE_RATE_LIMIT: '1000000' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout!.on('data', (chunk) => {
      text += chunk;
      const line = text.split('\n').find((candidate) => candidate.startsWith('{"url"'));
      if (!line) return;
      const answer = JSON.parse(line) as { url: string; logins: { role: string; token: string }[] };
      resolve({
        child,
        url: answer.url,
        token: answer.logins.find((login) => login.role === 'admin')!.token,
      });
    });
    child.on('exit', (code) => reject(new Error(`tollgate demo --serve exited with ${code}`)));
  });
}

/**
 * What "the data is on screen" means, as data (the page's CSP forbids evaluating strings, so
 * the check is one function given this spec): elements present, charts drawn, URL and text.
 */
interface ReadySpec {
  present?: string[];
  rendered?: string[];
  urlIncludes?: string[];
  text?: [selector: string, includes: string][];
  /** No loading indicator left in the view. */
  settled?: boolean;
}

function isReady(spec: ReadySpec): number | false {
  const doc = (
    globalThis as unknown as {
      document: {
        querySelector(s: string): { textContent: string | null } | null;
        querySelectorAll(s: string): ArrayLike<{ textContent: string | null }>;
      };
    }
  ).document;
  const win = globalThis as unknown as {
    location: { search: string };
    __readyAt?: number;
    performance: { now(): number };
  };
  const ok =
    (spec.present ?? []).every((selector) => doc.querySelector(selector) !== null) &&
    (spec.rendered ?? []).every(
      (id) => doc.querySelector(`[data-testid="${id}"][data-rendered="true"]`) !== null,
    ) &&
    (spec.urlIncludes ?? []).every((part) => decodeURIComponent(win.location.search).includes(part)) &&
    (spec.text ?? []).every(([selector, part]) =>
      Array.from(doc.querySelectorAll(selector)).some((node) => (node.textContent ?? '').includes(part)),
    ) &&
    (!spec.settled ||
      (doc.querySelector('main.content .status-loading') === null &&
        doc.querySelector('main.content section') !== null));
  if (!ok) return false;
  win.__readyAt ??= win.performance.now();
  return win.__readyAt;
}

/** In-page: milliseconds since navigation start at the first frame where `spec` holds. */
async function timeUntil(page: Page, spec: ReadySpec, timeoutMs = 180_000): Promise<number> {
  const handle = await page.waitForFunction(isReady, spec, { polling: 'raf', timeout: timeoutMs });
  return (await handle.jsonValue()) as number;
}

const SETTLED: ReadySpec = { settled: true };
const both = (a: ReadySpec, b: ReadySpec): ReadySpec => ({
  present: [...(a.present ?? []), ...(b.present ?? [])],
  rendered: [...(a.rendered ?? []), ...(b.rendered ?? [])],
  urlIncludes: [...(a.urlIncludes ?? []), ...(b.urlIncludes ?? [])],
  text: [...(a.text ?? []), ...(b.text ?? [])],
  settled: a.settled || b.settled,
});

const HEADLINES: Record<string, ReadySpec> = {
  executive: {
    present: [
      '[data-testid="tile-month"] .tile-actual',
      '[data-testid="tile-year"] .tile-actual',
      '[data-testid="unallocated-percent"]',
    ],
    rendered: ['chart-monthly', 'chart-business-units'],
  },
  'on-call': {
    present: ['[data-testid="alert-list"]', '[data-testid="burn-table"]', '[data-testid="calendar"]'],
    rendered: ['chart-timeline'],
  },
  explorer: { present: ['[data-testid="explorer-table"]'], rendered: ['explorer-chart'] },
};

async function openView(
  context: Awaited<ReturnType<typeof launchBrowser>>['context'],
  url: string,
  view: string,
  query = '',
) {
  const page = await context.newPage();
  await page.goto(`${url}?view=${view}${query}`);
  return page;
}

/**
 * An interaction timed in the page: `act` runs in the page right after the clock starts (a
 * select changed, a row clicked), then the first frame where `ready` holds stops it.
 */
async function timeInteraction(
  page: Page,
  act: string,
  ready: ReadySpec,
  timeoutMs = 60_000,
): Promise<number> {
  const started = (await page.evaluate(`(() => {
    window.__readyAt = undefined;
    const t = performance.now();
    ${act};
    return t;
  })()`)) as number;
  return (await timeUntil(page, ready, timeoutMs)) - started;
}

function selectValue(name: string, value: string): string {
  return `(() => {
    const select = document.querySelector('select[name="${name}"]');
    Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, 'value').set.call(select, ${JSON.stringify(value)});
    select.dispatchEvent(new Event('change', { bubbles: true }));
  })()`;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function main(): Promise<void> {
  ensureDemoDatabase();
  const server = await startServer();
  const browser = await launchBrowser();
  const figures: Figure[] = [];
  let baseline = Number.NaN;
  const loadBefore = loadavg();
  try {
    // Signed in in every new tab: the token goes into session storage before the app starts.
    await browser.context.addInitScript(
      `sessionStorage.setItem('tollgate.token', ${JSON.stringify(server.token)})`,
    );
    const probe = await openView(browser.context, server.url, 'executive');
    await probe.waitForSelector('nav#main-nav a');
    const views = (
      await probe.$$eval('nav#main-nav a', (links) =>
        links.map(
          (link) => new URL((link as unknown as { href: string }).href).searchParams.get('view') ?? '',
        ),
      )
    ).filter((view) => ONLY === null || ONLY.has(view));
    baseline = await timeHealthz(probe);
    await probe.close();

    // 1. First paint of every view: one cold visit, then RUNS visits in fresh tabs.
    for (const view of views) {
      const headline = HEADLINES[view];
      const paint: Figure = { name: `${view}`, kind: 'first paint', runs: [] };
      const all: Figure = { name: `${view}`, kind: 'all panels', runs: [] };
      for (let run = 0; run <= RUNS; run++) {
        const page = await openView(browser.context, server.url, view);
        const first = headline ? await timeUntil(page, headline) : undefined;
        await page.evaluate('window.__readyAt = undefined');
        const whole = await timeUntil(page, SETTLED).then((at) => Math.max(at, first ?? 0));
        if (run === 0) {
          paint.cold = first ?? whole;
          all.cold = whole;
        } else {
          paint.runs.push(first ?? whole);
          all.runs.push(whole);
        }
        await page.close();
      }
      figures.push(paint);
      if (headline) figures.push(all);
    }

    // 2. Interactions, each on a view already showing its data.
    const interactions: { name: string; view: string; query?: string; act: string; ready: ReadySpec }[] = [
      {
        name: 'explorer: group by team',
        view: 'explorer',
        act: selectValue('by', 'team'),
        ready: both(HEADLINES.explorer!, {
          urlIncludes: ['by=team'],
          text: [['[data-testid="explorer-table"] th', 'Team']],
          settled: true,
        }),
      },
      {
        name: 'explorer: drill down (business unit -> team)',
        view: 'explorer',
        act: `document.querySelector('[data-testid="explorer-table"] tbody tr').click()`,
        ready: both(HEADLINES.explorer!, {
          urlIncludes: ['by=team', 'filter=business-unit='],
          settled: true,
        }),
      },
      {
        name: 'explorer: drill down (team -> service)',
        view: 'explorer',
        query: '&by=team&filter=business-unit%3Dcommerce',
        act: `document.querySelector('[data-testid="explorer-table"] tbody tr').click()`,
        ready: both(HEADLINES.explorer!, { urlIncludes: ['by=catalog-service'], settled: true }),
      },
      {
        name: 'explorer: chart by day',
        view: 'explorer',
        act: selectValue('grain', 'day'),
        ready: both(HEADLINES.explorer!, { urlIncludes: ['grain=day'], settled: true }),
      },
      {
        name: 'explorer: metric billed',
        view: 'explorer',
        act: selectValue('metric', 'billed'),
        ready: both(HEADLINES.explorer!, { urlIncludes: ['metric=billed'], settled: true }),
      },
      {
        name: 'executive: metric billed (headline)',
        view: 'executive',
        act: selectValue('metric', 'billed'),
        ready: both(HEADLINES.executive!, {
          urlIncludes: ['metric=billed'],
          text: [['[data-testid="executive-subtitle"]', 'BilledCost']],
        }),
      },
      {
        name: 'executive: currency EUR (headline)',
        view: 'executive',
        act: selectValue('currency', 'EUR'),
        ready: both(HEADLINES.executive!, {
          urlIncludes: ['currency=EUR'],
          text: [['[data-testid="executive-subtitle"]', 'in EUR']],
        }),
      },
      {
        name: 'on-call: timeline 90 days',
        view: 'on-call',
        act: selectValue('days', '90'),
        ready: both(HEADLINES['on-call']!, { urlIncludes: ['days=90'], settled: true }),
      },
    ];
    for (const interaction of interactions.filter((each) => ONLY === null || ONLY.has(each.view))) {
      const figure: Figure = { name: interaction.name, kind: 'interaction', runs: [] };
      for (let run = 0; run <= RUNS; run++) {
        const page = await openView(browser.context, server.url, interaction.view, interaction.query ?? '');
        await timeUntil(page, both(HEADLINES[interaction.view]!, SETTLED));
        // A run that never gets there is reported as such, not left to stop the others.
        const ms = await timeInteraction(page, interaction.act, interaction.ready).catch((error: Error) => {
          process.stderr.write(`${interaction.name}: ${error.message.split('\n')[0]}\n`);
          return Number.NaN;
        });
        if (run === 0) figure.cold = ms;
        else figure.runs.push(ms);
        await page.close();
      }
      figures.push(figure);
    }
  } finally {
    await browser.close();
    server.child.kill('SIGTERM');
  }
  printTable(figures, baseline, [loadBefore, loadavg()]);
}

/** The baseline: GET /healthz from the page, median of 20 (after 5 unmeasured). */
async function timeHealthz(page: Page): Promise<number> {
  const times = (await page.evaluate(`(async () => {
    const times = [];
    for (let i = 0; i < 25; i++) {
      const t = performance.now();
      await (await fetch('/healthz', { cache: 'no-store' })).text();
      if (i >= 5) times.push(performance.now() - t);
    }
    return times;
  })()`)) as number[];
  return median(times);
}

function ms(value: number): string {
  return Number.isNaN(value) ? 'timeout' : value.toFixed(0);
}

function printTable(figures: Figure[], baseline: number, loads: number[][]): void {
  const rows = figures.map((figure) => {
    const target = figure.kind === 'interaction' ? INTERACTION_MS : FIRST_PAINT_MS;
    const middle = median(figure.runs);
    const worst = Math.max(...figure.runs);
    return [
      figure.kind,
      figure.name,
      figure.cold === undefined ? '-' : ms(figure.cold),
      ms(middle),
      ms(worst),
      Number.isNaN(middle) ? '-' : `${(middle / baseline).toFixed(0)}x`,
      `< ${target}`,
      middle < target ? (worst < target ? 'yes' : 'median') : 'NO',
    ];
  });
  const header = [
    'measure',
    'view / interaction',
    'cold ms',
    'median ms',
    'max ms',
    'x healthz',
    'target',
    'met',
  ];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ');
  process.stdout.write(
    `Dashboard speed on the ${ROWS.toLocaleString('en-US')}-row demo (${RUNS} runs after one cold visit; Chromium headless, loopback)\n`,
  );
  const load = (values: number[]) => values.map((value) => value.toFixed(2)).join(' ');
  process.stdout.write(
    `baseline GET /healthz from the page: median ${baseline.toFixed(1)} ms; load average ${load(loads[0]!)} at the start, ${load(loads[1]!)} at the end\n`,
  );
  process.stdout.write(`${line(header)}\n${line(widths.map((width) => '-'.repeat(width)))}\n`);
  for (const row of rows) process.stdout.write(`${line(row)}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
