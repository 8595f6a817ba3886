import assert from 'node:assert/strict';
import { createVerify, generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gitHubAppTokensFor } from '../../src/adapters/github/github-app-settings.js';
import { createInstallationTokens, RENEW_BEFORE_MS } from '../../src/adapters/github/github-app-tokens.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import { signBody } from '../../src/core/access/webhook-signature.js';
import { startApi } from '../api/api-harness.js';
import { type FakeGitHubCall, sendJson, startFakeGitHubApi } from '../support/fake-github-api.js';
import { makeTempDir } from '../support/temp-dir.js';
import { loadGovernanceFixtures } from './governance-fixture-server.js';

const APP_ID = '123456';
const INSTALLATION = 42;
const SECRET = 'a-webhook-secret-of-some-length';
const dir = makeTempDir('tollgate-github-app-');
const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const keyFile = join(dir, 'app.pem');
writeFileSync(keyFile, privateKey);

/** Checks the app's JWT as GitHub does: RS256 by the app's key, issued by the app, not expired. */
function appJwtIsValid(call: FakeGitHubCall): boolean {
  const jwt = call.authorization?.replace(/^bearer /i, '') ?? '';
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as { iss: unknown; exp: number };
  return String(claims.iss) === APP_ID && claims.exp * 1000 > Date.now();
}

/** A fake GitHub that issues installation tokens for an hour and can expire them all at once. */
async function startTokenIssuingGitHub() {
  const github = await startFakeGitHubApi();
  const issued: string[] = [];
  const expired = new Set<string>();
  github.handle((call, response) => {
    if (call.method !== 'POST' || call.path !== `/app/installations/${INSTALLATION}/access_tokens`)
      return false;
    if (!appJwtIsValid(call)) sendJson(response, 401, { message: 'A JSON web token could not be decoded' });
    else {
      const token = `ghs_installation_${issued.length + 1}`;
      issued.push(token);
      sendJson(response, 201, {
        token,
        expires_at: new Date(Date.now() + 3_600_000).toISOString(),
        permissions: {},
      });
    }
    return true;
  });
  github.handle((call, response) => {
    if (!call.path.endsWith('/deployment_protection_rule')) return false;
    const token = call.authorization?.replace(/^Bearer /, '') ?? '';
    if (!issued.includes(token) || expired.has(token))
      sendJson(response, 401, { message: 'Bad credentials' });
    else response.writeHead(204).end();
    return true;
  });
  return {
    ...github,
    issued,
    expireAll: () => {
      for (const token of issued) expired.add(token);
    },
  };
}

describe('GitHub App authentication', async () => {
  const github = await startTokenIssuingGitHub();

  it('signs a JWT for an installation token, reuses it, and renews it before GitHub’s expires_at', async () => {
    let now = Date.now();
    const tokens = createInstallationTokens(
      { appId: APP_ID, privateKey, installationId: INSTALLATION, apiUrl: github.url },
      () => now,
    );
    const before = github.issued.length;
    const first = await tokens.token();
    assert.equal(first, github.issued.at(-1));
    now += 30 * 60_000;
    assert.equal(await tokens.token(), first, 'half an hour on, the same token');
    now += 30 * 60_000 - RENEW_BEFORE_MS + 1000;
    const renewed = await tokens.token();
    assert.notEqual(renewed, first, 'within the renewal margin of expires_at, a new token');
    assert.equal(github.issued.length, before + 2);
    // Two callers at once fetch one token.
    const [a, b] = await Promise.all([tokens.renew(), tokens.renew()]);
    assert.equal(a, b);
    assert.equal(github.issued.length, before + 3);
  });

  it('answers deployment protection rules with an installation token; one GitHub expired is renewed and the answer sent', async () => {
    const server = await startApi(
      {
        githubWebhookSecret: SECRET,
        githubApiUrl: github.url,
        githubAppId: APP_ID,
        githubAppPrivateKeyFile: keyFile,
        githubAppInstallationId: String(INSTALLATION),
      },
      {},
      loadGovernanceFixtures,
    );
    const deliver = (id: string) => {
      const body = JSON.stringify({
        action: 'requested',
        environment: 'production',
        event: 'deployment',
        deployment_callback_url:
          'https://api.github.com/repos/acme/payments/actions/runs/42/deployment_protection_rule',
        deployment: { sha: 'abc123', ref: 'main', payload: { tollgate: { service: 'payments' } } },
        repository: { name: 'payments', full_name: 'acme/payments' },
        installation: { id: INSTALLATION },
      });
      return server.json('/api/v1/webhooks/github', {
        role: null,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-github-event': 'deployment_protection_rule',
          'x-github-delivery': id,
          'x-hub-signature-256': signBody(SECRET, body),
        },
        body,
      });
    };
    const answers = () => github.calls.filter((call) => call.path.endsWith('/deployment_protection_rule'));
    const issuedBefore = github.issued.length;
    const first = await deliver('rule-1');
    assert.equal(first.status, 200, JSON.stringify(first.body));
    assert.equal(answers().at(-1)!.authorization, `Bearer ${github.issued.at(-1)}`);
    await deliver('rule-2');
    assert.equal(github.issued.length, issuedBefore + 1, 'the second answer reuses the token');

    github.expireAll();
    const third = await deliver('rule-3');
    assert.equal(third.status, 200, JSON.stringify(third.body));
    assert.equal(github.issued.length, issuedBefore + 2, 'refused once, renewed once');
    const last = answers().slice(-2);
    assert.deepEqual(
      last.map((call) => call.authorization),
      [`Bearer ${github.issued.at(-2)}`, `Bearer ${github.issued.at(-1)}`],
    );
    assert.ok(
      server.logs.every((line) => !line.includes('ghs_installation_')),
      'tokens never logged',
    );
  });

  it('refuses half an app configuration, an unreadable key and a non-numeric app id, saying what to set', () => {
    const base = loadConfig({ db: join(dir, 'x.duckdb') }, {}).server;
    assert.equal(gitHubAppTokensFor({ ...base }), undefined);
    assert.throws(
      () => gitHubAppTokensFor({ ...base, githubAppId: APP_ID }),
      /TOLLGATE_GITHUB_APP_PRIVATE_KEY_FILE and TOLLGATE_GITHUB_APP_INSTALLATION_ID as well/,
    );
    const notPem = join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    for (const file of [notPem, join(dir, 'missing.pem')]) {
      assert.throws(
        () =>
          gitHubAppTokensFor({
            ...base,
            githubAppId: APP_ID,
            githubAppPrivateKeyFile: file,
            githubAppInstallationId: '1',
          }),
        (error: Error & { code?: string }) =>
          error.code === 'CONFIG_INVALID' && /give the \.pem file/.test(error.message),
      );
    }
    assert.throws(
      () => loadConfig({ db: join(dir, 'x.duckdb') }, { TOLLGATE_GITHUB_APP_ID: 'my-app' }),
      /numeric App ID/,
    );
  });
});
