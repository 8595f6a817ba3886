import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { Decimal } from '../../src/core/money.js';
import { executivePeriod } from '../../web/src/views/executive-period.js';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { parseCsv } from '../support/csv-text.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { runCli } from '../support/run-cli.js';

/**
 * The same figure is the same everywhere (issue 19): on one demo database, the key figures as
 * the CLI prints them (`--json`, and the statement's CSV export), as the HTTP API answers them
 * and as the dashboard's tiles show them, compared to the last decimal with their currency.
 * The CLI runs on the server's copy of the database before the server opens it (the embedded
 * file has one writer); the server then answers from the very same file.
 */

interface BudgetFigures {
  actual: string;
  amount: string;
  remaining: string;
  currency: string;
}

type CostRows = { rows: (Record<string, string | null> & { currency: string; cost: string })[] };

interface Figures {
  /** The last complete month with data and its half-open date range. */
  period: string;
  from: string;
  to: string;
  byCurrency: CostRows;
  byTeam: CostRows;
  byService: CostRows;
  team: string;
  statementCsv: string[][];
  budget: string;
  budgetAsOf: string;
  /** `budgets show --json` prints the status itself; the API wraps it with its series. */
  budgetShow: BudgetFigures;
  /** A closed release: `release show --json` and its row of `release list --json`. */
  release: string;
  releaseShow: ReleaseShow;
  releaseRow: ReleaseRow;
}

interface ReleaseShow {
  release: { id: string; currency: string };
  variance: { actual: string; actualComplete: boolean };
}

interface ReleaseRow {
  id: string;
  status: string;
  currency: string;
  actual: string;
}

async function cliJson<T>(db: string, args: string[]): Promise<T> {
  const result = await runCli(['--db', db, ...args]);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** One row per key, so an answer's rows compare as a set with their currency and exact amount. */
function keyed(report: CostRows, dimension: string): Map<string, string> {
  return new Map(
    report.rows.map((row) => [
      `${row[dimension] ?? '(none)'}|${row.currency}`,
      new Decimal(row.cost).toFixed(),
    ]),
  );
}

function nextMonthStart(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 12 ? `${year + 1}-01-01` : `${year}-${String(number + 1).padStart(2, '0')}-01`;
}

async function readCliFigures(db: string): Promise<Figures> {
  const months = await cliJson<CostRows>(db, ['costs', '--by', 'month', '--currency', 'billing', '--json']);
  const monthList = [...new Set(months.rows.map((row) => row.month!))].sort();
  // The month before the last is complete (the last may be partial) and allocated by the demo.
  const period = monthList.at(-2)!;
  const from = `${period}-01`;
  const to = nextMonthStart(period);
  const range = ['--from', from, '--to', to, '--currency', 'billing', '--json'];
  const byCurrency = await cliJson<CostRows>(db, ['costs', '--by', 'currency', ...range]);
  const byTeam = await cliJson<CostRows>(db, ['costs', '--by', 'team', ...range]);
  const byService = await cliJson<CostRows>(db, ['costs', '--by', 'service', ...range]);
  const team = byTeam.rows
    .filter((row) => row.team !== null && row.team !== 'unallocated')
    .sort((a, b) => new Decimal(b.cost).comparedTo(a.cost))[0]!.team!;
  const statement = await runCli([
    '--db',
    db,
    'statement',
    '--team',
    team,
    '--period',
    period,
    '--format',
    'csv',
  ]);
  assert.equal(statement.code, 0, statement.stderr);
  const budgets = await cliJson<{ name: string; period: string }[]>(db, ['budgets', 'list', '--json']);
  const budget = budgets.find((entry) => entry.period === 'month')?.name ?? budgets[0]!.name;
  const budgetAsOf = `${period}-15`;
  const budgetShow = await cliJson<Figures['budgetShow']>(db, [
    'budgets',
    'show',
    budget,
    '--as-of',
    budgetAsOf,
    '--json',
  ]);
  const releases = await cliJson<ReleaseRow[]>(db, ['release', 'list', '--json']);
  const releaseRow = releases.find((row) => row.status === 'closed') ?? releases[0]!;
  const releaseShow = await cliJson<ReleaseShow>(db, ['release', 'show', releaseRow.id, '--json']);
  return {
    release: releaseRow.id,
    releaseShow,
    releaseRow,
    period,
    from,
    to,
    byCurrency,
    byTeam,
    byService,
    team,
    statementCsv: parseCsv(statement.stdout),
    budget,
    budgetAsOf,
    budgetShow,
  };
}

describe('figures agree: CLI, API, statement export and dashboard tiles', { timeout: 900_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let cli: Figures;

  before(async () => {
    server = await startDemoServer({
      prepare: async (db) => {
        cli = await readCliFigures(db);
      },
    });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  const apiCosts = (by: string) =>
    server.api<CostRows>(`/api/v1/costs?by=${by}&from=${cli.from}&to=${cli.to}&currency=billing`);

  it('a period total per currency, cost per team and per service: the CLI and the API, to the last decimal', async () => {
    for (const by of ['currency', 'team', 'service'] as const) {
      const fromCli = keyed(
        by === 'currency' ? cli.byCurrency : by === 'team' ? cli.byTeam : cli.byService,
        by,
      );
      const fromApi = keyed(await apiCosts(by), by);
      assert.ok(fromCli.size > 0, `the demo has cost by ${by} in ${cli.period}`);
      assert.deepEqual(fromApi, fromCli, `cost by ${by} in ${cli.period}`);
    }
    // Each grouping adds up to the same total per currency (allocation conserves the bill).
    const totals = (rows: CostRows) => {
      const sums = new Map<string, string>();
      for (const row of rows.rows)
        sums.set(row.currency, new Decimal(sums.get(row.currency) ?? 0).plus(row.cost).toFixed());
      return sums;
    };
    assert.deepEqual(totals(cli.byTeam), totals(cli.byCurrency));
    assert.deepEqual(totals(cli.byService), totals(cli.byCurrency));
  });

  it("a team's statement: the CSV export, the API's statement and the team's cost agree", async () => {
    const statement = await server.api<{
      currencies: { currency: string; totals: { total: { billedCost: string; effectiveCost: string } } }[];
    }>(`/api/v1/statements?team=${encodeURIComponent(cli.team)}&period=${cli.period}`);
    const [header, ...lines] = cli.statementCsv;
    const column = (name: string) => header!.indexOf(name);
    const csvTotals = new Map(
      lines
        .filter((line) => line[column('section')] === 'total')
        .map((line) => [line[column('currency')]!, new Decimal(line[column('effective_cost')]!).toFixed()]),
    );
    const apiTotals = new Map(
      statement.currencies.map((money) => [
        money.currency,
        new Decimal(money.totals.total.effectiveCost).toFixed(),
      ]),
    );
    assert.ok(apiTotals.size > 0);
    assert.deepEqual(csvTotals, apiTotals);
    // The statement's total is the team's allocated effective cost of the month, per currency.
    const teamCost = new Map(
      cli.byTeam.rows
        .filter((row) => row.team === cli.team)
        .map((row) => [row.currency, new Decimal(row.cost).toFixed()]),
    );
    assert.deepEqual(apiTotals, teamCost);
  });

  it("a budget's spent and remaining: the CLI and the API, with the same currency", async () => {
    const api = await server.api<{ status: BudgetFigures }>(
      `/api/v1/budgets/${encodeURIComponent(cli.budget)}/status?asOf=${cli.budgetAsOf}`,
    );
    for (const field of ['actual', 'amount', 'remaining', 'currency'] as const)
      assert.equal(api.status[field], cli.budgetShow[field], `${cli.budget} ${field}`);
    assert.equal(
      new Decimal(api.status.amount).minus(api.status.actual).toFixed(),
      new Decimal(api.status.remaining).toFixed(),
    );
  });

  it("a release's actual: the CLI (show and list), the API (one release and the list), the releases view and its CSV export", async () => {
    const exact = (text: string) => new Decimal(text).toFixed();
    const actual = exact(cli.releaseShow.variance.actual);
    assert.ok(new Decimal(actual).greaterThan(0), `${cli.release} has an actual in the demo`);
    assert.equal(exact(cli.releaseRow.actual), actual, 'release list and release show');
    const one = await server.api<ReleaseShow>(`/api/v1/releases/${encodeURIComponent(cli.release)}`);
    assert.equal(exact(one.variance.actual), actual, 'GET /api/v1/releases/:id');
    assert.equal(one.release.currency, cli.releaseShow.release.currency);
    assert.equal(one.variance.actualComplete, cli.releaseShow.variance.actualComplete);
    const list = await server.api<ReleaseRow[]>('/api/v1/releases');
    assert.equal(exact(list.find((row) => row.id === cli.release)!.actual), actual, 'GET /api/v1/releases');

    const page = await browser.context.newPage();
    page.setDefaultTimeout(90_000);
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(server.logins.admin.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    await page.goto(
      `${server.url.replace(/\/$/, '')}/?view=releases&release=${encodeURIComponent(cli.release)}`,
    );
    const table = page.getByTestId('releases-table');
    await table.waitFor();
    const row = table.locator('tbody tr').filter({ hasText: cli.release });
    const cells = await row
      .locator('[data-amount]')
      .evaluateAll((spans) => spans.map((span) => span.getAttribute('data-amount')));
    assert.ok(
      cells.some((cell) => cell !== null && exact(cell) === actual),
      `the releases view shows ${cli.release}'s actual ${actual} exactly (${cells.join(', ')})`,
    );
    const detail = page.getByTestId('release-detail');
    await detail.getByTestId('release-money').waitFor();
    const detailAmounts = await detail
      .locator('[data-amount]')
      .evaluateAll((spans) => spans.map((span) => span.getAttribute('data-amount')));
    assert.ok(
      detailAmounts.some((cell) => cell !== null && exact(cell) === actual),
      'the release detail',
    );
    // The table's CSV export (what a user downloads): the release's Actual cell, exactly.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const csv = parseCsv(readFileSync((await download.path())!, 'utf8'));
    const [header, ...lines] = csv;
    const line = lines.find((cells) => cells[header!.indexOf('Release')] === cli.release)!;
    assert.equal(exact(line[header!.indexOf('Actual')]!), actual, 'the releases CSV export');
    await page.close();
  });

  it("the executive tiles show the API's exact figure, rounded half up to cents with its currency", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(90_000);
    // The page's daily answer is held back until the budget status is on screen: the year tile
    // then shows no actual rather than the status's (which lacks the year's last day, the
    // status counting the days before its asOf), whichever answer comes first.
    let releaseDays = () => {};
    const daysHeld = new Promise<void>((resolve) => {
      releaseDays = resolve;
    });
    await page.route(
      (url) => url.pathname === '/api/v1/costs' && url.searchParams.get('by') === 'day',
      async (route) => {
        await daysHeld;
        await route.continue();
      },
    );
    await page.goto(server.url);
    await page.getByRole('tab', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(server.logins.admin.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    const days = executivePeriod(server.asOf);
    const usd = await server.api<CostRows>(
      `/api/v1/costs?by=currency&from=${days.yearStart}&to=${days.end}&currency=billing&filter=currency=USD`,
    );
    const exact = new Decimal(usd.rows[0]!.cost).toFixed();
    await page.getByTestId('tile-year').locator('.tile-budget').waitFor();
    assert.equal(await page.getByTestId('tile-year').locator('.tile-actual').count(), 0);
    releaseDays();
    const tile = page.getByTestId('tile-year').locator('.tile-actual');
    await tile.waitFor();
    // The tile holds the exact figure and shows it rounded for display (half up, 2 decimals).
    assert.equal(new Decimal((await tile.getAttribute('data-amount'))!).toFixed(), exact);
    const shown = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(
      new Decimal(exact).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2) as Intl.StringNumericLiteral,
    );
    assert.equal((await tile.innerText()).trim(), shown);

    // Top services: the ranked rows are the API's groups, and the remainder (given apart by the
    // API) is shown after them, never as a ranked row.
    const services = await server.api<CostRows & { remainder: { currency: string; cost: string }[] }>(
      `/api/v1/costs?by=catalog-service&metric=effective&from=${days.yearStart}&to=${days.end}&filter=currency=USD&top=10&currency=billing`,
    );
    const table = page.getByTestId('top-services');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), services.rows.length);
    const remainder = services.remainder.find((entry) => entry.currency === 'USD');
    const note = page.getByTestId('top-services-remainder');
    if (remainder) {
      assert.equal(
        new Decimal((await note.locator('.money').getAttribute('data-amount'))!).toFixed(),
        new Decimal(remainder.cost).toFixed(),
      );
    } else assert.equal(await note.count(), 0);
    await page.close();
  });
});
