import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { createToken } from '../../src/app/access/manage-tokens.js';
import { addUser } from '../../src/app/access/manage-users.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { daysFrom, writeFocusFixture } from '../budgets/cost-fixture.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const SETUP = { name: 'cli:setup', tokenId: null, address: 'local' };
const example = (...parts: string[]) => packageRootPath('examples', ...parts);

interface TokenWrite {
  args: () => string[];
  /** The audit action of each entry a valid call adds. */
  action: RegExp;
  /** The permission the API's route for the same action asks, named in the refusal. */
  permission: string;
}

/**
 * Every state-changing command that used to act as the OS user whatever --token said: with a
 * token it acts as the token's user, refused (nothing written) when the token's role lacks the
 * permission the API asks for the same action, or when the token is unknown.
 */
describe('state-changing CLI commands act as their token (in-process CLI, real DuckDB file)', () => {
  const dir = makeTempDir('tollgate-token-writes-');
  const db = join(dir, 'tokens.duckdb');
  const tokens: Record<string, string> = {};
  const billing = join(dir, 'billing.csv');
  const rates = join(dir, 'rates.csv');
  const journalMap = join(dir, 'map.yaml');
  const invoices = join(dir, 'invoices.csv');
  writeFocusFixture(
    billing,
    daysFrom('2026-01-01', 5).map((day) => ({ day, cost: '10.25', team: 'payments' })),
  );
  writeFileSync(rates, 'date,from,to,rate\n2026-01-02,USD,EUR,0.9213\n');
  writeFileSync(
    journalMap,
    'clearing_account: "2100"\nexpense_account: "6100"\ncost_centres:\n  cc: CC100\n  unallocated: CC999\n',
  );
  writeFileSync(invoices, 'invoice_id,account,period,currency,amount,tax\nINV-T,m1,2026-01,EUR,100,19\n');
  let loadId = '';

  /** In the order they run: `sources remove` removes the load `ingest` made. */
  const WRITES: Record<string, TokenWrite> = {
    ingest: { args: () => ['ingest', billing], action: /^ingest\.load$/, permission: 'sources:write' },
    'costs add': {
      args: () => ['costs', 'add', example('costs', 'it-costs.csv')],
      action: /^costs\.add$/,
      permission: 'sources:write',
    },
    'rates add': {
      args: () => ['rates', 'add', '2026-01-05', 'USD', 'EUR', '0.93'],
      action: /^rates\.save$/,
      permission: 'sources:write',
    },
    'rates load': {
      args: () => ['rates', 'load', rates],
      action: /^rates\.save$/,
      permission: 'sources:write',
    },
    'assets load': {
      args: () => ['assets', 'load', example('assets', 'asset-register.csv')],
      action: /^assets\.create$/,
      permission: 'sources:write',
    },
    'assets post': {
      args: () => ['assets', 'post', '--through', '2025-06'],
      // Depreciation is posted as a load of cost lines.
      action: /^ingest\.load$/,
      permission: 'sources:write',
    },
    'contracts load': {
      args: () => ['contracts', 'load', example('contracts', 'vendor-contracts.yaml')],
      action: /^contracts\.create$/,
      permission: 'sources:write',
    },
    'contracts breach': {
      args: () => [
        'contracts',
        'breach',
        'C-DATADOG-2026',
        '--sla',
        'availability',
        '--month',
        '2026-02',
        '--measured',
        '99.5',
      ],
      action: /^contracts\.sla-breach\.create$/,
      permission: 'sources:write',
    },
    'contracts credit': {
      args: () => [
        'contracts',
        'credit',
        'C-DATADOG-2026:availability:2026-02',
        '--amount',
        '1500',
        '--received-on',
        '2026-03-20',
      ],
      action: /^contracts\.sla-breach\.credit$/,
      permission: 'sources:write',
    },
    'licences load': {
      args: () => ['licences', 'load', example('contracts', 'licences.csv')],
      action: /^licences\.create$/,
      permission: 'sources:write',
    },
    'licences usage': {
      args: () => ['licences', 'usage', example('contracts', 'licence-usage.csv')],
      action: /^licences\.usage/,
      permission: 'sources:write',
    },
    'licences post': {
      args: () => ['licences', 'post', '--through', '2026-06'],
      // Licence cost is posted as a load of cost lines.
      action: /^ingest\.load$/,
      permission: 'sources:write',
    },
    'journal map apply': {
      args: () => ['journal', 'map', 'apply', journalMap],
      action: /^journal\.map\.apply$/,
      permission: 'allocation:run',
    },
    'invoices load': {
      args: () => ['invoices', 'load', invoices],
      action: /^invoices\.load$/,
      permission: 'sources:write',
    },
    'invoices tolerance set': {
      args: () => ['invoices', 'tolerance', 'set', '--default', '--absolute', '5'],
      action: /^invoices\.tolerance\.set$/,
      permission: 'allocation:run',
    },
    'invoices tolerance remove': {
      args: () => ['invoices', 'tolerance', 'remove', '--default'],
      action: /^invoices\.tolerance\.remove$/,
      permission: 'allocation:run',
    },
    'users add': {
      args: () => ['users', 'add', 'dana', '--role', 'viewer'],
      action: /^users\.add$/,
      permission: 'users:admin',
    },
    'users remove': {
      args: () => ['users', 'remove', 'dana'],
      action: /^users\.remove$/,
      permission: 'users:admin',
    },
    'sources remove': {
      args: () => ['sources', 'remove', loadId],
      action: /^sources\.remove$/,
      permission: 'sources:write',
    },
  };

  before(async () => {
    await withStores(db, async (stores) => {
      await applyCatalog(stores, packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'), SETUP);
      for (const [name, role] of [
        ['ada', 'admin'],
        ['vic', 'viewer'],
      ] as const) {
        await addUser(stores, SETUP, { name, role, scopes: [] });
        tokens[name] = (
          await createToken(stores, SETUP, { user: name, label: 'cli', expiresIn: '1d' })
        ).token;
      }
    });
  });

  async function auditEntries() {
    return withStores(db, (stores) => stores.access.audit.listEntries({}));
  }

  it('each write: a viewer token and an unknown token are refused with nothing written; an admin token acts as its user', async () => {
    for (const [path, write] of Object.entries(WRITES)) {
      if (path === 'sources remove') loadId = await findLoad();
      const before = await snapshotDatabase(db);
      const viewer = await runCliInProcess(['--db', db, '--token', tokens.vic!, ...write.args()]);
      assert.equal(viewer.code, 1, `${path}: ${viewer.stderr}`);
      assert.match(
        viewer.stderr,
        new RegExp(
          `error \\[AUTH_FORBIDDEN\\]: The role viewer may not do this \\(it needs ${write.permission}\\)`,
        ),
        path,
      );
      const unknown = await runCliInProcess([
        '--db',
        db,
        '--token',
        'tg_nosuchtoken0000000000',
        ...write.args(),
      ]);
      assert.equal(unknown.code, 1, `${path}: ${unknown.stderr}`);
      assert.match(unknown.stderr, /error \[AUTH_(MALFORMED|BAD)_TOKEN\]/, path);
      assert.deepEqual(await snapshotDatabase(db), before, `${path}: a refused call wrote something`);

      const entriesBefore = (await auditEntries()).length;
      process.env.TOLLGATE_TOKEN = tokens.ada;
      const ok = await runCliInProcess(['--db', db, ...write.args()]).finally(() => {
        delete process.env.TOLLGATE_TOKEN;
      });
      assert.equal(ok.code, 0, `${path}: ${ok.stderr}`);
      const added = (await auditEntries()).slice(entriesBefore);
      assert.ok(added.length > 0, `${path}: no audit entry`);
      for (const entry of added) {
        assert.match(entry.action, write.action, path);
        assert.equal(entry.actor, 'user:ada', path);
        assert.notEqual(entry.tokenId, null, path);
      }
    }
  });

  /** The load `ingest` made, from its audit entry's target (`load:<id>`). */
  async function findLoad(): Promise<string> {
    const ingested = (await auditEntries()).find((e) => e.action === 'ingest.load');
    assert.ok(ingested, 'ingest recorded no load');
    return String(ingested.target).replace(/^load:/, '');
  }
});
