import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { InvoiceRow } from '../../web/src/api-types.js';
import { countByStatus, localTime, totalsByAccount } from '../../web/src/views/invoice-model.js';

const row = (
  invoiceId: string,
  account: string,
  status: InvoiceRow['status'],
  lines: string,
  invoice: string,
) =>
  ({
    invoiceId,
    billingAccountId: account,
    providerName: 'AWS',
    currency: 'USD',
    linesTotal: lines,
    invoiceTotal: invoice,
    status,
  }) as InvoiceRow;

describe('the invoices tab model', () => {
  it('sums billed and invoiced exactly per provider and account, counting open invoices', () => {
    const rows = [
      row('I1', 'a1', 'open', '0.1000000000000001', '0.2'),
      row('I2', 'a1', 'matched', '0.2', '0.2'),
      row('I3', 'a2', 'accepted', '5', '6'),
    ];
    assert.deepEqual(totalsByAccount(rows), [
      {
        provider: 'AWS',
        account: 'a1',
        currency: 'USD',
        billed: '0.3000000000000001',
        invoiced: '0.4',
        difference: '0.0999999999999999',
        open: 1,
      },
      {
        provider: 'AWS',
        account: 'a2',
        currency: 'USD',
        billed: '5',
        invoiced: '6',
        difference: '1',
        open: 0,
      },
    ]);
    assert.deepEqual(countByStatus(rows), [
      { status: 'open', count: 1 },
      { status: 'accepted', count: 1 },
      { status: 'matched', count: 1 },
    ]);
  });

  it("shows a time in the reader's zone, naming it", () => {
    assert.equal(localTime('2026-02-03T23:30:00Z', 'Asia/Tokyo'), '4 Feb 2026, 08:30 GMT+9');
    assert.equal(localTime('2026-02-03T23:30:00Z', 'UTC'), '3 Feb 2026, 23:30 UTC');
  });
});
