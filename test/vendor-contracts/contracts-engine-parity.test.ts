import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { addWebhook } from '../../src/app/alerting/manage-alerts.js';
import { openNotifier } from '../../src/app/alerting/open-notifier.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { readRegisterFile } from '../../src/app/assets/read-register-file.js';
import { auditRecorder, commandLineActor } from '../../src/app/audit/record-audit.js';
import { loadLicenceUsage } from '../../src/app/contracts/load-licence-usage.js';
import { loadLicences } from '../../src/app/contracts/manage-licences.js';
import { loadVendorContracts } from '../../src/app/contracts/manage-vendor-contracts.js';
import { postLicenceCosts } from '../../src/app/contracts/post-licence-costs.js';
import { raiseRenewalAlerts } from '../../src/app/contracts/renewal-alerts.js';
import { listContractSummaries } from '../../src/app/contracts/report-contracts.js';
import { reportLicenceUsage } from '../../src/app/contracts/report-licence-usage.js';
import { listLicenceCompliance } from '../../src/app/contracts/report-licences.js';
import { ingestBillingFiles } from '../../src/app/costs/ingest-billing-files.js';
import { LICENCE_LINE_COLUMNS, licenceCostLines } from '../../src/core/contracts/licence-cost-lines.js';
import { writeCsv } from '../../src/core/csv/write-csv.js';
import { Decimal } from '../../src/core/money.js';
import type { Stores } from '../../src/ports/stores.js';
import { ENGINES, openFreshStores } from '../support/open-both-engines.js';
import { makeTempDir } from '../support/temp-dir.js';

const examples = packageRootPath('examples', 'contracts');
const dir = makeTempDir();

/**
 * A Datadog bill as a FOCUS file: three monthly lines of 5 000.10 USD in 2026, written with
 * the licence lines' columns and the vendor's own provider, account and issuer.
 */
function writeDatadogBill(): string {
  const template = licenceCostLines(
    [
      {
        licence: {
          id: 'dd-usage',
          product: 'Datadog Infrastructure',
          publisher: 'Datadog',
          metric: 'cores',
          quantity: 1,
          startsOn: '2026-01-01',
          endsOn: '2026-03-31',
          price: '15000.30',
          currency: 'USD',
          contractId: 'C-DATADOG-2026',
          ownerTeam: 'observability',
        },
        usage: undefined,
      },
    ],
    '2026-03',
  );
  const at = (name: (typeof LICENCE_LINE_COLUMNS)[number]) => LICENCE_LINE_COLUMNS.indexOf(name);
  const rows = template.map((line) => {
    const row = [...line];
    for (const column of ['ProviderName', 'InvoiceIssuerName', 'PublisherName'] as const)
      row[at(column)] = 'Datadog';
    row[at('BillingAccountId')] = 'dd-1234';
    row[at('BillingAccountName')] = 'Datadog org';
    return row;
  });
  const path = join(dir, 'datadog-2026.csv');
  writeFileSync(
    path,
    writeCsv(
      LICENCE_LINE_COLUMNS.map((label, index) => ({
        label,
        kind: ['BilledCost', 'ContractedCost', 'EffectiveCost', 'ListCost'].includes(label)
          ? 'number'
          : 'text',
        value: (row: string[]) => (row[index] === '' ? null : row[index]!),
      })),
      rows,
    ),
  );
  return path;
}

async function setUp(stores: Stores) {
  const audit = auditRecorder(stores, commandLineActor());
  await applyCatalog(
    stores,
    packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
    commandLineActor(),
  );
  const file = (name: string) => join(examples, name);
  const what = (name: string) => ({ what: name, firstLine: name.endsWith('.csv') ? 2 : null });
  await loadVendorContracts(
    stores,
    await readRegisterFile(stores, file('vendor-contracts.yaml'), 'contracts'),
    what('c.yaml'),
    'o',
    audit,
  );
  await loadLicences(
    stores,
    await readRegisterFile(stores, file('licences.csv'), 'licences'),
    what('l.csv'),
    'o',
    audit,
  );
  await loadLicenceUsage(
    stores,
    await readRegisterFile(stores, file('licence-usage.csv'), 'usage'),
    what('u.csv'),
    'o',
    audit,
    { asOf: '2026-06-30' },
  );
  await loadLicenceUsage(
    stores,
    await readRegisterFile(stores, file('licence-usage-history.csv'), 'usage'),
    what('h.csv'),
    'o',
    audit,
  );
  const posted = await postLicenceCosts(stores, { through: '2027-02', recordChange: audit });
  await ingestBillingFiles(stores, [writeDatadogBill()], {
    onError: 'fail',
    dryRun: false,
    rejectReportPath: join(makeTempDir(), 'rejected.csv'),
    recordChange: audit,
  });
  const byTeam = await stores.costs.queryCosts({
    groupBy: ['tag:team', 'provider'],
    metric: 'effective',
    filters: [],
  });
  return {
    posted: { lines: posted.lines, licences: posted.licences, totals: posted.totals },
    byTeam: byTeam
      .map((row) => [row.dimensions['tag:team'], row.dimensions.provider, row.currency, row.cost])
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))),
    contracts: await listContractSummaries(stores),
    licences: await listLicenceCompliance(stores),
    licencesInMarch: await listLicenceCompliance(stores, '2026-03-20'),
    trend: await reportLicenceUsage(stores, { from: '2025-12', to: '2026-07' }),
  };
}

describe('contracts and licences on both engines: the same figures, renewal alerts delivered', () => {
  const received: { body: Record<string, unknown> }[] = [];
  let server: Server;
  let url: string;
  const opened: Stores[] = [];
  before(async () => {
    server = createServer((request, response) => {
      let text = '';
      request.on('data', (chunk) => {
        text += chunk;
      });
      request.on('end', () => {
        received.push({ body: JSON.parse(text) as Record<string, unknown> });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  after(async () => {
    for (const stores of opened) await stores.close().catch(() => undefined);
    await new Promise((resolve) => server.close(resolve));
  });

  it('posts licence cost by holder, sets bills against the commitment, and reports compliance alike', async () => {
    const results = [];
    for (const engine of ENGINES) {
      const stores = await openFreshStores(engine);
      opened.push(stores);
      results.push(await setUp(stores));
    }
    const [duck, pg] = results;
    assert.deepEqual(pg, duck, 'PostgreSQL gives what DuckDB gives');
    // Usage over time: the history's March-end Datadog shortfall, then the June snapshot carried into July.
    const hosts = duck!.trend.licences.find((licence) => licence.licenceId === 'L-DD-HOSTS-2026')!;
    assert.deepEqual(
      hosts.months.map((month) => [month.month, month.used]),
      [
        ['2026-01', 56],
        ['2026-02', 64],
        ['2026-03', 72],
        ['2026-04', 72],
        ['2026-05', 72],
        ['2026-06', 72],
        ['2026-07', 72],
      ],
    );
    assert.deepEqual(
      duck!.licencesInMarch.map((licence) => [licence.licenceId, licence.usageAsOf]),
      [
        ['L-DD-HOSTS-2026', '2026-03-15'],
        ['L-IDEA-2026', null],
      ],
    );
    // The whole price of each licence is posted, to the cent.
    assert.deepEqual(duck!.posted.totals.map((total) => [total.currency, total.amount]).sort(), [
      ['EUR', '6890'],
      ['USD', '36000'],
    ]);
    // IDEA: 10 seats, 4 held: payments 2 (1378), search 1 (689), platform 1 + 6 unused (4823).
    const idea = duck!.byTeam.filter((row) => row[1] === 'Tollgate licence register' && row[2] === 'EUR');
    assert.deepEqual(
      idea.map((row) => [row[0], new Decimal(row[3]!).toFixed()]),
      [
        ['payments', '1378'],
        ['platform', '4823'],
        ['search', '689'],
      ],
    );
    const datadog = duck!.contracts.find((contract) => contract.id === 'C-DATADOG-2026')!;
    assert.deepEqual(
      [datadog.committedSpend, datadog.actualSpend, datadog.commitmentRemaining],
      ['180000', '15000.3', '164999.7'],
    );
    const jetbrains = duck!.contracts.find((contract) => contract.id === 'C-JETBRAINS-2026')!;
    assert.equal(jetbrains.actualSpend, null, 'no JetBrains bill: unknown, not zero');
  });

  it('raises one renewal alert per notice deadline through the webhooks, keeps it once, resolves it when notice moves', async () => {
    const stores = opened[1]!;
    // The receiver runs on this machine: on-premises receivers allowed, as their operator would set it.
    await addWebhook(stores, {
      url,
      format: 'json',
      secret: 'a-secret-of-16-chars-or-more',
      allowPrivate: true,
    });
    const notifier = openNotifier({ allowPrivate: true, attempts: 1, timeoutMs: 5000, backoffMs: 0 });
    const first = await raiseRenewalAlerts(stores, notifier, '2026-09-15', '90', commandLineActor());
    assert.deepEqual(
      first.notices.map((notice) => [notice.contractId, notice.noticeBy, notice.daysToNotice]),
      [['C-DATADOG-2026', '2026-11-01', 47]],
    );
    assert.equal(first.opened.length, 1);
    assert.deepEqual(
      first.deliveries.map((delivery) => delivery.delivered),
      [true],
    );
    assert.equal(received.length, 1);
    assert.equal(received[0]!.body.kind, 'renewal');
    assert.match(
      String(received[0]!.body.title),
      /Contract C-DATADOG-2026 with Datadog: give notice by 2026-11-01/,
    );
    const again = await raiseRenewalAlerts(stores, notifier, '2026-09-16', '90', commandLineActor());
    assert.deepEqual(
      [again.opened.length, again.stillOpen, again.deliveries.length],
      [0, [first.opened[0]!.id], 0],
    );
    await loadVendorContracts(
      stores,
      [{ ...(await stores.contracts.listCurrent('vendor-contract'))[0]!.record, noticeDays: 30 }],
      { what: 'the change', firstLine: null },
      'o',
      auditRecorder(stores, commandLineActor()),
    );
    const moved = await raiseRenewalAlerts(stores, notifier, '2026-09-17', '90', commandLineActor());
    assert.deepEqual(moved.resolved, [first.opened[0]!.id]);
    assert.equal(moved.opened[0]?.key, 'contract:C-DATADOG-2026:notice:2026-12-01');
    assert.equal(received.length, 2);
  });
});
