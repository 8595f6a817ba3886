import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { closePeriod } from '../../src/app/allocation/manage-periods.js';
import { loadInvoices } from '../../src/app/invoices/load-invoices.js';
import {
  acceptInvoiceDifference,
  listInvoiceTolerances,
  removeInvoiceTolerance,
  setInvoiceTolerance,
} from '../../src/app/invoices/manage-invoice-settlement.js';
import { reconcileInvoices } from '../../src/app/invoices/reconcile-invoices.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { allocatePeriod } from './allocation-run-store.contract.js';
import type { StoresFactory } from './cost-store.contract.js';
import { withInvoiceLines } from './invoice-store.contract.js';

/** Who closes and reopens periods in these cases, as the audit log records them. */
const CONTRACT_ACTOR = { name: 'contract', tokenId: null, address: null };

const ACTOR = { name: 'contract', tokenId: null, address: null };
const HEADER = 'invoice_id,account,period,currency,amount,tax';

const statuses = async (stores: Stores) =>
  Object.fromEntries(
    (await reconcileInvoices(stores, { period: '2026-01' })).invoices.map((i) => [
      i.invoiceId,
      `${i.status} ${i.difference}/${i.allowed}`,
    ]),
  );

/**
 * Tolerances, accepted differences and the period close they guard, through the use cases.
 * January's invoices (see withInvoiceLines): INV-A matches its lines exactly; INV-M (EUR,
 * account m1, provider Microsoft, total 119) is 19 over them (tax); INV-X (USD, account a9,
 * no lines) is 5 over.
 */
export function runInvoiceSettlementContract(adapter: string, openStores: StoresFactory): void {
  describe(`Invoice settlement contract: ${adapter}`, () => {
    const dir = makeTempDir();
    const file = (name: string, text: string) => {
      const path = join(dir, `${adapter}-${name}`);
      writeFileSync(path, text);
      return path;
    };
    const invoices = `${HEADER}\nINV-A,a1,2026-01,USD,20.1234567890100001,0.00000000001\nINV-M,m1,2026-01,EUR,100,19\nINV-X,a9,2026-01,USD,5,0\n`;

    it('refuses to close a period over an open difference, until tolerances and an accepted reason settle it', () =>
      withInvoiceLines(openStores, async (stores) => {
        await loadInvoices(stores, ACTOR, file('invoices.csv', invoices));
        await allocatePeriod(stores, '2026-01');
        assert.deepEqual(await statuses(stores), {
          'INV-A': 'matched 0/0',
          'INV-M': 'open 19/0',
          'INV-X': 'open 5/0',
        });
        const auditBefore = await stores.access.audit.lastEntry();
        await expectRefusal(
          () => closePeriod(stores, '2026-01', CONTRACT_ACTOR),
          'PERIOD_INVOICES_OPEN',
          'conflict',
          /2026-01 cannot be closed: 2 invoice\(s\).*INV-M \(EUR 19, allowed 0\), INV-X \(USD 5, allowed 0\).*accept each difference with a reason/,
        );
        assert.deepEqual(await stores.allocation.periods.listClosedPeriods(), []);
        assert.deepEqual(await stores.access.audit.lastEntry(), auditBefore);

        // Provider Microsoft: 20% of 119 is 23.8; with 10 absolute as well, the smaller (10) applies.
        await setInvoiceTolerance(stores, ACTOR, { scope: 'provider', key: 'Microsoft', percent: '20' });
        assert.equal((await statuses(stores))['INV-M'], 'within-tolerance 19/23.8');
        await setInvoiceTolerance(stores, ACTOR, {
          scope: 'provider',
          key: 'Microsoft',
          percent: '20',
          absolute: '10',
        });
        assert.equal((await statuses(stores))['INV-M'], 'open 19/10');
        // The account's own tolerance comes before its provider's.
        await setInvoiceTolerance(stores, ACTOR, { scope: 'account', key: 'm1', absolute: '19' });
        assert.equal((await statuses(stores))['INV-M'], 'within-tolerance 19/19');
        assert.equal((await stores.access.audit.lastEntry())?.action, 'invoices.tolerance.set');
        // The default reaches INV-X (no account or provider tolerance), but 4 is short of 5.
        await setInvoiceTolerance(stores, ACTOR, { scope: 'default', absolute: '4' });
        assert.equal((await statuses(stores))['INV-X'], 'open 5/4');
        assert.deepEqual(
          (await listInvoiceTolerances(stores)).tolerances.map((t) => t.description),
          ['account m1: 19', 'default: 4', 'provider Microsoft: 10 or 20% (the smaller)'],
        );
        await expectRefusal(
          () => closePeriod(stores, '2026-01', CONTRACT_ACTOR),
          'PERIOD_INVOICES_OPEN',
          'conflict',
          /1 invoice\(s\).*INV-X \(USD 5, allowed 4\)/,
        );

        const accepted = await acceptInvoiceDifference(stores, ACTOR, {
          invoiceId: 'INV-X',
          reason: 'support credit note due next month',
        });
        assert.equal(accepted.invoice.status, 'accepted');
        assert.deepEqual(
          [accepted.acceptance.difference, accepted.acceptance.acceptedBy, accepted.acceptance.reason],
          ['5', 'contract', 'support credit note due next month'],
        );
        assert.match(accepted.acceptance.acceptedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        const audit = await stores.access.audit.lastEntry();
        assert.equal(audit?.action, 'invoices.accept');
        assert.deepEqual(audit?.after, {
          difference: '5',
          currency: 'USD',
          reason: 'support credit note due next month',
        });

        // A reloaded invoice with another difference is open again: the acceptance was for 5.
        await loadInvoices(stores, ACTOR, file('reloaded.csv', `${HEADER}\nINV-X,a9,2026-01,USD,6,0\n`));
        assert.equal((await statuses(stores))['INV-X'], 'open 6/4');
        await acceptInvoiceDifference(stores, ACTOR, { invoiceId: 'INV-X', reason: 'credit note of 6' });
        assert.equal((await reconcileInvoices(stores, { period: '2026-01' })).settled, true);

        const closed = await closePeriod(stores, '2026-01', CONTRACT_ACTOR);
        assert.equal(closed.period, '2026-01');
      }));

    it('refuses bad tolerances and acceptances, changing nothing', () =>
      withInvoiceLines(openStores, async (stores) => {
        await loadInvoices(stores, ACTOR, file('bad-invoices.csv', invoices));
        await setInvoiceTolerance(stores, ACTOR, { scope: 'default', absolute: '1' });
        const before = await listInvoiceTolerances(stores);
        const auditBefore = await stores.access.audit.lastEntry();
        const refusals: [() => Promise<unknown>, string, string, RegExp][] = [
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'team', key: 'x', absolute: '1' }),
            'INVOICE_TOLERANCE_BAD_SCOPE',
            'usage',
            /scope team is not one of account, provider, default/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'account', absolute: '1' }),
            'INVOICE_TOLERANCE_BAD_KEY',
            'usage',
            /needs key: the billing account id/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'default', key: 'a1', absolute: '1' }),
            'INVOICE_TOLERANCE_BAD_KEY',
            'usage',
            /takes no key/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'default', absolute: '-0.01' }),
            'INVOICE_TOLERANCE_BAD_AMOUNT',
            'usage',
            /absolute -0.01 is not a number of zero or more/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'default', percent: '1e' }),
            'INVOICE_TOLERANCE_BAD_AMOUNT',
            'usage',
            /percent 1e/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'default', percent: '101' }),
            'INVOICE_TOLERANCE_BAD_AMOUNT',
            'usage',
            /more than 100 percent/,
          ],
          [
            () => setInvoiceTolerance(stores, ACTOR, { scope: 'provider', key: 'AWS' }),
            'INVOICE_TOLERANCE_EMPTY',
            'usage',
            /State absolute .* percent/,
          ],
          [
            () => removeInvoiceTolerance(stores, ACTOR, { scope: 'provider', key: 'AWS' }),
            'INVOICE_TOLERANCE_NOT_FOUND',
            'not-found',
            /No provider AWS tolerance is set/,
          ],
          [
            () => acceptInvoiceDifference(stores, ACTOR, { invoiceId: 'INV-X', reason: '  ' }),
            'INVOICE_ACCEPT_NO_REASON',
            'usage',
            /reason must say why/,
          ],
          [
            () => acceptInvoiceDifference(stores, ACTOR, { invoiceId: 'INV-NONE', reason: 'why' }),
            'INVOICE_NOT_FOUND',
            'not-found',
            /No invoice INV-NONE was loaded/,
          ],
          [
            () => acceptInvoiceDifference(stores, ACTOR, { invoiceId: 'INV-A', reason: 'why' }),
            'INVOICE_NOTHING_TO_ACCEPT',
            'conflict',
            /INV-A is matched exactly/,
          ],
        ];
        for (const [work, code, kind, message] of refusals)
          await expectRefusal(work, code, kind as 'usage', message);
        assert.deepEqual(await listInvoiceTolerances(stores), before);
        assert.deepEqual(await stores.invoices.listAcceptances('2026-01'), []);
        assert.deepEqual(await stores.access.audit.lastEntry(), auditBefore);

        await removeInvoiceTolerance(stores, ACTOR, { scope: 'default' });
        assert.deepEqual((await listInvoiceTolerances(stores)).tolerances, []);
        assert.equal((await stores.access.audit.lastEntry())?.action, 'invoices.tolerance.remove');
      }));
  });
}
