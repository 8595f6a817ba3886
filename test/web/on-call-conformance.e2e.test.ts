import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { lastIncludedDay } from '../../web/src/day-range-text.js';
import { formatLocalTime } from '../../web/src/time-text.js';
import { BREACH_LABELS, conformancePeriod } from '../../web/src/views/on-call-conformance-model.js';
import { describeViolations, scanPage } from '../support/axe-scan.js';
import { type LaunchedBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { runCli } from '../support/run-cli.js';
import { signedInPage } from '../support/signed-in-page.js';

interface Report {
  deployments: number;
  breaches: number;
  breachCost: string;
  currency: string;
  rows: { checks: Record<string, { count: number }> }[];
  reviews: {
    rule: unknown;
    required: number;
    reviewed: number;
    late: number;
    due: number;
    overdue: number;
    open: { changeId: string; state: string; implementedAt: string; dueAt: string }[];
  };
}

const DAYS = 30;

/** Presses Tab until the focused element's text matches (bounded). */
async function tabTo(page: Page, text: RegExp, limit = 200) {
  for (let step = 0; step < limit; step++) {
    await page.keyboard.press('Tab');
    const focused = String(await page.evaluate("document.activeElement?.textContent ?? ''"));
    if (text.test(focused)) return;
  }
  throw new Error(`Tab never reached ${text}`);
}

/**
 * The demo's policy with a post-implementation review rule added (every emergency change, within
 * 5 days), applied through the CLI on the server's copy before it opens: the demo holds no
 * review, so its late emergencies are overdue.
 */
async function requireReviews(db: string): Promise<void> {
  const shown = await runCli(['--db', db, 'changes', 'policy', 'show']);
  assert.equal(shown.code, 0, shown.stderr);
  const policy = JSON.parse(shown.stdout) as Record<string, unknown>;
  policy.postImplementationReviews = { withinDays: 5, changeTypes: ['emergency'] };
  const file = join(dirname(db), 'governance-with-reviews.yaml');
  writeFileSync(file, JSON.stringify(policy, null, 2));
  const applied = await runCli(['--db', db, 'changes', 'policy', 'apply', file]);
  assert.equal(applied.code, 0, applied.stderr);
}

/**
 * The on-call view's governance conformance panel in a real Chromium against `tollgate demo
 * --serve`, as a viewer in Kolkata (UTC+5:30): the counts by finding, the emergencies apart, the
 * modelled cost with its currency and the reviews due and overdue are GET /api/v1/conformance's
 * for the timeline's days; an overdue review's change opens in the approvals view from the
 * keyboard; axe finds no serious or critical violation.
 */
describe('governance conformance on the on-call view, in Chromium', { timeout: 900_000 }, () => {
  let server: DemoServer;
  let browser: LaunchedBrowser;
  let page: Page;

  before(async () => {
    server = await startDemoServer({ prepare: requireReviews });
    ({ browser, page } = await signedInPage(server, 'viewer', 'Asia/Kolkata', 120_000));
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('shows the counts GET /api/v1/conformance gives for the same days, and passes axe', async () => {
    await page.goto(`${server.url}?view=on-call&days=${DAYS}`);
    await page.getByTestId('conformance-panel').waitFor();
    const { from, to } = conformancePeriod(server.asOf, DAYS);
    const api = await server.api<Report>(
      `/api/v1/conformance?from=${from}&to=${to}&asOf=${to}T00:00:00Z`,
      'viewer',
    );
    assert.ok(api.deployments > 0, 'the demo deploys to production in its last 30 days');
    // The API's `to` is the day after; the panel names the last day included, as every view does.
    assert.match(
      await page.getByTestId('conformance-period').innerText(),
      new RegExp(`${from} to ${lastIncludedDay(to)} \\(included\\)`),
    );
    assert.equal(await page.getByTestId('conformance-deployments').innerText(), String(api.deployments));
    assert.equal(await page.getByTestId('conformance-breaches').innerText(), String(api.breaches));
    const panel = page.getByTestId('conformance-panel');
    const cost = panel.locator('p .money').first();
    assert.equal(await cost.getAttribute('data-amount'), api.breachCost);
    assert.match(await cost.innerText(), /\$|USD|€|EUR/, 'the modelled cost shows its currency');

    const total = (check: string) => api.rows.reduce((sum, row) => sum + (row.checks[check]?.count ?? 0), 0);
    for (const [check, label] of BREACH_LABELS) {
      const row = page.locator(`[data-testid="conformance-findings"] tr[data-check="${check}"]`);
      assert.equal(await row.locator('th').innerText(), label);
      assert.equal(await row.locator('td').first().innerText(), String(total(check)), check);
    }
    assert.equal(
      await page.getByTestId('conformance-emergencies').getAttribute('data-count'),
      String(total('emergency')),
    );

    // The reviews the added rule names: counts as the API gives them, overdue ones listed.
    assert.ok(api.reviews.rule, 'the prepared policy names reviews');
    for (const key of ['required', 'reviewed', 'late', 'due', 'overdue'] as const)
      assert.equal(await page.getByTestId(`reviews-${key}`).innerText(), String(api.reviews[key]), key);
    const overdue = api.reviews.open.filter((item) => item.state === 'overdue');
    assert.ok(overdue.length > 0, 'the demo has emergencies without a review for more than 5 days');
    const rows = page.locator('[data-testid="reviews-overdue-list"] tbody tr');
    assert.deepEqual(
      await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-change'))),
      overdue.map((item) => item.changeId),
    );
    // Times on the reader's clock (Kolkata), in the one form every view uses.
    const first = rows.first().locator('td');
    assert.equal(await first.nth(2).innerText(), formatLocalTime(overdue[0]!.implementedAt, 'Asia/Kolkata'));
    assert.match(await first.nth(3).innerText(), /GMT\+5:30$/);

    await panel.scrollIntoViewIfNeeded();
    await saveScreenshot(page, 'on-call-conformance');
    const violations = await scanPage(page);
    assert.deepEqual(violations, [], describeViolations(violations));
  });

  it('opens an overdue review’s change in the approvals view from the keyboard', async () => {
    const link = page.locator('[data-testid="reviews-overdue-list"] tbody tr a').first();
    const change = (await link.innerText()).trim();
    await tabTo(page, new RegExp(`^${change}$`));
    await page.keyboard.press('Enter');
    await page.waitForURL(/view=approvals/);
    assert.equal(new URL(page.url()).searchParams.get('change'), change);
    await page.getByText(change).first().waitFor();
  });
});
