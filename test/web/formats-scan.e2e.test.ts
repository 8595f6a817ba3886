import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signInPage } from '../support/signed-in-page.js';

/**
 * One way of writing things, in every view and part a role can open, read by a person in
 * Asia/Kolkata (UTC+5:30, so a UTC time shown as is is wrong by hours): no raw ISO or UTC
 * timestamp, no amount without its currency or thousands separators, no float noise, one
 * percentage form, and a range's end named one way ("Until (included)").
 */

const WAIT_MS = 90_000;
const ROLES = ['viewer', 'approver', 'admin'] as const;
const TIME_ZONE = 'Asia/Kolkata';

/** Each rule: a name and a pattern the view's text must not match. */
const TEXT_RULES: { name: string; pattern: RegExp }[] = [
  { name: 'a raw ISO timestamp', pattern: /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/ },
  // formatLocalTime writes "2025-03-04 20:35 GMT+5:30"; a day and time without the zone is UTC as is.
  { name: 'a time without its zone', pattern: /\b\d{4}-\d{2}-\d{2} \d{2}:\d{2}(?::\d{2})?(?! GMT[+-])/ },
  { name: 'a time in UTC, not the reader’s zone', pattern: /\d{2}:\d{2}(?::\d{2})?\s*(?:UTC|Z|GMT)(?![+-])/ },
  { name: 'an amount without thousands separators', pattern: /(?<![\w.,:/@-])\d{4,}\.\d{2}(?![\d.])/ },
  { name: 'float noise', pattern: /\d\.\d{8,}/ },
  { name: 'a percentage with a space before %', pattern: /\d\s+%/ },
  { name: 'a percentage with more than one decimal', pattern: /\d\.\d{2,}%/ },
  { name: 'an exclusive range end', pattern: /\(exclusive\)/i },
  { name: 'a range end called "through"', pattern: /\bthrough \d{4}-\d{2}-\d{2}/i },
];

interface Finding {
  where: string;
  what: string;
  excerpt: string;
}

/** What breaks a rule in the page's main content, each with a little of the text around it. */
async function scanText(page: Page, where: string): Promise<Finding[]> {
  const text = await page.locator('main').innerText();
  const found: Finding[] = [];
  for (const rule of TEXT_RULES) {
    for (const match of text.matchAll(new RegExp(rule.pattern.source, 'g')))
      found.push({
        where,
        what: rule.name,
        excerpt: text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 20),
      });
  }
  // Every amount shows its currency (a symbol or a three-letter code).
  const moneyTexts = await page.locator('main .money').allInnerTexts();
  for (const money of moneyTexts)
    if (!/[$€£¥₹]|\b[A-Z]{3}\b/.test(money))
      found.push({ where, what: 'an amount without its currency', excerpt: money });
  // A date field that ends a range is called the same everywhere.
  const endLabels = await page
    .locator('main label:has(input[type="date"])')
    .evaluateAll((labels) =>
      labels
        .map((label) => (label.textContent ?? '').trim())
        .filter((text) => /^(to|through|until|end)\b/i.test(text)),
    );
  for (const label of endLabels)
    if (label !== 'Until (included)')
      found.push({ where, what: 'a range end not called "Until (included)"', excerpt: label });
  return found;
}

describe(`formats: every view and role, read in ${TIME_ZONE}`, { timeout: 1_800_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser({ width: 1440, height: 900 }, TIME_ZONE);
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function signedInPage(role: (typeof ROLES)[number]) {
    await browser.context.clearCookies();
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await signInPage(page, server, role);
    return page;
  }

  async function waitForSettled(page: Page): Promise<void> {
    await page.locator('main.content > *').first().waitFor();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(selector: string): unknown } })
        .document;
      return (
        doc.querySelector('.status-loading') === null && doc.querySelector('[data-rendered="false"]') === null
      );
    });
  }

  it('the browser really reads times in the chosen zone', async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    // Chromium may name the zone by its older alias (Asia/Calcutta): the offset is what counts.
    assert.equal(await page.evaluate("new Date('2025-01-01T00:00:00Z').getTimezoneOffset()"), -330);
    await page.close();
  });

  for (const role of ROLES) {
    it(`every view and part the ${role} opens is written one way`, async () => {
      const page = await signedInPage(role);
      const hrefs = await page
        .locator('#main-nav a')
        .evaluateAll((links) => links.map((link) => link.getAttribute('href') ?? ''));
      const views = hrefs
        .map((href) => new URLSearchParams(href.split('?')[1] ?? '').get('view') ?? '')
        .filter(Boolean);
      assert.ok(views.length >= 3, `the ${role} sees at least three views`);
      const found: Finding[] = [];
      let scanned = 0;
      for (const view of views) {
        await page.goto(`${server.url.replace(/\/$/, '')}/?view=${view}`);
        await waitForSettled(page);
        const tabs = await page.locator('[role="tablist"][aria-label="Part"] [role="tab"]').allInnerTexts();
        if (tabs.length === 0) {
          found.push(...(await scanText(page, view)));
          scanned++;
        }
        for (const tab of tabs) {
          await page.locator('[role="tablist"][aria-label="Part"]').getByRole('tab', { name: tab }).click();
          await waitForSettled(page);
          found.push(...(await scanText(page, `${view} / ${tab}`)));
          scanned++;
        }
      }
      assert.ok(scanned >= views.length, 'every view was read');
      assert.deepEqual(
        found,
        [],
        found.map((item) => `${item.where}: ${item.what}: …${item.excerpt}…`).join('\n'),
      );
      await page.close();
    });
  }
});
