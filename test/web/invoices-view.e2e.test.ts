import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * The allocation view's invoices tab in a real Chromium against `tollgate demo --serve`: an
 * invoice uploaded over HTTP for an account with no lines is open; finance accepts its
 * difference from the keyboard, and the tab then shows it accepted with who, why and when (in
 * the reader's time zone), with money in its currency and AA contrast.
 */
describe('invoices in the allocation view (Chromium)', () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let period: string;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const months = (await server.api<{ rows: { month: string }[] }>('/api/v1/costs?by=month')).rows
      .map((row) => row.month.slice(0, 7))
      .sort();
    period = months.at(-1)!;
    const upload = await fetch(new URL('/api/v1/invoices?filename=invoices.csv', server.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${server.logins.admin.token}`, 'content-type': 'text/csv' },
      body: `invoice_id,account,period,currency,amount,tax\nINV-E2E-1,no-such-account,${period},USD,1234.5,0\n`,
    });
    assert.equal(upload.status, 201, await upload.text());
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows billed against invoiced with its status, and accepts a difference from the keyboard', async () => {
    const page = await browser.context.newPage();
    await signInPage(page, server, 'admin');
    await page.goto(`${server.url.replace(/\/$/, '')}/?view=allocation&period=${period}`);
    const tab = page.getByRole('tab', { name: 'Invoices' });
    await tab.focus();
    await page.keyboard.press('Enter');
    const table = page.getByTestId('invoice-table');
    await table.getByText('INV-E2E-1').waitFor();
    const row = table.getByRole('row', { name: /INV-E2E-1/ });
    assert.match(await row.innerText(), /\$1,234\.50/);
    assert.match(await row.innerText(), /Open/);
    assert.match(await page.getByTestId('invoice-summary').innerText(), /cannot close yet/);

    await page.getByLabel('Reason').focus();
    await page.keyboard.type('Provider account closed; the credit note follows');
    await page.keyboard.press('Enter');
    await table
      .getByText('Accepted with reason')
      .waitFor()
      .catch(async (error: unknown) => {
        await saveScreenshot(page, 'allocation-invoices-accept-failed');
        throw new Error(
          `${String(error)}\nthe page said: ${await page.locator('main, body').first().innerText()}`,
        );
      });
    const accepted = await table.getByRole('row', { name: /INV-E2E-1/ }).innerText();
    assert.ok(accepted.includes(`by user:${server.logins.admin.name}`), accepted);
    assert.match(accepted, /the credit note follows/);
    const shown = await table.locator('time').first().innerText();
    const iso = await table.locator('time').first().getAttribute('datetime');
    const expected = await page.evaluate(
      (at) =>
        new Intl.DateTimeFormat('en-GB', {
          year: 'numeric',
          month: 'short',
          day: 'numeric',
          hour: '2-digit',
          minute: '2-digit',
          timeZoneName: 'short',
        }).format(new Date(at)),
      iso!,
    );
    assert.equal(shown, expected, "the acceptance time is shown in the reader's time zone");
    assert.match(await page.getByTestId('invoice-summary').innerText(), /the period may close/);

    // The page's CSP refuses inline scripts; evaluating through the DevTools protocol is not one.
    await page.evaluate(readFileSync(AXE_PATH, 'utf8'));
    const violations = await page.evaluate(async () => {
      // In the page: axe-core, just added, over the whole document.
      const page = globalThis as unknown as {
        document: unknown;
        axe: {
          run(
            context: unknown,
            options: unknown,
          ): Promise<{ violations: { id: string; nodes: unknown[] }[] }>;
        };
      };
      const result = await page.axe.run(page.document, {
        runOnly: { type: 'rule', values: ['color-contrast'] },
      });
      return result.violations.map(
        (violation) =>
          `${violation.id}: ${JSON.stringify(violation.nodes.map((node) => (node as { target: unknown; failureSummary: string }).target))}`,
      );
    });
    await saveScreenshot(page, 'allocation-invoices');
    assert.deepEqual(violations, [], 'WCAG AA contrast');
    await page.close();
  });
});
