import assert from 'node:assert/strict';
import { AsyncResource } from 'node:async_hooks';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheGateState } from '../../src/api/cached-stores.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { requestChange } from '../../src/app/governance/changes/manage-changes.js';
import { decideGateRequest } from '../../src/app/governance/gate/gate-deployment.js';
import { addFreeze } from '../../src/app/governance/gate/manage-freezes.js';
import { signBody } from '../../src/core/access/webhook-signature.js';
import { genericDeliveryHeaders } from '../support/generic-delivery.js';
import { runCli } from '../support/run-cli.js';
import { startApi, TEST_ACTOR } from './api-harness.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
const SECRET = 'a-webhook-secret-of-some-length';

/** A stand-in for api.github.com on loopback that records what it is sent. */
async function startFakeGitHub() {
  const calls: {
    method: string;
    url: string;
    authorization: string | undefined;
    body: Record<string, string>;
  }[] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk) => {
      text += chunk;
    });
    request.on('end', () => {
      calls.push({
        method: request.method!,
        url: request.url!,
        authorization: request.headers.authorization,
        body: JSON.parse(text || 'null'),
      });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const address = server.address();
  return { calls, url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}` };
}

async function prepareGovernance(dbPath: string) {
  for (const args of [
    ['catalog', 'apply', fixture('catalog.yaml')],
    ['ratecard', 'apply', fixture('rates.yaml')],
    ['changes', 'policy', 'apply', fixture('governance.yaml')],
    ['release', 'create', '--file', fixture('release.yaml'), '--at', '2026-03-01T09:00:00Z'],
  ]) {
    const result = await runCli(['--db', dbPath, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

describe('governance over HTTP: the gate, deployments and CI/CD webhooks', async () => {
  const github = await startFakeGitHub();
  const api = await startApi(
    {
      githubWebhookSecret: SECRET,
      gitlabWebhookSecret: SECRET,
      argocdWebhookSecret: SECRET,
      genericWebhookSecret: SECRET,
      githubApiUrl: github.url,
      githubToken: 'ghs_fake_installation_token',
    },
    {},
    prepareGovernance,
  );

  async function deployments(): Promise<number> {
    return (await api.stores.governance.deployments.listDeployments()).length;
  }
  async function deliveries(): Promise<number> {
    const [row] = await api.stores.fileEngine.all<{ n: string }>(
      'SELECT count(*)::VARCHAR AS n FROM webhook_deliveries',
    );
    return Number(row!.n);
  }

  it('POST /api/v1/gate decides with every reason, logs who asked, counts the outcome', async () => {
    const { status, body } = await api.json('/api/v1/gate', {
      role: 'analyst',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'payments',
        environment: 'production',
        releaseId: 'R-2026-03',
        version: 'v1.4.0',
        at: '2026-03-04T10:00:00Z',
      }),
    });
    assert.equal(status, 200, JSON.stringify(body));
    assert.ok(['allow', 'deny'].includes(body.decision));
    assert.ok(body.reasons.length > 0);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'gate.decide' });
    assert.equal(entry!.actor, 'user:analyst-user');
    const metrics = await (await api.request('/metrics', { role: null })).text();
    assert.match(metrics, new RegExp(`tollgate_gate_decisions_total\\{outcome="${body.decision}"\\} 1`));
  });

  it('refuses bad gate requests with stable codes', async () => {
    const post = (body: string, role: 'analyst' | 'viewer' = 'analyst') =>
      api.json('/api/v1/gate', {
        role,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    assert.equal((await post('{"service":"payments","environment":"production"}', 'viewer')).status, 403);
    const unknownField = await post('{"service":"payments","environment":"production","sudo":true}');
    assert.equal(unknownField.status, 400);
    assert.equal(unknownField.body.error.code, 'REQUEST_INVALID');
    const ghost = await post('{"service":"ghost","environment":"production"}');
    assert.equal(ghost.status, 400);
    assert.equal(ghost.body.error.code, 'UNKNOWN_SERVICE');
    const notJson = await post('service=payments');
    assert.equal(notJson.body.error.code, 'REQUEST_BAD_JSON');
  });

  it('GitHub deployment_status: a signed delivery is recorded once; a replay is acknowledged, not recorded again', async () => {
    const body = readFileSync(fixture('github-deployment-status-success.json'));
    const send = (signature: string, delivery = 'gh-delivery-1', event = 'deployment_status') =>
      api.json('/api/v1/webhooks/github', {
        role: null,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': event,
          'x-github-delivery': delivery,
          'x-hub-signature-256': signature,
        },
        body,
      });
    const before = await deployments();
    const bad = await send(signBody('not-the-secret-at-all', body));
    assert.equal(bad.status, 401);
    assert.equal(bad.body.error.code, 'WEBHOOK_BAD_SIGNATURE');
    assert.equal((await send('')).status, 401);
    assert.equal(await deployments(), before, 'a bad signature records nothing');
    assert.equal(await deliveries(), 0);
    assert.ok(api.logs.some((line) => line.includes('webhook refused: bad signature')));

    const first = await send(signBody(SECRET, body));
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(first.body.status, 'processed');
    assert.equal(first.body.outcome, 'recorded');
    assert.equal(await deployments(), before + 1);
    const replay = await send(signBody(SECRET, body));
    assert.equal(replay.body.status, 'duplicate');
    const redelivered = await send(signBody(SECRET, body), 'gh-delivery-2');
    assert.equal(
      redelivered.body.outcome,
      'duplicate',
      'the same deployment under a new delivery id is not recorded twice',
    );
    assert.equal(await deployments(), before + 1);

    const push = await send(signBody(SECRET, body), 'gh-delivery-3', 'push');
    assert.equal(push.status, 202);
    assert.equal(push.body.status, 'ignored');
    assert.ok(api.logs.some((line) => line.includes('webhook event ignored')));
  });

  it('GitHub deployment_protection_rule runs the gate and answers through the configured API base, once', async () => {
    const event = {
      action: 'requested',
      environment: 'production',
      event: 'deployment',
      deployment_callback_url:
        'https://evil.example/repos/acme/payments/actions/runs/42/deployment_protection_rule',
      deployment: { sha: 'abc123', ref: 'main', payload: { tollgate: { service: 'payments' } } },
      repository: { name: 'payments', full_name: 'acme/payments' },
    };
    const body = JSON.stringify(event);
    const send = () =>
      api.json('/api/v1/webhooks/github', {
        role: null,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'deployment_protection_rule',
          'x-github-delivery': 'gh-rule-1',
          'x-hub-signature-256': signBody(SECRET, body),
        },
        body,
      });
    const answer = await send();
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    assert.ok(['allow', 'deny'].includes(answer.body.outcome));
    assert.equal(github.calls.length, 1);
    const call = github.calls[0]!;
    assert.equal(call.method, 'POST');
    assert.equal(call.url, '/repos/acme/payments/actions/runs/42/deployment_protection_rule');
    assert.equal(call.authorization, 'Bearer ghs_fake_installation_token');
    assert.equal(call.body.environment_name, 'production');
    assert.equal(call.body.state, answer.body.outcome === 'allow' ? 'approved' : 'rejected');
    assert.ok((call.body.comment ?? '').length > 0);
    const replay = await send();
    assert.equal(replay.body.status, 'duplicate');
    assert.equal(github.calls.length, 1, 'a replay does not answer twice');
    assert.ok(api.logs.every((line) => !line.includes('ghs_fake_installation_token')));
  });

  it('GitLab Deployment Hook with X-Gitlab-Token; a wrong token is refused', async () => {
    const body = readFileSync(fixture('gitlab-deployment-hook-success.json'));
    const send = (token: string, event = 'Deployment Hook') =>
      api.json('/api/v1/webhooks/gitlab', {
        role: null,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-gitlab-token': token,
          'x-gitlab-event': event,
          'x-gitlab-event-uuid': 'gl-1',
        },
        body,
      });
    const before = await deployments();
    assert.equal((await send('wrong-token')).status, 401);
    const recorded = await send(SECRET);
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.equal(recorded.body.outcome, 'recorded');
    assert.equal((await send(SECRET)).body.status, 'duplicate');
    assert.equal((await send(SECRET, 'Push Hook')).status, 202);
    assert.equal(await deployments(), before + 1);
  });

  it('Argo CD notifications with a shared secret', async () => {
    const body = readFileSync(fixture('argocd-sync-failed.json'));
    const send = (token: string) =>
      api.json('/api/v1/webhooks/argocd', {
        role: null,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-argocd-token': token },
        body,
      });
    assert.equal((await send('nope')).status, 401);
    const recorded = await send(SECRET);
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.equal((await send(SECRET)).body.status, 'duplicate', 'the same body is the same delivery');
  });

  it('generic webhook: HMAC-signed Tollgate JSON, idempotent by X-Tollgate-Delivery', async () => {
    const body = JSON.stringify({
      service: 'docs-site',
      environment: 'staging',
      version: 'v2',
      startedAt: '2026-03-05T10:00:00Z',
      finishedAt: '2026-03-05T10:05:00Z',
      outcome: 'succeeded',
      changeType: 'standard',
    });
    const send = (headers: Record<string, string>, text = body) =>
      api.json('/api/v1/webhooks/generic', {
        role: null,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tollgate-event': 'deployment', ...headers },
        body: text,
      });
    const before = await deployments();
    const signed = (id: string, text = body) => genericDeliveryHeaders(SECRET, id, text);
    assert.equal((await send(signed('g-1', `${body} `))).status, 401);
    const missingId = await send({ ...signed('g-1'), 'x-tollgate-delivery': '' });
    assert.equal(missingId.body.error.code, 'WEBHOOK_NO_DELIVERY_ID');
    const notJson = await send(signed('g-0', '{oops'), '{oops');
    assert.equal(notJson.body.error.code, 'REQUEST_BAD_JSON');
    const recorded = await send(signed('g-1'));
    assert.equal(recorded.status, 200, JSON.stringify(recorded.body));
    assert.equal((await send(signed('g-1'))).body.status, 'duplicate');
    assert.equal(await deployments(), before + 1);
    const stored = (await api.stores.governance.deployments.listDeployments()).find(
      (deployment) => deployment.version === 'v2' && deployment.service === 'docs-site',
    );
    assert.equal(stored?.source, 'generic', 'recorded as coming from the generic webhook');
  });

  it('POST /api/v1/deployments records a deployment as from the API, once per deliveryId; a broken one records nothing', async () => {
    const deployment = {
      deliveryId: 'api-1',
      service: 'docs-site',
      environment: 'staging',
      version: 'v-api-1',
      startedAt: '2026-03-06T10:00:00Z',
      finishedAt: '2026-03-06T10:04:00Z',
      outcome: 'succeeded',
      changeType: 'standard',
      pipelineMinutes: '4',
    };
    const post = (body: unknown) =>
      api.json('/api/v1/deployments', {
        role: 'finance-admin',
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const before = await deployments();
    const broken = await post({ ...deployment, outcome: 'exploded' });
    assert.equal(broken.status, 400, JSON.stringify(broken.body));
    assert.match(broken.body.error.message, /outcome/);
    const unknown = await post({ ...deployment, service: 'no-such-service' });
    assert.equal(unknown.status, 404, JSON.stringify(unknown.body));
    assert.equal(await deployments(), before, 'nothing recorded for a broken deployment');

    const recorded = await post(deployment);
    assert.equal(recorded.status, 201, JSON.stringify(recorded.body));
    assert.equal(recorded.body.source, 'api');
    assert.equal(recorded.body.triggeredBy, 'user:finance-admin-user');
    const again = await post(deployment);
    assert.equal(again.status, 409, JSON.stringify(again.body));
    assert.equal(again.body.error.code, 'DEPLOYMENT_DUPLICATE');
    assert.equal(await deployments(), before + 1);

    // GET filters by when they finished (from inclusive, to exclusive) and by release.
    const list = async (query: string) => {
      const { status, body } = await api.json(`/api/v1/deployments?${query}`, { role: 'viewer' });
      assert.equal(status, 200, JSON.stringify(body));
      return (body as { version: string }[]).map((entry) => entry.version);
    };
    assert.deepEqual(await list('from=2026-03-06T10:04:00Z&to=2026-03-06T10:04:01Z'), ['v-api-1']);
    assert.deepEqual(await list('from=2026-03-06T12:04:00%2B02:00&to=2026-03-07'), ['v-api-1']);
    assert.deepEqual(await list('from=2026-03-06T10:04:01Z'), []);
    assert.deepEqual(await list('releaseId=R-nothing'), []);
    const badTime = await api.json('/api/v1/deployments?from=last-tuesday', { role: 'viewer' });
    assert.equal(badTime.status, 400);
    assert.equal(badTime.body.error.code, 'DEPLOYMENTS_BAD_TIME');
  });

  it('webhooks without a configured secret accept nothing', async () => {
    const bare = await startApi();
    const { status, body } = await bare.json('/api/v1/webhooks/github', {
      role: null,
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'ping' },
      body: '{}',
    });
    assert.equal(status, 503);
    assert.equal(body.error.code, 'WEBHOOK_NOT_CONFIGURED');
  });
});

describe('the gate reads its state from memory, and every write is seen by the next decision', async () => {
  const api = await startApi({}, {}, prepareGovernance);
  const people: Record<string, string> = {};
  for (const name of ['olivia', 'cathy', 'chen', 'carl']) {
    await addUser(api.stores, TEST_ACTOR, { name, role: 'approver', scopes: ['team-pay'] });
    people[name] = (
      await createToken(api.stores, TEST_ACTOR, { user: name, label: 'test', expiresIn: '1d' })
    ).token;
  }
  const change = await requestChange(api.stores, {
    service: 'payments',
    environment: 'production',
    changeType: 'normal',
    releaseId: 'R-2026-03',
    version: 'v1.5.0',
    requestedBy: 'dev',
    estimatedCost: '500',
  });
  const ask = async (at: string) => {
    const { status, body } = await api.json('/api/v1/gate', {
      role: 'analyst',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        service: 'payments',
        environment: 'production',
        releaseId: 'R-2026-03',
        version: 'v1.5.0',
        at,
      }),
    });
    assert.equal(status, 200, JSON.stringify(body));
    // The same question asked of the database directly (no cache) gets the same answer.
    const { decision: direct } = await decideGateRequest(api.stores, {
      service: 'payments',
      environment: 'production',
      releaseId: 'R-2026-03',
      version: 'v1.5.0',
      at,
      actor: 'test',
    });
    assert.deepEqual(body, JSON.parse(JSON.stringify(direct)));
    return {
      decision: body.decision as string,
      failing: body.reasons.filter((r: { ok: boolean }) => !r.ok).map((r: { check: string }) => r.check),
    };
  };
  const approve = async (person: string, role: string, kind = 'approval') => {
    const answer = await api.json(`/api/v1/changes/${change.id}/decisions`, {
      token: people[person]!,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'approve', role, kind }),
    });
    assert.equal(answer.status, 201, JSON.stringify(answer.body));
  };

  it('serves repeated decisions from memory (the cache is really in use)', async () => {
    const cache = cacheGateState(api.stores);
    await ask('2026-03-04T11:00:00Z');
    const before = cache.counts();
    for (let n = 0; n < 5; n++) await ask('2026-03-04T11:00:00Z');
    const after = cache.counts();
    assert.ok(after.hits - before.hits >= 20, `hits ${JSON.stringify({ before, after })}`);
    assert.equal(after.loads - before.loads, 0, `loads ${JSON.stringify({ before, after })}`);
  });

  it('an approval over HTTP is seen by the very next decision: deny, then allow', async () => {
    assert.deepEqual(await ask('2026-03-04T11:00:00Z'), {
      decision: 'deny',
      failing: ['approvals', 'sign-off'],
    });
    await approve('olivia', 'service-owner');
    await approve('cathy', 'cab');
    assert.deepEqual((await ask('2026-03-04T11:00:00Z')).failing, ['approvals', 'sign-off']);
    await approve('chen', 'cab');
    assert.deepEqual((await ask('2026-03-04T11:00:00Z')).failing, ['approvals', 'sign-off']);
    await approve('carl', 'cab');
    assert.deepEqual((await ask('2026-03-04T11:00:00Z')).failing, ['sign-off']);
    await approve('olivia', 'service-owner', 'sign-off');
    assert.deepEqual(await ask('2026-03-04T11:00:00Z'), { decision: 'allow', failing: [] });
  });

  it('a new freeze denies the very next decision; a decision already answered stays recorded', async () => {
    const christmas = '2026-12-22T10:00:00Z';
    assert.equal((await ask(christmas)).decision, 'allow');
    const freezes = async () => (await api.json('/api/v1/freezes', { role: 'viewer' })).body;
    const before = await freezes();
    const post = (body: unknown, role: 'finance-admin' | 'analyst' = 'finance-admin') =>
      api.json('/api/v1/freezes', {
        role,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const refusals: [unknown, number, string, ('finance-admin' | 'analyst')?][] = [
      [{ environment: 'production', cron: 'every december', reason: 'x' }, 422, 'CRON_INVALID'],
      [{ environment: 'production', reason: 'x' }, 400, 'FREEZE_INVALID'],
      [
        {
          environment: 'production',
          cron: '* * 1 1 *',
          from: '2027-01-01T00:00:00Z',
          until: '2027-01-02T00:00:00Z',
          reason: 'x',
        },
        400,
        'FREEZE_INVALID',
      ],
      [
        {
          environment: 'production',
          from: '2027-01-02T00:00:00Z',
          until: '2027-01-01T00:00:00Z',
          reason: 'x',
        },
        422,
        'FREEZE_INVALID',
      ],
      [{ environment: 'moon', cron: '* * 1 1 *', reason: 'x' }, 404, 'UNKNOWN_ENVIRONMENT'],
      [{ environment: 'production', cron: '* * 1 1 *' }, 400, 'REQUEST_INVALID'],
      [{ environment: 'production', cron: '* * 1 1 *', reason: 'x', sudo: true }, 400, 'REQUEST_INVALID'],
      [{ environment: 'production', cron: '* * 1 1 *', reason: 'x' }, 403, 'AUTH_FORBIDDEN', 'analyst'],
    ];
    for (const [body, status, code, role] of refusals) {
      const answer = await post(body, role);
      assert.equal(answer.status, status, JSON.stringify(answer.body));
      assert.equal(answer.body.error.code, code, JSON.stringify(body));
    }
    assert.deepEqual(await freezes(), before, 'refused freezes change nothing');
    assert.equal((await ask(christmas)).decision, 'allow');
    const added = await post({
      environment: 'production',
      cron: '* * 20-31 12 *',
      reason: 'year-end freeze',
    });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.equal(added.body.createdBy, 'finance-admin-user');
    assert.deepEqual(await ask(christmas), { decision: 'deny', failing: ['freeze'] });
    const [audited] = await api.stores.access.audit.listEntries({ action: 'freezes.add' });
    assert.equal(audited!.target, `freeze:${added.body.id}`);
    const logged = await api.stores.governance.decisions.listDecisions({ kind: 'gate' });
    assert.deepEqual(
      logged.slice(-2).map((entry) => entry.decision),
      ['allow', 'deny'],
    );
  });

  it('inside a transaction the cached view shows that transaction its own uncommitted write; outside, nobody sees it before the commit', async () => {
    const view = cacheGateState(api.stores).cachedStores;
    const before = (await view.governance.changes.listFreezes()).length;
    // Bound here, so calling it inside the transaction reads as a concurrent request would.
    const readOutside = AsyncResource.bind(() => view.governance.changes.listFreezes());
    await api.stores.transaction(async () => {
      await addFreeze(api.stores, {
        environment: 'staging',
        from: '2027-01-01T00:00:00Z',
        until: '2027-01-02T00:00:00Z',
        reason: 'migration',
        createdBy: 'ops',
      });
      // The outside read caches the committed list again; inside, the own write still shows.
      assert.equal((await readOutside()).length, before);
      assert.equal((await view.governance.changes.listFreezes()).length, before + 1);
    });
    assert.equal((await view.governance.changes.listFreezes()).length, before + 1);
  });

  it('a token revoked over HTTP is refused on its very next request', async () => {
    const spare = await createToken(api.stores, TEST_ACTOR, {
      user: 'chen',
      label: 'spare',
      expiresIn: '1d',
    });
    const me = () => api.json('/api/v1/me', { token: spare.token });
    assert.equal((await me()).status, 200);
    const revoked = await api.json(`/api/v1/tokens/${spare.record.id}`, { method: 'DELETE' });
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body));
    const after = await me();
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'AUTH_TOKEN_REVOKED');
  });
});
