import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';
import { runCli } from '../support/run-cli.js';

const FIXTURES = new URL('../governance/fixtures/', import.meta.url).pathname;

/** Catalogue (production, staging), policy (production windows Mon-Thu 09-17 UTC), two freezes. */
async function prepareCalendar(dbPath: string) {
  for (const args of [
    ['catalog', 'apply', join(FIXTURES, 'catalog.yaml')],
    ['ratecard', 'apply', join(FIXTURES, 'rates.yaml')],
    ['changes', 'policy', 'apply', join(FIXTURES, 'governance.yaml')],
    [
      'freeze',
      'add',
      '--env',
      'production',
      '--from',
      '2026-12-20T00:00:00Z',
      '--until',
      '2027-01-04T00:00:00Z',
      '--reason',
      'year end',
    ],
    ['freeze', 'add', '--env', '*', '--cron', '* * * * 5', '--reason', 'no Friday deploys'],
  ]) {
    const result = await runCli(['--db', dbPath, ...args]);
    assert.equal(result.code, 0, `${args.join(' ')}: ${result.stderr}`);
  }
}

describe('GET /api/v1/calendar: freezes, windows and break-glass in force', async () => {
  const api = await startApi({}, {}, prepareCalendar);

  it('says production is frozen in the year-end freeze and staging is not', async () => {
    // Tuesday 2026-12-22 10:00 UTC: inside the production window, inside the one-off freeze.
    const { status, body } = await api.json('/api/v1/calendar?at=2026-12-22T10:00:00Z', { role: 'viewer' });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.at, '2026-12-22T10:00:00.000Z');
    const production = body.environments.find(
      (env: { environment: string }) => env.environment === 'production',
    );
    const staging = body.environments.find((env: { environment: string }) => env.environment === 'staging');
    assert.deepEqual(production.frozenBy.length, 1);
    assert.equal(production.windowOpen, true);
    assert.equal(production.mayDeploy, false);
    assert.deepEqual(staging.frozenBy, []);
    assert.equal(staging.unrestricted, true);
    assert.equal(staging.mayDeploy, true);
    const yearEnd = body.freezes.find((freeze: { reason: string }) => freeze.reason === 'year end');
    assert.equal(yearEnd.activeNow, true);
    // A window without a zone of its own is read in the policy's zone (UTC by default), and says so.
    assert.deepEqual(body.windows, [{ environment: 'production', cron: '* 9-16 * * 1-4', timeZone: 'UTC' }]);
  });

  it('says when the production window opens next outside it, and applies an every-environment freeze', async () => {
    // Friday 2026-11-20 20:00 UTC: outside the Mon-Thu window, inside the Friday freeze for '*'.
    const { body } = await api.json('/api/v1/calendar?at=2026-11-20T20:00:00Z');
    const production = body.environments.find(
      (env: { environment: string }) => env.environment === 'production',
    );
    assert.equal(production.windowOpen, false);
    assert.equal(production.nextOpening, '2026-11-23T09:00:00.000Z');
    assert.equal(production.frozenBy.length, 1);
    const staging = body.environments.find((env: { environment: string }) => env.environment === 'staging');
    assert.equal(staging.mayDeploy, false, 'the Friday freeze covers every environment');
  });

  it('refuses a time that is not ISO with a stable code and a plain message', async () => {
    for (const at of ['next tuesday', '2026-13-45', '22/12/2026']) {
      const { status, body } = await api.json(`/api/v1/calendar?at=${encodeURIComponent(at)}`);
      assert.equal(status, 400, at);
      assert.equal(body.error.code, 'CALENDAR_BAD_TIME');
      assert.match(body.error.message, /ISO date/);
    }
  });

  it('needs a token', async () => {
    const { status, body } = await api.json('/api/v1/calendar', { role: null });
    assert.equal(status, 401);
    assert.match(body.error.code, /^AUTH_/);
  });
});
