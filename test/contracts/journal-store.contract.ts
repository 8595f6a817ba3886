import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { closePeriod, reopenPeriod } from '../../src/app/allocation/manage-periods.js';
import { applyJournalMapFile, showJournalMaps } from '../../src/app/journal/apply-journal-map.js';
import { exportJournal, journalCsv } from '../../src/app/journal/export-journal.js';
import { Decimal } from '../../src/core/money.js';
import { expectRefusal } from '../support/expect-refusal.js';
import { makeTempDir } from '../support/temp-dir.js';
import { ALLOCATION_LINES, allocatePeriod, withAllocationLines } from './allocation-run-store.contract.js';
import type { StoresFactory } from './cost-store.contract.js';

/** Who closes and reopens periods in these cases, as the audit log records them. */
const CONTRACT_ACTOR = { name: 'contract', tokenId: null, address: null };

const ACTOR = { name: 'contract', tokenId: null, address: null };

const MAP = `clearing_account: "2100"
provider_clearing_accounts:
  AWS: "2110"
expense_account: "6100"
cost_centres:
  cc: CC100
  unallocated: CC999
`;

/** January's billed cost per currency, summed here from the lines themselves. */
function januaryTotals(): Record<string, string> {
  const totals: Record<string, Decimal> = {};
  for (const line of ALLOCATION_LINES) {
    if (line.period.startsWith('2026-01')) {
      const { currency } = line;
      totals[currency] = (totals[currency] ?? new Decimal(0)).plus(line.billed);
    }
  }
  return Object.fromEntries(Object.entries(totals).map(([currency, total]) => [currency, total.toFixed()]));
}

/** The contract of JournalStore, through the journal use cases. */
export function runJournalStoreContract(adapter: string, openStores: StoresFactory): void {
  describe(`JournalStore contract: ${adapter}`, () => {
    const dir = makeTempDir();
    const file = (name: string, text: string) => {
      const path = join(dir, `${adapter}-${name}`);
      writeFileSync(path, text);
      return path;
    };

    it('posts a run as balanced entries whose totals equal the allocated totals, frozen once the period closes', () =>
      withAllocationLines(openStores, async (stores) => {
        await expectRefusal(
          () => exportJournal(stores, { period: '2026-01' }, { period: '--period' }),
          'EXPORT_NOT_ALLOCATED',
          'conflict',
          /run the allocation for 2026-01 first/,
        );
        const runId = await allocatePeriod(stores, '2026-01');
        await expectRefusal(
          () => exportJournal(stores, { period: '2026-01' }),
          'JOURNAL_NO_MAP',
          'conflict',
          /apply it as the journal map/,
        );
        await applyJournalMapFile(
          stores,
          ACTOR,
          file(
            'partial.yaml',
            'clearing_account: "2100"\nexpense_account: "6100"\ncost_centres:\n  other: X1\n',
          ),
        );
        await expectRefusal(
          () => exportJournal(stores, { period: '2026-01' }),
          'JOURNAL_UNMAPPED_COST_CENTRE',
          'conflict',
          /no ledger code for the cost centre\(s\) cc, unallocated; add them under cost_centres/,
        );
        const before = await showJournalMaps(stores);
        const auditBefore = await stores.access.audit.lastEntry();
        await expectRefusal(
          () =>
            applyJournalMapFile(
              stores,
              ACTOR,
              file(
                'bad.yaml',
                'clearing_account: "2100"\nexpense_acount: "6100"\ncost_centres:\n  cc: "=cmd"\n',
              ),
            ),
          'JOURNAL_MAP_INVALID',
          'invalid-input',
          /bad\.yaml:2: unknown field 'expense_acount'[\s\S]*bad\.yaml:4: cost_centres\.cc: an account or cost centre code/,
        );
        assert.deepEqual(await showJournalMaps(stores), before);
        assert.deepEqual(await stores.access.audit.lastEntry(), auditBefore);

        const applied = await applyJournalMapFile(stores, ACTOR, file('map.yaml', MAP));
        assert.equal(applied.version, 2);
        assert.equal((await stores.access.audit.lastEntry())?.action, 'journal.map.apply');
        const journal = await exportJournal(stores, { period: '2026-01' });
        assert.deepEqual(
          [journal.journalId, journal.postingDate, journal.runId, journal.mapVersion, journal.closed],
          [`TG-2026-01-run${runId}`, '2026-01-31', runId, 2, false],
        );
        // Totals: the exact allocated total per currency, the journal at the minor unit.
        const expected = januaryTotals();
        assert.deepEqual(
          Object.fromEntries(journal.totals.map((total) => [total.currency, total.allocatedTotal])),
          expected,
        );
        for (const total of journal.totals) {
          assert.equal(total.debits, total.credits, `${total.currency} balances`);
          assert.equal(
            new Decimal(total.journalTotal).plus(total.rounding).toFixed(),
            total.allocatedTotal,
            'journal total + rounding = allocated total',
          );
          assert.ok(new Decimal(total.rounding).abs().lessThanOrEqualTo('0.005'));
        }
        // Every entry balances to the cent.
        for (const entry of new Set(journal.lines.map((line) => line.entry))) {
          const lines = journal.lines.filter((line) => line.entry === entry);
          const debit = lines.reduce((sum, line) => sum.plus(line.debit), new Decimal(0));
          const credit = lines.reduce((sum, line) => sum.plus(line.credit), new Decimal(0));
          assert.equal(debit.toFixed(2), credit.toFixed(2), `entry ${entry} balances`);
        }
        assert.deepEqual(
          journal.lines.map(
            (line) =>
              `${line.entry}.${line.line} ${line.currency} ${line.account} ${line.costCentre ?? '-'} ${line.debit} ${line.credit}`,
          ),
          [
            '1.1 EUR 6100 CC100 100.00 0.00',
            '1.2 EUR 2100 - 0.00 100.00',
            '2.1 USD 6100 CC100 20.12 0.00',
            '2.2 USD 6100 CC999 2.00 0.00',
            '2.3 USD 2110 - 0.00 22.12',
          ],
        );
        const csv = journalCsv(journal);
        assert.equal(
          csv.split('\r\n')[0],
          'journal_id,entry,line,posting_date,period,currency,account,cost_centre,debit,credit,description,allocation_run,rule_set_version,map_version',
        );

        // Closed: a later map does not change the period's journal, byte for byte.
        await closePeriod(stores, '2026-01', CONTRACT_ACTOR);
        const frozen = journalCsv(await exportJournal(stores, { period: '2026-01' }));
        await applyJournalMapFile(stores, ACTOR, file('later.yaml', MAP.replace('CC100', 'CC200')));
        const again = await exportJournal(stores, { period: '2026-01' });
        assert.equal(journalCsv(again), frozen);
        assert.equal(again.mapVersion, 2);
        assert.equal(again.closed, true);
        // Reopened: the latest map applies.
        await reopenPeriod(stores, '2026-01', CONTRACT_ACTOR, 'new cost centre codes');
        const reopened = await exportJournal(stores, { period: '2026-01' });
        assert.equal(reopened.mapVersion, 3);
        assert.ok(reopened.lines.some((line) => line.costCentre === 'CC200'));
      }));
  });
}
