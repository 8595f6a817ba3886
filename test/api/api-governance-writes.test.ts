import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import type { Role } from '../../src/core/access/roles.js';
import { startApi, TEST_ACTOR } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');

/** The fixture release as a JSON document under another id. */
function releaseDocument(id: string, overrides: Record<string, unknown> = {}) {
  return { ...(parseYaml(fixture('release.yaml')) as Record<string, unknown>), id, ...overrides };
}

describe('the release manager and CI write governance over HTTP, as the CLI does', async () => {
  const api = await startApi();
  const send = (
    method: 'POST' | 'PUT',
    path: string,
    body: unknown,
    who: { role?: Role; token?: string } = { role: 'finance-admin' },
  ) =>
    api.json(path, {
      ...who,
      method,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const get = (path: string, role: Role = 'viewer') => api.json(path, { role });
  /** Each refusal: [answer, status, code]; the caller checks the data after all of them. */
  async function expectRefusals(cases: [ReturnType<typeof api.json>, number, string][]) {
    for (const [pending, status, code] of cases) {
      const answer = await pending;
      assert.equal(answer.status, status, `${code}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    }
  }
  const auditCount = async (action: string) => (await api.stores.access.audit.listEntries({ action })).length;

  it('applies the catalogue, rate card and policy (YAML and JSON); broken documents are refused with their line and change nothing', async () => {
    const catalog = await send('POST', '/api/v1/catalog', { yaml: fixture('catalog.yaml') });
    assert.equal(catalog.status, 201, JSON.stringify(catalog.body));
    await expectRefusals([
      [get('/api/v1/changes/policy'), 404, 'POLICY_MISSING'],
      [get('/api/v1/ratecard'), 404, 'RATECARD_MISSING'],
      [
        send('PUT', '/api/v1/changes/policy', { yaml: 'version: "1"\nroles: [\n  - a: b\n  c' }),
        422,
        'YAML_INVALID',
      ],
      [send('PUT', '/api/v1/changes/policy', { yaml: 'version: "1"\n' }), 422, 'POLICY_INVALID'],
      [send('PUT', '/api/v1/changes/policy', {}), 400, 'DOCUMENT_USAGE'],
      [send('PUT', '/api/v1/changes/policy', { yaml: 'a: 1', policy: { a: 1 } }), 400, 'DOCUMENT_USAGE'],
      [
        send('PUT', '/api/v1/changes/policy', { yaml: 'a: 1', fileName: '../etc/passwd' }),
        400,
        'REQUEST_INVALID',
      ],
      [
        send('PUT', '/api/v1/changes/policy', { yaml: fixture('governance.yaml') }, { role: 'approver' }),
        403,
        'AUTH_FORBIDDEN',
      ],
      [send('PUT', '/api/v1/ratecard', { yaml: fixture('rates-overlap.yaml') }), 422, 'RATECARD_OVERLAP'],
      [send('PUT', '/api/v1/ratecard', { rates: [{ role: 'engineer' }] }), 422, 'RATECARD_INVALID'],
      [
        send('PUT', '/api/v1/ratecard', { yaml: fixture('rates.yaml') }, { role: 'analyst' }),
        403,
        'AUTH_FORBIDDEN',
      ],
    ]);
    const badYaml = await send('PUT', '/api/v1/changes/policy', {
      yaml: 'version: "1"\nroles: [\n  - a: b\n  c',
    });
    assert.match(badYaml.body.error.message, /line \d+/, 'the YAML error names its line');
    assert.equal(await api.stores.governance.currentPolicy(), undefined, 'refused policies change nothing');
    assert.equal(await api.stores.governance.rateCards.currentRateCard(), undefined);
    assert.equal(await auditCount('policy.apply'), 0);

    const rates = await send('PUT', '/api/v1/ratecard', { yaml: fixture('rates.yaml') });
    assert.equal(rates.status, 200, JSON.stringify(rates.body));
    assert.equal(rates.body.entries, 3);
    const fromYaml = await send('PUT', '/api/v1/changes/policy', { yaml: fixture('governance.yaml') });
    assert.equal(fromYaml.status, 200, JSON.stringify(fromYaml.body));
    const fromJson = await send('PUT', '/api/v1/changes/policy', {
      policy: parseYaml(fixture('governance.yaml')),
      fileName: 'governance.json',
    });
    assert.equal(fromJson.status, 200, JSON.stringify(fromJson.body));
    assert.equal(fromJson.body.version, fromYaml.body.version + 1);
    assert.deepEqual(fromJson.body.policy, fromYaml.body.policy, 'YAML and JSON give the same policy');
    const shown = await get('/api/v1/changes/policy');
    assert.equal(shown.status, 200);
    assert.equal(shown.body.version, fromJson.body.version);
    assert.equal(shown.body.appliedBy, 'finance-admin-user');
    assert.equal(shown.body.sourcePath, 'governance.json');
    assert.equal((await get('/api/v1/ratecard')).body.card.entries.length, 3);
    const [audited] = (await api.stores.access.audit.listEntries({ action: 'policy.apply' })).slice(-1);
    assert.equal(audited!.actor, 'user:finance-admin-user');
    assert.equal(audited!.target, `policy:v${fromJson.body.version}`);
    assert.equal(await auditCount('ratecard.apply'), 1);
  });

  it('creates a release, reads its estimate, books time and closes it; GET /releases/:id shows it all', async () => {
    const created = await send('POST', '/api/v1/releases', releaseDocument('R-HTTP-1'));
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.release.status, 'open');
    // 42.5 h of labour (4200) + 150.10 licence + 20 x 1.5 + 3 x 12 environments, then 10%.
    assert.equal(created.body.estimate.total, '4857.71');
    const estimate = await get('/api/v1/releases/R-HTTP-1/estimate');
    assert.equal(estimate.status, 200, JSON.stringify(estimate.body));
    assert.equal(estimate.body.estimate.total, '4857.71');
    assert.equal(estimate.body.correctionFactor, '1');
    const booked = await send('POST', '/api/v1/releases/R-HTTP-1/time', {
      person: 'ann',
      role: 'engineer',
      hours: '7.5',
      date: '2026-03-02',
      note: 'retry logic',
    });
    assert.equal(booked.status, 201, JSON.stringify(booked.body));
    assert.equal(booked.body.amount, '750');
    assert.equal(booked.body.hourlyRate, '100');
    const closed = await send('POST', '/api/v1/releases/R-HTTP-1/close', {});
    assert.equal(closed.status, 200, JSON.stringify(closed.body));
    assert.equal(closed.body.estimate, '4857.71');
    const shown = await get('/api/v1/releases/R-HTTP-1');
    assert.equal(shown.body.release.status, 'closed');
    assert.equal(shown.body.actuals.labour, '750');
    assert.equal(shown.body.timeEntries.length, 1);
    assert.equal(shown.body.closing.closedAt, closed.body.closedAt);
    for (const action of ['releases.create', 'releases.log-time', 'releases.close'])
      assert.equal(await auditCount(action), 1, action);
    const [closing] = await api.stores.access.audit.listEntries({ action: 'releases.close' });
    assert.deepEqual(closing!.before, { status: 'open' });
    // No deployment, so no cloud, pipeline or deployment process actuals: shown as missing.
    assert.equal(shown.body.actuals.cloud, null);
    assert.deepEqual(shown.body.actuals.missing, ['cloud', 'pipeline', 'deploymentProcess']);
    assert.equal(shown.body.variance.actualComplete, false);
    // The closed release's actuals are incomplete, so the correction factor leaves it out and says so.
    const next = await send('POST', '/api/v1/releases', releaseDocument('R-HTTP-2'));
    assert.equal(next.status, 201, JSON.stringify(next.body));
    const corrected = await get('/api/v1/releases/R-HTTP-2/estimate');
    assert.equal(corrected.body.correctionFactors.length, 1);
    assert.equal(corrected.body.correctionFactors[0].releases, 0);
    assert.deepEqual(corrected.body.correctionFactors[0].ignoredReleases, [
      {
        releaseId: 'R-HTTP-1',
        reason: 'no cloud actuals, no pipeline actuals, no deployment process actuals',
      },
    ]);
    assert.equal(corrected.body.correctionFactor, '1');
    assert.match(corrected.body.correctionBasis, /0 of the 3 closed releases with complete actuals needed/);
  });

  it('refuses broken release writes with stable codes and leaves releases and time as they were', async () => {
    const before = (await get('/api/v1/releases')).body;
    const timeBefore = (await get('/api/v1/releases/R-HTTP-2')).body.timeEntries;
    const time = (body: Record<string, unknown>, id = 'R-HTTP-2', role: Role = 'finance-admin') =>
      send(
        'POST',
        `/api/v1/releases/${id}/time`,
        { person: 'ann', role: 'engineer', hours: '8', date: '2026-03-03', ...body },
        { role },
      );
    await expectRefusals([
      [send('POST', '/api/v1/releases', releaseDocument('R-HTTP-2')), 409, 'RELEASE_EXISTS'],
      [
        send('POST', '/api/v1/releases', releaseDocument('R-X', { currency: 'euro' })),
        400,
        'REQUEST_INVALID',
      ],
      [send('POST', '/api/v1/releases', releaseDocument('R-X', { sudo: true })), 400, 'REQUEST_INVALID'],
      [send('POST', '/api/v1/releases', '{"id": "R-X",'), 400, 'REQUEST_BAD_JSON'],
      [
        send('POST', '/api/v1/releases', releaseDocument('R-X', { services: ['moon'] })),
        404,
        'UNKNOWN_SERVICE',
      ],
      [
        send(
          'POST',
          '/api/v1/releases',
          releaseDocument('R-X', { estimate: { labour: [{ role: 'astronaut', hours: 1 }] } }),
        ),
        404,
        'RATECARD_NO_RATE',
      ],
      [send('POST', '/api/v1/releases', releaseDocument('R-X'), { role: 'approver' }), 403, 'AUTH_FORBIDDEN'],
      [time({}, 'R-NONE'), 404, 'RELEASE_NOT_FOUND'],
      [time({}, 'R-HTTP-1'), 409, 'RELEASE_CLOSED'],
      [time({ hours: '-2' }), 400, 'TIME_BAD_HOURS'],
      [time({ date: '03/03/2026' }), 400, 'TIME_BAD_DATE'],
      [time({ role: 'astronaut' }), 404, 'RATECARD_NO_RATE'],
      [time({ hours: 8 }), 400, 'REQUEST_INVALID'],
      [time({}, 'R-HTTP-2', 'analyst'), 403, 'AUTH_FORBIDDEN'],
      [send('POST', '/api/v1/releases/R-HTTP-1/close', {}), 409, 'RELEASE_CLOSED'],
      [send('POST', '/api/v1/releases/R-NONE/close', {}), 404, 'RELEASE_NOT_FOUND'],
      [send('POST', '/api/v1/releases/R-HTTP-2/close', { at: '2020-01-01' }), 400, 'REQUEST_INVALID'],
      [send('POST', '/api/v1/releases/R-HTTP-2/close', {}, { role: 'viewer' }), 403, 'AUTH_FORBIDDEN'],
      [get('/api/v1/releases/R-NONE/estimate'), 404, 'RELEASE_NOT_FOUND'],
    ]);
    assert.deepEqual((await get('/api/v1/releases')).body, before, 'no release created, closed or changed');
    assert.deepEqual((await get('/api/v1/releases/R-HTTP-2')).body.timeEntries, timeBefore);
    assert.equal(await auditCount('releases.create'), 2);
    assert.equal(await auditCount('releases.log-time'), 1);
    assert.equal(await auditCount('releases.close'), 1);
  });

  it('a change raised over HTTP and approved over HTTP lets the gate allow; the decision log shows both answers', async () => {
    const people: Record<string, string> = {};
    for (const name of ['olivia', 'cathy', 'chen', 'carl']) {
      await addUser(api.stores, TEST_ACTOR, { name, role: 'approver', scopes: ['team-pay'] });
      people[name] = (
        await createToken(api.stores, TEST_ACTOR, { user: name, label: 'test', expiresIn: '1d' })
      ).token;
    }
    const raised = await send(
      'POST',
      '/api/v1/changes',
      {
        service: 'payments',
        environment: 'production',
        releaseId: 'R-HTTP-2',
        version: 'v2.0.0',
        estimatedCost: '500',
      },
      { role: 'analyst' },
    );
    assert.equal(raised.status, 201, JSON.stringify(raised.body));
    assert.equal(raised.body.requestedBy, 'analyst-user', 'the token user raises it, nobody else');
    assert.equal(raised.body.status, 'open');
    const [audited] = await api.stores.access.audit.listEntries({ action: 'changes.request' });
    assert.equal(audited!.target, `change:${raised.body.id}`);
    const ask = async () => {
      const answer = await send(
        'POST',
        '/api/v1/gate',
        {
          service: 'payments',
          environment: 'production',
          releaseId: 'R-HTTP-2',
          version: 'v2.0.0',
          at: '2026-03-04T11:00:00Z',
        },
        { role: 'analyst' },
      );
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      assert.equal(answer.body.changeId, raised.body.id);
      return answer.body.decision as string;
    };
    assert.equal(await ask(), 'deny');
    for (const [person, role, kind] of [
      ['olivia', 'service-owner', 'approval'],
      ['cathy', 'cab', 'approval'],
      ['chen', 'cab', 'approval'],
      ['carl', 'cab', 'approval'],
      ['olivia', 'service-owner', 'sign-off'],
    ] as const) {
      const decided = await send(
        'POST',
        `/api/v1/changes/${raised.body.id}/decisions`,
        { decision: 'approve', role, kind },
        { token: people[person]! },
      );
      assert.equal(decided.status, 201, JSON.stringify(decided.body));
    }
    assert.equal(await ask(), 'allow');
    // A scoped approver raises changes for her team's services, and cannot approve her own.
    const own = await send(
      'POST',
      '/api/v1/changes',
      { service: 'payments', environment: 'staging', estimatedCost: '50' },
      { token: people.olivia! },
    );
    assert.equal(own.status, 201, JSON.stringify(own.body));
    assert.equal(own.body.requestedBy, 'olivia');
    const selfApproved = await send(
      'POST',
      `/api/v1/changes/${own.body.id}/decisions`,
      { decision: 'approve', role: 'service-owner' },
      { token: people.olivia! },
    );
    assert.equal(selfApproved.status, 409, JSON.stringify(selfApproved.body));
    assert.equal(selfApproved.body.error.code, 'APPROVAL_BY_REQUESTER');

    const log = await get('/api/v1/gate/decisions?release=R-HTTP-2');
    assert.equal(log.status, 200, JSON.stringify(log.body));
    assert.deepEqual(
      log.body.decisions.map((entry: { decision: { decision: string } }) => entry.decision.decision),
      ['deny', 'allow'],
    );
    assert.equal(log.body.decisions[0].actor, 'user:analyst-user');
    const allowed = await get(
      '/api/v1/gate/decisions?outcome=allow&environment=production&from=2026-03-04T00:00:00Z&to=2026-03-05T00:00:00Z',
    );
    assert.equal(allowed.body.decisions.length, 1);
    assert.equal(allowed.body.decisions[0].decision.changeId, raised.body.id);
    assert.equal(
      (await get('/api/v1/gate/decisions?to=2026-03-04T11:00:00Z')).body.decisions.length,
      0,
      'to is exclusive',
    );
    assert.equal((await get('/api/v1/gate/decisions?environment=staging')).body.decisions.length, 0);
    assert.equal(
      (await get('/api/v1/gate/decisions?service=payments&environment=production')).body.decisions.length,
      2,
    );
    assert.equal((await get('/api/v1/gate/decisions?service=docs-site')).body.decisions.length, 0);
    const first = await get('/api/v1/gate/decisions?limit=1');
    assert.equal(first.body.decisions.length, 1);
    assert.equal(first.body.nextAfterSeq, first.body.decisions[0].seq);
    const rest = await get(`/api/v1/gate/decisions?limit=1&afterSeq=${first.body.nextAfterSeq}`);
    assert.equal(rest.body.decisions[0].decision.decision, 'allow');
    assert.equal(
      (await get(`/api/v1/gate/decisions?afterSeq=${rest.body.decisions[0].seq}`)).body.nextAfterSeq,
      null,
    );
  });

  it('refuses broken change requests and gate log questions with stable codes; no change is raised', async () => {
    const changes = async () => (await get('/api/v1/changes')).body;
    const before = await changes();
    const raise = (body: Record<string, unknown>, role: Role = 'analyst') =>
      send(
        'POST',
        '/api/v1/changes',
        { service: 'payments', environment: 'production', estimatedCost: '100', ...body },
        { role },
      );
    await expectRefusals([
      [raise({ releaseId: 'R-NONE' }), 404, 'RELEASE_NOT_FOUND'],
      [raise({ releaseId: 'R-HTTP-1' }), 409, 'RELEASE_CLOSED'],
      [raise({ service: 'moon' }), 404, 'UNKNOWN_SERVICE'],
      [raise({ environment: 'test' }), 404, 'UNKNOWN_ENVIRONMENT'],
      [raise({ estimatedCost: '-5' }), 400, 'CHANGE_BAD_AMOUNT'],
      [raise({ estimatedCost: 100 }), 400, 'REQUEST_INVALID'],
      [raise({ readyAt: 'tomorrow' }), 400, 'CHANGE_BAD_TIME'],
      [raise({ changeType: 'urgent' }), 400, 'REQUEST_INVALID'],
      [raise({ requestedBy: 'olivia' }), 400, 'REQUEST_INVALID'],
      [raise({ justification: { reason: 'hotfix' } }), 400, 'REQUEST_INVALID'],
      [raise({}, 'viewer'), 403, 'AUTH_FORBIDDEN'],
      // The harness's budget owner answers for 'payments' (a scope), not team-pay, the service's owner.
      [raise({}, 'budget-owner'), 403, 'AUTH_NOT_OWNER'],
      [get('/api/v1/gate/decisions?from=yesterday'), 400, 'GATE_LOG_BAD_TIME'],
      [get('/api/v1/gate/decisions?release=R-NONE'), 404, 'RELEASE_NOT_FOUND'],
      [get('/api/v1/gate/decisions?outcome=maybe'), 400, 'REQUEST_INVALID'],
      [get('/api/v1/gate/decisions?limit=0'), 400, 'REQUEST_INVALID'],
    ]);
    assert.deepEqual(await changes(), before);
    assert.equal(await auditCount('changes.request'), 2);
  });

  it('break-glass over HTTP lets the gate pass a freeze, recorded with the token user; broken ones change nothing', async () => {
    const ask = async () =>
      (
        await send(
          'POST',
          '/api/v1/gate',
          {
            service: 'payments',
            environment: 'production',
            releaseId: 'R-HTTP-2',
            version: 'v2.0.0',
            at: '2026-03-04T11:00:00Z',
          },
          { role: 'analyst' },
        )
      ).body;
    const frozen = await send('POST', '/api/v1/freezes', {
      environment: 'production',
      from: '2026-03-04T00:00:00Z',
      until: '2026-03-05T00:00:00Z',
      reason: 'payments migration',
    });
    assert.equal(frozen.status, 201, JSON.stringify(frozen.body));
    assert.equal((await ask()).decision, 'deny');
    const glass = (body: Record<string, unknown>, role: Role = 'finance-admin') =>
      send(
        'POST',
        '/api/v1/break-glass',
        {
          environment: 'production',
          reason: 'card outage fix',
          from: '2026-03-04T10:00:00Z',
          until: '2026-03-04T12:00:00Z',
          ...body,
        },
        { role },
      );
    const before = (await get('/api/v1/freezes')).body.breakGlass;
    await expectRefusals([
      [glass({ until: '2026-03-08T10:00:00Z' }), 422, 'BREAK_GLASS_INVALID'],
      [glass({ until: '2026-03-04T09:00:00Z' }), 422, 'BREAK_GLASS_INVALID'],
      [glass({ from: 'now-ish' }), 422, 'BREAK_GLASS_INVALID'],
      [glass({ environment: 'moon' }), 404, 'UNKNOWN_ENVIRONMENT'],
      [glass({ service: 'moon' }), 404, 'UNKNOWN_SERVICE'],
      [glass({ by: 'somebody-else' }), 400, 'REQUEST_INVALID'],
      [glass({ reason: '' }), 400, 'REQUEST_INVALID'],
      [glass({}, 'approver'), 403, 'AUTH_FORBIDDEN'],
    ]);
    assert.deepEqual((await get('/api/v1/freezes')).body.breakGlass, before);
    assert.equal((await ask()).decision, 'deny');
    const opened = await glass({ service: 'payments' });
    assert.equal(opened.status, 201, JSON.stringify(opened.body));
    assert.equal(opened.body.by, 'finance-admin-user');
    assert.equal((await ask()).decision, 'allow');
    const [audited] = await api.stores.access.audit.listEntries({ action: 'freezes.break-glass' });
    assert.equal(audited!.target, `break-glass:${opened.body.id}`);
  });

  it('reads the whole decision log by kind and subject, paged', async () => {
    const log = await get('/api/v1/decisions?kind=release.close');
    assert.equal(log.status, 200, JSON.stringify(log.body));
    assert.deepEqual(
      log.body.entries.map((entry: { subject: string; actor: string }) => [entry.subject, entry.actor]),
      [['release:R-HTTP-1', 'finance-admin-user']],
    );
    const change = (await get('/api/v1/changes')).body[0];
    const ofChange = await get(`/api/v1/decisions?subject=change:${change.id}`);
    assert.deepEqual(
      ofChange.body.entries.map((entry: { kind: string }) => entry.kind),
      [
        'change.request',
        'change.approve',
        'change.approve',
        'change.approve',
        'change.approve',
        'change.sign-off',
      ],
    );
    const page = await get(`/api/v1/decisions?subject=change:${change.id}&limit=4`);
    assert.equal(page.body.entries.length, 4);
    const next = await get(
      `/api/v1/decisions?subject=change:${change.id}&limit=4&afterSeq=${page.body.nextAfterSeq}`,
    );
    assert.equal(next.body.entries.length, 2);
    assert.equal(next.body.nextAfterSeq, null);
    await expectRefusals([
      [get('/api/v1/decisions?limit=5000'), 400, 'REQUEST_INVALID'],
      [get('/api/v1/decisions?afterSeq=-1'), 400, 'REQUEST_INVALID'],
    ]);
  });

  it('records incidents one by one and imported, once per source and id; broken ones change nothing', async () => {
    const incidents = async () => (await api.stores.governance.incidents.listIncidents()).length;
    const recorded = await send('POST', '/api/v1/incidents', {
      id: 'PD-7',
      source: 'pagerduty',
      service: 'payments',
      environment: 'production',
      title: 'Timeouts',
      severity: 'sev2',
      startedAt: '2026-03-04T15:00:00Z',
      resolvedAt: '2026-03-04T16:00:00Z',
    });
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.equal(recorded.body.deliveryKey, 'pagerduty:PD-7');
    const numbered = await send('POST', '/api/v1/incidents', {
      service: 'docs-site',
      environment: 'production',
      startedAt: '2026-03-05T09:00:00Z',
    });
    assert.equal(numbered.status, 201, JSON.stringify(numbered.body));
    assert.equal(numbered.body.source, 'api');
    const exported = JSON.parse(fixture('incidents.json'));
    const imported = await send('POST', '/api/v1/incidents/import', { source: 'pd-export', ...exported });
    assert.equal(imported.status, 200, JSON.stringify(imported.body));
    assert.deepEqual(imported.body, { recorded: exported.incidents.length, skipped: 0 });
    const again = await send('POST', '/api/v1/incidents/import', { source: 'pd-export', ...exported });
    assert.deepEqual(again.body, { recorded: 0, skipped: exported.incidents.length });
    const count = await incidents();
    const incident = (body: Record<string, unknown>, role: Role = 'finance-admin') =>
      send(
        'POST',
        '/api/v1/incidents',
        { service: 'payments', environment: 'production', startedAt: '2026-03-06T10:00:00Z', ...body },
        { role },
      );
    await expectRefusals([
      [incident({ id: 'PD-7', source: 'pagerduty' }), 409, 'INCIDENT_DUPLICATE'],
      [incident({ service: 'moon' }), 404, 'UNKNOWN_SERVICE'],
      [incident({ startedAt: 'March 6th' }), 422, 'INCIDENT_BAD_TIME'],
      [incident({ resolvedAt: '2026-03-06T09:00:00Z' }), 422, 'INCIDENT_END_BEFORE_START'],
      [incident({ deploymentId: 'DEP-404' }), 404, 'DEPLOYMENT_NOT_FOUND'],
      [incident({ source: '../x' }), 400, 'REQUEST_INVALID'],
      [incident({ priority: 'p1' }), 400, 'REQUEST_INVALID'],
      [incident({}, 'analyst'), 403, 'AUTH_FORBIDDEN'],
      [
        send('POST', '/api/v1/incidents/import', {
          incidents: [
            { ...exported.incidents[0], id: 'NEW-1' },
            { id: 'NEW-2', service: 'payments' },
          ],
        }),
        422,
        'INCIDENT_IMPORT_INVALID',
      ],
      [send('POST', '/api/v1/incidents/import', { incidents: 'all of them' }), 400, 'REQUEST_INVALID'],
    ]);
    assert.equal(await incidents(), count, 'refused incidents change nothing, an import all or none');
    assert.equal(await auditCount('incidents.record'), 2);
    assert.equal(await auditCount('incidents.import'), 2);
  });

  it('documents every new endpoint with its schemas in the OpenAPI document', async () => {
    const document = (await api.json('/api/v1/openapi.json', { role: null })).body;
    for (const [path, method] of [
      ['/api/v1/changes', 'post'],
      ['/api/v1/gate/decisions', 'get'],
      ['/api/v1/changes/policy', 'put'],
      ['/api/v1/ratecard', 'put'],
      ['/api/v1/releases', 'post'],
      ['/api/v1/releases/{id}/estimate', 'get'],
      ['/api/v1/releases/{id}/time', 'post'],
      ['/api/v1/releases/{id}/close', 'post'],
      ['/api/v1/incidents', 'post'],
      ['/api/v1/incidents/import', 'post'],
      ['/api/v1/break-glass', 'post'],
      ['/api/v1/decisions', 'get'],
    ] as const) {
      const operation = document.paths[path]?.[method];
      assert.ok(operation, `${method} ${path} is documented`);
      if (method !== 'get' && !path.endsWith('/close'))
        assert.ok(operation.requestBody.content['application/json'].schema.properties, `${path} body schema`);
    }
    assert.ok(
      document.paths['/api/v1/releases'].post.requestBody.content[
        'application/json'
      ].schema.required.includes('spendClass'),
    );
  });
});
