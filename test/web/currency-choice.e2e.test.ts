import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Decimal } from '../../src/core/money.js';
import { executivePeriod } from '../../web/src/views/executive-period.js';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import type { LaunchedBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { runCli } from '../support/run-cli.js';
import { signedInPage } from '../support/signed-in-page.js';

type CostRows = { rows: { currency: string; cost: string }[] };

interface Prepared {
  /** A complete month of the demo (YYYY-MM) and its first and last day. */
  from: string;
  until: string;
  /** The day before the demo's first day: one USD line on it, and no rate for it. */
  gapDay: string;
  /** `costs --by business-unit --currency EUR` over the month: the explorer's own grouping. */
  cliByUnit: string;
  /** `costs --currency EUR` over the month: one total. */
  cliTotal: string;
}

async function cliJson<T>(db: string, args: string[]): Promise<T> {
  const result = await runCli(['--db', db, ...args]);
  assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

const sum = (report: CostRows) =>
  report.rows.reduce((total, row) => total.plus(row.cost), new Decimal(0)).toFixed();

function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

function lastDayOf(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, number, 0)).toISOString().slice(0, 10);
}

/**
 * On the demo's copy, before the server opens it: the CLI's converted figures of a complete
 * month, and one USD cost line on the day before the first stored rate (the December before the demo year),
 * so that "all loaded days" in EUR has a day with spend and no rate.
 */
async function prepare(db: string): Promise<Prepared> {
  const months = await cliJson<{ rows: { month: string }[] }>(db, [
    'costs',
    '--by',
    'month',
    '--currency',
    'billing',
    '--json',
  ]);
  const list = [...new Set(months.rows.map((row) => row.month.slice(0, 7)))].sort();
  const month = list.at(-2)!;
  const from = `${month}-01`;
  const until = lastDayOf(month);
  const to = new Date(Date.parse(`${until}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  const range = ['--from', from, '--to', to, '--currency', 'EUR', '--json'];
  const cliByUnit = sum(await cliJson<CostRows>(db, ['costs', '--by', 'business-unit', ...range]));
  const cliTotal = sum(await cliJson<CostRows>(db, ['costs', ...range]));
  const stored = await cliJson<{ rates: { date: string }[] }>(db, ['rates', 'list', '--json']);
  const gapDay = dayBefore(stored.rates.map((rate) => rate.date).sort()[0]!);
  const file = join(dirname(db), 'gap-day.csv');
  writeFileSync(
    file,
    [
      'kind,provider,service,description,start,end,currency,amount,quantity,unit_price,unit,role,tags,invoice_id',
      `support,Acme,Support desk,One day before the rates begin,${gapDay},${gapDay},USD,100.00,,,,,team=platform,`,
      '',
    ].join('\n'),
  );
  const added = await runCli(['--db', db, 'costs', 'add', file, '--ledger', 'gap-day']);
  assert.equal(added.code, 0, added.stderr);
  return { from, until, gapDay, cliByUnit, cliTotal };
}

/** Presses Tab until the focused element is the currency selector (bounded). */
async function tabToCurrency(page: Page, limit = 80) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const name = String(await page.evaluate("document.activeElement?.getAttribute('name') ?? ''"));
    if (name === 'currency') return;
  }
  throw new Error('Tab never reached the currency selector');
}

const choiceInUrl = (page: Page) => new URL(page.url()).searchParams.get('currency');

async function waitForLoaded(page: Page) {
  await page.waitForFunction(() => {
    const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
    return doc.querySelector('.status-loading') === null;
  });
}

/**
 * The dashboard's currency choice in a real Chromium against `tollgate demo --serve` (USD and
 * EUR spend, a year of EUR->USD rates), in Kolkata's time zone: "All, in EUR" chosen from the
 * keyboard converts every figure through the API's conversion, carries to the explorer, and a
 * day with spend and no rate shows the API's RATE_MISSING message instead of a figure.
 */
describe('the dashboard in one reporting currency, in Chromium', { timeout: 900_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let page: Page;
  let prepared: Prepared;

  before(async () => {
    server = await startDemoServer({
      prepare: async (db) => {
        prepared = await prepare(db);
      },
    });
    ({ browser, page } = await signedInPage(server, 'admin', 'Asia/Kolkata', 90_000));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('"All, in EUR" is chosen from the keyboard; the month tile is GET /costs?currency=EUR to the cent', async () => {
    await page.waitForURL(/currency=USD/);
    await tabToCurrency(page);
    // The arrow keys move through the options of a focused select without opening it.
    const select = page.locator('select[name="currency"]');
    for (let step = 0; step < 6 && (await select.inputValue()) !== 'all-EUR'; step++)
      await page.keyboard.press('ArrowDown');
    await page.waitForURL(/currency=all-EUR/);
    assert.equal(choiceInUrl(page), 'all-EUR', 'the converted choice is in the URL');
    assert.equal(await page.locator('select[name="currency"] option:checked').textContent(), 'All, in EUR');
    await page.getByTestId('executive-subtitle').filter({ hasText: 'converted per charge day' }).waitFor();

    const days = executivePeriod(server.asOf);
    const api = await server.api<CostRows & { reportingCurrency: string; billingTotals: unknown[] }>(
      `/api/v1/costs?currency=EUR&from=${days.monthStart}&to=${days.end}`,
    );
    assert.equal(api.reportingCurrency, 'EUR');
    assert.ok(api.billingTotals.length >= 1);
    const tile = page.getByTestId('tile-month').locator('.tile-actual');
    await tile.waitFor();
    const shown = new Decimal((await tile.getAttribute('data-amount'))!);
    const expected = new Decimal(sum(api));
    assert.equal(shown.toFixed(2), expected.toFixed(2), 'to the last cent');
    assert.equal(shown.toFixed(), expected.toFixed(), 'and exactly');
    assert.match((await tile.innerText()).trim(), /€|EUR/);
    // The forecast is converted by the API (each billing currency at the last known rate, added
    // up): its caption is GET /forecasts?currency=EUR to the cent, and the chart states the rule.
    const forecast = await server.api<
      { currency: string; total: { point: string; lo80: string }; conversion: { rule: string } | null }[]
    >(`/api/v1/forecasts?metric=effective&asOf=${days.end}&horizon=30d&currency=EUR`);
    assert.equal(forecast.length, 1, 'one forecast of every billing currency');
    assert.equal(forecast[0]!.currency, 'EUR');
    const caption = page.getByTestId('forecast-caption');
    await caption.waitFor();
    const [point, lo80] = await caption
      .locator('.money')
      .evaluateAll((nodes) =>
        nodes.map((node) => (node as unknown as { dataset: { amount: string } }).dataset.amount),
      );
    assert.equal(
      new Decimal(point!).toFixed(2),
      new Decimal(forecast[0]!.total.point).toFixed(2),
      'to the cent',
    );
    assert.equal(new Decimal(lo80!).toFixed(2), new Decimal(forecast[0]!.total.lo80).toFixed(2));
    assert.match(await caption.innerText(), /€|EUR/);
    const note = await page.getByTestId('forecast-currency-note').innerText();
    assert.ok(note.includes(forecast[0]!.conversion!.rule), note);
    assert.match(note, /1 USD = [\d.]+ EUR on \d{4}-\d{2}-\d{2}/);

    await waitForLoaded(page);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it("the choice carries to the explorer, whose total is the CLI's costs --currency EUR", async () => {
    await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: 'Explorer' }).click();
    await page.getByRole('heading', { name: 'Explorer' }).waitFor();
    assert.equal(choiceInUrl(page), 'all-EUR', 'the choice survives the switch of view');
    const url = new URL(page.url());
    url.searchParams.set('by', 'business-unit');
    url.searchParams.set('from', prepared.from);
    url.searchParams.set('until', prepared.until);
    await page.goto(url.toString());
    const total = page.locator('h2', { hasText: 'Total' }).locator('.money');
    await total.waitFor();
    const shown = new Decimal((await total.getAttribute('data-amount'))!);
    assert.equal(shown.toFixed(), new Decimal(prepared.cliByUnit).toFixed(), 'the same groups, exactly');
    assert.equal(shown.toFixed(2), new Decimal(prepared.cliTotal).toFixed(2), 'the one total, to the cent');
    assert.match((await total.innerText()).trim(), /€|EUR/);
    await waitForLoaded(page);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it("a team's statement in the choice is the API's statement ?currency=EUR, with its conversion block", async () => {
    const period = prepared.from.slice(0, 7);
    await page.goto(`${server.url}?view=allocation&tab=statements&period=${period}&currency=all-EUR`);
    const conversion = page.getByTestId('statement-conversion');
    await conversion.waitFor();
    assert.equal(
      await page.locator('select[name="statement-currency"] option:checked').textContent(),
      'All, in EUR',
    );
    const team = await page.locator('select[name="team"]').inputValue();
    const api = await server.api<{
      currencies: { currency: string; totals: { total: { effectiveCost: string } } }[];
      conversion: { currency: string; byCurrency: { currency: string }[] } | null;
    }>(`/api/v1/statements?team=${encodeURIComponent(team)}&period=${period}&currency=EUR`);
    assert.deepEqual(
      api.currencies.map((money) => money.currency),
      ['EUR'],
    );
    assert.equal(api.conversion?.currency, 'EUR');
    const total = page
      .getByTestId('statement')
      .locator('.tile', { hasText: 'Total (EUR)' })
      .locator('.tile-value .money');
    assert.equal(
      new Decimal((await total.getAttribute('data-amount'))!).toFixed(),
      new Decimal(api.currencies[0]!.totals.total.effectiveCost).toFixed(),
    );
    assert.equal(
      await conversion.locator('tbody tr').count(),
      api.conversion!.byCurrency.length,
      'one row per billing currency converted',
    );
    await waitForLoaded(page);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('the on-call burn table in the choice is GET /budgets/status?currency=EUR to the cent, and says how budgets were restated', async () => {
    await page.goto(`${server.url}?view=on-call&currency=all-EUR`);
    const table = page.getByTestId('burn-table');
    await table.waitFor();
    const api = await server.api<{
      budgets: {
        name: string;
        status: { actual: string; amount: string; currency: string } | null;
        conversion: { budgetCurrency: string; rule: string } | null;
      }[];
    }>(`/api/v1/budgets/status?asOf=${server.asOf}&currency=EUR`);
    const measured = api.budgets.filter((entry) => entry.status !== null);
    assert.ok(measured.length > 0, 'the demo has budgets measured in EUR');
    const rows = table.locator('tbody tr');
    assert.equal(await rows.count(), measured.length);
    for (const entry of measured) {
      assert.equal(entry.status!.currency, 'EUR');
      const row = rows.filter({
        has: page.locator('td:first-child', { hasText: new RegExp(`^${entry.name}$`) }),
      });
      const [actual, amount] = await row
        .locator('.money')
        .evaluateAll((nodes) =>
          nodes.map((node) => (node as unknown as { dataset: { amount: string } }).dataset.amount),
        );
      assert.equal(
        new Decimal(actual!).toFixed(2),
        new Decimal(entry.status!.actual).toFixed(2),
        `${entry.name} actual`,
      );
      assert.equal(
        new Decimal(amount!).toFixed(2),
        new Decimal(entry.status!.amount).toFixed(2),
        `${entry.name} budget`,
      );
      assert.match(await row.locator('.money').first().innerText(), /€|EUR/);
      // Its spend link keeps the converted choice.
      const href = (await row.getByTestId('budget-spend-link').getAttribute('href')) ?? '';
      assert.equal(new URLSearchParams(href.split('?')[1]).get('currency'), 'all-EUR', href);
    }
    const restated = api.budgets.filter((entry) => entry.conversion !== null);
    if (restated.length > 0) {
      const note = await page.getByTestId('burn-conversion').innerText();
      assert.ok(note.includes(restated[0]!.conversion!.rule), note);
    }
    // From the keyboard: Tab from the currency selector reaches a budget's spend link.
    await page.locator('select[name="currency"]').focus();
    let reached = false;
    for (let step = 0; step < 60 && !reached; step++) {
      await page.keyboard.press('Tab');
      reached =
        (await page.evaluate("document.activeElement?.getAttribute('data-testid') ?? ''")) ===
        'budget-spend-link';
    }
    assert.ok(reached, 'Tab reaches a spend link of the burn table');
    await waitForLoaded(page);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('a day with spend and no rate shows the API message (day, pair, what to do), never a figure', async () => {
    // All loaded days, by provider: the bill's own dimension (the gap day has no allocation run
    // to give it a business unit).
    const url = new URL(`${server.url}?view=explorer&by=provider&currency=all-EUR`);
    await page.goto(url.toString());
    const alert = page.getByRole('alert').filter({ hasText: 'RATE_MISSING' }).first();
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, new RegExp(`No exchange rate for ${prepared.gapDay} USD->EUR`));
    assert.match(text, new RegExp(`Add the rates \\(USD to EUR from ${prepared.gapDay}\\)`));
    assert.equal(await page.getByTestId('explorer-table').count(), 0, 'no table of figures');
    assert.equal(await page.locator('h2', { hasText: 'Total' }).locator('.money').count(), 0, 'no total');
    // In its billing currency the same days are shown: the refusal is the conversion's alone.
    url.searchParams.set('currency', 'USD');
    await page.goto(url.toString());
    await page.getByTestId('explorer-table').waitFor();
    await waitForLoaded(page);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });
});
