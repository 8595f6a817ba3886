import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadInvoices } from '../../src/app/invoices/load-invoices.js';
import { reconcileInvoices } from '../../src/app/invoices/reconcile-invoices.js';
import type { Stores } from '../../src/ports/stores.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ALLOCATION_LINES } from './allocation-run-store.contract.js';
import { type StoresFactory, stage } from './cost-store.contract.js';

const ACTOR = { name: 'contract', tokenId: null, address: null };
const HEADER = 'invoice_id,account,period,currency,amount,tax';

/**
 * January's lines: EC2 and Support (usage) and S3 (as a tax line) carry invoice INV-A; Lambda
 * of the same account carries none (not invoiced); the Microsoft line carries none either, so
 * its invoice is matched by account and period.
 */
export async function withInvoiceLines(openStores: StoresFactory, work: (stores: Stores) => Promise<void>) {
  const stores = await openStores();
  try {
    await stage(stores, ALLOCATION_LINES, 'invoice_staged_lines');
    await stores.fileEngine.run(`CREATE TABLE invoice_contract_lines AS SELECT * REPLACE (
      CASE WHEN service_name IN ('EC2', 'Support', 'S3') THEN 'INV-A' END AS invoice_id,
      CASE WHEN service_name = 'S3' THEN 'Tax' ELSE 'Usage' END AS charge_category
    ) FROM invoice_staged_lines`);
    await stores.costs.importStagedLines({ engine: stores.fileEngine, relation: 'invoice_contract_lines' });
    await work(stores);
  } finally {
    await stores.close();
  }
}

/** The contract of InvoiceStore, through the invoice use cases. */
export function runInvoiceStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`InvoiceStore contract: ${adapter}`, () => {
    const dir = makeTempDir();
    const file = (name: string, text: string) => {
      const path = join(dir, `${adapter}-${name}`);
      writeFileSync(path, text);
      return path;
    };

    it('reconciles each invoice with its lines and explains the difference by category', () =>
      withInvoiceLines(openStores, async (stores) => {
        const loaded = await loadInvoices(
          stores,
          ACTOR,
          file(
            'invoices.csv',
            `${HEADER}\nINV-A,a1,2026-01,USD,20.1234567890100001,0.00000000001\nINV-M,m1,2026-01,EUR,100,19\nINV-X,a9,2026-01,USD,5,0\n`,
          ),
        );
        assert.equal(loaded.invoices.length, 3);
        assert.equal((await stores.access.audit.lastEntry())?.action, 'invoices.load');
        const result = await reconcileInvoices(stores, { period: '2026-01' });
        const [a, m, x] = result.invoices;
        assert.deepEqual(
          [a!.invoiceId, a!.matchedBy, a!.lines, a!.difference, a!.notInvoiced, a!.reconciled],
          ['INV-A', 'invoice-id', 3, '0', '2', true],
        );
        assert.deepEqual(a!.explained, []);
        assert.deepEqual(
          [m!.matchedBy, m!.lines, m!.difference, m!.reconciled],
          ['account-period', 1, '19', false],
        );
        assert.deepEqual(m!.explained, [{ category: 'tax', amount: '19' }]);
        assert.deepEqual([x!.lines, x!.difference], [0, '5']);
        assert.deepEqual(x!.explained, [{ category: 'lines missing', amount: '5' }]);
        assert.equal(result.reconciled, false);
        assert.equal(
          (await reconcileInvoices(stores, { period: '2026-01', tolerance: '19' })).reconciled,
          true,
        );

        // A reloaded invoice replaces the one with its id.
        await loadInvoices(stores, ACTOR, file('again.csv', `${HEADER}\nINV-M,m1,2026-01,EUR,100,0\n`));
        const again = await reconcileInvoices(stores, { period: '2026-01' });
        assert.equal(again.invoices.length, 3);
        assert.equal(again.invoices[1]!.reconciled, true);
      }));

    it('refuses a malformed invoice file whole and changes nothing', () =>
      withInvoiceLines(openStores, async (stores) => {
        await loadInvoices(stores, ACTOR, file('good.csv', `${HEADER}\nINV-A,a1,2026-01,USD,1,0\n`));
        const before = await stores.invoices.listInvoices('2026-01');
        const auditBefore = await stores.access.audit.lastEntry();
        await expectRefusal(
          () =>
            loadInvoices(
              stores,
              ACTOR,
              file('bad.csv', `${HEADER}\nINV-B,a1,2026-01,USD,12.5,0\nINV-C,a1,2026-13,XXX,1e,\n`),
            ),
          'INVOICES_INVALID',
          'invalid-input',
          /bad\.csv:3: .*tax empty|bad\.csv:3/,
        );
        await expectRefusal(
          () => loadInvoices(stores, ACTOR, file('columns.csv', 'invoice_id,amount\nINV-D,1\n')),
          'INVOICES_INVALID',
          'invalid-input',
          /lacks the column\(s\) account, period, currency, tax/,
        );
        await expectRefusal(
          () => loadInvoices(stores, ACTOR, join(dir, 'absent.csv')),
          'INVOICES_NO_FILE',
          'not-found',
          /does not exist/,
        );
        assert.deepEqual(await stores.invoices.listInvoices('2026-01'), before);
        assert.deepEqual(await stores.access.audit.lastEntry(), auditBefore);
        await expectRefusal(
          () =>
            reconcileInvoices(
              stores,
              { period: '2026-02' },
              { period: '--period', tolerance: '--tolerance' },
            ),
          'INVOICES_NONE',
          'not-found',
          /2026-02 has no invoices.*load the invoices first/,
        );
        await expectRefusal(
          () =>
            reconcileInvoices(
              stores,
              { period: '2026-01', tolerance: '-1' },
              { period: '--period', tolerance: '--tolerance' },
            ),
          'INVOICES_BAD_TOLERANCE',
          'usage',
          /--tolerance -1/,
        );
      }));
  });
}
