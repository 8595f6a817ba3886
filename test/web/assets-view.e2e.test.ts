import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

/**
 * The assets view in a real Chromium against a real `tollgate demo --serve`, driven from the
 * keyboard only: the register and an asset's depreciation schedule, reconciliation, licences
 * with the demo's Oracle shortfall, and the contracts with the demo's one renewal due and its
 * SLA credit. axe-core checks the view against WCAG 2 A/AA (colour contrast included).
 */
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  help: string;
  nodes: { target: string[] }[];
}

async function wcagViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated, not added as a script tag: the dashboard's CSP refuses inline scripts.
  await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
  // Runs in the page (a string: the test's own compiler knows no DOM).
  return (await page.evaluate(`(async () => {
    const result = await window.axe.run(document.querySelector('main'), {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] },
    });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  })()`)) as AxeViolation[];
}

/** Presses Tab until the focused element has this accessible text (bounded), then returns. */
async function tabTo(page: Page, text: RegExp, limit = 120) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate("document.activeElement?.textContent ?? ''"));
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

describe('the assets view in Chromium, from the keyboard', () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    await signInPage(page, server, 'admin');
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens the register from the nav and an asset schedule with Enter; money shows its currency', async () => {
    await tabTo(page, /^Assets$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Assets and contracts' }).waitFor();
    const register = page.getByTestId('asset-register');
    await register.waitFor();
    const firstAsset = register.locator('tbody tr').first().getByRole('button');
    const id = (await firstAsset.textContent())!;
    await firstAsset.focus();
    await page.keyboard.press('Enter');
    const schedule = page.getByTestId('depreciation-schedule');
    await schedule.waitFor();
    assert.match((await schedule.locator('h2').textContent())!, new RegExp(id));
    const shown = await register.locator('tbody tr').first().locator('.money').allTextContents();
    assert.ok(shown.length > 0 && shown.every((text) => /€|EUR/.test(text ?? '')), JSON.stringify(shown));
    const detail = await server.api<{ schedule: unknown[] }>(`/api/v1/assets/${encodeURIComponent(id)}`);
    assert.equal(await schedule.locator('tbody tr').count(), Math.min(24, detail.schedule.length));
    assert.deepEqual(await wcagViolations(page), []);
  });

  it('reconciles with billing from the keyboard', async () => {
    await tabTo(page, /^Reconciliation$/);
    await page.keyboard.press('Enter');
    await tabTo(page, /^Reconcile with billing$/);
    await page.keyboard.press('Enter');
    const result = page.getByTestId('reconciliation');
    await result.waitFor();
    const report = await fetch(new URL('/api/v1/assets/reconciliation', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.logins.admin.token}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((response) => response.json() as Promise<{ counts: { assets: number; matched: number } }>);
    assert.match(
      (await result.textContent())!,
      new RegExp(`${report.counts.assets} assets: ${report.counts.matched} matched`),
    );
  });

  it('lists licences with the Oracle shortfall and contracts with the one renewal due and the SLA credit', async () => {
    await tabTo(page, /^Licences$/);
    await page.keyboard.press('Enter');
    const licences = page.getByTestId('licence-table');
    await licences.waitFor();
    const oracle = licences.locator('tr', { hasText: 'L-ORACLE-EE-2025' });
    assert.match((await oracle.textContent())!, /Shortfall \(true-up due\)/);
    assert.match((await oracle.textContent())!, /€/);
    // Over time: the demo's 2025 by month, money in its currency, Oracle's peak above its 16 cores.
    const trend = page.getByTestId('licence-trend-table');
    await trend.waitFor();
    const december = trend.locator('tr', { hasText: '2025-12' }).filter({ hasText: 'EUR' });
    assert.match((await december.first().textContent())!, /€/);
    assert.match((await page.getByTestId('licence-peaks').textContent())!, /L-ORACLE-EE-2025 20 of 16/);
    assert.deepEqual(await wcagViolations(page), []);
    // A shorter range, from the keyboard: one month down on the last month. The browser speaks
    // en-US whatever the machine's locale (launchBrowser), so the field's first part is the month.
    const to = page.getByLabel('To', { exact: true });
    assert.equal(await to.inputValue(), '2025-12');
    await to.focus();
    await page.keyboard.press('ArrowDown');
    // The key's effect first (the field says 2025-11), then the view's answer for that range: a
    // failure then says which of the two did not happen.
    // A function, not a string: the dashboard's CSP refuses string evaluation (no 'unsafe-eval').
    await page.waitForFunction(
      (input) => (input as { value: string }).value === '2025-11',
      await to.elementHandle(),
    );
    await page.getByText('Shortfall and shelfware cost by month, 2025-01 to 2025-11').waitFor();
    assert.equal(await trend.locator('tr', { hasText: '2025-12' }).count(), 0);
    await tabTo(page, /^Contracts and renewals$/);
    await page.keyboard.press('Enter');
    const renewals = page.getByTestId('renewal-item');
    await renewals.first().waitFor();
    assert.equal(await renewals.count(), 1, 'the demo has one renewal due in 90 days');
    assert.match(
      (await renewals.first().textContent())!,
      /C-ATLASSIAN-2025 with Atlassian .*give notice by 2026-03-01/,
    );
    const equinix = page.getByTestId('contract-table').locator('tr', { hasText: 'C-EQUINIX-FR5' });
    assert.match((await equinix.textContent())!, /€/);
    const contracts = await server.api<{ id: string; creditOwed: string }[]>('/api/v1/contracts');
    assert.notEqual(contracts.find((contract) => contract.id === 'C-EQUINIX-FR5')?.creditOwed, '0');
    // A longer window, chosen from the keyboard, shows more deadlines.
    await page.getByLabel('Within').focus();
    await page.keyboard.press('End');
    await page.getByTestId('renewal-item').nth(1).waitFor();
    assert.ok((await page.getByTestId('renewal-item').count()) > 1);
    assert.deepEqual(await wcagViolations(page), []);
    await saveScreenshot(page, 'assets-contracts');
  });
});
