import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

/**
 * Layout measured, not looked at: at a desktop (1440x900) and a phone (390x844) size, the
 * data-quality tables keep their money column on the card, no card's content runs past its
 * card into the next, cards side by side do not overlap, and a list beside an open detail
 * panel shows every column without scrolling sideways. Boxes are read from the DOM.
 */

const WAIT_MS = 90_000;
const SIZES = [
  { name: 'desktop', width: 1440, height: 900 },
  { name: 'phone', width: 390, height: 844 },
];

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

const EPSILON = 1;

describe('layout: nothing off its card, nothing over its neighbour', { timeout: 1_800_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await signInPage(page, server, 'admin');
    await page.close();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string, size: { width: number; height: number }): Promise<Page> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.setViewportSize(size);
    await page.goto(`${server.url.replace(/\/$/, '')}${path}`);
    await settled(page);
    return page;
  }

  async function settled(page: Page): Promise<void> {
    await page.locator('main.content > *').first().waitFor();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(selector: string): unknown } })
        .document;
      return (
        doc.querySelector('.status-loading') === null && doc.querySelector('[data-rendered="false"]') === null
      );
    });
  }

  /**
   * What breaks the layout on the page: (1) an element inside a card reaching past the card's
   * edges (a scrolling table counts by its own box, not its content), (2) two cards of one grid
   * overlapping.
   */
  async function layoutProblems(page: Page): Promise<string[]> {
    return page.evaluate(`(() => {
      const problems = [];
      const box = (el) => el.getBoundingClientRect();
      const name = (el) => el.getAttribute('data-testid') || el.querySelector('h2')?.textContent?.slice(0, 40) || el.className;
      for (const card of document.querySelectorAll('main .card')) {
        const outer = box(card);
        if (outer.width === 0) continue;
        for (const child of card.querySelectorAll(':scope > *, :scope .table-scroll, :scope .status-empty, :scope .chart')) {
          const inner = box(child);
          if (inner.width === 0 || inner.height === 0) continue;
          if (inner.right > outer.right + ${EPSILON} || inner.bottom > outer.bottom + ${EPSILON} || inner.left < outer.left - ${EPSILON})
            problems.push('in card "' + name(card) + '": ' + (child.getAttribute('data-testid') || child.tagName + '.' + child.className) + ' reaches past the card');
        }
      }
      for (const grid of document.querySelectorAll('main .grid')) {
        const items = [...grid.children].filter((el) => box(el).width > 0 && box(el).height > 0);
        for (let i = 0; i < items.length; i++)
          for (let j = i + 1; j < items.length; j++) {
            const a = box(items[i]);
            const b = box(items[j]);
            const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
            const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
            if (w > ${EPSILON} && h > ${EPSILON})
              problems.push('"' + name(items[i]) + '" overlaps "' + name(items[j]) + '"');
          }
      }
      return problems;
    })()`);
  }

  /** A table's scroll box hides no column: everything fits across, the last header inside. */
  async function hiddenColumns(page: Page, testId: string): Promise<string | null> {
    const table = page.getByTestId(testId);
    await table.waitFor();
    const scroll = table.locator('.table-scroll');
    const widths = await scroll.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    const lastHeader = (await table.locator('thead th').last().boundingBox()) as Box;
    const card = (await table.locator('xpath=ancestor::*[contains(@class,"card")][1]').boundingBox()) as Box;
    if (widths.scroll > widths.client + EPSILON)
      return `${testId}: ${widths.scroll - widths.client}px of its columns need a sideways scroll`;
    if (lastHeader.x + lastHeader.width > card.x + card.width + EPSILON)
      return `${testId}: its last column ends past the card`;
    return null;
  }

  async function sidewaysScroll(page: Page, testId: string): Promise<number> {
    return page
      .getByTestId(testId)
      .locator('.table-scroll')
      .evaluate((el) => el.scrollWidth - el.clientWidth);
  }

  for (const size of SIZES) {
    it(`the data-quality tables keep their money column on the card (${size.name})`, async () => {
      const page = await open('/?view=allocation&tab=quality', size);
      const found: string[] = [];
      for (const testId of ['untagged-resources', 'unknown-tag-values']) {
        if ((await page.getByTestId(testId).count()) === 0) continue;
        const problem = await hiddenColumns(page, testId);
        if (problem) found.push(problem);
        // Each row's money cell lies within the card.
        const card = (await page
          .getByTestId(testId)
          .locator('xpath=ancestor::*[contains(@class,"card")][1]')
          .boundingBox()) as Box;
        const cell = (await page.getByTestId(testId).locator('tbody tr td').last().boundingBox()) as Box;
        if (cell.x + cell.width > card.x + card.width + EPSILON)
          found.push(`${testId}: the money cell is off the card`);
      }
      assert.ok(
        (await page.getByTestId('untagged-resources').count()) > 0,
        'the demo has untagged resources',
      );
      found.push(...(await layoutProblems(page)));
      if (found.length > 0) await saveScreenshot(page, `layout-quality-${size.name}`);
      assert.deepEqual(found, [], found.join('\n'));
      await page.close();
    });

    it(`a list beside an open change hides no more than the list alone (${size.name})`, async () => {
      const page = await open('/?view=approvals', size);
      const first = page.locator('[data-testid="waiting-changes"] tbody tr').first();
      await first.waitFor();
      // The list alone: how much of it (if any) needs a sideways scroll at this width.
      const alone = await sidewaysScroll(page, 'waiting-changes');
      await first.focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('change-detail').waitFor();
      await settled(page);
      const found: string[] = [];
      const beside = await sidewaysScroll(page, 'waiting-changes');
      if (beside > alone + EPSILON)
        found.push(`opening the detail hid ${beside - alone}px more of the list's columns`);
      if (size.name === 'desktop') {
        const problem = await hiddenColumns(page, 'waiting-changes');
        if (problem) found.push(problem);
      }
      found.push(...(await layoutProblems(page)));
      // The detail is in view without scrolling away from where it was opened.
      const detail = (await page.getByTestId('change-detail').boundingBox()) as Box;
      if (detail.y > size.height) found.push('the opened detail starts below the first screen');
      if (found.length > 0) await saveScreenshot(page, `layout-approvals-${size.name}`);
      assert.deepEqual(found, [], found.join('\n'));
      await page.close();
    });

    it(`every view's cards hold their content and do not overlap (${size.name})`, async () => {
      const page = await open('/?view=executive', size);
      const hrefs = await page
        .locator('#main-nav a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      const views = hrefs
        .map((href) => new URLSearchParams(href.split('?')[1] ?? '').get('view') ?? '')
        .filter(Boolean);
      const found: string[] = [];
      for (const view of views) {
        await page.goto(`${server.url.replace(/\/$/, '')}/?view=${view}`);
        await settled(page);
        const tabs = await page.locator('[role="tablist"][aria-label="Part"] [role="tab"]').allInnerTexts();
        for (const tab of tabs.length > 0 ? tabs : ['']) {
          if (tab) {
            await page.locator('[role="tablist"][aria-label="Part"]').getByRole('tab', { name: tab }).click();
            await settled(page);
          }
          for (const problem of await layoutProblems(page))
            found.push(`${view}${tab ? ` / ${tab}` : ''}: ${problem}`);
        }
      }
      assert.deepEqual(found, [], found.join('\n'));
      await page.close();
    });
  }
});
