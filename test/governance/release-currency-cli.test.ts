import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { addRates } from '../../src/app/currency/manage-exchange-rates.js';
import { listReleases, showRelease } from '../../src/app/governance/releases/manage-releases.js';
import { reportReleaseActuals } from '../../src/app/governance/releases/release-actuals-report.js';
import { openTollgate } from '../../src/app/open-tollgate.js';
import { loadConfig } from '../../src/config/tollgate-config.js';
import type { Stores } from '../../src/ports/stores.js';
import { demoGovernanceOf } from '../support/demo-governance-db.js';
import { runCliInProcess } from '../support/in-process-cli.js';
import { makeTempDir } from '../support/temp-dir.js';

const addDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

async function withDb<T>(dbPath: string, work: (stores: Stores) => Promise<T>): Promise<T> {
  const stores = await openTollgate(loadConfig({ db: dbPath }, {}));
  try {
    return await work(stores);
  } finally {
    await stores.close();
  }
}

/** The CLI's release list, show and actuals with --currency answer what the API's use cases answer. */
describe('tollgate release list|show|actuals --currency', () => {
  const dbPath = join(makeTempDir(), 'releases.duckdb');
  let id = '';
  const json = (value: unknown) => JSON.parse(JSON.stringify(value));
  before(async () => {
    await demoGovernanceOf(8)(dbPath);
    await withDb(dbPath, async (stores) => {
      const releases = await stores.governance.releases.listReleases();
      id = releases.find((r) => r.status === 'closed')?.id ?? releases[0]!.id;
      // A USD->EUR rate for every day from the first release's creation to well after the last deployment.
      const first = releases.map((r) => r.createdAt.slice(0, 10)).sort()[0]!;
      const rates = [];
      for (let d = first, i = 0; i < 200; d = addDay(d), i++)
        rates.push({ date: d, from: 'USD', to: 'EUR', rate: `0.9${i % 10}1` });
      await addRates(stores, rates);
    });
  });

  it('prints in the asked currency exactly what the use cases give, and says how it converted', async () => {
    const reporting = { currency: 'EUR', rateBasis: 'day' as const };
    const expected = await withDb(dbPath, async (stores) => ({
      list: json(await listReleases(stores, reporting)),
      show: json(await showRelease(stores, id, undefined, reporting)),
      actuals: json(await reportReleaseActuals(stores, id, reporting)),
    }));
    assert.ok(expected.show.conversion, 'the use case converted');
    const list = await runCliInProcess(['--db', dbPath, 'release', 'list', '--currency', 'EUR', '--json']);
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(JSON.parse(list.stdout), expected.list);
    const show = await runCliInProcess([
      '--db',
      dbPath,
      'release',
      'show',
      id,
      '--currency',
      'EUR',
      '--json',
    ]);
    assert.deepEqual(JSON.parse(show.stdout), expected.show);
    const actuals = await runCliInProcess([
      ...['--db', dbPath, 'release', 'actuals', id, '--currency', 'EUR', '--json'],
    ]);
    assert.deepEqual(JSON.parse(actuals.stdout), expected.actuals);
    const text = await runCliInProcess(['--db', dbPath, 'release', 'show', id, '--currency', 'EUR']);
    assert.equal(text.code, 0, text.stderr);
    assert.match(text.stdout, /^estimate [\d,.]+ EUR/m);
    assert.match(
      text.stdout,
      /in EUR \(the release's own currency is USD; day rates\): each part at the rate/,
    );
    const own = await runCliInProcess(['--db', dbPath, 'release', 'show', id]);
    assert.match(own.stdout, /^estimate [\d,.]+ USD/m);
    assert.doesNotMatch(own.stdout, /the release's own currency is/);
  });

  it('refuses an unknown currency and a currency with no rates, changing nothing', async () => {
    const snapshot = () =>
      withDb(dbPath, async (stores) =>
        json({
          releases: await stores.governance.releases.listReleases(),
          rates: await stores.exchangeRates.listRates({}),
        }),
      );
    const before = await snapshot();
    const unknown = await runCliInProcess(['--db', dbPath, 'release', 'show', id, '--currency', 'EURO']);
    assert.equal(unknown.code, 2, unknown.stdout);
    assert.match(unknown.stderr, /CURRENCY_UNKNOWN/);
    const missing = await runCliInProcess(['--db', dbPath, 'release', 'actuals', id, '--currency', 'GBP']);
    assert.equal(missing.code, 1, missing.stdout);
    assert.match(missing.stderr, /RATE_MISSING/);
    assert.match(missing.stderr, /USD->GBP/);
    assert.deepEqual(await snapshot(), before);
  });
});
