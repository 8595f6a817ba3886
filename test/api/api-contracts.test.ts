import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { packageRootPath } from '../../src/adapters/package-root.js';
import { applyCatalog } from '../../src/app/allocation/manage-catalog.js';
import { commandLineActor } from '../../src/app/audit/record-audit.js';
import type { Role } from '../../src/core/access/roles.js';
import { startApi } from './api-harness.js';

const CONTRACT = {
  id: 'C-DD',
  vendor: 'Datadog',
  ownerTeam: 'observability',
  currency: 'USD',
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  noticeDays: 60,
  autoRenews: true,
  committedSpend: '180000',
  monthlyFee: '15000',
  slas: [
    {
      name: 'availability',
      target: '99.9',
      measurement: 'monthly uptime',
      credits: [
        { below: '99.9', creditPercent: '10' },
        { below: '99', creditPercent: '25' },
      ],
    },
  ],
};
const LICENCE = {
  id: 'L-DD',
  product: 'Datadog Infrastructure',
  metric: 'cores',
  quantity: 10,
  startsOn: '2026-01-01',
  endsOn: '2026-12-31',
  price: '1200',
  currency: 'USD',
  contractId: 'C-DD',
  ownerTeam: 'observability',
};

describe('licences and vendor contracts over HTTP', async () => {
  // The server looks 30 days ahead for notice deadlines unless a request says otherwise.
  const api = await startApi({}, { TOLLGATE_RENEWAL_WINDOW_DAYS: '30' });
  await applyCatalog(
    api.stores,
    packageRootPath('src', 'demo', 'allocation', 'demo-catalog.yaml'),
    commandLineActor(),
  );

  const send = (method: string, path: string, body: unknown, role: Role = 'finance-admin') =>
    api.json(path, {
      method,
      role,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  async function state() {
    return {
      contracts: await api.stores.contracts.listCurrent('vendor-contract'),
      licences: await api.stores.contracts.listCurrent('licence'),
      usage: await api.stores.licenceUsage.listBetween('0001-01-01', '9999-12-31'),
      breaches: await api.stores.contracts.listCurrent('sla-breach'),
      alerts: await api.stores.alerts.listAlerts({ all: true }),
      audit: (await api.stores.access.audit.listEntries({})).length,
    };
  }
  async function refused(method: string, path: string, body: unknown, status: number, code: string) {
    const before = await state();
    const answer = await send(method, path, body);
    assert.equal(answer.status, status, JSON.stringify(answer.body));
    assert.equal(answer.body.error.code, code, JSON.stringify(answer.body));
    assert.deepEqual(await state(), before, `${method} ${path} refused but changed something`);
    return answer.body.error.message as string;
  }

  it('loads contracts, licences and usage, lists them with compliance, and audits each change under the caller', async () => {
    const contracts = await send('POST', '/api/v1/contracts/load', { contracts: [CONTRACT] });
    assert.equal(contracts.status, 200, JSON.stringify(contracts.body));
    assert.deepEqual(contracts.body.created, ['C-DD']);
    const licences = await send('POST', '/api/v1/licences/load', { licences: [LICENCE] });
    assert.deepEqual(licences.body.created, ['L-DD']);
    const usage = await send('POST', '/api/v1/licences/usage', {
      usage: [
        { licenceId: 'L-DD', assignee: 'node-1', team: 'payments', quantity: 4 },
        { licenceId: 'L-DD', assignee: 'node-2', team: 'search', quantity: '2' },
      ],
      asOf: '2026-03-31',
    });
    assert.deepEqual(usage.body.created, ['L-DD@2026-03-31']);
    const listed = await api.json('/api/v1/licences', { role: 'viewer' });
    assert.equal(listed.status, 200);
    assert.deepEqual(
      [listed.body[0].used, listed.body[0].shelfware, listed.body[0].shelfwareCost, listed.body[0].status],
      [6, 4, '480', 'shelfware'],
    );
    const list = await api.json('/api/v1/contracts', { role: 'viewer' });
    assert.deepEqual(
      list.body.map((contract: { id: string; noticeBy: string; actualSpend: string | null }) => [
        contract.id,
        contract.noticeBy,
        contract.actualSpend,
      ]),
      [['C-DD', '2026-11-01', null]],
    );
    const audit = (await api.stores.access.audit.listEntries({})).filter(
      (entry) => entry.actor === 'user:finance-admin-user',
    );
    assert.deepEqual(
      audit.map((entry) => [entry.action, entry.target]),
      [
        ['contracts.create', 'vendor-contract:C-DD'],
        ['licences.create', 'licence:L-DD'],
        ['licences.usage.create', 'licence-usage:L-DD@2026-03-31'],
      ],
    );
  });

  it('records a breach and its credit, shows them on the contract, and lists renewals in a window', async () => {
    const breach = await send('POST', '/api/v1/contracts/breaches', {
      contractId: 'C-DD',
      sla: 'availability',
      month: '2026-04',
      measured: '98.5',
    });
    assert.equal(breach.status, 201, JSON.stringify(breach.body));
    assert.equal(breach.body.record.creditOwed, '3750');
    const credit = await send('POST', '/api/v1/contracts/breach-credits', {
      breachId: breach.body.id,
      amount: '3750',
      receivedOn: '2026-05-10',
    });
    assert.equal(credit.status, 200, JSON.stringify(credit.body));
    assert.equal(credit.body.version, 2);
    const shown = await api.json('/api/v1/contracts/C-DD', { role: 'viewer' });
    assert.deepEqual(
      shown.body.breaches.map((b: { creditReceived: string }) => b.creditReceived),
      ['3750'],
    );
    const renewals = await api.json('/api/v1/contracts/renewals?asOf=2026-09-01&within=90', {
      role: 'viewer',
    });
    assert.equal(renewals.status, 200, JSON.stringify(renewals.body));
    assert.deepEqual(
      renewals.body.notices.map((notice: { contractId: string; daysToNotice: number }) => [
        notice.contractId,
        notice.daysToNotice,
      ]),
      [['C-DD', 61]],
    );
    const none = await api.json('/api/v1/contracts/renewals?asOf=2026-09-01&within=30', { role: 'viewer' });
    assert.deepEqual(none.body.notices, []);
    // Without within, the server's renewal window (30 days here): 61 days ahead is outside, 17 inside.
    const outside = await api.json('/api/v1/contracts/renewals?asOf=2026-09-01', { role: 'viewer' });
    assert.deepEqual([outside.body.within, outside.body.notices], [30, []]);
    const inside = await api.json('/api/v1/contracts/renewals?asOf=2026-10-15', { role: 'viewer' });
    assert.deepEqual(
      [
        inside.body.within,
        inside.body.notices.map((notice: { daysToNotice: number }) => notice.daysToNotice),
      ],
      [30, [17]],
    );
    const raised = await send('POST', '/api/v1/contracts/renewal-alerts', {
      asOf: '2026-09-01',
      within: '90',
    });
    assert.equal(raised.status, 200, JSON.stringify(raised.body));
    assert.equal(raised.body.opened.length, 1);
    const alerts = await api.json('/api/v1/alerts', { role: 'viewer' });
    assert.ok(
      alerts.body.some(
        (alert: { kind: string; budget: string }) =>
          alert.kind === 'renewal' && alert.budget === 'contract:C-DD',
      ),
      JSON.stringify(alerts.body),
    );
  });

  it('keeps usage by day and answers licence usage over time, month by month', async () => {
    const may = await send('POST', '/api/v1/licences/usage', {
      usage: [{ licenceId: 'L-DD', assignee: 'node-1', team: 'payments', quantity: 12, asOf: '2026-05-31' }],
    });
    assert.deepEqual(may.body.created, ['L-DD@2026-05-31']);
    const trend = await api.json('/api/v1/licences/trend?from=2026-03&to=2026-05', { role: 'viewer' });
    assert.equal(trend.status, 200, JSON.stringify(trend.body));
    // 10 cores for 1 200 over 365 days: 4 unused in March (31 days) = 1 200 x 4 x 31 / 3 650 = 40.77;
    // April carries March (30 days): 39.45; 2 short at the end of May (31 days): 20.38.
    assert.deepEqual(
      trend.body.licences[0].months.map((month: Record<string, unknown>) => [
        month.month,
        month.used,
        month.shortfallCost,
        month.shelfwareCost,
      ]),
      [
        ['2026-03', 6, '0', '40.77'],
        ['2026-04', 6, '0', '39.45'],
        ['2026-05', 12, '20.38', '0'],
      ],
    );
    assert.deepEqual(trend.body.licences[0].peak, { used: 12, asOf: '2026-05-31' });
    const asOf = await api.json('/api/v1/licences?asOf=2026-04-30', { role: 'viewer' });
    assert.deepEqual([asOf.body[0].usageAsOf, asOf.body[0].used], ['2026-03-31', 6]);
    for (const [query, status, code] of [
      ['from=2026-05&to=2026-03', 400, 'LICENCE_BAD_RANGE'],
      ['from=March&to=2026-03', 400, 'LICENCE_BAD_RANGE'],
      ['from=2026-01&to=2026-03&product=Emacs', 404, 'LICENCE_PRODUCT_UNKNOWN'],
      ['to=2026-03', 400, 'REQUEST_INVALID'],
    ] as const) {
      const answer = await api.json(`/api/v1/licences/trend?${query}`, { role: 'viewer' });
      assert.deepEqual([answer.status, answer.body.error.code], [status, code], query);
    }
    const badDay = await api.json('/api/v1/licences?asOf=yesterday', { role: 'viewer' });
    assert.deepEqual([badDay.status, badDay.body.error.code], [400, 'LICENCE_BAD_DATE']);
    assert.match(
      await refused(
        'POST',
        '/api/v1/licences/usage',
        {
          usage: [
            { licenceId: 'L-DD', assignee: 'node-1', team: 'payments', quantity: -1, asOf: '2026-06-30' },
            { licenceId: 'L-DD', assignee: 'node-2', team: 'payments', asOf: '2026-06-31' },
            { licenceId: 'L-NOPE', assignee: 'node-3', team: 'payments', asOf: '2026-06-30' },
          ],
        },
        422,
        'USAGE_INVALID',
      ),
      /row 1: quantity '-1'.*row 2: asOf '2026-06-31' is not a date.*row 3: licenceId 'L-NOPE' is not a licence/s,
    );
    await refused(
      'POST',
      '/api/v1/licences/usage',
      { usage: [{ licenceId: 'L-DD', assignee: 'node-1', team: 'payments' }], asOf: 'June' },
      422,
      'USAGE_INVALID',
    );
  });

  it('posts licence cost as cost lines; a bad month or nothing to post is refused', async () => {
    await refused('POST', '/api/v1/licences/costs', { through: '2026-3' }, 400, 'LICENCE_BAD_MONTH');
    await refused('POST', '/api/v1/licences/costs', { through: '2025-12' }, 409, 'LICENCES_NOTHING_TO_POST');
    const posted = await send('POST', '/api/v1/licences/costs', { through: '2026-12' });
    assert.equal(posted.status, 200, JSON.stringify(posted.body));
    assert.deepEqual(posted.body.totals, [{ currency: 'USD', amount: '1200' }]);
  });

  it('refuses every broken input with 4xx and a clear message, nothing changed', async () => {
    assert.match(
      await refused(
        'POST',
        '/api/v1/licences/load',
        { licences: [{ ...LICENCE, id: 'L-2', contractId: undefined }] },
        422,
        'LICENCE_INVALID',
      ),
      /licence 1: contractId is missing; a licence is bought under a vendor contract/,
    );
    assert.match(
      await refused(
        'POST',
        '/api/v1/licences/load',
        { licences: [{ ...LICENCE, id: 'L-2', contractId: 'C-NOPE' }] },
        422,
        'LICENCE_INVALID',
      ),
      /contractId 'C-NOPE' is not a vendor contract/,
    );
    assert.match(
      await refused(
        'POST',
        '/api/v1/licences/load',
        { licences: [LICENCE, LICENCE] },
        422,
        'LICENCE_INVALID',
      ),
      /licence 2: duplicate id 'L-DD', already given at licence 1/,
    );
    assert.match(
      await refused(
        'POST',
        '/api/v1/contracts/load',
        { contracts: [{ ...CONTRACT, endsOn: '2025-06-30' }] },
        422,
        'CONTRACT_INVALID',
      ),
      /endsOn 2025-06-30 is before startsOn 2026-01-01/,
    );
    await refused('POST', '/api/v1/contracts/load', { contracts: 'all' }, 400, 'REQUEST_INVALID');
    await refused('POST', '/api/v1/contracts/load', { contracts: [] }, 422, 'CONTRACT_INVALID');
    assert.match(
      await refused(
        'POST',
        '/api/v1/licences/usage',
        { usage: [{ licenceId: 'L-DD', assignee: 'x', team: 'nobody' }] },
        422,
        'USAGE_INVALID',
      ),
      /team 'nobody' is not a team/,
    );
    await refused('POST', '/api/v1/licences/usage', { usage: [], extra: 1 }, 400, 'REQUEST_INVALID');
    assert.match(
      await refused(
        'POST',
        '/api/v1/contracts/breaches',
        { contractId: 'C-DD', sla: 'availability', month: '2026-05', measured: '99.95' },
        422,
        'SLA_MET',
      ),
      /meets the target/,
    );
    await refused(
      'POST',
      '/api/v1/contracts/breaches',
      { contractId: 'C-DD', sla: 'availability', month: '2026-04', measured: '98' },
      409,
      'SLA_BREACH_EXISTS',
    );
    await refused(
      'POST',
      '/api/v1/contracts/breaches',
      { contractId: 'C-NO', sla: 'a', month: '2026-04', measured: '98' },
      404,
      'CONTRACT_NOT_FOUND',
    );
    await refused(
      'POST',
      '/api/v1/contracts/breaches',
      { contractId: 'C-DD', sla: 'availability', month: 'April', measured: 'low' },
      422,
      'SLA_BREACH_INVALID',
    );
    await refused(
      'POST',
      '/api/v1/contracts/breach-credits',
      { breachId: 'nope', amount: '1', receivedOn: '2026-05-01' },
      404,
      'SLA_BREACH_NOT_FOUND',
    );
    await refused(
      'POST',
      '/api/v1/contracts/breach-credits',
      { breachId: 'C-DD:availability:2026-04', amount: 'lots', receivedOn: 'soon' },
      422,
      'SLA_CREDIT_INVALID',
    );
    await refused(
      'POST',
      '/api/v1/contracts/renewal-alerts',
      { asOf: '2026-02-30', within: '90' },
      400,
      'RENEWAL_BAD_WINDOW',
    );
    await refused(
      'POST',
      '/api/v1/contracts/renewal-alerts',
      { asOf: '2026-02-01', within: '-1' },
      400,
      'RENEWAL_BAD_WINDOW',
    );
    const window = await api.json('/api/v1/contracts/renewals?within=soon', { role: 'viewer' });
    assert.equal(window.status, 400);
    assert.equal(window.body.error.code, 'RENEWAL_BAD_WINDOW');
    const missing = await api.json('/api/v1/contracts/C-NOPE', { role: 'viewer' });
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'CONTRACT_NOT_FOUND');
    const viewer = await send('POST', '/api/v1/contracts/load', { contracts: [CONTRACT] }, 'viewer');
    assert.equal(viewer.status, 403);
  });
});
