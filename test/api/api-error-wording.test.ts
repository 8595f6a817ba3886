import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse } from 'yaml';
import { parseBudget } from '../../src/core/budget/parse-budget.js';
import { writeCsv } from '../support/csv-text.js';
import { readFocusSample } from '../support/focus-sample.js';
import { type ApiHarness, startApi, waitForJob } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** A CLI flag (`--at`) or a CLI command hint (`tollgate changes show`) in an HTTP answer. */
const CLI_FLAG = /(^|[\s('"`])--[a-z]/;
const CLI_COMMAND = /\btollgate [a-z]/;

interface Refusal {
  /** What the case breaks, for the failure message. */
  what: string;
  path: string;
  method?: string;
  body?: unknown;
  status: number;
  code: string;
  /** The API field the message must name (none for lookups, whose hint is a next step). */
  names?: string | RegExp;
}

function assertApiWording(what: string, message: string, names: string | RegExp | undefined) {
  assert.doesNotMatch(message, CLI_FLAG, `${what}: names a CLI flag: ${message}`);
  assert.doesNotMatch(message, CLI_COMMAND, `${what}: names a CLI command: ${message}`);
  if (names instanceof RegExp) assert.match(message, names, `${what}: ${message}`);
  else if (names !== undefined)
    assert.match(
      message,
      new RegExp(`(^|\\W)${names}(\\W|$)`),
      `${what}: does not name ${names}: ${message}`,
    );
}

async function expectRefusal(api: ApiHarness, refusal: Refusal) {
  const { status, body } = await api.json(refusal.path, {
    method: refusal.method ?? (refusal.body === undefined ? 'GET' : 'POST'),
    ...(refusal.body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(refusal.body) }),
  });
  assert.equal(status, refusal.status, `${refusal.what}: ${JSON.stringify(body)}`);
  assert.equal(body.error.code, refusal.code, `${refusal.what}: ${JSON.stringify(body)}`);
  assertApiWording(refusal.what, body.error.message, refusal.names);
}

/**
 * Every route whose use case checks a value or looks something up answers in the API's own
 * words: the query or body field it received (at, asOf, from...), never a CLI flag (--at) or
 * a CLI command to run next (tollgate changes show). Each case sends one broken value.
 */
describe('API errors name API fields, never CLI flags or commands', async () => {
  const api = await startApi();
  const put = (path: string, body: unknown) =>
    api.json(path, {
      method: path.includes('policy') || path.includes('ratecard') ? 'PUT' : 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('before anything is applied: the missing catalogue, policy and rate card', async () => {
    for (const refusal of [
      {
        what: 'gate without a catalogue',
        path: '/api/v1/gate',
        body: { service: 'payments', environment: 'production' },
        status: 404,
        code: 'CATALOG_MISSING',
      },
      { what: 'no policy', path: '/api/v1/changes/policy', status: 404, code: 'POLICY_MISSING' },
      { what: 'no rate card', path: '/api/v1/ratecard', status: 404, code: 'RATECARD_MISSING' },
      { what: 'no catalogue', path: '/api/v1/catalog', status: 404, code: 'CATALOG_MISSING' },
      {
        what: 'rules without a catalogue',
        path: '/api/v1/rules/check',
        body: { yaml: 'mapping: []\n' },
        status: 409,
        code: 'CATALOG_MISSING',
      },
    ] satisfies Refusal[])
      await expectRefusal(api, refusal);
  });

  it('governance: the gate, deployments, freezes, break-glass, changes, releases, KPIs', async () => {
    for (const [path, body] of [
      ['/api/v1/catalog', { yaml: fixture('catalog.yaml') }],
      ['/api/v1/changes/policy', { yaml: fixture('governance.yaml') }],
      ['/api/v1/ratecard', { yaml: fixture('rates.yaml') }],
    ] as const) {
      const applied = await put(path, body);
      assert.ok(applied.status < 300, `${path}: ${JSON.stringify(applied.body)}`);
    }
    const release = fixture('release.yaml');
    const created = await api.json('/api/v1/releases', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(parseReleaseYaml(release)),
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const gate = { service: 'payments', environment: 'production' };
    const deployment = {
      service: 'payments',
      environment: 'production',
      version: '1.0.0',
      startedAt: '2026-03-02T10:00:00Z',
      finishedAt: '2026-03-02T10:10:00Z',
      outcome: 'succeeded',
    };
    const change = await api.json('/api/v1/changes', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'payments', environment: 'production', estimatedCost: '100' }),
    });
    assert.equal(change.status, 201, JSON.stringify(change.body));
    for (const refusal of [
      {
        what: 'gate at',
        path: '/api/v1/gate',
        body: { ...gate, at: 'yesterday' },
        status: 400,
        code: 'GATE_USAGE',
        names: 'at',
      },
      {
        what: 'gate estimate',
        path: '/api/v1/gate',
        body: { ...gate, estimate: '-5' },
        status: 400,
        code: 'GATE_USAGE',
        names: 'estimate',
      },
      {
        what: 'gate release',
        path: '/api/v1/gate',
        body: { ...gate, releaseId: 'R-404' },
        status: 404,
        code: 'RELEASE_NOT_FOUND',
      },
      {
        what: 'gate change',
        path: '/api/v1/gate',
        body: { ...gate, changeId: 'CHG-404' },
        status: 404,
        code: 'CHANGE_NOT_FOUND',
      },
      {
        what: 'deployment release',
        path: '/api/v1/deployments',
        body: { ...deployment, releaseId: 'R-404' },
        status: 404,
        code: 'RELEASE_NOT_FOUND',
      },
      {
        what: 'deployment change',
        path: '/api/v1/deployments',
        body: { ...deployment, changeRequestId: 'CHG-404' },
        status: 404,
        code: 'CHANGE_NOT_FOUND',
      },
      {
        what: 'deployments from',
        path: '/api/v1/deployments?from=soon',
        status: 400,
        code: 'DEPLOYMENTS_BAD_TIME',
        names: 'from',
      },
      {
        what: 'incident deployment',
        path: '/api/v1/incidents',
        body: {
          service: 'payments',
          environment: 'production',
          startedAt: '2026-03-02T11:00:00Z',
          deploymentId: 'D-404',
        },
        status: 404,
        code: 'DEPLOYMENT_NOT_FOUND',
      },
      {
        what: 'freeze cron and dates',
        path: '/api/v1/freezes',
        body: { environment: 'production', reason: 'x', cron: '* * * * *', from: '2026-12-20' },
        status: 400,
        code: 'FREEZE_INVALID',
        names: /cron.*from.*until/,
      },
      {
        what: 'freeze neither',
        path: '/api/v1/freezes',
        body: { environment: 'production', reason: 'x' },
        status: 400,
        code: 'FREEZE_INVALID',
        names: /cron.*from.*until/,
      },
      {
        what: 'freeze from',
        path: '/api/v1/freezes',
        body: { environment: 'production', reason: 'x', from: 'christmas', until: '2027-01-02' },
        status: 422,
        code: 'FREEZE_INVALID',
        names: 'from',
      },
      {
        what: 'break-glass from',
        path: '/api/v1/break-glass',
        body: { environment: 'production', reason: 'x', from: 'now-ish', until: '2026-03-04T10:00:00Z' },
        status: 422,
        code: 'BREAK_GLASS_INVALID',
        names: 'from',
      },
      {
        what: 'sign-off role',
        path: `/api/v1/changes/${change.body.id}/decisions`,
        body: { decision: 'approve', kind: 'sign-off', role: 'cab' },
        status: 400,
        code: 'APPROVAL_BAD_ROLE',
        names: 'role',
      },
      { what: 'no change', path: '/api/v1/changes/CHG-404', status: 404, code: 'CHANGE_NOT_FOUND' },
      { what: 'no release', path: '/api/v1/releases/R-404', status: 404, code: 'RELEASE_NOT_FOUND' },
      {
        what: 'release exists',
        path: '/api/v1/releases',
        body: parseReleaseYaml(release),
        status: 409,
        code: 'RELEASE_EXISTS',
      },
      {
        what: 'no rate for a role',
        path: '/api/v1/releases/R-2026-03/time',
        body: { person: 'ann', role: 'astronaut', hours: '1', date: '2026-03-02' },
        status: 404,
        code: 'RATECARD_NO_RATE',
      },
      {
        what: 'kpis from',
        path: '/api/v1/kpis?from=spring',
        status: 400,
        code: 'KPI_BAD_PERIOD',
        names: 'from',
      },
      {
        what: 'kpis from after to',
        path: '/api/v1/kpis?from=2026-03-01&to=2026-02-01',
        status: 400,
        code: 'KPI_BAD_PERIOD',
        names: /from before to/,
      },
      { what: 'calendar at', path: '/api/v1/calendar?at=tomorrow', status: 400, code: 'CALENDAR_BAD_TIME' },
    ] satisfies Refusal[])
      await expectRefusal(api, refusal);
  });

  it('costs, budgets, forecasts and alerts', async () => {
    await api.stores.budgets.saveBudget(
      parseBudget({ name: 'payments', scope: ['tag:team=payments'], amount: '10', currency: 'USD' }),
    );
    for (const refusal of [
      {
        what: 'costs from',
        path: '/api/v1/costs?from=2026-13-01',
        status: 400,
        code: 'QUERY_BAD_DATE',
        names: 'from',
      },
      {
        what: 'costs from after to',
        path: '/api/v1/costs?from=2026-02-01&to=2026-01-01',
        status: 400,
        code: 'QUERY_BAD_DATE',
        names: /from 2026-02-01 is not before to 2026-01-01/,
      },
      {
        what: 'costs owner metric',
        path: '/api/v1/costs?by=team&metric=list',
        status: 400,
        code: 'QUERY_OWNER_METRIC',
        names: 'metric',
      },
      {
        what: 'costs date filter',
        path: '/api/v1/costs?filter=month%3D2026-01',
        status: 400,
        code: 'QUERY_BAD_FILTER',
        names: /with from and to/,
      },
      {
        what: 'forecast asOf',
        path: '/api/v1/forecasts?asOf=2026-13-01',
        status: 400,
        code: 'FORECAST_BAD_DATE',
        names: 'asOf',
      },
      { what: 'forecast without data', path: '/api/v1/forecasts', status: 404, code: 'FORECAST_NO_DATA' },
      {
        what: 'budget asOf',
        path: '/api/v1/budgets/payments/status?asOf=someday',
        status: 400,
        code: 'BUDGET_BAD_DATE',
        names: 'asOf',
      },
      {
        what: 'budgets asOf',
        path: '/api/v1/budgets/status?asOf=someday',
        status: 400,
        code: 'BUDGET_BAD_DATE',
        names: 'asOf',
      },
      {
        what: 'budget without data',
        path: '/api/v1/budgets/payments/status?asOf=2026-03-01',
        status: 404,
        code: 'BUDGET_NO_DATA',
      },
      { what: 'no budget', path: '/api/v1/budgets/nope/status', status: 404, code: 'BUDGET_NOT_FOUND' },
      {
        what: 'no alert',
        path: '/api/v1/alerts/999/acknowledge',
        method: 'POST',
        status: 404,
        code: 'ALERT_NOT_FOUND',
      },
    ] satisfies Refusal[])
      await expectRefusal(api, refusal);
  });

  it('allocation: statements, quality, explain, periods, rules', async () => {
    for (const refusal of [
      {
        what: 'statement period',
        path: '/api/v1/statements?team=team-pay&period=January',
        status: 400,
        code: 'PERIOD_BAD_FORMAT',
        names: 'period',
      },
      {
        what: 'statement subsidy',
        path: '/api/v1/statements?team=team-pay&period=2026-01&model=partial&subsidy=150',
        status: 400,
        code: 'STATEMENT_BAD_SUBSIDY',
        names: 'subsidy',
      },
      {
        what: 'statement subsidy without partial',
        path: '/api/v1/statements?team=team-pay&period=2026-01&subsidy=10',
        status: 400,
        code: 'STATEMENT_BAD_SUBSIDY',
        names: /subsidy applies to model partial/,
      },
      {
        what: 'statement partial without subsidy',
        path: '/api/v1/statements?team=team-pay&period=2026-01&model=partial',
        status: 400,
        code: 'STATEMENT_BAD_SUBSIDY',
        names: 'subsidy',
      },
      {
        what: 'statement not allocated',
        path: '/api/v1/statements?team=team-pay&period=2026-01',
        status: 409,
        code: 'ALLOC_NOT_RUN',
      },
      {
        what: 'quality period',
        path: '/api/v1/quality?period=2026-13',
        status: 400,
        code: 'PERIOD_BAD_FORMAT',
        names: 'period',
      },
      {
        what: 'quality tag',
        path: '/api/v1/quality?period=2026-01&requiredTag=%20',
        status: 400,
        code: 'QUALITY_BAD_TAGS',
        names: 'requiredTag',
      },
      {
        what: 'explain period',
        path: '/api/v1/explain?team=team-pay&period=jan',
        status: 400,
        code: 'PERIOD_BAD_FORMAT',
        names: 'period',
      },
      {
        what: 'explain not allocated',
        path: '/api/v1/explain?team=team-pay&period=2026-01',
        status: 409,
        code: 'ALLOC_NOT_RUN',
      },
      {
        what: 'close not allocated',
        path: '/api/v1/periods/2026-01/close',
        method: 'POST',
        status: 409,
        code: 'PERIOD_NOT_ALLOCATED',
      },
      { what: 'rule version', path: '/api/v1/rules/versions/latest', status: 400, code: 'RULES_BAD_VERSION' },
      {
        what: 'no rule version',
        path: '/api/v1/rules/versions/99',
        status: 404,
        code: 'RULES_VERSION_NOT_FOUND',
      },
      {
        what: 'unknown team in rules',
        path: '/api/v1/rules/check',
        body: { yaml: 'mapping:\n  - name: all\n    match: { provider: AWS }\n    owner: { team: ghost }\n' },
        status: 422,
        code: 'RULES_INVALID',
      },
    ] satisfies Refusal[])
      await expectRefusal(api, refusal);
    const job = await api.json('/api/v1/allocation/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ period: '2026-13' }),
    });
    assert.equal(job.status, 202, JSON.stringify(job.body));
    const failed = await waitForJob(api, job.body.id);
    assert.equal(failed.error?.code, 'PERIOD_BAD_FORMAT', JSON.stringify(failed));
    assertApiWording('allocation job period', failed.error.message, 'period');
  });

  it('sources, tokens and uploads', async () => {
    for (const refusal of [
      { what: 'load id', path: '/api/v1/sources/abc', method: 'DELETE', status: 400, code: 'SOURCE_BAD_ID' },
      {
        what: 'no load',
        path: '/api/v1/sources/99',
        method: 'DELETE',
        status: 404,
        code: 'SOURCE_NOT_FOUND',
      },
      {
        what: 'no token',
        path: '/api/v1/tokens/nope',
        method: 'DELETE',
        status: 404,
        code: 'TOKEN_NOT_FOUND',
      },
    ] satisfies Refusal[])
      await expectRefusal(api, refusal);
    const sample = readFocusSample();
    const column = sample.header.indexOf('BilledCost');
    const rows = sample.rows.map((cells, row) =>
      cells.map((cell, at) => (row === 4 && at === column ? 'abc' : cell)),
    );
    const upload = await api.json('/api/v1/ingest?filename=bad.csv', {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: writeCsv([sample.header, ...rows]),
    });
    assert.equal(upload.status, 202, JSON.stringify(upload.body));
    const failed = await waitForJob(api, upload.body.id);
    assert.equal(failed.error?.code, 'INGEST_INVALID_ROWS', JSON.stringify(failed));
    assertApiWording('upload with a bad row', failed.error.message, /onError skip-row/);
  });
});

/** The release fixture as the JSON body of POST /api/v1/releases (the same document). */
function parseReleaseYaml(text: string): unknown {
  return parse(text);
}
