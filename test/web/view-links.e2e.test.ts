import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Decimal } from '../../src/core/money.js';
import { scopeFilters } from '../../web/src/view-links.js';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

/**
 * Views link to each other with real hrefs, reached from the keyboard: an alert to its budget
 * and that budget to its spend in the explorer, a chart band (explorer and executive) to the
 * explorer filtered to it. Each link lands on the filtered view, and its figure is the API's own
 * answer to the same question. A link opened in a new tab keeps the session.
 */

interface CostReport {
  rows: Record<string, string | null>[];
}
interface AlertRecord {
  id: number;
  budget: string;
}
interface BudgetStatuses {
  budgets: { name: string; status: { actual: string; currency: string } | null }[];
}
interface Budget {
  name: string;
  scope: string[];
}

const WAIT_MS = 90_000;

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

describe('links between views', { timeout: 1_200_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser({ width: 1440, height: 900 });
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await signInPage(page, server, 'admin');
    await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(`${server.url.replace(/\/$/, '')}${path}`);
    return page;
  }

  /** Follows a link from the keyboard: focus it, press Enter, wait for the next page. */
  async function follow(page: Page, link: ReturnType<Page['locator']>): Promise<string> {
    const href = (await link.getAttribute('href')) ?? '';
    assert.ok(href.startsWith('/?'), `a real link into the dashboard: ${href}`);
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL((url) => `${url.pathname}${url.search}` === href);
    return href;
  }

  /** The explorer's total (exact) once it has drawn, from its Total heading. */
  async function explorerTotal(page: Page): Promise<string | null> {
    await page.getByTestId('explorer-table').waitFor();
    return page.locator('h2', { hasText: 'Total' }).locator('.money').getAttribute('data-amount');
  }

  /** The API's total for the explorer's own URL: its filters, metric, currency and days. */
  async function apiTotalFor(href: string): Promise<string> {
    const params = new URLSearchParams(href.split('?')[1]);
    const query = new URLSearchParams({ by: 'provider', metric: params.get('metric') ?? 'effective' });
    const from = params.get('from');
    const until = params.get('until');
    if (from) query.set('from', from);
    if (until) query.set('to', nextDay(until));
    for (const filter of params.getAll('filter')) query.append('filter', filter);
    query.append('filter', `currency=${params.get('currency')}`);
    const report = await server.api<CostReport>(`/api/v1/costs?${query}`);
    return report.rows.reduce((total, row) => total.plus(row.cost ?? '0'), new Decimal(0)).toFixed();
  }

  it('an alert opens its budget, and the budget opens its spend in the explorer', async () => {
    const alerts = await server.api<AlertRecord[]>('/api/v1/alerts');
    assert.ok(alerts.length > 0, 'the demo has open alerts');
    const page = await open('/?view=on-call');
    const item = page.getByTestId('alert-item').first();
    const budget = (await item.getByTestId('alert-budget-link').innerText()).trim();
    const href = await follow(page, item.getByTestId('alert-budget-link'));
    assert.equal(new URLSearchParams(href.split('?')[1]).get('budget'), budget);

    // The burn table shows that budget alone, with the API's own actual.
    await page.getByTestId('burn-focus').waitFor();
    const rows = page.locator('[data-testid="burn-table"] tbody tr');
    assert.equal(await rows.count(), 1);
    assert.equal(await rows.first().locator('td').first().innerText(), budget);
    const statuses = await server.api<BudgetStatuses>(`/api/v1/budgets/status?asOf=${server.asOf}`);
    const status = statuses.budgets.find((entry) => entry.name === budget)?.status;
    assert.ok(status, `the API measures ${budget}`);
    assert.equal(await rows.first().locator('.money').first().getAttribute('data-amount'), status.actual);

    // Its spend: the explorer filtered to the budget's scope, metric and currency.
    const spend = rows.first().getByTestId('budget-spend-link');
    const explorer = await follow(page, spend);
    const params = new URLSearchParams(explorer.split('?')[1]);
    const budgets = await server.api<Budget[]>('/api/v1/budgets');
    const scope = budgets.find((entry) => entry.name === budget)?.scope ?? [];
    assert.deepEqual(params.getAll('filter'), scopeFilters(scope));
    assert.equal(params.get('currency'), status.currency);
    assert.equal(await explorerTotal(page), await apiTotalFor(explorer));
    await page.close();
  });

  it('an explorer band opens the explorer filtered to it, from the keyboard', async () => {
    const page = await open('/?view=explorer&by=provider&currency=USD');
    const links = page.getByTestId('explorer-chart-links').getByRole('link');
    await links.first().waitFor();
    const band = (await links.first().innerText()).trim();
    const href = await follow(page, links.first());
    const params = new URLSearchParams(href.split('?')[1]);
    assert.deepEqual(params.getAll('filter'), [`provider=${band}`]);
    const total = await explorerTotal(page);
    assert.equal(total, await apiTotalFor(href));
    assert.notEqual(total, '0', 'the band has spend');
    await page.close();
  });

  it('an executive business unit and month open the explorer on their figures', async () => {
    const page = await open('/?view=executive&currency=USD');
    const units = page.getByTestId('business-unit-links').getByRole('link');
    await units.first().waitFor();
    const unit = (await units.first().innerText()).trim();
    const href = await follow(page, units.first());
    const params = new URLSearchParams(href.split('?')[1]);
    assert.deepEqual(params.getAll('filter'), [`business-unit=${unit}`]);
    assert.equal(params.get('until'), server.asOf, 'the year to date ends on the last day with data');
    assert.equal(await explorerTotal(page), await apiTotalFor(href));

    await page.goto(`${server.url.replace(/\/$/, '')}/?view=executive&currency=USD`);
    const months = page.getByTestId('month-links').getByRole('link');
    await months.last().waitFor();
    const month = (await months.last().innerText()).trim();
    const monthHref = await follow(page, months.last());
    const monthParams = new URLSearchParams(monthHref.split('?')[1]);
    assert.equal(monthParams.get('from'), `${month}-01`);
    assert.equal(monthParams.get('until'), server.asOf, 'the last month ends on the last day with data');
    assert.equal(await explorerTotal(page), await apiTotalFor(monthHref));
    await page.close();
  });

  it('a deployment opens its change and its spend that day', async () => {
    const deployments =
      await server.api<{ id: string; releaseId: string | null; changeRequestId: string | null }[]>(
        '/api/v1/deployments',
      );
    const deployment = deployments.find((entry) => entry.releaseId && entry.changeRequestId);
    assert.ok(deployment?.releaseId, 'the demo has a deployment of a release under a change');
    const path = `/?view=releases&release=${encodeURIComponent(deployment.releaseId)}`;
    const page = await open(path);
    const row = page.locator('[data-testid="release-deployments"] tbody tr', { hasText: deployment.id });
    await row.waitFor();
    await follow(page, row.getByTestId('deployment-change-link'));
    await page.getByTestId('change-detail').waitFor();
    assert.match(
      await page.getByTestId('change-detail').innerText(),
      new RegExp(deployment.changeRequestId ?? ''),
    );

    await page.goto(`${server.url.replace(/\/$/, '')}${path}`);
    const again = page.locator('[data-testid="release-deployments"] tbody tr', { hasText: deployment.id });
    await again.waitFor();
    const href = await follow(page, again.getByTestId('deployment-cost-link'));
    const params = new URLSearchParams(href.split('?')[1]);
    assert.deepEqual(params.getAll('filter').length, 2, 'its service and environment');
    // The figure the API gives for that day, or, when the bill has none, the explorer says so.
    const expected = await apiTotalFor(href);
    if (new Decimal(expected).isZero()) await page.getByTestId('explorer-empty').waitFor();
    else assert.equal(await explorerTotal(page), expected);
    await page.close();
  });

  it('a statement opens its explain, whose rules add up to the statement total', async () => {
    const page = await open('/?view=allocation&tab=statements');
    const statement = page.getByTestId('statement');
    await statement.waitFor();
    const total = await statement.locator('.tile-value .money').first().getAttribute('data-amount');
    const href = await follow(page, statement.getByTestId('statement-explain-link'));
    const params = new URLSearchParams(href.split('?')[1]);
    const explain = page.getByTestId('explain');
    await explain.getByTestId('explain-rules').waitFor();
    const answer = await server.api<{ rules: { effectiveCost: string }[] }>(
      `/api/v1/explain?team=${params.get('team')}&period=${params.get('period')}`,
    );
    const sum = answer.rules.reduce((acc, rule) => acc.plus(rule.effectiveCost), new Decimal(0));
    assert.ok(total !== null && sum.eq(total), `the rules add up to the statement's total ${total}`);
    assert.ok(
      new Decimal(
        (await explain.getByTestId('explain-totals').locator('.money').first().getAttribute('data-amount')) ??
          'NaN',
      ).eq(sum),
    );
    await page.close();
  });

  it('a link opened in a new tab keeps the session', async () => {
    const page = await open('/?view=explorer&by=provider&currency=USD');
    const link = page.getByTestId('explorer-chart-links').getByRole('link').first();
    await link.waitFor();
    const href = (await link.getAttribute('href')) ?? '';
    // Ctrl+click opens the link in a new tab of the same browser session...
    const [opened] = await Promise.all([
      browser.context.waitForEvent('page'),
      link.click({ modifiers: ['ControlOrMeta'] }),
    ]);
    await opened.waitForURL((url) => url.search.includes('view=explorer'), { timeout: WAIT_MS });
    assert.equal(`${new URL(opened.url()).pathname}${new URL(opened.url()).search}`, href);
    await opened.close();
    // ...and that address, loaded in a tab of the same session, is signed in and shows the
    // figures. (Loaded here in a tab of its own: headless Chromium under load can hold a
    // Ctrl+clicked background tab's navigation for minutes, which is not what is tested.)
    const tab = await browser.context.newPage();
    tab.setDefaultTimeout(WAIT_MS);
    await tab.goto(new URL(href, page.url()).toString());
    await tab.getByTestId('who').waitFor();
    assert.equal(await explorerTotal(tab), await apiTotalFor(href));
    await tab.close();
    await page.close();
  });
});
