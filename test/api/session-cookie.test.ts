import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addUser } from '../../src/app/access/manage-users.js';
import { startApi, TEST_ACTOR } from './api-harness.js';

const PASSWORD = 'correct horse battery staple';

/**
 * The dashboard's cookie session over HTTP: the token only ever in an HTTP-only cookie, the
 * cookie checked as a token is (role, revocation), changes refused without the CSRF header,
 * sign-in and sign-out audited, and broken input changing nothing.
 */
describe('cookie sessions with CSRF protection', async () => {
  const api = await startApi();
  await addUser(api.stores, TEST_ACTOR, { name: 'vera', role: 'viewer', scopes: [], password: PASSWORD });
  await addUser(api.stores, TEST_ACTOR, { name: 'ada', role: 'admin', scopes: [], password: PASSWORD });

  async function signIn(name: string, password = PASSWORD) {
    const response = await fetch(`${api.base}/api/v1/sessions/cookie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password }),
    });
    const text = await response.text();
    const setCookie = response.headers.get('set-cookie');
    const cookie = setCookie?.split(';')[0] ?? '';
    return { status: response.status, text, body: JSON.parse(text), setCookie, cookie };
  }
  const withCookie = (path: string, cookie: string, init: RequestInit = {}) =>
    api.json(path, { ...init, role: null, headers: { ...(init.headers ?? {}), cookie } });
  const auditCount = async () => (await api.stores.access.audit.listEntries({})).length;

  it('signs in with a Secure, HTTP-only, SameSite=Strict cookie and never shows the token', async () => {
    const before = await auditCount();
    const session = await signIn('vera');
    assert.equal(session.status, 201, session.text);
    assert.match(session.setCookie ?? '', /^tollgate_session=tg_[0-9a-f]{12}_/);
    for (const attribute of ['HttpOnly', 'Secure', 'SameSite=Strict', 'Path=/api/'])
      assert.ok(session.setCookie!.includes(attribute), `${attribute} in ${session.setCookie}`);
    // As long as the 12-hour token (less the second or so the sign-in took).
    const maxAge = Number(/Max-Age=(\d+)/.exec(session.setCookie!)?.[1]);
    assert.ok(maxAge > 43_000 && maxAge <= 43_200, `Max-Age ${maxAge}`);
    assert.doesNotMatch(session.text, /tg_[0-9a-f]{12}_/, 'the token is not in the body');
    assert.equal(session.body.user, 'vera');
    assert.equal(session.body.role, 'viewer');
    assert.match(session.body.csrfToken, /^[A-Za-z0-9_-]{43}$/);
    const [entry] = await api.stores.access.audit.listEntries({ action: 'sessions.create' });
    assert.equal(entry?.actor, 'user:vera');
    assert.equal(await auditCount(), before + 1);

    // A new tab has only the cookie: it learns who it is and the CSRF token from the server.
    const me = await withCookie('/api/v1/me', session.cookie);
    assert.equal(me.status, 200);
    assert.equal(me.body.name, 'vera');
    const current = await withCookie('/api/v1/sessions/current', session.cookie);
    assert.equal(current.body.csrfToken, session.body.csrfToken);
  });

  it('checks the role of a cookie session exactly as a token', async () => {
    const viewer = await signIn('vera');
    const admin = await signIn('ada');
    assert.equal((await withCookie('/api/v1/audit', viewer.cookie)).status, 403);
    assert.equal((await withCookie('/api/v1/audit', admin.cookie)).status, 200);
    assert.equal((await withCookie('/api/v1/users', viewer.cookie)).body.error.code, 'AUTH_FORBIDDEN');
  });

  it('refuses a change without the CSRF header, or with another session’s, and changes nothing', async () => {
    const first = await signIn('ada');
    const second = await signIn('ada');
    const before = await auditCount();
    const missing = await withCookie('/api/v1/sessions/current', first.cookie, { method: 'DELETE' });
    assert.equal(missing.status, 403);
    assert.equal(missing.body.error.code, 'AUTH_CSRF_MISSING');
    assert.match(missing.body.error.message, /x-tollgate-csrf/);
    const foreign = await withCookie('/api/v1/sessions/current', first.cookie, {
      method: 'DELETE',
      headers: { 'x-tollgate-csrf': second.body.csrfToken },
    });
    assert.equal(foreign.status, 403);
    assert.equal(await auditCount(), before, 'nothing was recorded');
    assert.equal((await withCookie('/api/v1/me', first.cookie)).status, 200, 'the session still works');
  });

  it('signs out: the session is revoked at once, the cookie cleared, and it is audited', async () => {
    const session = await signIn('vera');
    const ended = await withCookie('/api/v1/sessions/current', session.cookie, {
      method: 'DELETE',
      headers: { 'x-tollgate-csrf': session.body.csrfToken },
    });
    assert.equal(ended.status, 200, JSON.stringify(ended.body));
    assert.match(ended.headers.get('set-cookie') ?? '', /^tollgate_session=; .*Max-Age=0/);
    const entries = await api.stores.access.audit.listEntries({ action: 'sessions.end' });
    assert.ok(entries.some((entry) => entry.target === `token:${ended.body.tokenId}`));
    const after = await withCookie('/api/v1/me', session.cookie);
    assert.equal(after.status, 401);
    assert.equal(after.body.error.code, 'AUTH_TOKEN_REVOKED');
  });

  it('refuses a wrong password, a forged cookie and an API token sign-out, changing nothing', async () => {
    const before = await auditCount();
    const wrong = await signIn('vera', 'not the password at all');
    assert.equal(wrong.status, 401);
    assert.equal(wrong.body.error.code, 'AUTH_BAD_CREDENTIALS');
    assert.equal(wrong.setCookie, null);
    const empty = await fetch(`${api.base}/api/v1/sessions/cookie`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'vera' }),
    });
    assert.equal(empty.status, 400);
    const forged = await withCookie('/api/v1/me', 'tollgate_session=tg_000000000000_forged');
    assert.equal(forged.status, 401);
    const apiToken = await api.json('/api/v1/sessions/current', { role: 'viewer', method: 'DELETE' });
    assert.equal(apiToken.status, 409);
    assert.equal(apiToken.body.error.code, 'SESSION_NOT_A_SESSION');
    assert.equal((await api.json('/api/v1/me', { role: 'viewer' })).status, 200, 'the API token still works');
    assert.equal(await auditCount(), before);
  });
});
