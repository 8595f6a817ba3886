import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { Decimal } from '../../src/core/money.js';
import { presetRange, previousRange } from '../../web/src/views/explorer-range-model.js';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

/**
 * The explorer a person uses, in a real Chromium against `tollgate demo --serve`: date presets,
 * the comparison with the previous period, the value picker (search, several values, leave
 * out) from the keyboard, an empty range said as such, a reversed range refused on its field
 * with nothing asked of the server; axe at desktop and phone width. Every figure is checked
 * against the API's own answer. Then the approvals queue's estimates with their currency.
 */

interface CostReport {
  rows: Record<string, string | null>[];
}

const WAIT_MS = 90_000;

function sum(values: (string | null | undefined)[]): string {
  return values.reduce((total: Decimal, value) => total.plus(value ?? '0'), new Decimal(0)).toFixed();
}

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

describe('explorer: presets, comparison, value picker, empty and reversed ranges', {
  timeout: 900_000,
}, async () => {
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

  async function signedIn(role: 'admin' | 'approver', url: string, size = { width: 1440, height: 900 }) {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.setViewportSize(size);
    await page.goto(url);
    await page.getByRole('tab', { name: 'API token' }).click();
    await page.getByLabel('API token').fill(server.logins[role].token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
    return page;
  }

  async function apiTotal(from: string, until: string, filters: string[]): Promise<string> {
    const query = new URLSearchParams({ from, to: nextDay(until), by: 'provider' });
    for (const filter of [...filters, 'currency=USD']) query.append('filter', filter);
    return sum((await server.api<CostReport>(`/api/v1/costs?${query}`)).rows.map((row) => row.cost));
  }

  async function tableTotal(page: Page): Promise<string | null> {
    return page.locator('h2', { hasText: 'Total' }).locator('.money').getAttribute('data-amount');
  }

  async function settled(page: Page) {
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(selector: string): unknown } })
        .document;
      return doc.querySelector('.status-loading') === null;
    });
  }

  it('a preset, the previous period and a left-out value, each matching the API', async () => {
    const page = await signedIn('admin', `${server.url}?view=explorer&by=provider&currency=USD`);
    await page.getByTestId('explorer-table').waitFor();

    // Month to date ends on the last day with data, and is written to the URL.
    const month = presetRange('month-to-date', server.asOf);
    await page.getByRole('button', { name: 'Month to date' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('from') === month.from && url.searchParams.get('until') === month.until,
    );
    assert.equal(
      await page.getByRole('button', { name: 'Month to date' }).getAttribute('aria-pressed'),
      'true',
    );
    const ninety = presetRange('last-90-days', server.asOf);
    await page.getByRole('button', { name: 'Last 90 days' }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('from') === ninety.from && url.searchParams.get('until') === ninety.until,
    );
    await settled(page);
    await page.getByTestId('explorer-table').waitFor();
    assert.equal(await tableTotal(page), await apiTotal(ninety.from, ninety.until, []));

    // The previous period: the same 90 days just before, its total beside this one.
    await page.getByLabel('Compare with the previous period').check();
    await page.waitForURL(/compare=previous/);
    const previous = previousRange(ninety);
    const comparison = page.getByTestId('explorer-comparison');
    await comparison.waitFor();
    assert.match(await comparison.innerText(), new RegExp(`${previous.from} to ${previous.until}`));
    assert.equal(
      await comparison.locator('.money').first().getAttribute('data-amount'),
      await apiTotal(previous.from, previous.until, []),
    );
    await page.locator('[data-testid="explorer-table"] th', { hasText: 'Previous' }).waitFor();

    // The picker, from the keyboard: open it, search, tick a value, leave it out.
    const picker = page.getByTestId('value-picker');
    await picker.locator('summary').focus();
    await page.keyboard.press('Enter');
    await picker.getByLabel('Dimension').selectOption('provider');
    const options = picker.locator('input[name="filter-value"]');
    await options.first().waitFor();
    const values = await options.evaluateAll((boxes) =>
      boxes.map((box) => (box as unknown as { value: string }).value),
    );
    assert.ok(values.length >= 2, `the demo has several providers: ${values.join(', ')}`);
    const left = values.find((value) => value !== '')!;
    await picker.getByLabel('Search values').fill(left.slice(0, 3).toLowerCase());
    assert.ok((await options.count()) >= 1);
    await picker.getByLabel('leave these out').check();
    await picker.locator(`input[name="filter-value"][value="${left}"]`).focus();
    await page.keyboard.press('Space');
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await picker.getByRole('button', { name: 'Leave out 1 value' }).click();
    await page.waitForURL((url) => url.searchParams.getAll('filter').includes(`provider!=${left}`));
    await page.locator('.filter-chip', { hasText: `≠ ${left}` }).waitFor();
    await settled(page);
    const groups = await page
      .getByTestId('explorer-table')
      .locator('tbody tr td:first-child')
      .evaluateAll((cells) => cells.map((cell) => (cell.textContent ?? '').replace(' ›', '')));
    assert.ok(!groups.includes(left), `${left} is left out: ${groups.join(', ')}`);
    assert.equal(await tableTotal(page), await apiTotal(ninety.from, ninety.until, [`provider!=${left}`]));
    await saveScreenshot(page, 'explorer-compare-exclude');
    await page.close();
  });

  it('says there is no data in an empty range (no zero), and when filters leave nothing', async () => {
    const page = await signedIn(
      'admin',
      `${server.url}?view=explorer&by=provider&currency=USD&from=2001-01-01&until=2001-01-31`,
    );
    const empty = page.getByTestId('explorer-empty');
    await empty.waitFor();
    assert.match(await empty.innerText(), /^No data in this range: no USD cost line falls in these days/);
    assert.equal(await page.locator('h2', { hasText: 'Total' }).locator('.money').count(), 0);

    const month = presetRange('month-to-date', server.asOf);
    await page.goto(
      `${server.url}?view=explorer&by=provider&currency=USD&from=${month.from}&until=${month.until}&filter=provider=No such provider`,
    );
    await page.getByTestId('explorer-empty').filter({ hasText: 'No spend matches these filters' }).waitFor();
    await page.close();
  });

  it('refuses a reversed range on From, in the dashboard words, asking the server nothing', async () => {
    const page = await signedIn('admin', `${server.url}?view=explorer&by=provider&currency=USD`);
    await page.getByTestId('explorer-table').waitFor();
    await settled(page);
    const asked: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/v1/costs')) asked.push(request.url());
    });
    await page.getByLabel('Until (included)').fill('2025-03-01');
    await page.getByLabel('From', { exact: true }).fill('2025-03-10');
    const problem = page.getByTestId('range-problem');
    await problem.waitFor();
    assert.equal(
      await problem.innerText(),
      'From 2025-03-10 is after Until (included) 2025-03-01: choose a From on or before 2025-03-01, or a later Until.',
    );
    assert.equal(await page.getByLabel('From', { exact: true }).getAttribute('aria-invalid'), 'true');
    await page.getByText('Fix the date range above to see the spend.').waitFor();
    assert.equal(await page.getByTestId('explorer-table').count(), 0);
    assert.ok(
      asked.every((url) => {
        const query = new URL(url).searchParams;
        return !(query.get('from') === '2025-03-10');
      }),
      asked.join('\n'),
    );
    await page.close();
  });

  it('fits a phone: the picker open, no sideways scroll, no axe violation', async () => {
    const page = await signedIn('admin', `${server.url}?view=explorer&by=provider&currency=USD`, {
      width: 390,
      height: 844,
    });
    await page.getByTestId('explorer-table').waitFor();
    await page.getByTestId('value-picker').locator('summary').click();
    await page.locator('input[name="filter-value"]').first().waitFor();
    await settled(page);
    const overflow = await page.evaluate(() => {
      const doc = (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } })
        .document;
      return doc.documentElement.scrollWidth - (globalThis as unknown as { innerWidth: number }).innerWidth;
    });
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await saveScreenshot(page, 'explorer-picker-phone');
    await page.close();
  });

  it("the approvals queue shows each estimate with its release's or the policy's currency", async () => {
    const page = await signedIn('approver', `${server.url}?view=approvals`);
    const table = page.getByTestId('waiting-changes');
    await table.waitFor();
    const releases = await server.api<{ id: string; currency: string }[]>('/api/v1/releases');
    const policy = await server.api<{ policy: { currency: string } }>('/api/v1/changes/policy');
    const changes = await server.api<{ id: string; releaseId?: string | null }[]>('/api/v1/changes');
    const rows = table.locator('tbody tr');
    await rows.first().locator('.money').first().waitFor();
    // Until the releases and the policy have answered, an estimate has no currency yet.
    await table.locator('.money:not([title*=" "])').first().waitFor({ state: 'detached' });
    const count = await rows.count();
    assert.ok(count > 0);
    for (let index = 0; index < count; index++) {
      const row = rows.nth(index);
      const id = (await row.locator('td').first().innerText()).trim();
      const change = changes.find((candidate) => candidate.id === id)!;
      const expected =
        releases.find((release) => release.id === change.releaseId)?.currency ?? policy.policy.currency;
      const title = (await row.locator('.money').first().getAttribute('title')) ?? '';
      assert.ok(title.endsWith(` ${expected}`), `${id}: ${title} is in ${expected}`);
    }
    await page.close();
  });
});
