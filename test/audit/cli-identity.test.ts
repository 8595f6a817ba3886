import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { daysFrom, ingestFixture, weeklyCost } from '../budgets/cost-fixture.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCli } from '../support/run-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const ADMIN = { name: 'cli:setup', tokenId: null, address: 'local' };

/** The CLI acts as a token's user (role checked as the API checks it) or as the OS user. */
describe('the CLI as an identity', () => {
  const dir = makeTempDir('tollgate-identity-');
  const db = join(dir, 'identity.duckdb');
  const tokens: Record<string, string> = {};
  const set = (amount: string, env: NodeJS.ProcessEnv = {}, extra: string[] = []) =>
    runCli(
      [
        '--db',
        db,
        ...extra,
        'budgets',
        'set',
        'payments',
        '--scope',
        'tag:team=payments',
        '--amount',
        amount,
        '--currency',
        'USD',
        '--json',
      ],
      { env },
    );

  before(async () => {
    const lines = daysFrom('2026-01-01', 40).map((day) => ({
      day,
      cost: weeklyCost(day, 100),
      team: 'payments',
    }));
    await ingestFixture(db, dir, 'costs.csv', lines);
    await withStores(db, async (stores) => {
      for (const [name, role] of [
        ['fay', 'finance-admin'],
        ['vic', 'viewer'],
      ] as const) {
        await addUser(stores, ADMIN, { name, role, scopes: [] });
        tokens[name] = (
          await createToken(stores, ADMIN, { user: name, label: 'cli', expiresIn: '1d' })
        ).token;
      }
    });
  });

  it('refuses a token whose role lacks the permission, and a token that is not valid, writing nothing', async () => {
    const before = await snapshotDatabase(db);
    const viewer = await set('100', {}, ['--token', tokens.vic!]);
    assert.equal(viewer.code, 1);
    assert.match(
      viewer.stderr,
      /error \[AUTH_FORBIDDEN\]: The role viewer may not do this \(it needs budgets:write\)/,
    );
    const bad = await set('100', { TOLLGATE_TOKEN: 'tg_nope' });
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /error \[AUTH_(MALFORMED|BAD)_TOKEN\]/);
    assert.deepEqual(await snapshotDatabase(db), before);
  });

  it('records the token user (TOLLGATE_TOKEN) or the OS user as the actor of the audit entry and the budget version', async () => {
    assert.equal((await set('100', { TOLLGATE_TOKEN: tokens.fay! })).code, 0);
    const local = await set('200');
    assert.equal(local.code, 0, local.stderr);
    const history = await runCli(['--db', db, 'budgets', 'history', 'payments', '--json']);
    const by = JSON.parse(history.stdout).map((v: { changedBy: string }) => v.changedBy);
    assert.equal(by[0], 'user:fay');
    assert.match(by[1], /^cli:/);
    const entries = await withStores(db, (stores) =>
      stores.access.audit.listEntries({ target: 'budget:payments', limit: 10 }),
    );
    assert.deepEqual(
      entries.map((e) => [e.actor, e.tokenId !== null, e.action]),
      [
        ['user:fay', true, 'budgets.set'],
        [by[1], false, 'budgets.set'],
      ],
    );
    const diff = await runCli(['--db', db, 'budgets', 'diff', 'payments', '--from', '2', '--to', '1']);
    assert.equal(diff.code, 1);
    assert.match(
      diff.stderr,
      /error \[BUDGET_VERSION_ORDER\]: --from \(2\) must be an earlier version than --to \(1\)/,
    );
  });
});
