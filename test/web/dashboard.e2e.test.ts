import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Decimal } from '../../src/core/money.js';
import { budgetStatusAsOf, executivePeriod } from '../../web/src/views/executive-period.js';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

/**
 * The executive, on-call and explorer views in a real Chromium against a real
 * `tollgate demo --serve`: sign-in (password and token, and broken ones), the executive
 * numbers checked against the API's own answers, the explorer's drill-down, and what a viewer,
 * an approver and an admin each see. Screenshots go to test-output/screenshots/.
 */

interface CostReport {
  rows: Record<string, string | null>[];
}

interface StatusAnswer {
  status: { actual: string; amount: string; forecastTotal: string | null };
}

/** A loaded shared machine can be slow; the views still have to get there. */
const WAIT_MS = 90_000;

async function signInWithToken(page: Page, url: string, token: string): Promise<void> {
  await page.context().clearCookies();
  await page.goto(url);
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

function sum(values: (string | null | undefined)[]): Decimal {
  return values.reduce((total: Decimal, value) => total.plus(value ?? '0'), new Decimal(0));
}

describe('dashboard: executive, on-call and explorer in Chromium', { timeout: 900_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function newPage(viewport = { width: 1280, height: 800 }): Promise<Page> {
    // Each test is another person at the browser: the last one's session cookie goes first.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.setViewportSize(viewport);
    return page;
  }

  it('signs in with a user name and password, and shows the executive numbers the API gives', async () => {
    const page = await newPage();
    await page.goto(server.url);
    await page.getByLabel('User name').fill(server.logins.admin.name);
    await page.getByLabel('Password').fill(server.logins.admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    assert.match(await page.getByTestId('who').innerText(), /demo-admin\s+admin/);
    // The executive view is the default; the currency chosen is the largest, written to the URL.
    await page.waitForURL(/currency=USD/);

    // The subtitle names the metric, the currency and the last day with data, which counts.
    await page.getByTestId('executive-subtitle').filter({ hasText: 'data until' }).waitFor();
    const subtitle = await page.getByTestId('executive-subtitle').innerText();
    assert.match(subtitle, /EffectiveCost/);
    assert.match(subtitle, new RegExp(`data until ${server.asOf} \\(included\\)`));

    // Every range ends the day after the last day with data (the API's `to` is exclusive).
    const days = executivePeriod(server.asOf);
    const costOf = async (from: string, metric = 'effective') =>
      sum(
        (
          await server.api<CostReport>(
            `/api/v1/costs?metric=${metric}&from=${from}&to=${days.end}&filter=currency=USD`,
          )
        ).rows.map((row) => row.cost),
      ).toFixed();
    const monthActual = page.getByTestId('tile-month').locator('.tile-actual');
    await monthActual.waitFor();
    assert.equal(await monthActual.getAttribute('data-amount'), await costOf(days.monthStart));
    const monthWhen = budgetStatusAsOf(server.asOf, 'month', 1);
    const month = await server.api<StatusAnswer>(
      `/api/v1/budgets/organisation-usd-monthly/status?asOf=${monthWhen.asOf}`,
    );
    if (!monthWhen.periodComplete)
      assert.equal(await monthActual.getAttribute('data-amount'), month.status.actual);
    assert.equal(
      await page.getByTestId('tile-month').locator('.tile-budget').getAttribute('data-amount'),
      month.status.amount,
    );
    if (!monthWhen.periodComplete)
      assert.equal(
        await page.getByTestId('tile-month').locator('.tile-forecast').getAttribute('data-amount'),
        month.status.forecastTotal,
      );
    // One "this year" on the page: the year tile and the unallocated tile's total are one figure.
    const yearActual = page.getByTestId('tile-year').locator('.tile-actual');
    await yearActual.waitFor();
    const yearTotal = await costOf(days.yearStart);
    assert.equal(await yearActual.getAttribute('data-amount'), yearTotal);
    await page.getByTestId('unallocated-percent').waitFor();
    assert.equal(
      await page.getByTestId('tile-unallocated').locator('.unallocated-total').getAttribute('data-amount'),
      yearTotal,
    );

    // Unallocated share of the year to date, from the API's costs by business unit.
    const units = await server.api<CostReport>(
      `/api/v1/costs?by=business-unit&from=${days.yearStart}&to=${days.end}&filter=currency=USD`,
    );
    const total = sum(units.rows.map((row) => row.cost));
    const unallocated = sum(
      units.rows.filter((row) => row['business-unit'] === 'unallocated').map((row) => row.cost),
    );
    const expected = unallocated.div(total).times(100).toFixed(1);
    assert.equal(await page.getByTestId('unallocated-percent').innerText(), `${expected}%`);

    for (const chart of ['chart-monthly', 'chart-business-units', 'chart-forecast', 'chart-unallocated']) {
      await page.locator(`[data-testid="${chart}"][data-rendered="true"]`).waitFor();
    }
    await page.getByTestId('tile-deployment').waitFor();
    await page.locator('[data-testid="chart-deployments"][data-rendered="true"]').waitFor();
    await saveScreenshot(page, 'executive');

    // Switching the metric is reflected in the URL and the labels, so a shared link keeps it.
    await page.getByLabel('Cost metric').selectOption('billed');
    await page.waitForURL(/metric=billed/);
    assert.match(await page.getByTestId('executive-subtitle').innerText(), /BilledCost/);
    // The tiles follow it: the month's actual is billed cost now, and no effective-cost budget
    // is set against it.
    await page
      .getByTestId('tile-month')
      .filter({ hasText: 'No organisation-wide USD budget on this cost metric' })
      .waitFor();
    assert.equal(
      await page.getByTestId('tile-month').locator('.tile-actual').getAttribute('data-amount'),
      await costOf(days.monthStart, 'billed'),
    );
    await page.close();
  });

  it('drills down in the explorer from business unit to team to service to resource, totals matching the API', async () => {
    const page = await newPage();
    await signInWithToken(page, `${server.url}?view=explorer`, server.logins.admin.token);
    const table = page.getByTestId('explorer-table');
    await table.waitFor();
    await page.waitForURL(/currency=USD/);
    const units = await server.api<CostReport>('/api/v1/costs?by=business-unit&filter=currency=USD');
    const shown = await table.locator('tbody tr').count();
    assert.equal(shown, units.rows.length);
    // The first row is the largest business unit (sorted by cost, descending).
    const largest = [...units.rows].sort((a, b) => new Decimal(b.cost!).comparedTo(a.cost!))[0]!;
    const firstCell = table.locator('tbody tr').first().locator('td').first();
    assert.equal((await firstCell.innerText()).replace(' ›', ''), largest['business-unit']);

    await table.locator('tbody tr').first().click();
    await page.waitForURL(/by=team/);
    assert.match(
      decodeURIComponent(page.url()),
      new RegExp(`filter=business-unit=${largest['business-unit']}`),
    );
    await page.locator('[data-testid="explorer-table"] th', { hasText: 'Team' }).waitFor();
    const teams = await server.api<CostReport>(
      `/api/v1/costs?by=team&filter=currency=USD&filter=business-unit=${largest['business-unit']}`,
    );
    const teamAmounts = await table
      .locator('tbody .money')
      .evaluateAll((cells) => cells.map((cell) => cell.getAttribute('data-amount')));
    assert.equal(sum(teamAmounts).toFixed(), sum(teams.rows.map((row) => row.cost)).toFixed());
    const breadcrumbs = await page.getByTestId('breadcrumbs').innerText();
    assert.match(breadcrumbs, new RegExp(`Business unit: ${largest['business-unit']}`));

    await table.locator('tbody tr').first().click();
    await page.waitForURL(/by=catalog-service/);
    await page.locator('[data-testid="explorer-table"] th', { hasText: 'Service (catalogue)' }).waitFor();
    await table.locator('tbody tr').first().click();
    await page.waitForURL(/by=resource/);
    await page.locator('[data-testid="explorer-table"] th', { hasText: 'Resource' }).waitFor();
    const resource = await table.locator('tbody tr').first().locator('td').first().innerText();
    assert.doesNotMatch(resource, /^\*{4}/, 'an admin sees resource ids in clear');
    await page.locator('[data-testid="explorer-chart"][data-rendered="true"]').waitFor();
    await saveScreenshot(page, 'explorer');

    // The link keeps the drill-down: a fresh page on the same URL shows the same level.
    const shared = page.url();
    const again = await newPage();
    await signInWithToken(again, shared, server.logins.admin.token);
    await again.locator('[data-testid="explorer-table"] th', { hasText: 'Resource' }).waitFor();
    assert.match(await again.getByTestId('breadcrumbs').innerText(), /Team: /);
    // A crumb goes back to that level: the team's services.
    await again
      .getByTestId('breadcrumbs')
      .getByRole('button', { name: /^Team: / })
      .click();
    await again.waitForURL(/by=catalog-service/);
    await again.locator('[data-testid="explorer-table"] th', { hasText: 'Service (catalogue)' }).waitFor();
    assert.match(decodeURIComponent(again.url()), /filter=team=/);
    // Back to the top through the first crumb.
    await again.getByTestId('breadcrumbs').getByRole('button', { name: 'All' }).click();
    await again.waitForURL((url) => !url.searchParams.has('filter'));
    await again.close();
    await page.close();
  });

  it('a viewer and an approver see masked resources and no acknowledge button; an admin acknowledges an alert', async () => {
    for (const role of ['viewer', 'approver'] as const) {
      const page = await newPage();
      await signInWithToken(page, `${server.url}?view=explorer&by=resource`, server.logins[role].token);
      await page.getByTestId('masked-note').waitFor();
      await page.getByTestId('explorer-table').waitFor();
      const first = await page.getByTestId('explorer-table').locator('tbody tr td').first().innerText();
      assert.match(first, /^\*{4}|^\(none\)$|^–$/, `${role}: resource ids are masked`);
      // The drill-down stops at services for roles without resource rights.
      await page.goto(`${server.url}?view=explorer&by=catalog-service`);
      await page.getByTestId('explorer-table').waitFor();
      assert.equal(await page.locator('.drill-link').count(), 0, `${role}: no drill into resources`);
      // Resource and account filters are not offered.
      const options = await page.getByLabel('Filter on').locator('option').allInnerTexts();
      assert.ok(!options.includes('Resource'), `${role}: no resource filter`);

      await page.goto(`${server.url}?view=on-call`);
      await page.getByTestId('alert-list').waitFor();
      assert.equal(
        await page.getByRole('button', { name: 'Acknowledge' }).count(),
        0,
        `${role}: no acknowledge`,
      );
      if (role === 'viewer') {
        assert.equal(
          await page.getByRole('link', { name: 'Audit' }).count(),
          0,
          'a viewer has no audit view',
        );
        await saveScreenshot(page, 'on-call-viewer');
      }
      await page.close();
    }

    const page = await newPage();
    await signInWithToken(page, `${server.url}?view=on-call`, server.logins.admin.token);
    await page.getByTestId('alert-list').waitFor();
    const open = await server.api<{ id: number; status: string }[]>('/api/v1/alerts');
    assert.equal(await page.getByTestId('alert-item').count(), open.length);
    assert.ok(open.length > 0, 'the demo has open alerts');
    await page.getByTestId('burn-table').waitFor();
    await page.getByTestId('calendar').waitFor();
    await page.locator('[data-testid="chart-timeline"][data-rendered="true"]').waitFor();
    await page.getByTestId('recent-deployments').waitFor();
    await saveScreenshot(page, 'on-call');
    await page.getByRole('button', { name: 'Acknowledge' }).first().click();
    await page.getByText('acknowledged by demo-admin').waitFor();
    const after = await server.api<{ status: string; acknowledgedBy: string | null }[]>('/api/v1/alerts');
    assert.equal(after.filter((alert) => alert.status === 'acknowledged').length, 1);
    assert.equal(after.find((alert) => alert.status === 'acknowledged')?.acknowledgedBy, 'demo-admin');
    await page.close();
  });

  it('says in plain words why a sign-in failed: a bad token, a wrong password, an empty token', async () => {
    const page = await newPage();
    // A browser without a session cookie starts signed out (newPage cleared the last one).
    await page.goto(server.url);

    await page.getByRole('tab', { name: 'API token' }).click();
    await page.getByLabel('API token').fill('tg_000000000000_not-a-real-secret-at-all-0000000000000');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /Could not sign in/);
    assert.match(text, /\(AUTH_[A-Z_]+\)/);
    assert.doesNotMatch(text, /undefined|\[object/);
    await saveScreenshot(page, 'sign-in-error');

    await page.getByLabel('API token').fill('   ');
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.match(await page.getByRole('alert').innerText(), /Paste an API token/);

    await page.getByRole('tab', { name: 'User and password' }).click();
    await page.getByLabel('User name').fill('demo-admin');
    await page.getByLabel('Password').fill('not the password at all');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The user name or password is wrong.').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /AUTH_BAD_CREDENTIALS/);
    await page.close();
  });

  it('works at phone width: the menu folds, the views stack', async () => {
    const page = await newPage({ width: 390, height: 844 });
    await signInWithToken(page, `${server.url}?view=executive`, server.logins.admin.token);
    await page.getByTestId('tile-month').locator('.tile-actual').waitFor();
    assert.equal(await page.locator('#main-nav').isVisible(), false, 'the nav is folded');
    await page.getByRole('button', { name: 'Menu' }).click();
    await page.getByRole('link', { name: 'Explorer' }).click();
    await page.getByTestId('explorer-table').waitFor();
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    assert.ok(width <= 390, `no sideways scrolling of the page (${width}px)`);
    await saveScreenshot(page, 'explorer-phone');
    await page.close();
  });
});
