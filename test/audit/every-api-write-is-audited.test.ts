import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { buildRouteTable } from '../../src/api/route-table.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { applyPolicy, applyRateCard } from '../../src/app/governance/apply-governance-config.js';
import { createReleaseFromYaml } from '../../src/app/governance/releases/manage-releases.js';
import { signBody } from '../../src/core/access/webhook-signature.js';
import { startApi, TEST_ACTOR } from '../api/api-harness.js';
import { genericDeliveryHeaders } from '../support/generic-delivery.js';
import { assertChainVerifies, proveApiWrites, type ApiWrite as SignedWrite } from './prove-api-writes.js';
import { API_PROVEN_ELSEWHERE } from './proven-elsewhere.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;
const fixture = (name: string) => join(FIXTURES, name);
const read = (name: string) => readFileSync(fixture(name), 'utf8');
const SECRET = 'a-webhook-secret-of-some-length';
/** A body no sender would sign: refused before anything is recorded (bad signature or bad JSON). */
const NOT_JSON = { text: '{oops', type: 'application/json' };

/** POSTs that change nothing: checks, previews and questions. Each says why. */
const READ_ONLY_ROUTES: Record<string, string> = {
  checkRules: 'validates a rule set, stores nothing',
  previewRules: 'allocates in memory for a preview, stores nothing',
  checkCatalog: 'validates a catalogue, stores nothing',
  previewGateDecision: 'the gate without writing, as viewing a change shows it',
  reconcileAssets: 'compares the register with the bill, stores nothing',
  gateDecision: "the gate's answer, kept in its own append-only decision log (who asked, when, why)",
};

/**
 * Writes not proven yet, each with why; named here and in the report, never silent. Empty: every
 * write is proven here (WRITES, SIGNED) or in the files of API_PROVEN_ELSEWHERE.
 */
const PROVEN_IN_ITS_OWN_TEST = 'its use case records the entry; proven in its own test, not called here yet';
const NOT_YET_CALLED: Record<string, string> = {
  addReview: `${PROVEN_IN_ITS_OWN_TEST} (test/governance/post-implementation-review.test.ts checks its entry)`,
  updateReview: `${PROVEN_IN_ITS_OWN_TEST} (test/governance/post-implementation-review.test.ts checks its entry)`,
};

interface ApiWrite {
  path: () => string;
  valid: () => unknown;
  broken: () => unknown;
  action: string;
  /** The user whose token calls (default admin-user, one of the harness's users). */
  user?: string;
}

describe('every state-changing API route records exactly one audit entry (real server, real DuckDB file)', async () => {
  const api = await startApi({
    githubWebhookSecret: SECRET,
    gitlabWebhookSecret: SECRET,
    argocdWebhookSecret: SECRET,
    genericWebhookSecret: SECRET,
  });
  const tokens: Record<string, string> = {};
  let changeId = '';
  let danaTokenId = '';
  const release = { ...parse(read('release.yaml')), id: 'R-API' };
  const incidents = JSON.parse(read('incidents.json')).incidents;
  const deployment = {
    deliveryId: 'd-1',
    service: 'payments',
    environment: 'production',
    version: 'v2.0.0',
    startedAt: '2026-03-04T10:00:00Z',
    finishedAt: '2026-03-04T10:30:00Z',
    outcome: 'succeeded',
  };
  const change = (estimatedCost: string) => ({
    service: 'payments',
    environment: 'production',
    releaseId: 'R-2026-03',
    estimatedCost,
  });

  /** By route id, in the order they run: later calls use what earlier ones made. */
  const WRITES: Record<string, ApiWrite> = {
    addUser: {
      path: () => '/api/v1/users',
      valid: () => ({ name: 'dana', role: 'viewer' }),
      broken: () => ({ name: 'dana', role: 'viewer' }),
      action: 'users.add',
    },
    createToken: {
      path: () => '/api/v1/tokens',
      valid: () => ({ user: 'dana' }),
      broken: () => ({ user: 'nobody' }),
      action: 'tokens.create',
    },
    revokeToken: {
      path: () => `/api/v1/tokens/${danaTokenId}`,
      valid: () => undefined,
      broken: () => undefined,
      action: 'tokens.revoke',
    },
    removeUser: {
      path: () => '/api/v1/users/dana',
      valid: () => undefined,
      broken: () => undefined,
      action: 'users.remove',
    },
    addExchangeRates: {
      path: () => '/api/v1/rates',
      valid: () => ({ rates: [{ date: '2026-03-02', from: 'USD', to: 'EUR', rate: '0.9213' }] }),
      broken: () => ({ rates: [{ date: '2026-03-02', from: 'USD', to: 'EUR', rate: 'lots' }] }),
      action: 'rates.save',
    },
    applyRateCard: {
      path: () => '/api/v1/ratecard',
      valid: () => ({ yaml: read('rates.yaml') }),
      broken: () => ({ yaml: read('rates-overlap.yaml') }),
      action: 'ratecard.apply',
    },
    applyPolicy: {
      path: () => '/api/v1/changes/policy',
      valid: () => ({ yaml: read('governance.yaml') }),
      broken: () => ({ yaml: 'version: [unclosed' }),
      action: 'policy.apply',
    },
    createRelease: {
      path: () => '/api/v1/releases',
      valid: () => release,
      broken: () => release,
      action: 'releases.create',
    },
    logReleaseTime: {
      path: () => '/api/v1/releases/R-2026-03/time',
      valid: () => ({ person: 'dev', role: 'engineer', hours: '3', date: '2026-03-02' }),
      broken: () => ({ person: 'dev', role: 'engineer', hours: '-3', date: '2026-03-02' }),
      action: 'releases.log-time',
    },
    recordDeployment: {
      path: () => '/api/v1/deployments',
      valid: () => deployment,
      broken: () => deployment,
      action: 'deployments.record',
    },
    recordIncident: {
      path: () => '/api/v1/incidents',
      valid: () => ({ service: 'payments', environment: 'production', startedAt: '2026-03-05T10:00:00Z' }),
      broken: () => ({ service: 'ghost', environment: 'production', startedAt: '2026-03-05T10:00:00Z' }),
      action: 'incidents.record',
    },
    importIncidents: {
      path: () => '/api/v1/incidents/import',
      valid: () => ({ source: 'pagerduty', incidents }),
      broken: () => ({ source: 'pagerduty', incidents: [{ id: 'x' }] }),
      action: 'incidents.import',
    },
    addFreeze: {
      path: () => '/api/v1/freezes',
      valid: () => ({
        environment: 'staging',
        from: '2026-12-24T00:00:00Z',
        until: '2026-12-27T00:00:00Z',
        reason: 'holidays',
      }),
      broken: () => ({
        environment: 'moon',
        from: '2026-12-24T00:00:00Z',
        until: '2026-12-27T00:00:00Z',
        reason: 'holidays',
      }),
      action: 'freezes.add',
    },
    importFreezeCalendar: {
      path: () => '/api/v1/freezes/import',
      valid: () => ({
        calendar: read('change-calendar.ics'),
        source: 'change-calendar.ics',
        environment: 'production',
        from: '2026-01-01',
        until: '2027-01-01',
      }),
      broken: () => ({ calendar: 'not a calendar', source: 'x.ics', environment: 'production' }),
      action: 'freezes.import',
    },
    breakGlass: {
      path: () => '/api/v1/break-glass',
      valid: () => ({
        environment: 'production',
        reason: 'payment outage',
        from: '2026-12-22T09:30:00Z',
        until: '2026-12-22T11:30:00Z',
      }),
      broken: () => ({
        environment: 'production',
        reason: 'payment outage',
        from: '2026-12-22T09:30:00Z',
        until: '2027-12-22T11:30:00Z',
      }),
      action: 'freezes.break-glass',
    },
    requestChange: {
      path: () => '/api/v1/changes',
      valid: () => change('500'),
      broken: () => change('-5'),
      action: 'changes.request',
    },
    decideChange: {
      path: () => `/api/v1/changes/${changeId}/decisions`,
      valid: () => ({ decision: 'approve', role: 'service-owner' }),
      // Olivia holds service-owner, not cab.
      broken: () => ({ decision: 'approve', role: 'cab' }),
      action: 'changes.approve',
      user: 'olivia',
    },
    rebaselineRelease: {
      path: () => '/api/v1/releases/R-API/baselines',
      valid: () => ({ reason: 'scope', estimate: { labour: [{ role: 'engineer', hours: 50 }] } }),
      broken: () => ({ reason: 'scope', estimate: { labour: [{ role: 'engineer', hours: -50 }] } }),
      action: 'releases.rebaseline',
    },
    closeRelease: {
      path: () => '/api/v1/releases/R-API/close',
      valid: () => ({}),
      broken: () => ({}),
      action: 'releases.close',
    },
  };

  const github = read('github-deployment-status-success.json');
  const generic = JSON.stringify({
    service: 'payments',
    environment: 'staging',
    version: 'v9',
    startedAt: '2026-03-05T10:00:00Z',
    finishedAt: '2026-03-05T10:05:00Z',
    outcome: 'succeeded',
  });
  /** Deliveries from CI/CD, signed or with the shared token; the entry names the provider. */
  const SIGNED: Record<string, SignedWrite> = {
    githubWebhook: {
      path: () => '/api/v1/webhooks/github',
      valid: () => ({ text: github, type: 'application/json' }),
      broken: () => NOT_JSON,
      headers: () => ({
        'x-github-event': 'deployment_status',
        'x-github-delivery': 'gh-audit-1',
        'x-hub-signature-256': signBody(SECRET, github),
      }),
      action: 'webhooks.github.deployment_status',
      anonymous: true,
      actor: 'webhook:github',
    },
    gitlabWebhook: {
      path: () => '/api/v1/webhooks/gitlab',
      valid: () => ({ text: read('gitlab-deployment-hook-success.json'), type: 'application/json' }),
      broken: () => NOT_JSON,
      headers: () => ({
        'x-gitlab-token': SECRET,
        'x-gitlab-event': 'Deployment Hook',
        'x-gitlab-event-uuid': 'gl-audit-1',
      }),
      action: 'webhooks.gitlab.Deployment Hook',
      anonymous: true,
      actor: 'webhook:gitlab',
    },
    argocdWebhook: {
      path: () => '/api/v1/webhooks/argocd',
      valid: () => ({ text: read('argocd-sync-failed.json'), type: 'application/json' }),
      broken: () => NOT_JSON,
      headers: () => ({ 'x-argocd-token': SECRET }),
      action: 'webhooks.argocd.notification',
      anonymous: true,
      actor: 'webhook:argocd',
    },
    genericWebhook: {
      path: () => '/api/v1/webhooks/generic',
      valid: () => ({ text: generic, type: 'application/json' }),
      broken: () => NOT_JSON,
      headers: () => ({
        'x-tollgate-event': 'deployment',
        ...genericDeliveryHeaders(SECRET, 'g-audit-1', generic),
      }),
      action: 'webhooks.generic.deployment',
      anonymous: true,
      actor: 'webhook:generic',
    },
  };

  const methodOf = new Map(buildRouteTable('0').map((route) => [route.id, route.method]));
  const entries = () => api.stores.access.audit.listEntries({});

  before(async () => {
    await applyCatalog(api.stores, fixture('catalog.yaml'), TEST_ACTOR);
    await applyRateCard(api.stores, read('rates.yaml'), fixture('rates.yaml'), 'setup');
    await applyPolicy(api.stores, read('governance.yaml'), fixture('governance.yaml'), 'setup');
    await createReleaseFromYaml(api.stores, read('release.yaml'), fixture('release.yaml'), 'setup');
    await addUser(api.stores, TEST_ACTOR, { name: 'olivia', role: 'admin', scopes: [] });
    tokens.olivia = (
      await createToken(api.stores, TEST_ACTOR, { user: 'olivia', label: 't', expiresIn: '1d' })
    ).token;
  });

  it('classes every route that is not a GET as read-only, audited, or a named gap', () => {
    const writes = buildRouteTable('0')
      .filter((route) => route.method !== 'GET')
      .map((route) => route.id);
    const unclassified = writes.filter(
      (id) =>
        !(id in READ_ONLY_ROUTES) &&
        !(id in WRITES) &&
        !(id in SIGNED) &&
        !(id in API_PROVEN_ELSEWHERE) &&
        !(id in NOT_YET_CALLED),
    );
    assert.deepEqual(unclassified, [], 'a new route: give it a valid and a broken call in WRITES');
    for (const id of [
      ...Object.keys(READ_ONLY_ROUTES),
      ...Object.keys(WRITES),
      ...Object.keys(SIGNED),
      ...Object.keys(API_PROVEN_ELSEWHERE),
      ...Object.keys(NOT_YET_CALLED),
    ])
      assert.ok(writes.includes(id), `${id} is no route that writes`);
    const twice = Object.keys(API_PROVEN_ELSEWHERE).filter(
      (id) => id in WRITES || id in NOT_YET_CALLED || id in READ_ONLY_ROUTES,
    );
    assert.deepEqual(twice, []);
  });

  it('each write: a valid call adds one entry naming its action and the token user; a broken call adds none', async () => {
    for (const [id, write] of Object.entries(WRITES)) {
      if (id === 'revokeToken')
        danaTokenId = String((await entries()).findLast((e) => e.action === 'tokens.create')!.target).replace(
          /^token:/,
          '',
        );
      if (id === 'decideChange') {
        // The change to decide is made here, by a request as above.
        const made = await api.json('/api/v1/changes', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(change('100')),
        });
        changeId = made.body.id;
      }
      const call = (body: unknown) =>
        api.json(write.path(), {
          method: methodOf.get(id)!,
          ...(body === undefined
            ? {}
            : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
          ...(write.user ? { token: tokens[write.user] } : {}),
        });
      const before = await entries();
      const ok = await call(write.valid());
      assert.ok(ok.status < 300, `${id}: ${ok.status} ${JSON.stringify(ok.body)}`);
      const afterValid = await entries();
      assert.equal(afterValid.length, before.length + 1, `${id}: one entry for a valid call`);
      assert.equal(afterValid.at(-1)!.action, write.action, id);
      assert.equal(afterValid.at(-1)!.actor, `user:${write.user ?? 'admin-user'}`, id);
      const refused = await call(write.broken());
      assert.ok(
        refused.status >= 400 && refused.status < 500,
        `${id}: broken call answered ${refused.status}`,
      );
      assert.equal((await entries()).length, afterValid.length, `${id}: a refused call added an entry`);
    }
  });

  it('each CI/CD delivery: a signed one adds one entry naming its provider; a broken one adds none', async () => {
    await proveApiWrites(api, SIGNED);
    await assertChainVerifies(api);
  });
});
