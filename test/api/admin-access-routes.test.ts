import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from './api-harness.js';

describe('users and tokens over the API, while serve holds the database', async () => {
  const api = await startApi();

  /** Users, tokens and the audit log as stored, to show a refusal changed nothing. */
  async function snapshot() {
    const entries: unknown[] = [];
    await api.stores.access.audit.readAll((page) => void entries.push(...page));
    return {
      users: await api.stores.access.users.listUsers(),
      tokens: await api.stores.access.tokens.listTokens(),
      audit: entries,
    };
  }

  function post(path: string, body: unknown, role: 'admin' | 'finance-admin' | 'viewer' = 'admin') {
    return api.json(path, {
      role,
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  }

  it('adds a user, creates a token shown once that works at once, lists both, all audited', async () => {
    const added = await post('/api/v1/users', { name: 'dana', role: 'approver', scopes: ['payments'] });
    assert.equal(added.status, 201, JSON.stringify(added.body));
    assert.deepEqual(
      { ...added.body, id: undefined, createdAt: undefined },
      {
        id: undefined,
        name: 'dana',
        role: 'approver',
        scopes: ['payments'],
        hasPassword: false,
        createdAt: undefined,
      },
    );
    const created = await post('/api/v1/tokens', { user: 'dana', label: 'ci-deploy', expiresIn: '12h' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const secret: string = created.body.token;
    assert.match(secret, /^tg_/);
    assert.equal(created.body.user, 'dana');
    assert.equal(created.body.label, 'ci-deploy');
    const hours = (Date.parse(created.body.expiresAt) - Date.now()) / 3_600_000;
    assert.ok(hours > 11 && hours <= 12, `expires in 12 hours, not ${hours}`);

    const me = await api.json('/api/v1/me', { token: secret });
    assert.equal(me.status, 200);
    assert.equal(me.body.name, 'dana');
    assert.equal(me.body.role, 'approver');

    const users = await api.json('/api/v1/users');
    assert.ok(users.body.some((user: { name: string }) => user.name === 'dana'));
    const tokens = await api.json('/api/v1/tokens');
    const listed = tokens.body.find((token: { id: string }) => token.id === created.body.id);
    assert.equal(listed.user, 'dana');
    const secretPart = secret.slice(16);
    assert.ok(!JSON.stringify(tokens.body).includes(secretPart), 'the list never shows the secret');

    const [userEntry] = await api.stores.access.audit.listEntries({
      action: 'users.add',
      target: 'user:dana',
    });
    assert.equal(userEntry!.actor, 'user:admin-user');
    const [tokenEntry] = await api.stores.access.audit.listEntries({
      action: 'tokens.create',
      target: `token:${created.body.id}`,
    });
    assert.equal(tokenEntry!.actor, 'user:admin-user');
    const { audit } = await snapshot();
    assert.ok(!JSON.stringify(audit).includes(secretPart), 'the audit log never holds the secret');
  });

  it('removes a user and revokes their tokens at once, audited', async () => {
    await post('/api/v1/users', { name: 'leaver', role: 'viewer' });
    const created = await post('/api/v1/tokens', { user: 'leaver', expiresIn: 'never' });
    assert.equal(created.body.expiresAt, null);
    assert.equal(created.body.label, 'api');
    assert.equal((await api.json('/api/v1/me', { token: created.body.token })).status, 200);
    const removed = await api.json('/api/v1/users/leaver', { method: 'DELETE' });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.deepEqual(removed.body, { name: 'leaver', revokedTokens: [created.body.id] });
    const after = await api.json('/api/v1/me', { token: created.body.token });
    assert.equal(after.status, 401);
    assert.equal(await api.stores.access.users.getUser('leaver'), undefined);
    const [entry] = await api.stores.access.audit.listEntries({
      action: 'users.remove',
      target: 'user:leaver',
    });
    assert.equal(entry!.actor, 'user:admin-user');
  });

  it('refuses broken requests with a clear 4xx and leaves users, tokens and the audit log as they were', async () => {
    await post('/api/v1/users', { name: 'erin', role: 'analyst' });
    const before = await snapshot();
    const cases: [string, () => ReturnType<typeof post>, number, string, RegExp?][] = [
      [
        'unknown role',
        () => post('/api/v1/users', { name: 'fay', role: 'wizard' }),
        400,
        'ACCESS_BAD_ROLE',
        /Use one of: viewer/,
      ],
      ['duplicate user', () => post('/api/v1/users', { name: 'erin', role: 'viewer' }), 409, 'USER_EXISTS'],
      [
        'approver without scope',
        () => post('/api/v1/users', { name: 'gil', role: 'approver' }),
        400,
        'USER_SCOPE_REQUIRED',
        /at least one team with scopes,/,
      ],
      [
        'bad user name',
        () => post('/api/v1/users', { name: 'Not A Name', role: 'viewer' }),
        400,
        'USER_BAD_NAME',
      ],
      [
        'bad scope',
        () => post('/api/v1/users', { name: 'hal', role: 'approver', scopes: ['Bad Team!'] }),
        400,
        'USER_BAD_SCOPE',
      ],
      [
        'weak password',
        () => post('/api/v1/users', { name: 'ida', role: 'viewer', password: 'short' }),
        400,
        'USER_WEAK_PASSWORD',
      ],
      [
        'unknown field',
        () => post('/api/v1/users', { name: 'jo', role: 'viewer', admin: true }),
        400,
        'REQUEST_INVALID',
      ],
      ['missing role', () => post('/api/v1/users', { name: 'jo' }), 400, 'REQUEST_INVALID'],
      [
        'bad expiry',
        () => post('/api/v1/tokens', { user: 'erin', expiresIn: '3 weeks' }),
        400,
        'TOKEN_BAD_EXPIRY',
        /12h or 90d/,
      ],
      [
        'zero expiry',
        () => post('/api/v1/tokens', { user: 'erin', expiresIn: '0d' }),
        400,
        'TOKEN_BAD_EXPIRY',
      ],
      ['blank label', () => post('/api/v1/tokens', { user: 'erin', label: '  ' }), 400, 'TOKEN_BAD_LABEL'],
      ['token for nobody', () => post('/api/v1/tokens', { user: 'nobody' }), 404, 'USER_NOT_FOUND'],
      ['remove nobody', () => api.json('/api/v1/users/nobody', { method: 'DELETE' }), 404, 'USER_NOT_FOUND'],
      [
        'non-admin adds',
        () => post('/api/v1/users', { name: 'kim', role: 'admin' }, 'finance-admin'),
        403,
        'AUTH_FORBIDDEN',
      ],
      [
        'non-admin creates a token',
        () => post('/api/v1/tokens', { user: 'admin-user' }, 'viewer'),
        403,
        'AUTH_FORBIDDEN',
      ],
      [
        'non-admin removes',
        () => api.json('/api/v1/users/erin', { method: 'DELETE', role: 'finance-admin' }),
        403,
        'AUTH_FORBIDDEN',
      ],
    ];
    for (const [name, send, status, code, message] of cases) {
      const answer = await send();
      assert.equal(answer.status, status, `${name}: ${JSON.stringify(answer.body)}`);
      assert.equal(answer.body.error.code, code, name);
      if (message) assert.match(answer.body.error.message, message, name);
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('refuses to remove the last admin (the server could no longer manage its users), changing nothing', async () => {
    const before = await snapshot();
    const refused = await api.json('/api/v1/users/admin-user', { role: 'admin', method: 'DELETE' });
    assert.equal(refused.status, 409, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'USER_LAST_ADMIN');
    assert.match(refused.body.error.message, /add another admin first/);
    assert.deepEqual(await snapshot(), before);
    // With a second admin, the first can go.
    assert.equal((await post('/api/v1/users', { name: 'second-admin', role: 'admin' })).status, 201);
    const removed = await api.json('/api/v1/users/second-admin', { role: 'admin', method: 'DELETE' });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
  });
});
