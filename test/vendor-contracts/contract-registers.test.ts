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
import { recordCreditReceived, recordSlaBreach } from '../../src/app/contracts/record-sla-breach.js';
import { listContractSummaries, showContract } from '../../src/app/contracts/report-contracts.js';
import { listLicenceCompliance } from '../../src/app/contracts/report-licences.js';
import type { Stores } from '../../src/ports/stores.js';
import { snapshotDatabase } from '../support/database-snapshot.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { withStores } from '../support/with-stores.js';

const dir = makeTempDir();
const db = join(dir, 'contracts.duckdb');
const examples = packageRootPath('examples', 'contracts');
const audit = (stores: Stores) => auditRecorder(stores, commandLineActor());
const source = (path: string) => ({ what: `The file ${path}`, firstLine: path.endsWith('.csv') ? 2 : null });

async function loadContractsFile(stores: Stores, path: string) {
  return loadVendorContracts(
    stores,
    await readRegisterFile(stores, path, 'contracts'),
    source(path),
    'olivia',
    audit(stores),
  );
}
async function loadLicencesFile(stores: Stores, path: string) {
  return loadLicences(
    stores,
    await readRegisterFile(stores, path, 'licences'),
    source(path),
    'olivia',
    audit(stores),
  );
}
async function loadUsageFile(stores: Stores, path: string) {
  return loadLicenceUsage(
    stores,
    await readRegisterFile(stores, path, 'usage'),
    source(path),
    'olivia',
    audit(stores),
    { asOf: '2026-04-30' },
  );
}

function write(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

/** `work` must be refused with `code` and leave every table exactly as it was. */
async function refusedUnchanged(
  work: (stores: Stores) => Promise<unknown>,
  code: string,
  message: RegExp,
  kind: 'invalid-input' | 'not-found' | 'conflict' = 'invalid-input',
) {
  const before = await snapshotDatabase(db);
  const said = await withStores(db, (stores) => expectRefusal(() => work(stores), code, kind, message));
  assert.deepEqual(await snapshotDatabase(db), before, 'nothing was written');
  return said;
}

const LICENCE_HEADER =
  'id,product,publisher,metric,quantity,startsOn,endsOn,price,currency,contractId,ownerTeam';

describe('vendor contracts, licences and usage: loaded, versioned, audited, checked', () => {
  before(async () => {
    await withStores(db, (stores) =>
      applyCatalog(
        stores,
        packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
        commandLineActor(),
      ),
    );
  });

  it('loads the examples; loading again changes nothing; each change is one audit entry', async () => {
    const result = await withStores(db, async (stores) => {
      const auditBefore = (await stores.access.audit.listEntries({})).length;
      const contracts = await loadContractsFile(stores, join(examples, 'vendor-contracts.yaml'));
      const licences = await loadLicencesFile(stores, join(examples, 'licences.csv'));
      const usage = await loadUsageFile(stores, join(examples, 'licence-usage.csv'));
      const again = await loadContractsFile(stores, join(examples, 'vendor-contracts.yaml'));
      const entries = (await stores.access.audit.listEntries({})).slice(auditBefore);
      return { contracts, licences, usage, again, actions: entries.map((entry) => entry.action) };
    });
    assert.deepEqual(result.contracts.created, ['C-DATADOG-2026', 'C-JETBRAINS-2026']);
    assert.deepEqual(result.licences.created, ['L-IDEA-2026', 'L-DD-HOSTS-2026']);
    assert.deepEqual(result.usage.created, ['L-IDEA-2026@2026-04-30', 'L-DD-HOSTS-2026@2026-04-30']);
    assert.deepEqual(result.again, {
      created: [],
      updated: [],
      unchanged: ['C-DATADOG-2026', 'C-JETBRAINS-2026'],
    });
    assert.deepEqual(result.actions.sort(), [
      'contracts.create',
      'contracts.create',
      'licences.create',
      'licences.create',
      'licences.usage.create',
      'licences.usage.create',
    ]);
  });

  it('reports compliance: shelfware and shortfall with their cost, and says when usage is unknown', async () => {
    const licences = await withStores(db, (stores) => listLicenceCompliance(stores));
    const idea = licences.find((licence) => licence.licenceId === 'L-IDEA-2026')!;
    // 10 seats for 6 890.00: 4 held, 6 unused = 6 x 689.00.
    assert.deepEqual(
      [idea.used, idea.shelfware, idea.shelfwareCost, idea.shortfall, idea.status],
      [4, 6, '4134', 0, 'shelfware'],
    );
    const hosts = licences.find((licence) => licence.licenceId === 'L-DD-HOSTS-2026')!;
    // 64 cores for 36 000: 72 held, 8 beyond = 8 x 562.50.
    assert.deepEqual(
      [hosts.used, hosts.shortfall, hosts.shortfallCost, hosts.status],
      [72, 8, '4500', 'shortfall'],
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
            currency: 'EUR',
            contractId: 'C-JETBRAINS-2026',
            ownerTeam: 'platform',
          },
        ],
        { what: 'test', firstLine: null },
        'olivia',
        audit(stores),
      ),
    );
    const fresh = (await withStores(db, (stores) => listLicenceCompliance(stores))).find(
      (licence) => licence.licenceId === 'L-NEW',
    )!;
    assert.deepEqual([fresh.status, fresh.used, fresh.shelfwareCost], ['no-usage', null, null]);
  });

  it('versions a changed contract and keeps the old version in its history', async () => {
    const path = write(
      'contracts-changed.yaml',
      `contracts:\n  - id: C-JETBRAINS-2026\n    vendor: JetBrains\n    ownerTeam: platform\n    currency: EUR\n    startsOn: 2026-03-01\n    endsOn: 2027-02-28\n    noticeDays: 45\n`,
    );
    const change = await withStores(db, (stores) => loadContractsFile(stores, path));
    assert.deepEqual(change.updated, ['C-JETBRAINS-2026']);
    const shown = await withStores(db, (stores) => showContract(stores, 'C-JETBRAINS-2026'));
    assert.equal(shown.version, 2);
    assert.equal(shown.noticeBy, '2027-01-14');
    assert.deepEqual(
      shown.history.map((version) => version.version),
      [1, 2],
    );
  });

  it('records an SLA breach with the credit its schedule owes, then the credit received', async () => {
    // Datadog: fee 15 000, availability 99.9 with 10% below 99.9, 25% below 99.0, 50% below 95.
    const breach = await withStores(db, (stores) =>
      recordSlaBreach(
        stores,
        { contractId: 'C-DATADOG-2026', sla: 'availability', month: '2026-05', measured: '98.7' },
        'olivia',
        audit(stores),
      ),
    );
    assert.equal(breach.record.id, 'C-DATADOG-2026:availability:2026-05');
    assert.equal(breach.record.creditOwed, '3750');
    const paid = await withStores(db, (stores) =>
      recordCreditReceived(
        stores,
        breach.record.id,
        { amount: '3750', receivedOn: '2026-06-20' },
        'olivia',
        audit(stores),
      ),
    );
    assert.deepEqual(
      [paid.version, paid.record.creditReceived, paid.record.receivedOn],
      [2, '3750', '2026-06-20'],
    );
    const summary = (await withStores(db, (stores) => listContractSummaries(stores))).find(
      (contract) => contract.id === 'C-DATADOG-2026',
    )!;
    assert.deepEqual([summary.breaches, summary.creditOwed, summary.creditReceived], [1, '3750', '3750']);
    // No bill line of Datadog is loaded: the actual spend is unknown, not zero.
    assert.equal(summary.actualSpend, null);
    assert.equal(summary.commitmentRemaining, null);
  });

  it('refuses a licence with no contract, naming the line, and changes nothing', async () => {
    const path = write(
      'no-contract.csv',
      `${LICENCE_HEADER}\nL-X,Tool,,seats,5,2026-01-01,2026-12-31,100,EUR,,platform\nL-Y,Tool,,seats,5,2026-01-01,2026-12-31,100,EUR,C-NOPE,platform\n`,
    );
    const said = await refusedUnchanged(
      (stores) => loadLicencesFile(stores, path),
      'LICENCE_INVALID',
      /line 2: contractId is missing/,
    );
    assert.match(said, /line 3: contractId 'C-NOPE' is not a vendor contract/);
  });

  it('refuses broken licence fields: a term ending before it starts, zero seats, a bad price, a duplicate id', async () => {
    const path = write(
      'broken-licences.csv',
      [
        LICENCE_HEADER,
        'L-1,Tool,,seats,0,2026-01-01,2025-12-31,-5,EUR,C-JETBRAINS-2026,platform',
        'L-2,Tool,,licences,5,2026-01-01,2026-12-31,100,XYZ,C-JETBRAINS-2026,nobody',
        'L-3,Tool,,seats,5,2026-01-01,2026-12-31,100,EUR,C-JETBRAINS-2026,platform',
        'L-3,Tool,,seats,5,2026-01-01,2026-12-31,100,EUR,C-JETBRAINS-2026,platform',
      ].join('\n'),
    );
    const said = await refusedUnchanged(
      (stores) => loadLicencesFile(stores, path),
      'LICENCE_INVALID',
      /line 2: quantity '0'/,
    );
    for (const expected of [
      /line 2: endsOn 2025-12-31 is before startsOn 2026-01-01/,
      /line 2: price '-5' is not a decimal above zero/,
      /line 3: metric 'licences' is not one of seats, cores, users/,
      /line 3: currency 'XYZ' is not an ISO 4217 currency code/,
      /line 3: ownerTeam 'nobody' is not a team of the service catalogue/,
      /line 5: duplicate id 'L-3', already given at line 4/,
    ])
      assert.match(said, expected);
  });

  it('refuses broken contracts: notice beyond reason, credits above the target, SLAs without a fee', async () => {
    const said = await refusedUnchanged(
      (stores) =>
        loadVendorContracts(
          stores,
          [
            {
              id: 'C-BAD',
              vendor: 'X',
              ownerTeam: 'platform',
              currency: 'EUR',
              startsOn: '2026-01-01',
              endsOn: '2026-12-31',
              noticeDays: -3,
              autoRenews: 'maybe',
              slas: [
                {
                  name: 'up',
                  target: '99',
                  measurement: 'm',
                  credits: [{ below: '99.5', creditPercent: '10' }],
                },
              ],
            },
            {
              id: 'C-BAD',
              vendor: 'X',
              ownerTeam: 'platform',
              currency: 'EUR',
              startsOn: '2026-01-01',
              endsOn: '2026-12-31',
            },
          ],
          { what: 'The contracts sent', firstLine: null },
          'olivia',
          audit(stores),
        ),
      'CONTRACT_INVALID',
      /contract 1: noticeDays '-3' is not a whole number/,
    );
    for (const expected of [
      /contract 1: autoRenews 'maybe' is not true or false/,
      /contract 1: slas\[1\]: a credit below 99.5 is above the target 99/,
      /contract 1: monthlyFee is missing; SLA credits are a share of the monthly fee/,
      /contract 2: duplicate id 'C-BAD'/,
    ])
      assert.match(said, expected);
  });

  it('refuses usage of an unknown licence or team, or one holder twice', async () => {
    const path = write(
      'bad-usage.csv',
      'licenceId,assignee,team,quantity\nL-IDEA-2026,ana,payments,1\nL-IDEA-2026,ana,payments,1\nL-NOPE,bo,payments,1\nL-IDEA-2026,cy,nobody,x\n',
    );
    const said = await refusedUnchanged(
      (stores) => loadUsageFile(stores, path),
      'USAGE_INVALID',
      /line 3: ana already holds L-IDEA-2026 as of 2026-04-30 at line 2/,
    );
    assert.match(said, /line 4: licenceId 'L-NOPE' is not a licence/);
    assert.match(said, /line 5: quantity 'x' is not a whole number/);
    assert.match(said, /line 5: team 'nobody' is not a team/);
  });

  it('refuses breaches that are not: a level meeting the target, an unknown SLA, a month outside the term, twice, an unknown incident', async () => {
    const breach = (fields: Record<string, unknown>) => (stores: Stores) =>
      recordSlaBreach(
        stores,
        { contractId: 'C-DATADOG-2026', sla: 'availability', month: '2026-07', measured: '98', ...fields },
        'olivia',
        audit(stores),
      );
    await refusedUnchanged(breach({ measured: '99.95' }), 'SLA_MET', /meets the target 99.9%/);
    await refusedUnchanged(breach({ sla: 'latency' }), 'SLA_UNKNOWN', /its levels are availability/);
    await refusedUnchanged(breach({ month: '2027-01' }), 'SLA_OUTSIDE_TERM', /outside the term/);
    await refusedUnchanged(
      breach({ month: '2026-13', measured: '101' }),
      'SLA_BREACH_INVALID',
      /month '2026-13' is not a month/,
    );
    await refusedUnchanged(breach({ month: '2026-05' }), 'SLA_BREACH_EXISTS', /already recorded/, 'conflict');
    await refusedUnchanged(
      breach({ incidentId: 'INC-NOPE' }),
      'INCIDENT_NOT_FOUND',
      /no incident INC-NOPE/,
      'not-found',
    );
    await refusedUnchanged(
      breach({ contractId: 'C-NOPE' }),
      'CONTRACT_NOT_FOUND',
      /no vendor contract C-NOPE/,
      'not-found',
    );
    await refusedUnchanged(
      (stores) =>
        recordCreditReceived(
          stores,
          'C-DATADOG-2026:availability:2026-05',
          { amount: '9999', receivedOn: '2026-06-21' },
          'x',
          audit(stores),
        ),
      'SLA_CREDIT_INVALID',
      /more than the 3750 owed/,
    );
    await refusedUnchanged(
      (stores) =>
        recordCreditReceived(stores, 'nope', { amount: '1', receivedOn: '2026-06-21' }, 'x', audit(stores)),
      'SLA_BREACH_NOT_FOUND',
      /no SLA breach nope/,
      'not-found',
    );
  });
});
