import { parsePeriod } from '../../core/allocation/billing-period.js';
import { writeCsv } from '../../core/csv/write-csv.js';
import { TollgateError } from '../../core/errors.js';
import {
  buildJournal,
  type JournalCurrencyTotal,
  type JournalLine,
} from '../../core/journal/build-journal.js';
import { mapForPeriod } from '../../core/journal/journal-map.js';
import type { Stores } from '../../ports/stores.js';

export interface JournalExport {
  journalId: string;
  period: string;
  /** The period's last day: when the entries post. */
  postingDate: string;
  runId: number;
  ruleSetVersion: number;
  mapVersion: number;
  /** True when the period is closed: the journal is frozen (same run, same map version). */
  closed: boolean;
  totals: JournalCurrencyTotal[];
  lines: JournalLine[];
}

function lastDay(period: string): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  return `${period}-${String(new Date(Date.UTC(year, month, 0)).getUTCDate()).padStart(2, '0')}`;
}

/**
 * Finance's journal of a period: the current allocation run's billed cost as balanced
 * double-entry lines (see buildJournal), with the journal map in force (for a closed period,
 * the version in force when it closed, so re-exporting it gives the same journal). Refuses a
 * period without a run, a missing map, and an unmapped cost centre, naming what to do.
 */
export async function exportJournal(
  stores: Stores,
  input: { period: string },
  labels: { period: string } = { period: 'period' },
): Promise<JournalExport> {
  const period = parsePeriod(input.period, labels.period);
  const run = await stores.allocation.runs.currentRun(period);
  if (!run) {
    throw new TollgateError(
      'EXPORT_NOT_ALLOCATED',
      `${period} has no allocation run, so there is no allocated cost to journal; run the allocation for ${period} first.`,
      'conflict',
    );
  }
  const closed = await stores.allocation.periods.getClosedPeriod(period);
  const pinned = closed ? await stores.journal.pinnedPeriodMap(period) : undefined;
  const map = mapForPeriod(await stores.journal.listJournalMaps(), pinned);
  if (!map) {
    throw new TollgateError(
      'JOURNAL_NO_MAP',
      'No journal map has been applied, so Tollgate does not know which ledger accounts to post to; write one (clearing_account, expense_account, cost_centres) and apply it as the journal map.',
      'conflict',
    );
  }
  const journal = buildJournal(await stores.journal.journalAmounts(period, run.id), map.map);
  return {
    journalId: `TG-${period}-run${run.id}`,
    period,
    postingDate: lastDay(period),
    runId: run.id,
    ruleSetVersion: run.ruleSetVersion,
    mapVersion: map.version,
    closed: closed !== undefined,
    ...journal,
  };
}

/**
 * The journal as CSV, one line per posting line, in this documented layout:
 * journal_id, entry, line, posting_date, period, currency, account, cost_centre, debit, credit,
 * description, allocation_run, rule_set_version, map_version.
 */
export function journalCsv(journal: JournalExport): string {
  const same = (value: string) => () => value;
  return writeCsv<JournalLine>(
    [
      { label: 'journal_id', value: same(journal.journalId) },
      { label: 'entry', kind: 'number', value: (line) => String(line.entry) },
      { label: 'line', kind: 'number', value: (line) => String(line.line) },
      { label: 'posting_date', value: same(journal.postingDate) },
      { label: 'period', value: same(journal.period) },
      { label: 'currency', value: (line) => line.currency },
      { label: 'account', value: (line) => line.account },
      { label: 'cost_centre', value: (line) => line.costCentre },
      { label: 'debit', kind: 'number', value: (line) => line.debit },
      { label: 'credit', kind: 'number', value: (line) => line.credit },
      { label: 'description', value: (line) => line.description },
      { label: 'allocation_run', kind: 'number', value: same(String(journal.runId)) },
      { label: 'rule_set_version', kind: 'number', value: same(String(journal.ruleSetVersion)) },
      { label: 'map_version', kind: 'number', value: same(String(journal.mapVersion)) },
    ],
    journal.lines,
  );
}
