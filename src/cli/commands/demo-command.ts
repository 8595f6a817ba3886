import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { packageRootPath } from '../../adapters/package-root.js';
import { startServer } from '../../api/start-server.js';
import {
  type IngestProgress,
  type IngestSummary,
  ingestBillingFiles,
} from '../../app/costs/ingest-billing-files.js';
import { type DemoTour, tourDemoCosts } from '../../app/demo/demo-tour.js';
import {
  DEMO_PASSWORD,
  type DemoDashboard,
  prepareDemoDashboard,
} from '../../app/demo/prepare-demo-dashboard.js';
import { type DemoSetup, setUpDemoOrganisation } from '../../app/demo/set-up-demo-organisation.js';
import { openTollgate } from '../../app/open-tollgate.js';
import { loadConfig } from '../../config/tollgate-config.js';
import { Decimal, formatMoney } from '../../core/money.js';
import { type WrittenDemo, writeDemoExports } from '../../demo/write-demo-exports.js';
import type { Stores } from '../../ports/stores.js';
import { type GlobalOptions, printJson, withStores } from '../cli-context.js';
import { formatAmount } from '../output/format-amount.js';
import { renderTable } from '../output/render-table.js';

interface DemoFlags {
  rows: number;
  seed: number;
  out: string;
  json?: boolean;
  serve?: boolean;
  port: number;
  host: string;
}

export async function runDemo(flags: DemoFlags, command: Command) {
  if (flags.serve) return serveDemo(flags, command);
  const outDir = resolve(flags.out);
  const human = !flags.json;
  const written = await generateDemo(flags, outDir, human);
  const { summary, setup, tour } = await withStores(command, (stores) =>
    loadDemo(stores, written, flags, outDir, human),
  );
  if (flags.json) printJson({ ...toJson(written, flags.seed, summary, tour), setup });
  else process.stdout.write(`${describeSetup(setup)}\n${describeTour(tour)}`);
}

async function generateDemo(flags: DemoFlags, outDir: string, human: boolean): Promise<WrittenDemo> {
  const started = Date.now();
  const written = await writeDemoExports({
    seed: flags.seed,
    rows: flags.rows,
    outDir,
    onProgress: human && process.stderr.isTTY ? reportGenerated : undefined,
  });
  if (human && process.stderr.isTTY) process.stderr.write('\n');
  if (human) process.stdout.write(describeGenerated(written, flags.seed, (Date.now() - started) / 1000));
  return written;
}

/** Loads the generated exports, gives them owners and a release year, and tours the spend. */
async function loadDemo(
  stores: Stores,
  written: WrittenDemo,
  flags: DemoFlags,
  outDir: string,
  human: boolean,
) {
  const progress = human && process.stderr.isTTY ? createLoadProgress(written.folders.length) : undefined;
  const summary = await ingestBillingFiles(stores, written.folders, {
    onError: 'fail',
    dryRun: false,
    rejectReportPath: join(outDir, 'rejected-rows.csv'),
    onProgress: progress?.update,
  }).finally(() => progress?.stop());
  if (human) process.stdout.write(describeLoad(summary));
  const setup = await setUpDemoOrganisation(stores, flags.seed, outDir);
  return { summary, setup, tour: await tourDemoCosts(stores.costs) };
}

/**
 * `tollgate demo --serve` (npm run demo): the demo organisation if the database has no cost
 * data yet, then budgets, alerts and logins for the dashboard, then the server. The scheduler
 * stays off: the demo year is in the past, and evaluating alerts "today" would resolve them.
 */
async function serveDemo(flags: DemoFlags, command: Command): Promise<void> {
  const human = !flags.json;
  const config = loadConfig({ db: command.optsWithGlobals<GlobalOptions>().db });
  const stores = await openTollgate(config);
  let server: Awaited<ReturnType<typeof startServer>>;
  let dashboard: DemoDashboard;
  let generated = false;
  try {
    const existing = await stores.costs.queryCosts({ groupBy: [], filters: [], metric: 'effective' });
    if (existing.length === 0) {
      const outDir = resolve(flags.out);
      const written = await generateDemo(flags, outDir, human);
      const { setup } = await loadDemo(stores, written, flags, outDir, human);
      if (human) process.stdout.write(describeSetup(setup));
      generated = true;
    } else if (human) {
      process.stdout.write('The database has cost data already; serving it as it is (no new demo data).\n');
    }
    dashboard = await prepareDemoDashboard(stores);
    const { version } = JSON.parse(readFileSync(packageRootPath('package.json'), 'utf8')) as {
      version: string;
    };
    server = await startServer({
      stores,
      config: {
        ...config.server,
        scheduler: 'off',
        logLevel: process.env.TOLLGATE_LOG_LEVEL ? config.server.logLevel : 'warn',
      },
      dbPath: config.db,
      host: flags.host,
      port: flags.port,
      version,
    });
  } catch (error) {
    await stores.close();
    throw error;
  }
  const url = `${server.address.replace('://[::1]', '://localhost')}/`;
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ url, generated, ...dashboard })}\n`);
  } else {
    process.stdout.write(describeDemoServer(url, dashboard));
  }
  await server.stopped;
}

function describeDemoServer(url: string, dashboard: DemoDashboard): string {
  const lines = [
    '',
    `Tollgate dashboard: ${url}`,
    `Demo data runs to ${dashboard.dataThrough ?? '-'}; the dashboard shows it as of ${dashboard.asOf}. ${dashboard.budgetsCreated.length > 0 ? `Created ${dashboard.budgetsCreated.length} demo budgets; ` : ''}${dashboard.alertsOpen} open alert(s).`,
    `Sign in with a user name and the password ${DEMO_PASSWORD} (demo only), or paste a token:`,
    renderTable(
      ['user', 'role', 'token (shown once)', 'can'],
      dashboard.logins.map((login) => [login.name, login.role, login.token, login.what]),
    ),
    'Stop with Ctrl-C.',
  ];
  return `${lines.join('\n')}\n`;
}

function reportGenerated(rows: number): void {
  process.stderr.write(`\rgenerating: ${rows.toLocaleString('en-US')} rows`);
}

/** A progress bar over the demo's exports, with rows loaded and rows per second. */
function createLoadProgress(total: number) {
  const started = Date.now();
  const bar = new SingleBar({
    format: 'loading [{bar}] {value}/{total} exports | {rows} rows | {rate} rows/s',
    stream: process.stderr,
    hideCursor: true,
  });
  bar.start(total, 0, { rows: 0, rate: 0 });
  let units = 0;
  let rows = 0;
  return {
    update(event: IngestProgress) {
      if (event.phase === 'hashing' && event.fileIndex === 0) units++;
      if (event.phase === 'done') rows += event.rows;
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(Math.max(units - 1, 0), {
        rows: rows.toLocaleString('en-US'),
        rate: Math.round(rows / seconds).toLocaleString('en-US'),
      });
    },
    stop() {
      bar.update(total);
      bar.stop();
    },
  };
}

function describeGenerated(written: WrittenDemo, seed: number, seconds: number): string {
  return (
    `Generated the Acme Retail demo (seed ${seed}): ${written.rows.toLocaleString('en-US')} FOCUS 1.2 rows of 2025, ` +
    `${written.folders.length} provider exports (${written.files} CSV files) in ${written.outDir} (${seconds.toFixed(1)} s).\n`
  );
}

function describeLoad(summary: IngestSummary): string {
  const loaded = summary.units.filter((unit) => unit.status === 'loaded').length;
  const already = summary.units.filter((unit) => unit.status === 'already-loaded').length;
  const parts = [
    `Loaded ${loaded} export(s): ${summary.rowsLoaded.toLocaleString('en-US')} rows, ${summary.rowsRejected} rejected.`,
  ];
  if (already > 0) parts.push(`${already} export(s) were already loaded; nothing changed for them.`);
  return `${parts.join(' ')}\n`;
}

/** What the demo set up beyond billing: owners by allocation, and the release and deployment year. */
export function describeSetup(setup: DemoSetup): string {
  const unallocated = new Map<string, { ingested: Decimal; unallocated: Decimal }>();
  for (const run of setup.allocation.runs) {
    for (const total of run.totals) {
      const sums = unallocated.get(total.currency) ?? {
        ingested: new Decimal(0),
        unallocated: new Decimal(0),
      };
      sums.ingested = sums.ingested.plus(total.ingested.effectiveCost);
      sums.unallocated = sums.unallocated.plus(total.unallocated.effectiveCost);
      unallocated.set(total.currency, sums);
    }
  }
  const shares = [...unallocated.entries()]
    .map(
      ([currency, sums]) =>
        `${currency} ${sums.ingested.isZero() ? '0.0' : sums.unallocated.div(sums.ingested).times(100).toFixed(1)}%`,
    )
    .join(', ');
  const lines = [
    `Allocated ${setup.allocation.runs.length} month(s) with catalogue v${setup.catalogVersion} and rule set v${setup.ruleSetVersion}; unallocated EffectiveCost: ${shares}.`,
  ];
  const governance = setup.governance;
  lines.push(
    governance
      ? `Loaded the release and deployment year: ${governance.releases} releases, ${governance.changes} changes, ${governance.deployments} deployments, ${governance.incidents} incidents, a year-end freeze with ${governance.breakGlass} break-glass records.`
      : 'The release and deployment year was already loaded.',
  );
  if (governance)
    lines.push(
      `Its pipelines asked the gate ${governance.gateDecisions} times (${governance.gateDenials} denied); ${setup.reviews?.required ?? 0} changes needed a post-implementation review: ${setup.reviews?.onTime ?? 0} held on time, ${setup.reviews?.late ?? 0} late, ${setup.reviews?.open ?? 0} open.`,
    );
  lines.push(
    'Try: tollgate costs --by team --metric effective    tollgate kpis    tollgate gate --service checkout-api --env prod    tollgate conformance --from 2025-01-01 --to 2026-01-01',
  );
  return `${lines.join('\n')}\n`;
}

function money(amount: string): string {
  return formatAmount(amount, 2);
}

export function describeTour(tour: DemoTour): string {
  const out: string[] = [];
  out.push(
    'Spend by month (BilledCost = the invoice; EffectiveCost = commitments amortised over the days they cover)',
  );
  out.push(
    renderTable(
      ['month', 'currency', 'BilledCost', 'EffectiveCost'],
      tour.spendByMonth.rows.map((row) => [row.month, row.currency, money(row.billed), money(row.effective)]),
      [2, 3],
    ),
  );
  out.push('', 'Top services by EffectiveCost, whole year');
  out.push(
    renderTable(
      ['service', 'currency', 'EffectiveCost'],
      tour.topServices.rows.map((row) => [row.service, row.currency, money(row.cost)]),
      [2],
    ),
  );
  const { previousMonth, currentMonth } = tour.topMovers;
  out.push('', `Top movers by EffectiveCost, ${currentMonth ?? '-'} against ${previousMonth ?? '-'}`);
  out.push(
    renderTable(
      ['service', 'currency', previousMonth ?? 'previous', currentMonth ?? 'current', 'change', '%'],
      tour.topMovers.rows.map((row) => [
        row.service,
        row.currency,
        money(row.previous),
        money(row.current),
        `${row.change.startsWith('-') ? '' : '+'}${money(row.change)}`,
        row.changePercent === null
          ? 'new'
          : `${row.changePercent.startsWith('-') ? '' : '+'}${row.changePercent}%`,
      ]),
      [2, 3, 4, 5],
    ),
  );
  out.push(
    '',
    'Explore further: tollgate costs --by tag:team --metric effective    tollgate costs --by provider,month --metric billed',
  );
  return `${out.join('\n')}\n`;
}

function toJson(written: WrittenDemo, seed: number, summary: IngestSummary, tour: DemoTour) {
  return {
    generated: {
      outDir: written.outDir,
      seed,
      year: 2025,
      rows: written.rows,
      exports: written.folders.length,
      files: written.files,
      bytes: written.bytes,
    },
    ingest: {
      loaded: summary.units.filter((unit) => unit.status === 'loaded').length,
      alreadyLoaded: summary.units.filter((unit) => unit.status === 'already-loaded').length,
      rowsLoaded: summary.rowsLoaded,
      rowsRejected: summary.rowsRejected,
      totals: summary.totals,
    },
    tour: {
      spendByMonth: {
        metrics: tour.spendByMonth.metrics,
        rows: tour.spendByMonth.rows.map((row) => ({
          ...row,
          billed: formatMoney(row.billed),
          effective: formatMoney(row.effective),
        })),
      },
      topServices: {
        metric: tour.topServices.metric,
        rows: tour.topServices.rows.map((row) => ({ ...row, cost: formatMoney(row.cost) })),
      },
      topMovers: {
        ...tour.topMovers,
        rows: tour.topMovers.rows.map((row) => ({
          ...row,
          previous: formatMoney(row.previous),
          current: formatMoney(row.current),
          change: formatMoney(row.change),
        })),
      },
    },
  };
}
