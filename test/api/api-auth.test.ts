import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addUser } from '../../src/app/access/manage-users.js';
import { issueToken } from '../../src/core/access/api-token.js';
import { ROLES, type Role } from '../../src/core/access/roles.js';
import { startApi, TEST_ACTOR } from './api-harness.js';

const ALL = ROLES;
const READERS: Role[] = ['viewer', 'analyst', 'budget-owner', 'approver', 'finance-admin', 'admin'];
const SOURCE_READERS: Role[] = ['analyst', 'budget-owner', 'approver', 'finance-admin', 'admin'];
const WRITERS: Role[] = ['finance-admin', 'admin'];
const GATE: Role[] = ['analyst', 'budget-owner', 'approver', 'finance-admin', 'admin'];

/**
 * Who may call what, written out by hand (not derived from the role table, so a change to
 * either one shows up here). Every route of the server must have a row.
 */
const EXPECTED: Record<string, readonly Role[]> = {
  getHealth: ALL,
  getReadiness: ALL,
  getMetrics: ALL,
  getOpenApiDocument: ALL,
  getMe: READERS,
  listUsers: ['admin'],
  listTokens: ['admin'],
  revokeToken: ['admin'],
  listSources: SOURCE_READERS,
  listFocusDatasetRecords: SOURCE_READERS,
  removeSource: WRITERS,
  uploadBillingFile: WRITERS,
  getJob: SOURCE_READERS,
  listJobs: SOURCE_READERS,
  queryCosts: READERS,
  listAuditEntries: WRITERS,
  exportAuditEntries: WRITERS,
  verifyAuditLog: WRITERS,
  gateDecision: GATE,
  recordDeployment: WRITERS,
  listDeployments: READERS,
  listChanges: READERS,
  getChange: READERS,
  decideChange: ['budget-owner', 'approver', 'admin'],
  listFreezes: READERS,
  addFreeze: WRITERS,
  listReleases: READERS,
  getRelease: READERS,
  getKpis: READERS,
  getDora: READERS,
  getConformance: READERS,
  getIncidentCosts: READERS,
  requestChange: GATE,
  listGateDecisions: READERS,
  getPolicy: READERS,
  applyPolicy: WRITERS,
  getRateCard: READERS,
  applyRateCard: WRITERS,
  createRelease: WRITERS,
  getReleaseEstimate: READERS,
  logReleaseTime: WRITERS,
  getReleaseActuals: READERS,
  getChangeRisk: READERS,
  rebaselineRelease: WRITERS,
  getEnvironmentTco: READERS,
  getCiCost: READERS,
  closeRelease: WRITERS,
  recordIncident: WRITERS,
  importIncidents: WRITERS,
  breakGlass: WRITERS,
  importFreezeCalendar: WRITERS,
  listDecisionLog: READERS,
  getProcessCost: READERS,
  getDeploymentCalendar: READERS,
  getDataRange: READERS,
  startAllocationRun: WRITERS,
  listPeriods: SOURCE_READERS,
  getStatement: READERS,
  getStatementPdf: READERS,
  getQuality: SOURCE_READERS,
  getCatalog: READERS,
  listBudgets: READERS,
  getBudgetStatus: READERS,
  getBudgetStatuses: READERS,
  getForecast: READERS,
  listAlerts: READERS,
  acknowledgeAlert: ['budget-owner', 'finance-admin', 'admin'],
  recordAlertFeedback: ['budget-owner', 'finance-admin', 'admin'],
  listAlertFeedback: READERS,
  listChannels: READERS,
  createChannel: ['budget-owner', 'finance-admin', 'admin'],
  removeChannel: ['budget-owner', 'finance-admin', 'admin'],
  testChannel: ['budget-owner', 'finance-admin', 'admin'],
  listRuleVersions: SOURCE_READERS,
  diffRuleVersions: SOURCE_READERS,
  getRuleVersion: SOURCE_READERS,
  restoreRuleVersion: WRITERS,
  checkRules: SOURCE_READERS,
  previewRules: SOURCE_READERS,
  applyRules: WRITERS,
  checkCatalog: SOURCE_READERS,
  applyCatalog: WRITERS,
  explainAllocation: ['analyst', 'finance-admin', 'admin'],
  closePeriod: WRITERS,
  reopenPeriod: WRITERS,
  signIn: ALL,
  githubWebhook: ALL,
  gitlabWebhook: ALL,
  argocdWebhook: ALL,
  genericWebhook: ALL,
  exportFocus: ['analyst', 'finance-admin', 'admin'],
  reconcileInvoices: READERS,
  uploadInvoices: WRITERS,
  listInvoiceTolerances: READERS,
  setInvoiceTolerance: WRITERS,
  removeInvoiceTolerance: WRITERS,
  acceptInvoiceDifference: WRITERS,
  exportJournal: READERS,
  getJournalMap: READERS,
  applyJournalMap: WRITERS,
  addCostEntries: WRITERS,
  listExchangeRates: READERS,
  addExchangeRates: WRITERS,
  listAssets: READERS,
  getAsset: READERS,
  createAsset: WRITERS,
  updateAsset: WRITERS,
  loadAssets: WRITERS,
  postDepreciation: WRITERS,
  getCapexOpex: READERS,
  reconcileAssets: ['analyst', 'finance-admin', 'admin'],
  putBudget: ['budget-owner', 'finance-admin', 'admin'],
  removeBudget: ['budget-owner', 'finance-admin', 'admin'],
  listBudgetVersions: READERS,
  diffBudgetVersions: READERS,
  listContracts: READERS,
  getContractRenewals: READERS,
  getContract: READERS,
  loadContracts: WRITERS,
  recordSlaBreach: WRITERS,
  recordSlaCredit: WRITERS,
  raiseRenewalAlerts: WRITERS,
  listLicences: READERS,
  getLicenceTrend: READERS,
  listReviews: READERS,
  getReview: READERS,
  addReview: WRITERS,
  updateReview: WRITERS,
  loadLicences: WRITERS,
  loadLicenceUsage: WRITERS,
  postLicenceCosts: WRITERS,
  previewGateDecision: READERS,
  signInWithCookie: ALL,
  getSession: READERS,
  signOut: READERS,
  getMyApproverRoles: READERS,
  addUser: ['admin'],
  removeUser: ['admin'],
  createToken: ['admin'],
};

describe('who may do what', async () => {
  const api = await startApi();

  it('has an expected row for every route, so a new endpoint cannot skip the matrix', () => {
    const missing = api.server.routes.filter((route) => !(route.id in EXPECTED)).map((route) => route.id);
    assert.deepEqual(missing, []);
    const ids = new Set(api.server.routes.map((route) => route.id));
    assert.deepEqual(
      Object.keys(EXPECTED).filter((id) => !ids.has(id)),
      [],
      'no stale rows',
    );
  });

  for (const role of ROLES) {
    it(`role ${role}: every endpoint allows or denies as the matrix says`, async () => {
      for (const route of api.server.routes) {
        const path = route.path.replace(/:[A-Za-z]+/g, 'does-not-exist');
        const init: RequestInit & { role: Role } = { role, method: route.method };
        if (route.method !== 'GET' && route.bodyKind !== 'upload') {
          init.headers = { 'content-type': 'application/json' };
          init.body = '{}';
        }
        const { status, body } = await api.json(path, init);
        const allowed = EXPECTED[route.id]!.includes(role);
        if (allowed)
          assert.ok(
            status !== 401 && status !== 403,
            `${role} may call ${route.id}, got ${status} ${JSON.stringify(body)}`,
          );
        else {
          assert.equal(status, 403, `${role} may not call ${route.id}`);
          assert.equal(body.error.code, 'AUTH_FORBIDDEN');
        }
      }
    });
  }

  it('refuses a missing, malformed, unknown, expired or revoked token with 401 and a stable code', async () => {
    const expiredIssue = issueToken();
    const admin = (await api.stores.access.users.getUser('admin-user'))!;
    await api.stores.access.tokens.insertToken({
      id: expiredIssue.id,
      userId: admin.id,
      label: 'old',
      secretHash: expiredIssue.secretHash,
      expiresAt: '2020-01-01T00:00:00.000Z',
    });
    const revoked = issueToken();
    await api.stores.access.tokens.insertToken({
      id: revoked.id,
      userId: admin.id,
      label: 'gone',
      secretHash: revoked.secretHash,
      expiresAt: null,
    });
    await api.stores.access.tokens.revokeToken(revoked.id);
    const forged = `${api.tokens.admin.slice(0, 16)}${'A'.repeat(43)}`;
    const cases: [string, Record<string, string>, string][] = [
      ['missing', {}, 'AUTH_MISSING_TOKEN'],
      [
        'not bearer',
        { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
        'AUTH_MALFORMED_TOKEN',
      ],
      ['garbage', { authorization: 'Bearer not-a-token' }, 'AUTH_MALFORMED_TOKEN'],
      ['wrong secret', { authorization: `Bearer ${forged}` }, 'AUTH_BAD_TOKEN'],
      ['unknown id', { authorization: `Bearer ${issueToken().token}` }, 'AUTH_BAD_TOKEN'],
      ['expired', { authorization: `Bearer ${expiredIssue.token}` }, 'AUTH_TOKEN_EXPIRED'],
      ['revoked', { authorization: `Bearer ${revoked.token}` }, 'AUTH_TOKEN_REVOKED'],
    ];
    for (const [name, headers, code] of cases) {
      const { status, body } = await api.json('/api/v1/sources', { role: null, headers });
      assert.equal(status, 401, name);
      assert.equal(body.error.code, code, name);
      assert.ok(!JSON.stringify(body).includes(forged.slice(16)), 'the secret is not echoed');
    }
  });

  it('revoking a token over the API takes effect at once and is audited with who did it', async () => {
    const analystTokenId = api.tokens.analyst.slice(3, 15);
    assert.equal((await api.json('/api/v1/me', { role: 'analyst' })).status, 200);
    const revoked = await api.json(`/api/v1/tokens/${analystTokenId}`, { method: 'DELETE' });
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revokedAt);
    const after = await api.json('/api/v1/me', { role: 'analyst' });
    assert.equal(after.body.error.code, 'AUTH_TOKEN_REVOKED');
    const [entry] = await api.stores.access.audit.listEntries({ action: 'tokens.revoke' });
    assert.equal(entry!.actor, 'user:admin-user');
    assert.equal(entry!.tokenId, api.tokens.admin.slice(3, 15));
    assert.equal(entry!.address, '127.0.0.1');
    const again = await api.json(`/api/v1/tokens/${analystTokenId}`, { method: 'DELETE' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'TOKEN_ALREADY_REVOKED');
  });
});

describe('rate limits', async () => {
  const api = await startApi({ rateLimitPerMinute: 3 });

  it('limits each token on its own and answers 429 with Retry-After; health is never limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await api.json('/api/v1/me', { role: 'viewer' })).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
    const limited = await api.json('/api/v1/me', { role: 'viewer' });
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) > 0);
    assert.equal(
      (await api.json('/api/v1/me', { role: 'analyst' })).status,
      200,
      'another token has its own budget',
    );
    for (let i = 0; i < 5; i++) assert.equal((await api.json('/healthz', { role: null })).status, 200);
  });
});

describe('signing in with a password', async () => {
  const api = await startApi({ rateLimitPerMinute: 20 });
  await addUser(api.stores, TEST_ACTOR, {
    name: 'dana',
    role: 'analyst',
    scopes: [],
    password: 'a long enough password',
  });

  it('gives a session token that works, expires in 12 hours, and is audited; a wrong password gets the same 401 as an unknown user', async () => {
    const post = (body: unknown) =>
      api.json('/api/v1/sessions', {
        role: null,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const session = await post({ name: 'dana', password: 'a long enough password' });
    assert.equal(session.status, 201, JSON.stringify(session.body));
    const hours = (Date.parse(session.body.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 11.9 && hours <= 12);
    const me = await api.json('/api/v1/me', { token: session.body.token });
    assert.equal(me.body.name, 'dana');
    const [entry] = await api.stores.access.audit.listEntries({ action: 'sessions.create' });
    assert.equal(entry!.tokenId, session.body.tokenId);
    const wrong = await post({ name: 'dana', password: 'not the password' });
    const unknown = await post({ name: 'nobody', password: 'a long enough password' });
    const noPassword = await post({ name: 'viewer-user', password: 'anything at all' });
    for (const refused of [wrong, unknown, noPassword]) {
      assert.equal(refused.status, 401);
      assert.equal(refused.body.error.code, 'AUTH_BAD_CREDENTIALS');
    }
    assert.equal((await post({ name: 'dana' })).status, 400);
    for (const line of api.logs) assert.ok(!line.includes('a long enough password'), 'no password in logs');
  });
});
