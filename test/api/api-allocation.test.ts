import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { loadDrivers } from '../../src/app/allocation/load-drivers.js';
import { previewRules } from '../../src/app/allocation/preview-rules.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import type { Role } from '../../src/core/access/roles.js';
import { CATALOG_YAML, RULES_YAML, writeFixture } from '../allocation/cli-fixture.js';
import { startApi, waitForJob } from './api-harness.js';

const BROKEN_YAML = 'teams:\n  - id: payments\n    name: [unclosed\n';
const UNKNOWN_TEAM_RULES = `mapping:
  - id: ghosts
    when:
      tag:team: ghosts
    set: { team: ghosts }
`;

describe('rules, catalogue, explain and periods over HTTP', async () => {
  const api = await startApi();
  const paths = writeFixture(api.dir);
  const upload = await api.json('/api/v1/ingest?filename=billing.csv', {
    method: 'POST',
    role: 'finance-admin',
    headers: { 'content-type': 'text/csv' },
    body: readFileSync(paths.billing),
  });
  assert.equal((await waitForJob(api, upload.body.id)).status, 'succeeded');
  // The scheduled allocation after new data finds no catalogue yet and skips.
  await api.server.services.scheduler.idle();

  const post = (path: string, body: unknown, role: Role = 'admin') =>
    api.json(path, {
      method: 'POST',
      role,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  /** What a refused request must leave as it was: versions, periods and the audit log. */
  async function state() {
    return {
      catalog: await api.stores.catalog.currentCatalog(),
      rules: await api.stores.allocation.rules.listRuleSetVersions(),
      closed: await api.stores.allocation.periods.listClosedPeriods(),
      audit: (await api.stores.access.audit.listEntries({})).length,
    };
  }
  async function refused(path: string, body: unknown, status: number, code: string, role: Role = 'admin') {
    const before = await state();
    const answer = await post(path, body, role);
    assert.equal(answer.status, status, `${path}: ${JSON.stringify(answer.body)}`);
    assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    assert.deepEqual(await state(), before, `${path} refused but changed the database`);
    return answer.body.error;
  }

  it('refuses rules before a catalogue exists, and bad catalogues with file and line; nothing applied', async () => {
    await refused('/api/v1/rules/check', { yaml: RULES_YAML }, 409, 'CATALOG_MISSING', 'analyst');
    const broken = await refused(
      '/api/v1/catalog',
      { yaml: BROKEN_YAML, fileName: 'teams.yaml' },
      422,
      'CATALOG_INVALID',
    );
    assert.equal(broken.details.problems[0].file, 'teams.yaml');
    assert.ok(broken.details.problems[0].line >= 3, JSON.stringify(broken.details));
    assert.match(broken.message, /teams\.yaml:\d+/);
    const dangling = CATALOG_YAML.replace('cost_centre: cc-200', 'cost_centre: cc-999');
    const unknown = await refused('/api/v1/catalog', { yaml: dangling }, 422, 'CATALOG_INVALID');
    assert.match(unknown.message, /catalog\.yaml:\d+: .*cc-999/);
    await refused('/api/v1/catalog/check', { yaml: BROKEN_YAML }, 422, 'CATALOG_INVALID', 'analyst');
    await refused('/api/v1/catalog', {}, 400, 'CATALOG_BAD_BODY');
    await refused(
      '/api/v1/catalog',
      { yaml: CATALOG_YAML, files: [{ name: 'a.yaml', yaml: CATALOG_YAML }] },
      400,
      'CATALOG_BAD_BODY',
    );
    await refused(
      '/api/v1/catalog',
      { yaml: CATALOG_YAML, fileName: '../../etc/passwd' },
      400,
      'REQUEST_INVALID',
    );
    await refused('/api/v1/catalog', { yaml: 42 }, 400, 'REQUEST_INVALID');
    await refused('/api/v1/catalog', 'teams: [', 400, 'REQUEST_BAD_JSON');
    await refused('/api/v1/catalog', { yaml: CATALOG_YAML }, 403, 'AUTH_FORBIDDEN', 'analyst');
    assert.equal((await api.json('/api/v1/catalog')).status, 404);
  });

  it('applies a catalogue as a version, audited; the same content (even split over files) is not stored twice', async () => {
    const checked = await post('/api/v1/catalog/check', { yaml: CATALOG_YAML }, 'analyst');
    assert.equal(checked.status, 200, JSON.stringify(checked.body));
    assert.deepEqual(checked.body.counts, {
      businessUnits: 1,
      costCentres: 2,
      teams: 3,
      services: 1,
      environments: 1,
    });
    const applied = await post('/api/v1/catalog', { yaml: CATALOG_YAML }, 'finance-admin');
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    assert.deepEqual([applied.body.status, applied.body.version], ['applied', 1]);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'catalog.apply' });
    assert.equal(entry!.actor, 'user:finance-admin-user');
    const [units, rest] = CATALOG_YAML.split('cost_centres:') as [string, string];
    const split = await post('/api/v1/catalog', {
      files: [
        { name: 'b-rest.yaml', yaml: `cost_centres:${rest}` },
        { name: 'a-units.yaml', yaml: units },
      ],
    });
    assert.equal(split.status, 201, JSON.stringify(split.body));
    assert.deepEqual([split.body.status, split.body.version], ['unchanged', 1]);
    assert.equal((await api.json('/api/v1/catalog', { role: 'viewer' })).body.version, 1);
  });

  it('checks rules like tollgate rules check: problems with line numbers, nothing stored', async () => {
    const valid = await post('/api/v1/rules/check', { yaml: RULES_YAML }, 'analyst');
    assert.equal(valid.status, 200, JSON.stringify(valid.body));
    assert.deepEqual([valid.body.mappingRules, valid.body.sharedRules], [3, 2]);
    const unknownTeam = await refused(
      '/api/v1/rules/check',
      { yaml: UNKNOWN_TEAM_RULES, fileName: 'mine.yaml' },
      422,
      'RULES_INVALID',
      'analyst',
    );
    assert.deepEqual(
      unknownTeam.details.problems.map((problem: { file: string; line: number }) => [
        problem.file,
        problem.line,
      ]),
      [['mine.yaml', 5]],
    );
    const syntax = await refused(
      '/api/v1/rules/check',
      { yaml: 'mapping:\n  - id: [x\n' },
      422,
      'RULES_INVALID',
      'analyst',
    );
    assert.equal(syntax.details.problems[0].file, 'rules.yaml');
    await refused('/api/v1/rules/check', { yaml: RULES_YAML, sudo: true }, 400, 'REQUEST_INVALID', 'analyst');
    await refused('/api/v1/rules/check', { yaml: RULES_YAML }, 403, 'AUTH_FORBIDDEN', 'viewer');
    // Checked against a catalogue sent with it, a team the stored catalogue lacks is known.
    const withCatalog = await post(
      '/api/v1/rules/check',
      {
        yaml: UNKNOWN_TEAM_RULES,
        catalogYaml: CATALOG_YAML.replace(
          '  - id: platform\n',
          '  - id: ghosts\n    name: Ghosts\n    cost_centre: cc-200\n  - id: platform\n',
        ),
      },
      'analyst',
    );
    assert.equal(withCatalog.status, 200, JSON.stringify(withCatalog.body));
  });

  it('previews rules like tollgate rules preview (same figures as the use case on a file); nothing stored', async () => {
    await loadDrivers(api.stores, paths.drivers, commandLineActor());
    const before = await state();
    const preview = await post('/api/v1/rules/preview', { yaml: RULES_YAML, period: '2026-01' }, 'analyst');
    assert.equal(preview.status, 200, JSON.stringify(preview.body));
    assert.deepEqual(await state(), before);
    const direct = await previewRules(api.stores, paths.rules, '2026-01', 'team');
    assert.deepEqual(preview.body.moves, direct.moves);
    assert.deepEqual(preview.body.unallocated, direct.unallocated);
    assert.equal(preview.body.currentVersion, null);
    assert.equal(preview.body.unallocated[0].beforeShare, '100.00');
    assert.ok(preview.body.moves.some((move: { owner: string }) => move.owner === 'payments'));
    const byService = await post('/api/v1/rules/preview', {
      yaml: RULES_YAML,
      period: '2026-01',
      by: 'service',
    });
    assert.equal(byService.status, 200);
    assert.ok(byService.body.moves.some((move: { owner: string }) => move.owner === 'checkout-api'));
    await refused('/api/v1/rules/preview', { yaml: RULES_YAML, period: '2026-13' }, 400, 'PERIOD_BAD_FORMAT');
    await refused('/api/v1/rules/preview', { yaml: RULES_YAML, period: '2025-01' }, 409, 'ALLOC_NO_DATA');
    await refused(
      '/api/v1/rules/preview',
      { yaml: UNKNOWN_TEAM_RULES, period: '2026-01' },
      422,
      'RULES_INVALID',
    );
    await refused(
      '/api/v1/rules/preview',
      { yaml: RULES_YAML, period: '2026-01', by: 'planet' },
      400,
      'REQUEST_INVALID',
    );
    await refused(
      '/api/v1/rules/preview',
      { yaml: RULES_YAML, period: '2026-01' },
      403,
      'AUTH_FORBIDDEN',
      'viewer',
    );
  });

  it('applies rules as a version (audited), then allocates, explains, closes and reopens a period', async () => {
    await refused('/api/v1/rules/versions', { yaml: RULES_YAML }, 403, 'AUTH_FORBIDDEN', 'analyst');
    await refused(
      '/api/v1/rules/versions',
      { yaml: UNKNOWN_TEAM_RULES },
      422,
      'RULES_INVALID',
      'finance-admin',
    );
    await refused(
      '/api/v1/rules/versions',
      { yaml: RULES_YAML, effectiveFrom: 'soon' },
      400,
      'PERIOD_BAD_FORMAT',
    );
    const applied = await post(
      '/api/v1/rules/versions',
      { yaml: RULES_YAML, fileName: 'team-rules.yaml' },
      'finance-admin',
    );
    assert.equal(applied.status, 201, JSON.stringify(applied.body));
    assert.deepEqual(
      [applied.body.version, applied.body.effectiveFrom, applied.body.sourcePath, applied.body.appliedBy],
      [1, '0000-01', 'api:team-rules.yaml', 'user:finance-admin-user'],
    );
    const [entry] = await api.stores.access.audit.listEntries({ action: 'rules.apply' });
    assert.equal(entry!.target, 'rules:v1');
    assert.equal((await api.stores.allocation.rules.getRuleSetVersion(1))!.yamlText, RULES_YAML);

    await refused('/api/v1/periods/2026-01/close', {}, 409, 'PERIOD_NOT_ALLOCATED', 'finance-admin');
    const job = await post('/api/v1/allocation/runs', { period: '2026-01' }, 'finance-admin');
    assert.equal((await waitForJob(api, job.body.id)).status, 'succeeded');

    const explained = await api.json('/api/v1/explain?team=payments&period=2026-01&top=3', {
      role: 'analyst',
    });
    assert.equal(explained.status, 200, JSON.stringify(explained.body));
    assert.ok(explained.body.rules.some((rule: { ruleId: string }) => rule.ruleId === 'payments-tag'));
    assert.ok(explained.body.lines.length <= 3 && explained.body.lines.length > 0);
    const explainRefusals: [string, number, string][] = [
      ['period=2026-01', 400, 'EXPLAIN_BAD_OWNER'],
      ['team=payments&service=checkout-api&period=2026-01', 400, 'EXPLAIN_BAD_OWNER'],
      ['team=ghosts&period=2026-01', 404, 'ALLOC_OWNER_HAS_NO_COST'],
      ['team=payments&period=2026-02', 409, 'ALLOC_NOT_RUN'],
      ['team=payments&period=January', 400, 'PERIOD_BAD_FORMAT'],
      ['team=payments&period=2026-01&top=0', 400, 'REQUEST_INVALID'],
      [`team=${encodeURIComponent("x' OR 1=1 --")}&period=2026-01`, 404, 'ALLOC_OWNER_HAS_NO_COST'],
    ];
    for (const [query, status, code] of explainRefusals) {
      const answer = await api.json(`/api/v1/explain?${query}`, { role: 'analyst' });
      assert.equal(answer.status, status, `${query}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, query);
    }
    assert.equal(
      (await api.json('/api/v1/explain?team=payments&period=2026-01', { role: 'viewer' })).status,
      403,
    );

    await refused('/api/v1/periods/2026-01/close', {}, 403, 'AUTH_FORBIDDEN', 'analyst');
    await refused('/api/v1/periods/not-a-month/close', {}, 400, 'PERIOD_BAD_FORMAT', 'finance-admin');
    const closed = await post('/api/v1/periods/2026-01/close', {}, 'finance-admin');
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.closedBy, 'user:finance-admin-user');
    await refused('/api/v1/periods/2026-01/close', {}, 409, 'PERIOD_ALREADY_CLOSED', 'finance-admin');
    const later = await post(
      '/api/v1/rules/versions',
      { yaml: RULES_YAML, effectiveFrom: '2026-01' },
      'finance-admin',
    );
    assert.deepEqual(later.body.frozenPeriods, ['2026-01']);
    await refused('/api/v1/periods/2026-01/reopen', { reason: '' }, 400, 'REQUEST_INVALID', 'finance-admin');
    const reopened = await post('/api/v1/periods/2026-01/reopen', { reason: 'late credit' }, 'finance-admin');
    assert.equal(reopened.status, 200, JSON.stringify(reopened.body));
    const [audit] = await api.stores.access.audit.listEntries({ action: 'period.reopen' });
    assert.deepEqual(audit!.after, { reason: 'late credit' });
    await refused('/api/v1/periods/2026-01/reopen', {}, 409, 'PERIOD_NOT_CLOSED', 'finance-admin');
  });
});
