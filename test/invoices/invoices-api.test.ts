import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { startApi } from '../api/api-harness.js';
import { ALLOCATION_LINES, allocatePeriod } from '../contracts/allocation-run-store.contract.js';
import { stage } from '../contracts/cost-store.contract.js';

const HEADER = 'invoice_id,account,period,currency,amount,tax';
const INVOICES = `${HEADER}\nINV-M,m1,2026-01,EUR,100,19\n`;

describe('invoices over HTTP', () => {
  it('uploads invoices, sets a tolerance, accepts a difference and only then closes the period', async () => {
    const api = await startApi();
    await stage(api.stores, ALLOCATION_LINES, 'api_invoice_lines');
    await api.stores.costs.importStagedLines({
      engine: api.stores.fileEngine,
      relation: 'api_invoice_lines',
    });
    await allocatePeriod(api.stores, '2026-01');
    const upload = (body: string, name = 'invoices.csv', role: 'admin' | 'analyst' = 'admin') =>
      api.json(`/api/v1/invoices?filename=${name}`, {
        role,
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body,
      });

    // Broken files change nothing: no invoice, no audit entry.
    const auditBefore = await api.stores.access.audit.lastEntry();
    const broken = await upload(`${HEADER}\nINV-M,m1,2026-13,EUR,1x,\n`);
    assert.equal(broken.status, 422);
    assert.equal(broken.body.error.code, 'INVOICES_INVALID');
    assert.match(broken.body.error.message, /upload:invoices\.csv:2/);
    const columns = await upload('invoice_id,amount\nINV-M,1\n');
    assert.equal(columns.status, 422);
    assert.match(columns.body.error.message, /lacks the column\(s\) account, period, currency, tax/);
    assert.equal((await upload('')).status, 400);
    assert.equal((await upload(INVOICES, '../invoices.csv')).body.error.code, 'UPLOAD_BAD_FILENAME');
    assert.equal((await upload(INVOICES, 'invoices.csv', 'analyst')).status, 403);
    assert.deepEqual(await api.stores.invoices.listInvoices('2026-01'), []);
    assert.deepEqual(await api.stores.access.audit.lastEntry(), auditBefore);

    const loaded = await upload(INVOICES);
    assert.equal(loaded.status, 201);
    assert.deepEqual(
      loaded.body.invoices.map((i: { invoiceId: string }) => i.invoiceId),
      ['INV-M'],
    );
    const loadAudit = await api.stores.access.audit.lastEntry();
    assert.deepEqual(
      [loadAudit?.action, loadAudit?.target, loadAudit?.actor],
      ['invoices.load', 'upload:invoices.csv', 'user:admin-user'],
    );

    const open = await api.json('/api/v1/invoices/reconciliation?period=2026-01', { role: 'viewer' });
    assert.equal(open.status, 200);
    assert.deepEqual(
      [open.body.settled, open.body.invoices[0].status, open.body.invoices[0].difference],
      [false, 'open', '119'],
    );
    const refused = await api.json('/api/v1/periods/2026-01/close', { method: 'POST' });
    assert.equal(refused.status, 409);
    assert.equal(refused.body.error.code, 'PERIOD_INVOICES_OPEN');
    assert.match(refused.body.error.message, /INV-M \(EUR 119, allowed 0\)/);

    const badTolerance = await api.json('/api/v1/invoices/tolerances', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'account', key: 'm1', percent: '-1' }),
    });
    assert.equal(badTolerance.status, 400);
    assert.match(badTolerance.body.error.message, /percent -1 is not a number of zero or more/);
    const tolerance = await api.json('/api/v1/invoices/tolerances', {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scope: 'account', key: 'm1', absolute: '10' }),
    });
    assert.equal(tolerance.status, 200);
    assert.equal(tolerance.body.description, 'account m1: 10');
    const listed = await api.json('/api/v1/invoices/tolerances', { role: 'viewer' });
    assert.deepEqual(
      listed.body.tolerances.map(
        (t: { description: string; setBy: string }) => `${t.description} ${t.setBy}`,
      ),
      ['account m1: 10 user:admin-user'],
    );

    const noReason = await api.json('/api/v1/invoices/INV-M/accept', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: '' }),
    });
    assert.equal(noReason.status, 400);
    assert.equal(noReason.body.error.code, 'INVOICE_ACCEPT_NO_REASON');
    const viewerAccept = await api.json('/api/v1/invoices/INV-M/accept', {
      role: 'viewer',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'x' }),
    });
    assert.equal(viewerAccept.status, 403);
    const accepted = await api.json('/api/v1/invoices/INV-M/accept', {
      role: 'finance-admin',
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'VAT is booked by the tax team' }),
    });
    assert.equal(accepted.status, 200);
    assert.deepEqual(
      [
        accepted.body.invoice.status,
        accepted.body.acceptance.acceptedBy,
        accepted.body.acceptance.difference,
      ],
      ['accepted', 'user:finance-admin-user', '119'],
    );

    const closed = await api.json('/api/v1/periods/2026-01/close', { method: 'POST' });
    assert.equal(closed.status, 200);
    const removed = await api.json('/api/v1/invoices/tolerances/account?key=m1', { method: 'DELETE' });
    assert.equal(removed.status, 200);
    const again = await api.json('/api/v1/invoices/tolerances/account?key=m1', { method: 'DELETE' });
    assert.equal(again.status, 404);
  });
});
