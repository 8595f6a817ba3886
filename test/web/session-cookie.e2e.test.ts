import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type LaunchedBrowser, launchBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';

/**
 * The dashboard's session in a real Chromium: a password sign-in lives in an HTTP-only cookie
 * no script can read, a link opened in a new tab stays signed in, a change without the CSRF
 * header is refused, signing out ends the session for every tab (audited), and a page reloads
 * its figures on demand, saying when they were last loaded.
 */

const WAIT_MS = 90_000;

describe('the dashboard session cookie in Chromium', { timeout: 600_000 }, async () => {
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

  it('keeps the session in a new tab without exposing it, refuses forged changes, and signs out everywhere', async () => {
    const page = await browser.context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    await page.goto(server.url);
    await page.getByLabel('User name').fill(server.logins.viewer.name);
    await page.getByLabel('Password').fill(server.logins.viewer.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByTestId('who').waitFor();

    // All cookies: the session's path is /api/, so the page's own URL would not list it.
    const cookies = await browser.context.cookies();
    const session = cookies.find((cookie) => cookie.name === 'tollgate_session');
    assert.ok(session, `a session cookie: ${cookies.map((cookie) => cookie.name).join(', ')}`);
    assert.equal(session.httpOnly, true);
    assert.equal(session.secure, true);
    assert.equal(session.sameSite, 'Strict');
    assert.equal(await page.evaluate('document.cookie'), '', 'no script can read the session');
    const stored = await page.evaluate('JSON.stringify({ ...sessionStorage, ...localStorage })');
    assert.doesNotMatch(String(stored), /tg_[0-9a-f]{12}_/, 'no token in web storage');

    // A link opened in a new tab: signed in as the same person, no form.
    const tab = await browser.context.newPage();
    tab.setDefaultTimeout(WAIT_MS);
    await tab.goto(`${server.url.replace(/\/$/, '')}/?view=explorer`);
    await tab.getByTestId('who').waitFor();
    assert.match(await tab.getByTestId('who').innerText(), new RegExp(server.logins.viewer.name));
    // The page says when its figures were read, and reads them again on demand.
    const lastLoaded = tab.getByTestId('last-loaded');
    await tab.getByTestId('explorer-table').waitFor();
    await lastLoaded.filter({ hasText: /^Last loaded \d{2}:\d{2}:\d{2}/ }).waitFor();
    const reloads = new Promise((resolve) => tab.once('request', resolve));
    await tab.getByRole('button', { name: 'Refresh' }).click();
    await reloads;
    await lastLoaded.filter({ hasText: /^Last loaded/ }).waitFor();

    // A request that would change something, sent with the cookie but without the CSRF header
    // (what another site's form could make the browser send), is refused.
    const forged = await tab.evaluate(
      "fetch('/api/v1/sessions/current', { method: 'DELETE' }).then(async (r) => ({ status: r.status, body: await r.json() }))",
    );
    assert.deepEqual((forged as { status: number }).status, 403);
    assert.equal((forged as { body: { error: { code: string } } }).body.error.code, 'AUTH_CSRF_MISSING');
    await tab.reload();
    await tab.getByTestId('who').waitFor();

    // Sign out in the first tab: the session is revoked and its cookie cleared, so the other tab
    // is signed out too.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('User name').waitFor();
    assert.equal(
      (await browser.context.cookies()).filter((cookie) => cookie.name === 'tollgate_session').length,
      0,
    );
    await tab.reload();
    await tab.getByLabel('User name').waitFor();
    const ends = await server.api<{ entries: { actor: string }[] }>('/api/v1/audit?action=sessions.end');
    assert.ok(ends.entries.some((entry) => entry.actor === `user:${server.logins.viewer.name}`));
    await tab.close();
    await page.close();
  });
});
