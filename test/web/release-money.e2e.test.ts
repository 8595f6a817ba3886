import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { formatLocalTime } from '../../web/src/time-text.js';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import type { LaunchedBrowser } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { signedInPage } from '../support/signed-in-page.js';

interface Actuals {
  conversion: { currency: string; releaseCurrency: string; rule: string } | null;
  actuals: {
    currency: string;
    known: string;
    window: { from: string; to: string } | null;
    parts: { part: string; amount: string | null }[];
  };
}
interface EnvironmentTco {
  environments: { environment: string; currency: string; cost: string }[];
}

/** Presses Tab until the focused element's text matches (bounded). */
async function tabTo(page: Page, text: RegExp, limit = 150) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate("document.activeElement?.textContent ?? ''"));
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

const nextDay = (iso: string) => {
  const date = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
};

/**
 * The releases view's "Money from the bill" tab in a real Chromium against `tollgate demo
 * --serve`, as a viewer in Kolkata (UTC+5:30), from the keyboard: a release's actuals part by
 * part as the API gives them (a missing part says missing), the environment cost per hour over
 * its deployment window, the CI bill apportioned; axe finds no serious or critical violation.
 */
describe('release money from the bill, in Chromium from the keyboard', { timeout: 900_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async () => {
    server = await startDemoServer();
    ({ browser, page } = await signedInPage(server, 'viewer', 'Asia/Kolkata', 90_000));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the actuals by part as the API does, times on the reader’s clock, and passes axe', async () => {
    await tabTo(page, /^Releases$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Releases and deployments' }).waitFor();
    await tabTo(page, /^Money from the bill$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('release-actual-parts').waitFor();
    // The latest release that has deployed (a window to cost), chosen in the release picker.
    const releases = await server.api<{ id: string; plannedDate: string }[]>('/api/v1/releases', 'viewer');
    let release = '';
    let api: Actuals | undefined;
    for (const row of [...releases].sort((a, b) => b.plannedDate.localeCompare(a.plannedDate))) {
      api = await server.api<Actuals>(`/api/v1/releases/${encodeURIComponent(row.id)}/actuals`, 'viewer');
      release = row.id;
      if (api.actuals.window) break;
    }
    assert.ok(api?.actuals.window, 'the demo has a release with deployments');
    await page.locator('select[name="release"]').selectOption(release);
    const parts = page.getByRole('article', { name: `Actuals of ${release}` });
    await parts.waitFor();
    for (const part of api!.actuals.parts) {
      const cell = parts.locator(`tr[data-part="${part.part}"] td.num`);
      const text = (await cell.textContent())!.trim();
      if (part.amount === null) assert.equal(text, 'missing', `${part.part} has no data: it says so`);
      else {
        assert.equal(await cell.locator('.money').getAttribute('data-amount'), part.amount);
        assert.match(text, /\$|USD|€|EUR/, `${part.part} shows its currency: ${text}`);
      }
    }
    if (api?.actuals.window) {
      // The window is shown on the reader's clock (Kolkata), not UTC.
      const window = (await parts.locator('p.muted').first().textContent())!;
      assert.match(window, /GMT\+5:30/, window);
      // The dashboard's one time form (web/src/time-text.ts): "2025-03-04 20:35 GMT+5:30".
      assert.ok(window.includes(formatLocalTime(api.actuals.window.from, 'Asia/Kolkata')), window);
      assert.ok(window.includes(formatLocalTime(api.actuals.window.to, 'Asia/Kolkata')), window);

      const environments = page.getByTestId('environment-cost');
      await environments.locator('table, .status-empty').first().waitFor();
      const tco = await server.api<EnvironmentTco>(
        `/api/v1/delivery/environments?from=${api.actuals.window.from.slice(0, 10)}&to=${nextDay(api.actuals.window.to)}`,
        'viewer',
      );
      const shown = await environments.locator('tbody tr td:first-child').allTextContents();
      assert.deepEqual(
        [...shown].sort(),
        tco.environments.map((e) => e.environment).sort(),
        'the environments the API costs',
      );
      assert.ok(
        !shown.includes('production') || tco.environments.some((e) => e.environment === 'production'),
      );
    }
    await page.getByTestId('pipeline-cost').locator('h2').waitFor();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): unknown } }).document;
      return doc.querySelector('.status-loading') === null;
    });
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('changes the release from the keyboard; the URL keeps the choice', async () => {
    const select = page.locator('select[name="release"]');
    const before = await select.inputValue();
    await select.focus();
    await page.keyboard.press('ArrowDown');
    await page.waitForFunction(
      (was) =>
        new URLSearchParams((globalThis as unknown as { location: { search: string } }).location.search).get(
          'release',
        ) !== was,
      before,
    );
    const after = await select.inputValue();
    assert.notEqual(after, before);
    await page.getByRole('article', { name: `Actuals of ${after}` }).waitFor();
  });

  it('shows the actuals converted by the API in the chosen currency, to the cent, with the rule', async () => {
    const chooser = page.locator('select[name="release-currency"]');
    await chooser.focus();
    // From the keyboard: the first converted option after "each release's own currency".
    await page.keyboard.press('ArrowDown');
    await page.waitForURL(/currency=all-[A-Z]{3}/);
    const currency = /currency=all-([A-Z]{3})/.exec(page.url())![1]!;
    const releases = await server.api<{ id: string; plannedDate: string }[]>('/api/v1/releases', 'viewer');
    const answers = new Map<string, Actuals | string>();
    for (const row of releases) {
      const path = `/api/v1/releases/${encodeURIComponent(row.id)}/actuals?currency=${currency}`;
      answers.set(row.id, await server.api<Actuals>(path, 'viewer').catch((error: unknown) => String(error)));
    }
    const converted = [...answers].find(
      ([, answer]) => typeof answer !== 'string' && answer.actuals.window && answer.conversion,
    );
    assert.ok(converted, `a demo release converts into ${currency}: ${[...answers.values()].join(' ')}`);
    const [release, api] = converted as [string, Actuals];
    await page.locator('select[name="release"]').selectOption(release);
    const parts = page.getByRole('article', { name: `Actuals of ${release}` });
    await parts.getByTestId('release-conversion').waitFor();
    assert.equal(api.actuals.currency, currency);
    const note = (await parts.getByTestId('release-conversion').textContent())!;
    assert.ok(note.includes(api.conversion!.rule), note);
    assert.match((await parts.locator('h2').textContent())!, new RegExp(`in ${currency}`));
    for (const part of api.actuals.parts) {
      const cell = parts.locator(`tr[data-part="${part.part}"] td.num`);
      if (part.amount === null) assert.equal((await cell.textContent())!.trim(), 'missing');
      else assert.equal(await cell.locator('.money').getAttribute('data-amount'), part.amount);
    }
    const own = await server.api<Actuals>(
      `/api/v1/releases/${encodeURIComponent(release)}/actuals`,
      'viewer',
    );
    assert.notEqual(own.actuals.currency, currency);
    assert.notEqual(api.actuals.known, own.actuals.known, 'converted, not relabelled');
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
    // A release with a day the rates do not cover shows the API's RATE_MISSING in place.
    const refused = [...answers].find(([, answer]) => typeof answer === 'string');
    if (refused) {
      assert.match(refused[1] as string, /answered 409.*RATE_MISSING/);
      await page.locator('select[name="release"]').selectOption(refused[0]);
      await page
        .getByText(/No exchange rate for/)
        .first()
        .waitFor();
    }
  });

  it('lists the releases converted, each one the rates cannot cover kept in its own currency, saying why', async () => {
    const currency = /currency=all-([A-Z]{3})/.exec(page.url())![1]!;
    await tabTo(page, /^Releases$/);
    await page.keyboard.press('Enter');
    await page.getByTestId('releases-table').waitFor();
    const rows = await server.api<
      { id: string; actual: string; currency: string; error: { message: string } | null }[]
    >(`/api/v1/releases?currency=${currency}`, 'viewer');
    assert.ok(
      rows.some((row) => row.error === null),
      'some demo release converts',
    );
    const notes = await page.getByTestId('release-not-converted').allTextContents();
    assert.deepEqual(
      notes.map((note) => note.split(' ')[0]),
      rows.filter((row) => row.error).map((row) => row.id),
    );
    const converted = rows.find((row) => row.error === null)!;
    const cell = page
      .getByTestId('releases-table')
      .locator(`.money[data-amount="${converted.actual}"]`)
      .first();
    assert.match((await cell.textContent())!, new RegExp(`€|${currency}`));
    await page.getByTestId('release-conversion').first().waitFor();
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });
});
