import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

/**
 * The dashboard's code comes in chunks (one per view, ECharts apart): a page fetches the shell
 * and the view it opens, ECharts only for a view that draws charts, the first API questions
 * before the shell's code has arrived, and a view whose chunk cannot be fetched says so.
 */

const WAIT_MS = 90_000;

/** The file name of a built chunk without its content hash: `executive-view-Ab1.js` -> `executive-view`. */
function chunkName(url: string): string | null {
  const match = /\/assets\/(.+)-[A-Za-z0-9_-]{8}\.js$/.exec(new URL(url).pathname);
  return match ? match[1]! : null;
}

describe('dashboard code is fetched per view', { timeout: 600_000 }, async () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    browser = await launchBrowser();
    await browser.context.addInitScript(
      `sessionStorage.setItem('tollgate.token', ${JSON.stringify(server.logins.admin.token)})`,
    );
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  /** Opens a view signed in with the admin's token; the chunks and API paths asked for, in order. */
  async function open(view: string): Promise<{ page: Page; asked: string[] }> {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const asked: string[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) asked.push(url.pathname);
      else {
        const name = chunkName(request.url());
        if (name) asked.push(name);
      }
    });
    await page.goto(`${server.url}?view=${view}`);
    return { page, asked };
  }

  it('opens the audit log without fetching ECharts or any other view', async () => {
    const { page, asked } = await open('audit');
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    // Visiting the nav fetches nothing until a view is opened.
    await page.locator('nav#main-nav a').first().waitFor();
    const chunks = asked.filter((name) => !name.startsWith('/api/'));
    assert.ok(chunks.includes('audit-view'), `audit-view fetched: ${chunks.join(', ')}`);
    assert.ok(!chunks.includes('charts'), `no ECharts for the audit log: ${chunks.join(', ')}`);
    for (const other of ['executive-view', 'on-call-view', 'explorer-view', 'allocation-view'])
      assert.ok(!chunks.includes(other), `${other} not fetched: ${chunks.join(', ')}`);
    await page.close();
  });

  it('asks who is signed in before the shell chunk is fetched, and fetches charts for the executive view', async () => {
    const { page, asked } = await open('executive');
    await page.locator('[data-testid="chart-monthly"][data-rendered="true"]').waitFor();
    const me = asked.indexOf('/api/v1/me');
    const shell = asked.indexOf('boot');
    assert.ok(me >= 0 && shell >= 0, `both asked: ${asked.join(', ')}`);
    assert.ok(me < shell, `/api/v1/me asked before the shell chunk: ${asked.join(', ')}`);
    assert.ok(
      asked.indexOf('executive-view') < shell,
      `the view's chunk is started with /me: ${asked.join(', ')}`,
    );
    assert.ok(asked.includes('charts'), `ECharts fetched: ${asked.join(', ')}`);
    // Going to another view fetches its chunk then.
    await page.getByRole('link', { name: 'Explorer' }).click();
    await page.locator('[data-testid="explorer-table"]').waitFor();
    assert.ok(asked.includes('explorer-view'), `explorer-view fetched on navigation: ${asked.join(', ')}`);
    await page.close();
  });

  it("says what to do when the dashboard's own code cannot be fetched", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.route(/\/assets\/boot-[^/]+\.js$/, (route) => route.abort('connectionreset'));
    await page.goto(`${server.url}?view=audit`);
    const alert = page.locator('#root [role="alert"]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /DASHBOARD_LOAD_FAILED/);
    assert.match(text, /Reload the page/);
    await page.close();
  });

  it("says what to do when a view's chunk cannot be fetched, and the nav still works", async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.route(/\/assets\/allocation-view-[^/]+\.js$/, (route) => route.abort('connectionreset'));
    await page.goto(`${server.url}?view=allocation`);
    const alert = page.locator('main.content [role="alert"]');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /This view could not be opened/);
    assert.match(text, /Reload the page/);
    assert.match(text, /VIEW_LOAD_FAILED/);
    await page.getByRole('link', { name: 'Audit' }).click();
    await page.getByRole('heading', { name: 'Audit', level: 1 }).waitFor();
    assert.equal(await page.locator('main.content [role="alert"]').count(), 0);
    await page.close();
  });
});
