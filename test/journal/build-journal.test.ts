import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { minorUnitDigits } from '../../src/core/cost-entries/spread-over-days.js';
import { buildJournal, type JournalAmount } from '../../src/core/journal/build-journal.js';
import type { JournalMap } from '../../src/core/journal/journal-map.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';

const MAP: JournalMap = {
  clearingAccount: '2100',
  providerClearingAccounts: { AWS: '2110' },
  expenseAccount: '6100',
  serviceCategoryAccounts: { Compute: '6110' },
  costCentres: { a: 'CCA', b: 'CCB', c: 'CCC', unallocated: 'CC999' },
};

const amount = (
  costCentre: string | null,
  billedCost: string,
  extra: Partial<JournalAmount> = {},
): JournalAmount => ({
  currency: 'USD',
  costCentre,
  providerName: 'AWS',
  serviceCategory: null,
  billedCost,
  ...extra,
});

/** Amounts with 0 to 16 decimals, either sign, up to 10^12. */
const decimals = fc
  .tuple(fc.bigInt({ min: -(10n ** 28n), max: 10n ** 28n }), fc.integer({ min: 0, max: 16 }))
  .map(([units, scale]) => new Decimal(units.toString()).dividedBy(new Decimal(10).pow(scale)).toFixed());

describe('the journal (largest remainder at the minor unit, one entry per clearing account)', () => {
  it('gives the lacking cent to the line with the largest remainder, the first of equal ones', () => {
    const journal = buildJournal(
      [
        amount('a', '0.3333333333333333'),
        amount('b', '0.3333333333333334'),
        amount('c', '0.3333333333333333'),
      ],
      MAP,
    );
    assert.deepEqual(
      journal.lines.map((line) => `${line.account} ${line.costCentre ?? '-'} ${line.debit} ${line.credit}`),
      ['6100 CCA 0.33 0.00', '6100 CCB 0.34 0.00', '6100 CCC 0.33 0.00', '2110 - 0.00 1.00'],
    );
    assert.deepEqual(journal.totals, [
      {
        currency: 'USD',
        allocatedTotal: '1',
        journalTotal: '1.00',
        rounding: '0',
        debits: '1.00',
        credits: '1.00',
      },
    ]);
  });

  it('maps service categories and providers to accounts, posts negative cost as a credit, and rounds JPY to yen', () => {
    const journal = buildJournal(
      [
        amount('a', '-5.255', { serviceCategory: 'Compute' }),
        amount(null, '7', { providerName: 'Oracle' }),
        amount('a', '1000.5', { currency: 'JPY' }),
      ],
      MAP,
    );
    assert.deepEqual(
      journal.lines.map(
        (line) =>
          `${line.entry} ${line.currency} ${line.account} ${line.costCentre ?? '-'} ${line.debit} ${line.credit}`,
      ),
      [
        '1 JPY 6100 CCA 1000 0',
        '1 JPY 2110 - 0 1000',
        '2 USD 6100 CC999 7.00 0.00',
        '2 USD 2100 - 0.00 7.00',
        '3 USD 6110 CCA 0.00 5.26',
        '3 USD 2110 - 5.26 0.00',
      ],
    );
  });

  it('names every unmapped cost centre', async () => {
    await expectRefusal(
      async () => buildJournal([amount('x', '1'), amount('y', '1'), amount('a', '1')], MAP),
      'JOURNAL_UNMAPPED_COST_CENTRE',
      'conflict',
      /cost centre\(s\) x, y; add them under cost_centres/,
    );
  });

  it('always balances each entry and sums to the allocated total rounded half-even', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            costCentre: fc.constantFrom('a', 'b', 'c', null),
            currency: fc.constantFrom('USD', 'JPY', 'BHD'),
            providerName: fc.constantFrom('AWS', 'Microsoft', null),
            serviceCategory: fc.constantFrom('Compute', 'Storage', null),
            billedCost: decimals,
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (amounts) => {
          const journal = buildJournal(amounts, MAP);
          for (const entry of new Set(journal.lines.map((line) => line.entry))) {
            const lines = journal.lines.filter((line) => line.entry === entry);
            const net = lines.reduce((sum, line) => sum.plus(line.debit).minus(line.credit), new Decimal(0));
            assert.ok(net.isZero(), `entry ${entry} balances`);
          }
          for (const total of journal.totals) {
            const digits = minorUnitDigits(total.currency);
            const exact = amounts
              .filter((a) => a.currency === total.currency)
              .reduce((sum, a) => sum.plus(a.billedCost), new Decimal(0));
            assert.equal(total.allocatedTotal, exact.toFixed());
            assert.equal(
              total.journalTotal,
              exact.toDecimalPlaces(digits, Decimal.ROUND_HALF_EVEN).toFixed(digits),
            );
            assert.equal(total.debits, total.credits);
            const posted = journal.lines
              .filter((line) => line.currency === total.currency && line.costCentre !== null)
              .reduce((sum, line) => sum.plus(line.debit).minus(line.credit), new Decimal(0));
            assert.equal(posted.toFixed(digits), total.journalTotal);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
