import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closedPort } from '../cicd/governance-fixture-server.js';
import { runCli } from '../support/run-cli.js';
import { startApi } from './api-harness.js';

describe('tollgate users/tokens --server: managing access while serve holds the database', async () => {
  const api = await startApi();
  const remote = ['--server', api.base, '--token', api.tokens.admin];

  it('the local database is locked by the server, and the same commands work through it', async () => {
    const local = await runCli(['--db', api.dbPath, 'users', 'list']);
    assert.notEqual(local.code, 0);
    assert.match(local.stderr, /DB_LOCKED/);

    const added = await runCli([
      'users',
      'add',
      'remy',
      '--role',
      'approver',
      '--scope',
      'payments',
      ...remote,
    ]);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Added remy as approver for payments\./);

    const created = await runCli(
      ['tokens', 'create', '--user', 'remy', '--label', 'ci', '--expires-in', '1d', '--json'],
      { env: { TOLLGATE_SERVER: api.base, TOLLGATE_TOKEN: api.tokens.admin } },
    );
    assert.equal(created.code, 0, created.stderr);
    const token = JSON.parse(created.stdout);
    assert.equal(token.user, 'remy');
    assert.equal((await api.json('/api/v1/me', { token: token.token })).body.name, 'remy');

    const users = await runCli(['users', 'list', '--json', ...remote]);
    assert.ok(JSON.parse(users.stdout).some((user: { name: string }) => user.name === 'remy'));
    const tokens = await runCli(['tokens', 'list', ...remote]);
    assert.equal(tokens.code, 0, tokens.stderr);
    assert.match(tokens.stdout, new RegExp(`${token.id}\\s+remy\\s+ci`));
    assert.ok(!tokens.stdout.includes(token.token.slice(16)), 'the list never shows the secret');

    // The whole token may be pasted; only its id is sent.
    const revoked = await runCli(['tokens', 'revoke', token.token, ...remote]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(revoked.stdout, `Revoked token ${token.id} of remy.\n`);
    assert.ok(!api.logs.join('\n').includes(token.token.slice(16)), 'the secret reached no server log');

    const removed = await runCli(['users', 'remove', 'remy', ...remote]);
    assert.equal(removed.code, 0, removed.stderr);
    assert.equal(removed.stdout, 'Removed remy; revoked 0 token(s).\n');
    const [entry] = await api.stores.access.audit.listEntries({
      action: 'users.remove',
      target: 'user:remy',
    });
    assert.equal(entry!.actor, 'user:admin-user');
  });

  it('refusals keep their code and exit as gate --server does: 2 usage or forbidden, 1 conflict, 3 unreachable', async () => {
    const before = await api.stores.access.users.listUsers();
    const badRole = await runCli(['users', 'add', 'sam', '--role', 'wizard', ...remote]);
    assert.equal(badRole.code, 2);
    assert.match(
      badRole.stderr,
      /^error \[ACCESS_BAD_ROLE\]: Unknown role 'wizard'.*\(server http:\/\/127\.0\.0\.1:\d+/,
    );
    const duplicate = await runCli(['users', 'add', 'viewer-user', '--role', 'viewer', ...remote]);
    assert.equal(duplicate.code, 1);
    assert.match(duplicate.stderr, /^error \[USER_EXISTS\]/);
    const noScope = await runCli(['users', 'add', 'sam', '--role', 'budget-owner', ...remote]);
    assert.equal(noScope.code, 2);
    assert.match(noScope.stderr, /^error \[USER_SCOPE_REQUIRED\]: .*at least one team with scopes,/);
    const badExpiry = await runCli([
      'tokens',
      'create',
      '--user',
      'viewer-user',
      '--expires-in',
      'soon',
      ...remote,
    ]);
    assert.equal(badExpiry.code, 2);
    assert.match(badExpiry.stderr, /^error \[TOKEN_BAD_EXPIRY\]/);
    const forbidden = await runCli([
      'users',
      'add',
      'sam',
      '--role',
      'admin',
      '--server',
      api.base,
      '--token',
      api.tokens['finance-admin'],
    ]);
    assert.equal(forbidden.code, 2);
    assert.match(forbidden.stderr, /^error \[AUTH_FORBIDDEN\]/);
    const noToken = await runCli(['users', 'list', '--server', api.base], { env: { TOLLGATE_TOKEN: '' } });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /REMOTE_TOKEN_MISSING/);
    const nowhere = await runCli([
      'tokens',
      'list',
      '--server',
      `http://127.0.0.1:${await closedPort()}`,
      '--token',
      'x',
      '--timeout',
      '5',
    ]);
    assert.equal(nowhere.code, 3);
    assert.match(nowhere.stderr, /^error \[REMOTE_UNREACHABLE\]/);
    assert.deepEqual(await api.stores.access.users.listUsers(), before);
  });
});
