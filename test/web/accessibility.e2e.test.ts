import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

/**
 * Every view the nav offers, for each of the demo's three roles, at a desktop and a phone size,
 * scanned by axe-core (WCAG 2.2 A/AA) once its data has drawn: no serious or critical violation.
 * Then the keyboard alone: the skip link, a clickable table row opened with Enter.
 */

const WAIT_MS = 90_000;
const ROLES = ['viewer', 'approver', 'admin'] as const;
/** Every role at desktop size; the phone layout (the same views, stacked) for the role that sees most. */
const RUNS = [
  ...ROLES.map((role) => ({ role, size: { name: 'desktop', width: 1440, height: 900 } })),
  { role: 'admin' as const, size: { name: 'phone', width: 390, height: 844 } },
];

describe('accessibility: every view and role passes axe, and works from the keyboard', {
  timeout: 1_800_000,
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

  async function signedInPage(role: (typeof ROLES)[number], size: { width: number; height: number }) {
    // Another person at the same browser: the last one's session cookie goes first.
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.setViewportSize(size);
    await signInPage(page, server, role);
    return page;
  }

  /** The `view=` ids the nav offers, read from its links (views added later are scanned too). */
  async function navViews(page: Page): Promise<string[]> {
    const hrefs = await page
      .locator('#main-nav a')
      .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
    return hrefs
      .map((href) => new URLSearchParams(href.split('?')[1] ?? '').get('view') ?? '')
      .filter(Boolean);
  }

  /** Waits until the view has drawn: something in <main> and no loading status left. */
  async function waitForSettled(page: Page): Promise<void> {
    await page.locator('main.content > *').first().waitFor();
    // A function, not a string: the dashboard's CSP forbids eval.
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(selector: string): unknown } })
        .document;
      return (
        doc.querySelector('.status-loading') === null && doc.querySelector('[data-rendered="false"]') === null
      );
    });
  }

  it('the sign-in form has no serious violation', async () => {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('User name').waitFor();
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await page.close();
  });

  for (const { role, size } of RUNS) {
    it(`every view for the ${role} at ${size.name} size has no serious violation`, async () => {
      const page = await signedInPage(role, size);
      const views = await navViews(page);
      assert.ok(views.length >= 3, `the ${role} sees at least three views: ${views.join(', ')}`);
      const found: string[] = [];
      for (const view of views) {
        await page.goto(`${server.url.replace(/\/$/, '')}/?view=${view}`);
        await waitForSettled(page);
        const violations = await scanPage(page);
        if (violations.length > 0) found.push(`view ${view}:\n${describeViolations(violations)}`);
      }
      assert.deepEqual(found, [], found.join('\n\n'));
      await page.close();
    });
  }

  it('a keyboard alone skips the nav and opens a waiting change from the approvals list', async () => {
    const page = await signedInPage('approver', { width: 1440, height: 900 });
    await page.goto(`${server.url.replace(/\/$/, '')}/?view=approvals`);
    const list = page.getByTestId('waiting-changes');
    await list.locator('tbody tr').first().waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate('document.activeElement.textContent'), 'Skip to content');
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate('document.activeElement.id'), 'main', 'the focus moved past the nav');
    // Tab on from the view's start until a change row has the focus (bounded: the header's few stops).
    let row: string | null = null;
    for (let stop = 0; stop < 40 && row === null; stop++) {
      await page.keyboard.press('Tab');
      row = await page.evaluate(
        'document.activeElement.closest(\'[data-testid="waiting-changes"] tbody tr\') ? document.activeElement.cells[0].textContent : null',
      );
    }
    assert.ok(row, 'a waiting change row is reachable with Tab');
    assert.ok(
      await page.evaluate("getComputedStyle(document.activeElement).outlineStyle !== 'none'"),
      'the focused row shows a focus ring',
    );
    await page.keyboard.press('Enter');
    await page.getByTestId('change-detail').waitFor();
    assert.match(page.url(), new RegExp(`change=${row}`), 'Enter opened the focused change');
    await page.close();
  });
});
