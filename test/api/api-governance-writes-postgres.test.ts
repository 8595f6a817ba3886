import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { buildServer } from '../../src/api/build-server.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { verifyAuditLog } from '../../src/app/audit/verify-audit-log.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { sharedPostgresCluster } from '../support/postgres-cluster.js';
import { makeTempDir } from '../support/temp-dir.js';
import { TEST_ACTOR } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => readFileSync(`${FIXTURES}${name}`, 'utf8');
// biome-ignore lint/suspicious/noExplicitAny: tests read answers of every shape
type Answer = any;

/**
 * Server mode: the governance writes over HTTP on PostgreSQL, where nothing is cached and each
 * route's transaction (use case, decision log and audit entry) is a PostgreSQL transaction.
 */
describe('governance writes over HTTP on PostgreSQL (server mode)', async () => {
  const url = await (await sharedPostgresCluster()).createDatabase();
  const dir = makeTempDir('tollgate-api-pg-');
  const config = loadConfig({ db: url }, { TOLLGATE_UPLOAD_DIR: join(dir, 'uploads') });
  const stores = await openTollgate(config);
  const server = await buildServer({
    stores,
    config: config.server,
    dbPath: url,
    workers: 0,
    logStream: { write: () => undefined },
    validateResponses: true,
  });
  const tokens: Record<string, string> = {};
  for (const [name, role] of [
    ['rm', 'finance-admin'],
    ['ci', 'analyst'],
    ['olivia', 'approver'],
    ['cathy', 'approver'],
    ['chen', 'approver'],
    ['carl', 'approver'],
  ] as const) {
    await addUser(stores, TEST_ACTOR, { name, role, scopes: role === 'approver' ? ['team-pay'] : [] });
    tokens[name] = (
      await createToken(stores, TEST_ACTOR, { user: name, label: 'test', expiresIn: '1d' })
    ).token;
  }
  await server.app.listen({ port: 0, host: '127.0.0.1' });
  after(async () => {
    await server.app.close();
    await server.services.scheduler.stop();
    await server.services.jobs.drain(5000);
    await stores.close();
  });
  const address = server.app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Answer };
  };
  const expectStatus = async (answer: Promise<{ status: number; body: Answer }>, status: number) => {
    const { status: got, body } = await answer;
    assert.equal(got, status, JSON.stringify(body));
    return body;
  };

  it('sets up, runs a release and a change through to an allowed gate and a closed release; the audit chain holds', async () => {
    await expectStatus(call('ci', 'POST', '/api/v1/catalog', { yaml: fixture('catalog.yaml') }), 403);
    await expectStatus(call('rm', 'POST', '/api/v1/catalog', { yaml: fixture('catalog.yaml') }), 201);
    await expectStatus(call('rm', 'PUT', '/api/v1/ratecard', { yaml: fixture('rates.yaml') }), 200);
    const badPolicy = await expectStatus(
      call('rm', 'PUT', '/api/v1/changes/policy', { yaml: 'roles: [\n  - a\n b' }),
      422,
    );
    assert.match(badPolicy.error.message, /line \d+/);
    await expectStatus(
      call('rm', 'PUT', '/api/v1/changes/policy', { yaml: fixture('governance.yaml') }),
      200,
    );

    const release = { ...(parseYaml(fixture('release.yaml')) as Record<string, unknown>), id: 'R-PG-1' };
    const created = await expectStatus(call('rm', 'POST', '/api/v1/releases', release), 201);
    assert.equal(created.estimate.total, '4857.71');
    await expectStatus(call('rm', 'POST', '/api/v1/releases', release), 409);
    const booked = await expectStatus(
      call('rm', 'POST', '/api/v1/releases/R-PG-1/time', {
        person: 'ann',
        role: 'engineer',
        hours: '2.25',
        date: '2026-03-02',
      }),
      201,
    );
    assert.equal(booked.amount, '225');

    const change = await expectStatus(
      call('ci', 'POST', '/api/v1/changes', {
        service: 'payments',
        environment: 'production',
        releaseId: 'R-PG-1',
        version: 'v9',
        estimatedCost: '300',
      }),
      201,
    );
    assert.equal(change.requestedBy, 'ci');
    for (const [person, role, kind] of [
      ['olivia', 'service-owner', 'approval'],
      ['cathy', 'cab', 'approval'],
      ['chen', 'cab', 'approval'],
      ['carl', 'cab', 'approval'],
      ['olivia', 'service-owner', 'sign-off'],
    ] as const)
      await expectStatus(
        call(person, 'POST', `/api/v1/changes/${change.id}/decisions`, { decision: 'approve', role, kind }),
        201,
      );
    const gate = await expectStatus(
      call('ci', 'POST', '/api/v1/gate', {
        service: 'payments',
        environment: 'production',
        releaseId: 'R-PG-1',
        version: 'v9',
        at: '2026-03-04T11:00:00Z',
      }),
      200,
    );
    assert.equal(gate.decision, 'allow', JSON.stringify(gate.reasons));
    const logged = await expectStatus(
      call('ci', 'GET', '/api/v1/gate/decisions?release=R-PG-1&outcome=allow'),
      200,
    );
    assert.equal(logged.decisions.length, 1);

    await expectStatus(
      call('rm', 'POST', '/api/v1/incidents', {
        id: 'PD-1',
        service: 'payments',
        environment: 'production',
        startedAt: '2026-03-04T15:00:00Z',
      }),
      201,
    );
    await expectStatus(
      call('rm', 'POST', '/api/v1/incidents', {
        id: 'PD-1',
        service: 'payments',
        environment: 'production',
        startedAt: '2026-03-04T15:00:00Z',
      }),
      409,
    );
    await expectStatus(call('rm', 'POST', '/api/v1/releases/R-PG-1/close', {}), 200);
    await expectStatus(call('rm', 'POST', '/api/v1/releases/R-PG-1/close', {}), 409);
    await expectStatus(
      call('rm', 'POST', '/api/v1/releases/R-PG-1/time', {
        person: 'ann',
        role: 'engineer',
        hours: '1',
        date: '2026-03-03',
      }),
      409,
    );
    const shown = await expectStatus(call('ci', 'GET', '/api/v1/releases/R-PG-1'), 200);
    assert.equal(shown.release.status, 'closed');
    assert.equal(shown.actuals.labour, '225');
    assert.equal(shown.timeEntries.length, 1);

    const actions = (await stores.access.audit.listEntries({})).map((entry) => entry.action);
    for (const action of [
      'ratecard.apply',
      'policy.apply',
      'releases.create',
      'releases.log-time',
      'changes.request',
      'incidents.record',
      'releases.close',
    ])
      assert.equal(actions.filter((a) => a === action).length, 1, action);
    const chain = await verifyAuditLog(stores);
    assert.equal(chain.ok, true, JSON.stringify(chain.problem));
  });
});
