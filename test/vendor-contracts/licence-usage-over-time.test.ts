import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { loadLicenceUsage } from '../../src/app/contracts/load-licence-usage.js';
import { loadLicences } from '../../src/app/contracts/manage-licences.js';
import { loadVendorContracts } from '../../src/app/contracts/manage-vendor-contracts.js';
import { reportLicenceUsage } from '../../src/app/contracts/report-licence-usage.js';
import { listLicenceCompliance } from '../../src/app/contracts/report-licences.js';
import type { ErrorKind } from '../../src/core/errors.js';
import type { Stores } from '../../src/ports/stores.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'licence-usage.duckdb');
const example = (name: string) => packageRootPath('examples', 'contracts', name);
const audit = (stores: Stores) => auditRecorder(stores, commandLineActor());
const HEADER = 'licenceId,assignee,team,quantity,asOf';

async function loadUsage(stores: Stores, path: string, asOf?: string) {
  return loadLicenceUsage(
    stores,
    await readRegisterFile(stores, path, 'usage'),
    { what: `The usage file ${path}`, firstLine: 2 },
    'olivia',
    audit(stores),
    asOf === undefined ? {} : { asOf },
  );
}

function write(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `work` must be refused with `code` and leave every table exactly as it was. */
async function refusedUnchanged(
  work: (stores: Stores) => Promise<unknown>,
  code: string,
  message: RegExp,
  kind: ErrorKind = 'invalid-input',
) {
  const before = await snapshotDatabase(db);
  const said = await withStores(db, (stores) => expectRefusal(() => work(stores), code, kind, message));
  assert.deepEqual(await snapshotDatabase(db), before, 'nothing was written');
  return said;
}

/**
 * The example history (examples/contracts/licence-usage-history.csv): Datadog hosts, 64 cores for
 * 36 000 USD over 2026 (365 days), at 56, 64, a mid-March spike of 88, then 72 cores; IntelliJ,
 * 10 seats for 6 890 EUR from 2026-03-01 to 2027-02-28 (365 days), at 3 then 4 seats. A month's
 * cost is price x units x days / (quantity x 365), rounded once to the cent.
 */
describe('licence usage over time: dated snapshots, month by month, peak usage', () => {
  before(async () => {
    await withStores(db, async (stores) => {
      await applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      );
      await loadVendorContracts(
        stores,
        await readRegisterFile(stores, example('vendor-contracts.yaml'), 'contracts'),
        { what: 'contracts', firstLine: null },
        'olivia',
        audit(stores),
      );
      await loadLicences(
        stores,
        await readRegisterFile(stores, example('licences.csv'), 'licences'),
        { what: 'licences', firstLine: 2 },
        'olivia',
        audit(stores),
      );
    });
  });

  it('keeps a snapshot per licence and day; loading the same file again changes nothing and audits nothing', async () => {
    const first = await withStores(db, (stores) => loadUsage(stores, example('licence-usage-history.csv')));
    assert.deepEqual(first.created, [
      'L-DD-HOSTS-2026@2026-01-31',
      'L-DD-HOSTS-2026@2026-02-28',
      'L-DD-HOSTS-2026@2026-03-15',
      'L-DD-HOSTS-2026@2026-03-31',
      'L-IDEA-2026@2026-03-31',
      'L-IDEA-2026@2026-04-30',
    ]);
    const before = await snapshotDatabase(db);
    const again = await withStores(db, (stores) => loadUsage(stores, example('licence-usage-history.csv')));
    assert.deepEqual([again.created, again.updated, again.unchanged.length], [[], [], 6]);
    assert.deepEqual(await snapshotDatabase(db), before, 'the same file twice is one load');
  });

  it('answers the point-in-time report as of the newest snapshot on or before a day', async () => {
    const inFebruary = await withStores(db, (stores) => listLicenceCompliance(stores, '2026-03-14'));
    const hosts = inFebruary.find((licence) => licence.licenceId === 'L-DD-HOSTS-2026')!;
    assert.deepEqual([hosts.usageAsOf, hosts.used, hosts.status], ['2026-02-28', 64, 'compliant']);
    const idea = inFebruary.find((licence) => licence.licenceId === 'L-IDEA-2026')!;
    assert.deepEqual([idea.usageAsOf, idea.used, idea.status], [null, null, 'no-usage']);
    const newest = await withStores(db, (stores) => listLicenceCompliance(stores));
    assert.deepEqual(
      newest.map((licence) => [licence.licenceId, licence.usageAsOf, licence.used]),
      [
        ['L-DD-HOSTS-2026', '2026-03-31', 72],
        ['L-IDEA-2026', '2026-04-30', 4],
      ],
    );
    await refusedUnchanged(
      (stores) => listLicenceCompliance(stores, '2026-02-30'),
      'LICENCE_BAD_DATE',
      /'2026-02-30' is not a date/,
      'usage',
    );
  });

  it('gives shortfall and shelfware month by month with their cost, the peak, and totals by currency', async () => {
    const report = await withStores(db, (stores) =>
      reportLicenceUsage(stores, { from: '2026-01', to: '2026-04' }),
    );
    const hosts = report.licences.find((licence) => licence.licenceId === 'L-DD-HOSTS-2026')!;
    assert.deepEqual(
      hosts.months.map((month) => [
        month.month,
        month.asOf,
        month.used,
        month.status,
        month.shortfallCost,
        month.shelfwareCost,
      ]),
      [
        // 8 unused cores in January: 36 000 x 8 x 31 / (64 x 365) = 382.19.
        ['2026-01', '2026-01-31', 56, 'shelfware', '0', '382.19'],
        ['2026-02', '2026-02-28', 64, 'compliant', '0', '0'],
        // 8 cores short at the end of March (31 days): 382.19; in April, carried forward (30 days): 369.86.
        ['2026-03', '2026-03-31', 72, 'shortfall', '382.19', '0'],
        ['2026-04', '2026-03-31', 72, 'shortfall', '369.86', '0'],
      ],
    );
    assert.deepEqual(hosts.peak, { used: 88, asOf: '2026-03-15' });
    const idea = report.licences.find((licence) => licence.licenceId === 'L-IDEA-2026')!;
    // The term starts in March: no month before it. 7 seats unused in March: 6 890 x 7 x 31 / 3 650 = 409.62.
    assert.deepEqual(
      idea.months.map((month) => [month.month, month.used, month.shelfware, month.shelfwareCost]),
      [
        ['2026-03', 3, 7, '409.62'],
        ['2026-04', 4, 6, '339.78'],
      ],
    );
    assert.deepEqual(idea.peak, { used: 4, asOf: '2026-04-30' });
    assert.deepEqual(
      report.totals.map((total) => [total.month, total.currency, total.shortfallCost, total.shelfwareCost]),
      [
        ['2026-01', 'USD', '0', '382.19'],
        ['2026-02', 'USD', '0', '0'],
        ['2026-03', 'EUR', '0', '409.62'],
        ['2026-03', 'USD', '382.19', '0'],
        ['2026-04', 'EUR', '0', '339.78'],
        ['2026-04', 'USD', '369.86', '0'],
      ],
    );
  });

  it('carries the snapshot in force into a later range, says when usage is unknown, and filters by product', async () => {
    const later = await withStores(db, (stores) =>
      reportLicenceUsage(stores, { from: '2026-06', to: '2026-06', product: 'IntelliJ IDEA Ultimate' }),
    );
    assert.deepEqual(
      later.licences.map((licence) => [licence.licenceId, licence.peak, licence.months[0]?.asOf]),
      [['L-IDEA-2026', { used: 4, asOf: '2026-06-01' }, '2026-04-30']],
    );
    const early = await withStores(db, (stores) =>
      reportLicenceUsage(stores, { from: '2025-12', to: '2026-01' }),
    );
    // The Datadog term starts in January; nothing was measured before the 31st, but January's end has it.
    assert.deepEqual(
      early.totals.map((total) => [total.month, total.currency, total.shelfwareCost, total.missing]),
      [['2026-01', 'USD', '382.19', []]],
    );
    await withStores(db, (stores) =>
      loadLicences(
        stores,
        [
          {
            id: 'L-NEW',
            product: 'New tool',
            metric: 'users',
            quantity: 3,
            startsOn: '2026-01-01',
            endsOn: '2026-12-31',
            price: '300',
            currency: 'USD',
            contractId: 'C-JETBRAINS-2026',
            ownerTeam: 'platform',
          },
        ],
        { what: 'test', firstLine: null },
        'olivia',
        audit(stores),
      ),
    );
    const withUnknown = await withStores(db, (stores) =>
      reportLicenceUsage(stores, { from: '2026-02', to: '2026-02' }),
    );
    const fresh = withUnknown.licences.find((licence) => licence.licenceId === 'L-NEW')!;
    assert.deepEqual(
      [fresh.peak, fresh.months[0]?.status, fresh.months[0]?.shelfwareCost],
      [null, 'no-usage', null],
    );
    assert.deepEqual(withUnknown.totals, [
      { month: '2026-02', currency: 'USD', shortfallCost: '0', shelfwareCost: '0', missing: ['L-NEW'] },
    ]);
  });

  it('replaces a day loaded again with new rows, keeping the other days; rows without a day take --as-of', async () => {
    const march = write('march-again.csv', [
      HEADER,
      'L-DD-HOSTS-2026,k8s-prod-pool-a,platform,60,2026-03-31',
    ]);
    const result = await withStores(db, (stores) => loadUsage(stores, march));
    assert.deepEqual(result.updated, ['L-DD-HOSTS-2026@2026-03-31']);
    const undated = write('undated.csv', [
      'licenceId,assignee,team,quantity',
      'L-DD-HOSTS-2026,pool-b,platform,10',
    ]);
    const may = await withStores(db, (stores) => loadUsage(stores, undated, '2026-05-31'));
    assert.deepEqual(may.created, ['L-DD-HOSTS-2026@2026-05-31']);
    const report = await withStores(db, (stores) =>
      reportLicenceUsage(stores, { from: '2026-02', to: '2026-05' }),
    );
    const hosts = report.licences.find((licence) => licence.licenceId === 'L-DD-HOSTS-2026')!;
    assert.deepEqual(
      hosts.months.map((month) => [month.month, month.used]),
      [
        ['2026-02', 64],
        ['2026-03', 60],
        ['2026-04', 60],
        ['2026-05', 10],
      ],
    );
    const history = await withStores(db, (stores) => stores.access.audit.listEntries({}));
    const replaced = history.filter((entry) => entry.target === 'licence-usage:L-DD-HOSTS-2026@2026-03-31');
    assert.deepEqual(
      replaced.map((entry) => entry.action),
      ['licences.usage.create', 'licences.usage.update'],
    );
  });

  it('refuses a bad day, a negative quantity, an unknown licence, a holder twice on one day; nothing changes', async () => {
    const path = write('broken-usage.csv', [
      HEADER,
      'L-IDEA-2026,ana,payments,1,2026-02-30',
      'L-IDEA-2026,ben,payments,-2,2026-05-31',
      'L-NOPE,cy,payments,1,2026-05-31',
      'L-IDEA-2026,dara,platform,1,2026-05-31',
      'L-IDEA-2026,dara,platform,1,2026-05-31',
      'L-IDEA-2026,dara,platform,1,2026-06-30',
    ]);
    const said = await refusedUnchanged(
      (stores) => loadUsage(stores, path),
      'USAGE_INVALID',
      /line 2: asOf '2026-02-30' is not a date/,
    );
    for (const expected of [
      /line 3: quantity '-2' is not a whole number from 1/,
      /line 4: licenceId 'L-NOPE' is not a licence; load the licence first/,
      /line 6: dara already holds L-IDEA-2026 as of 2026-05-31 at line 5/,
    ])
      assert.match(said, expected);
    assert.doesNotMatch(said, /line 7/, 'the same holder on another day is another snapshot');
    await refusedUnchanged(
      (stores) => loadUsage(stores, write('ok.csv', [HEADER, 'L-IDEA-2026,ana,payments,1,']), 'May'),
      'USAGE_INVALID',
      /as-of day 'May' is not a date/,
    );
  });

  it('refuses a range that is not months, runs backwards or is too long, and an unknown product', async () => {
    const range = (from: string, to: string, product?: string) => (stores: Stores) =>
      reportLicenceUsage(stores, { from, to, ...(product === undefined ? {} : { product }) });
    await refusedUnchanged(
      range('2026-13', '2026-12'),
      'LICENCE_BAD_RANGE',
      /from '2026-13' is not a month/,
      'usage',
    );
    await refusedUnchanged(
      range('2026-05', '2026-01'),
      'LICENCE_BAD_RANGE',
      /to 2026-01 is before from 2026-05/,
      'usage',
    );
    await refusedUnchanged(range('2000-01', '2026-01'), 'LICENCE_BAD_RANGE', /more than 120 months/, 'usage');
    await refusedUnchanged(
      range('2026-01', '2026-02', 'Emacs'),
      'LICENCE_PRODUCT_UNKNOWN',
      /the products are Datadog Infrastructure, IntelliJ IDEA Ultimate, New tool/,
      'not-found',
    );
  });
});
