import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Page } from 'playwright-core';
import { type LaunchedBrowser, launchBrowser, saveScreenshot } from '../support/browser.js';
import { type DemoServer, startDemoServer } from '../support/demo-server.js';
import { REPO_ROOT } from '../support/run-cli.js';

/**
 * The allocation, releases, approvals and audit views in a real Chromium against a real
 * `tollgate demo --serve`. The demo itself raises two changes waiting for its approver in the
 * open release planned last (R-2025-12): a normal production change with every approval it
 * needs but one CAB approval, and one with no decision yet. The demo approver (a CAB member in
 * the demo policy) gives the missing approval in the browser, and rejects the other.
 */

/** Inside the prod deployment window (Monday to Thursday, 08-17 UTC), outside the year-end freeze. */
const DEPLOY_AT = '2026-11-26T10:00';

/** The candidate: share the Kubernetes clusters evenly instead of by the CPU hours each team ran. */
const K8S_BY_CPU_HOURS = '    split: driver\n    driver: cpu-hours';
const K8S_EVENLY = '    split: even';

interface Waiting {
  changeId: string;
  service: string;
  releaseId: string;
  /** A second waiting change, for the rejection. */
  otherChangeId: string;
}

interface ChangeRow {
  id: string;
  service: string;
  releaseId?: string;
  requestedBy: string;
  createdAt: string;
}

/** The demo's waiting changes, found as a reader would: open changes raised by the release manager. */
async function findWaitingChanges(server: DemoServer): Promise<Waiting> {
  const open = (await server.api<ChangeRow[]>('/api/v1/changes?status=open'))
    .filter((change) => change.requestedBy === 'release-manager' && change.releaseId === 'R-2025-12')
    .sort((a, b) => Number(a.id.replace(/\D/g, '')) - Number(b.id.replace(/\D/g, '')));
  // The first is the one with every approval but one; the second has none yet.
  assert.equal(open.length, 2, `the demo raises two waiting changes: ${JSON.stringify(open)}`);
  const [ready, fresh] = open as [ChangeRow, ChangeRow];
  return { changeId: ready.id, service: ready.service, releaseId: 'R-2025-12', otherChangeId: fresh.id };
}

async function signInWithPassword(page: Page, server: DemoServer, role: 'admin' | 'viewer' | 'approver') {
  // The session cookie is the browser's: the previous person's goes before the next signs in.
  await page.context().clearCookies();
  await page.goto(server.url);
  await page.getByLabel('User name').fill(server.logins[role].name);
  await page.getByLabel('Password').fill(server.logins[role].password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

async function signInWithToken(page: Page, server: DemoServer, token: string) {
  await page.context().clearCookies();
  await page.goto(server.url);
  await page.getByRole('tab', { name: 'API token' }).click();
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByTestId('who').waitFor();
}

/** Opens a view by URL, as a shared link would, in the signed-in tab. */
async function open(page: Page, server: DemoServer, query: string) {
  await page.goto(`${server.url.replace(/\/$/, '')}/?${query}`);
}

async function post<T>(server: DemoServer, path: string, token: string, body: unknown) {
  const response = await fetch(new URL(path, server.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

interface Source {
  owner: string | null;
  currency: string;
  source: 'rule' | 'mapping' | 'unallocated';
  ruleId: string | null;
  effectiveCost: string;
}

interface Move {
  owner: string;
  currency: string;
  change: string;
}

interface GateAnswer {
  decision: 'allow' | 'deny';
  reasons: { check: string; ok: boolean; detail: string }[];
}

/** Waits (bounded) until the rule editor holds the current rule set, read from the API. */
async function waitForRulesText(page: Page): Promise<string> {
  const editor = page.getByLabel('Rule set YAML');
  for (let attempt = 0; attempt < 200; attempt++) {
    const text = await editor.inputValue();
    if (text.includes('mapping:')) return text;
    await page.waitForTimeout(100);
  }
  throw new Error('the rule editor never showed the current rule set');
}

describe('governance views in Chromium (allocation, releases, approvals, audit)', () => {
  let waiting: Waiting;
  let server: DemoServer;
  let browser: LaunchedBrowser;

  before(async () => {
    server = await startDemoServer();
    waiting = await findWaitingChanges(server);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('previews a rule change: the impact table shows who gains and loses, as the API computes it', async () => {
    const demoRules = readFileSync(join(REPO_ROOT, 'src/demo/allocation/demo-rules.yaml'), 'utf8');
    assert.ok(demoRules.includes(K8S_BY_CPU_HOURS), 'the demo rules split Kubernetes by CPU hours');
    const candidate = demoRules.replace(K8S_BY_CPU_HOURS, K8S_EVENLY);
    // The newest month where the split moves cost (a small test demo may lack some spend).
    const months = [
      ...new Set(
        (await server.api<{ rows: { month: string }[] }>('/api/v1/costs?by=month')).rows.map((row) =>
          row.month.slice(0, 7),
        ),
      ),
    ]
      .sort()
      .reverse();
    let chosen: { period: string; moves: Move[]; sources: Source[] } | undefined;
    for (const period of months) {
      const answer = await post<{ moves: Move[]; sources: Source[] }>(
        server,
        '/api/v1/rules/preview',
        server.logins.admin.token,
        {
          yaml: candidate,
          period,
        },
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      if (answer.body.moves.length > 0) {
        chosen = { period, moves: answer.body.moves, sources: answer.body.sources };
        break;
      }
    }
    assert.ok(chosen, `no month of ${months.join(', ')} has Kubernetes cost to move`);
    assert.ok(
      chosen.moves.some((move) => move.change.startsWith('-')),
      'someone loses',
    );
    assert.ok(
      chosen.moves.some((move) => !move.change.startsWith('-')),
      'someone gains',
    );

    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'admin');
    await open(page, server, 'view=allocation&tab=preview');
    assert.equal(await waitForRulesText(page), demoRules, 'the editor starts from the rules in force');
    await page.getByLabel('Rule set YAML').fill(candidate);
    await page.locator('select[name="period"]').selectOption(chosen.period);
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const table = page.getByTestId('preview-moves');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), chosen.moves.length);
    // Each amount carries its exact decimal; the text is rounded to cents.
    const exact = async (owner: string) =>
      table
        .locator('tbody tr')
        .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${owner}$`) }) })
        .locator('[data-amount]')
        .last()
        .getAttribute('data-amount');
    for (const move of chosen.moves) assert.equal(await exact(move.owner), move.change, move.owner);
    // The URL keeps a chosen month; the default (the newest month) is left out of it.
    if (chosen.period === months[0]) assert.doesNotMatch(page.url(), /period=/);
    else assert.match(page.url(), new RegExp(`period=${chosen.period}`), 'the URL keeps the month');
    await page.getByTestId('preview-unallocated').waitFor();
    // Each owner's cost by how it was assigned, one row per part, as the API answered.
    const sources = page.getByTestId('preview-source-rows');
    assert.equal(await sources.locator('tbody tr').count(), chosen.sources.length);
    const split = chosen.sources.find((row) => row.source === 'rule')!;
    const splitRow = sources
      .locator('tbody tr')
      .filter({ hasText: 'shared-cost rule' })
      .filter({ hasText: split.ruleId! })
      .filter({ has: page.locator('td:first-child', { hasText: new RegExp(`^${split.owner}$`) }) });
    assert.equal(await splitRow.count(), 1);
    assert.equal(await splitRow.locator('[data-amount]').getAttribute('data-amount'), split.effectiveCost);
    await saveScreenshot(page, 'allocation');
    await page.close();
  });

  it('applies a previewed rule set as a new version and shows what changed between versions', async () => {
    const demoRules = readFileSync(join(REPO_ROOT, 'src/demo/allocation/demo-rules.yaml'), 'utf8');
    const candidate = demoRules.replace(K8S_BY_CPU_HOURS, K8S_EVENLY);
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'admin');
    await open(page, server, 'view=allocation&tab=preview');
    await waitForRulesText(page);
    await page.getByLabel('Rule set YAML').fill(candidate);
    await page.getByRole('button', { name: 'Preview impact' }).click();
    await page.getByTestId('preview-impact').waitFor();
    await page.getByRole('button', { name: 'Apply as a new version…' }).click();
    await page.getByRole('button', { name: 'Confirm: apply as a new version' }).click();
    await page.getByText('Applied as version 2').waitFor();

    const versions = await server.api<{ version: number; appliedBy: string }[]>('/api/v1/rules/versions');
    assert.deepEqual(
      versions.map((version) => version.version),
      [1, 2],
    );
    assert.equal(versions[1]!.appliedBy, 'user:demo-admin');
    assert.equal((await server.api<{ yamlText: string }>('/api/v1/rules/versions/2')).yamlText, candidate);
    const audit = await server.api<{ entries: { actor: string; target: string }[] }>(
      '/api/v1/audit?action=rules.apply',
    );
    // The demo applied version 1 from the command line (as the operating-system user); the view applied 2.
    assert.deepEqual(
      audit.entries.map((entry) => [
        entry.actor.startsWith('cli:') ? 'cli:<user>' : entry.actor,
        entry.target,
      ]),
      [
        ['cli:<user>', 'rules:v1'],
        ['user:demo-admin', 'rules:v2'],
      ],
    );

    await open(page, server, 'view=allocation&tab=versions');
    const table = page.getByTestId('rule-versions');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), 2);
    const diff = page.getByTestId('rule-diff');
    await diff.waitFor();
    const row = diff.locator('tbody tr', { hasText: 'kubernetes-platform' });
    assert.match((await row.textContent()) ?? '', /changed/);
    assert.equal(await diff.locator('tbody tr').count(), 1, 'only the Kubernetes rule changed');
    assert.deepEqual(await row.getByTestId('rule-field-changes').locator('li').allTextContents(), [
      'method: "driver" → "even"',
      'driver: "cpu-hours" → (none)',
    ]);
    await saveScreenshot(page, 'allocation-versions');
    await page.close();
  });

  it('refuses invalid YAML in the preview in plain words and changes nothing', async () => {
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'admin');
    await open(page, server, 'view=allocation&tab=preview');
    await waitForRulesText(page);
    // Signing in is itself audited, so "before" is taken once signed in.
    const versionsBefore = await server.api<unknown[]>('/api/v1/rules/versions');
    const auditBefore = await server.api<{ entries: unknown[] }>('/api/v1/audit?limit=1000');
    await page.getByLabel('Rule set YAML').fill('shared:\n  - id: [unclosed\n    split: even\n');
    await page.getByRole('button', { name: 'Preview impact' }).click();
    const error = page.getByTestId('preview-error');
    await error.waitFor();
    const text = (await error.textContent()) ?? '';
    assert.match(text, /problem/);
    assert.match(text, /nothing was changed/);
    assert.match(text, /candidate\.yaml:\d+/, 'the message names the line');
    assert.match(text, /RULES_INVALID/);
    assert.equal(await page.getByTestId('preview-moves').count(), 0);
    assert.deepEqual(await server.api('/api/v1/rules/versions'), versionsBefore);
    assert.deepEqual(await server.api('/api/v1/audit?limit=1000'), auditBefore);
    await page.close();
  });

  it('shows each release with budget, estimate and actuals as the API reports them', async () => {
    const releases =
      await server.api<{ id: string; budget: string | null; actual: string }[]>('/api/v1/releases');
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'viewer');
    await open(page, server, 'view=releases&release=R-2025-12');
    const table = page.getByTestId('releases-table');
    await table.waitFor();
    assert.equal(await table.locator('tbody tr').count(), releases.length);
    const release = releases.find((candidate) => candidate.id === 'R-2025-12')!;
    const detail = page.getByTestId('release-detail');
    await detail.getByTestId('release-money').waitFor();
    const amounts = await detail
      .locator('[data-amount]')
      .evaluateAll((spans) => spans.map((span) => span.getAttribute('data-amount')));
    assert.ok(release.budget !== null && amounts.includes(release.budget), 'the budget is shown exactly');
    assert.ok(amounts.includes(release.actual), 'the actual total is shown exactly');
    await page.getByTestId('releases-chart').waitFor();
    await saveScreenshot(page, 'releases');
    await page.close();
  });

  it('filters and searches the approvals queue, refusing a minimum cost that is not an amount', async () => {
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'approver');
    await open(page, server, 'view=approvals');
    const rows = page.getByTestId('waiting-changes').locator('tbody tr');
    await rows.first().waitFor();
    const all = await rows.count();
    assert.ok(all >= 2, `the demo approver has changes waiting (${all})`);
    await page.getByLabel('Search', { exact: true }).fill(waiting.changeId);
    await page.waitForURL(new RegExp(`q=${waiting.changeId}`));
    await page.waitForFunction((id) => {
      const doc = (
        globalThis as unknown as { document: { querySelectorAll(s: string): { textContent: string }[] } }
      ).document;
      const cells = [...doc.querySelectorAll('[data-testid="waiting-changes"] tbody tr td:first-child')];
      return cells.length > 0 && cells.every((cell) => cell.textContent === id);
    }, waiting.changeId);
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.getByLabel('Estimate at least').fill('ten');
    await page.getByText("'ten' is not an amount").waitFor();
    assert.equal(await rows.count(), all, 'a bad amount filters nothing');
    await page.getByLabel('Estimate at least').fill('999999999999');
    await page.getByText('matches this filter').waitFor();
    await page.close();
  });

  it('lets an approver approve a waiting change, after which the gate allows the deployment', async () => {
    const gateRequest = {
      service: waiting.service,
      environment: 'prod',
      releaseId: waiting.releaseId,
      changeId: waiting.changeId,
      at: `${DEPLOY_AT}:00Z`,
    };
    const denied = await post<GateAnswer>(server, '/api/v1/gate', server.logins.approver.token, gateRequest);
    assert.equal(denied.status, 200);
    assert.equal(denied.body.decision, 'deny', 'one CAB approval is missing');
    assert.ok(
      denied.body.reasons.some(
        (reason: { check: string; ok: boolean }) => reason.check === 'approvals' && !reason.ok,
      ),
    );

    const seeded = await server.api<{ approvals: { approver: string }[] }>(
      `/api/v1/changes/${waiting.changeId}`,
    );
    assert.ok(seeded.approvals.length >= 3, 'the service owner, the sign-off and a CAB member have decided');
    assert.ok(!seeded.approvals.some((approval) => approval.approver === server.logins.approver.name));

    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'approver');
    await open(page, server, 'view=approvals');
    const list = page.getByTestId('waiting-changes');
    await list.waitFor();
    await list.locator('tbody tr', { hasText: waiting.changeId }).click();
    const detail = page.getByTestId('change-detail');
    await detail.waitFor();
    assert.match(page.url(), new RegExp(`change=${waiting.changeId}`), 'the URL names the change');
    await page.getByLabel('Deploy at (UTC)').fill(DEPLOY_AT);
    const gate = page.getByTestId('gate-answer');
    await page.waitForSelector('[data-testid="gate-answer"][data-decision="deny"]');
    assert.match((await gate.textContent()) ?? '', /Approvals missing: .*cab (\d)\/(?!\1)\d/);
    assert.equal(
      await page.locator('select[name="role"]').inputValue(),
      'cab',
      'the missing role is suggested',
    );
    await page.getByText('The gate still needs: cab (1 more)').waitFor();
    assert.match(
      (await page.getByTestId('cost-benefit').textContent()) ?? '',
      /Budget left after this change/,
    );

    // "As" offers only the policy roles the demo approver holds for this service.
    const held = await server.api<{ roles: { role: string; services: string[] | null }[] }>(
      '/api/v1/me/approver-roles',
      'approver',
    );
    const heldHere = held.roles
      .filter((entry) => entry.services === null || entry.services.includes(waiting.service))
      .map((entry) => entry.role);
    assert.deepEqual(
      await page
        .locator('select[name="role"] option')
        .evaluateAll((options) => options.map((o) => o.getAttribute('value'))),
      heldHere,
    );
    assert.ok(!heldHere.includes('finance'));

    await page.locator('select[name="role"]').selectOption('cab');
    await page.getByLabel('Comment').fill('Reviewed the rollout plan; fine for Thursday.');
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.waitForSelector('[data-testid="gate-answer"][data-decision="allow"]');
    await page.getByTestId('approvals-so-far').getByText(server.logins.approver.name).waitFor();
    assert.match((await page.getByTestId('cannot-decide').textContent()) ?? '', /already decided/);
    await saveScreenshot(page, 'approvals');

    const allowed = await post<GateAnswer>(server, '/api/v1/gate', server.logins.approver.token, gateRequest);
    assert.equal(allowed.body.decision, 'allow', JSON.stringify(allowed.body.reasons));
    const recorded = await server.api<{ approvals: { approver: string; role: string; comment?: string }[] }>(
      `/api/v1/changes/${waiting.changeId}`,
    );
    const mine = recorded.approvals.find((approval) => approval.approver === server.logins.approver.name);
    assert.equal(mine?.role, 'cab');
    assert.equal(mine?.comment, 'Reviewed the rollout plan; fine for Thursday.');

    await page.getByRole('tab', { name: 'Decided by me' }).click();
    await page.getByTestId('decided-changes').getByText(waiting.changeId).waitFor();
    await page.close();
  });

  it('rejects a change only with a reason, and the rejection closes it', async () => {
    const page = await browser.context.newPage();
    await signInWithToken(page, server, server.logins.approver.token);
    await open(page, server, `view=approvals&change=${waiting.otherChangeId}`);
    await page.getByTestId('change-detail').waitFor();
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByText('Say in the comment why you reject the change').waitFor();
    const untouched = await server.api<{ change: { status: string }; approvals: unknown[] }>(
      `/api/v1/changes/${waiting.otherChangeId}`,
    );
    assert.equal(untouched.change.status, 'open');
    assert.deepEqual(untouched.approvals, []);

    // The first missing role (service-owner) is not the demo approver's, so "As" starts on CAB.
    assert.equal(await page.locator('select[name="role"]').inputValue(), 'cab');
    await page.getByLabel('Comment').fill('No rollback plan for the consent records.');
    await page.getByRole('button', { name: 'Reject' }).click();
    await page.getByTestId('cannot-decide').waitFor();
    assert.match((await page.getByTestId('cannot-decide').textContent()) ?? '', /rejected/);
    const rejected = await server.api<{ change: { status: string }; approvals: { decision: string }[] }>(
      `/api/v1/changes/${waiting.otherChangeId}`,
    );
    assert.equal(rejected.change.status, 'rejected');
    assert.deepEqual(
      rejected.approvals.map((approval) => approval.decision),
      ['reject'],
    );
    await open(page, server, 'view=approvals');
    const list = page.getByTestId('waiting-changes');
    await list.waitFor();
    assert.equal(
      await list.locator('tbody tr', { hasText: waiting.otherChangeId }).count(),
      0,
      'no longer waiting',
    );
    await page.close();
  });

  it('shows a viewer the waiting change without approve or reject buttons', async () => {
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'viewer');
    await open(page, server, `view=approvals&change=${waiting.changeId}`);
    await page.getByTestId('change-detail').waitFor();
    await page.getByTestId('cannot-decide').waitFor();
    await page.getByTestId('read-only-note').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Approve' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: 'Reject' }).count(), 0);
    assert.equal(await page.getByRole('link', { name: 'Audit' }).count(), 0, 'no audit view for a viewer');
    await page.close();
  });

  it('shows the approval in the audit log, filtered by action, with a verified chain', async () => {
    const page = await browser.context.newPage();
    await signInWithPassword(page, server, 'admin');
    await open(page, server, 'view=audit&action=changes.approve');
    const chain = page.getByTestId('audit-chain');
    await chain.waitFor();
    const verification = await server.api<{ ok: boolean; entries: number }>('/api/v1/audit/verify');
    assert.equal(verification.ok, true);
    assert.match((await chain.textContent()) ?? '', /Chain verified/);
    assert.match(
      (await chain.textContent()) ?? '',
      new RegExp(`${verification.entries.toLocaleString('en-US')} entries`),
    );
    const entries = page.getByTestId('audit-entries');
    await entries.waitFor();
    const row = entries.locator('tbody tr', { hasText: `change:${waiting.changeId}` });
    assert.equal(await row.count(), 1);
    assert.match((await row.textContent()) ?? '', new RegExp(`user:${server.logins.approver.name}`));
    assert.equal(await entries.locator('tbody tr:not([data-action="changes.approve"])').count(), 0);
    await saveScreenshot(page, 'audit');
    await page.close();
  });

  it('keeps every governance view inside a phone-width screen', async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await signInWithPassword(phone, server, 'admin');
    for (const query of [
      'view=allocation',
      'view=allocation&tab=quality',
      'view=releases',
      'view=releases&tab=kpis',
      `view=approvals&change=${waiting.changeId}`,
      'view=audit',
    ]) {
      await open(phone, server, query);
      await phone.waitForLoadState('networkidle');
      const overflow = (await phone.evaluate(
        'document.documentElement.scrollWidth - window.innerWidth',
      )) as number;
      assert.ok(overflow <= 1, `${query} is ${overflow}px wider than the phone`);
    }
    await saveScreenshot(phone, 'approvals-phone');
    await phone.close();
  });
});
