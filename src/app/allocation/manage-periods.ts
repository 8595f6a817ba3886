import { parsePeriod } from '../../core/allocation/billing-period.js';
import { TollgateError } from '../../core/errors.js';
import type { ClosedPeriod } from '../../ports/allocation-stores.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { assertInvoicesSettled } from '../invoices/settle-invoices.js';
import { pinJournalMap } from '../journal/pin-journal-map.js';

/**
 * Closing a period freezes its allocation: allocate refuses it and later rule sets leave it
 * alone. Only an allocated period can be closed (there must be something to freeze), and only
 * when each of its invoices is matched, within tolerance or accepted with a reason.
 */
export async function closePeriod(stores: Stores, text: string, by: Actor): Promise<ClosedPeriod> {
  const actor = by.name;
  const period = parsePeriod(text, 'period');
  return stores.transaction(async () => {
    const closed = await stores.allocation.periods.getClosedPeriod(period);
    if (closed) {
      throw new TollgateError(
        'PERIOD_ALREADY_CLOSED',
        `${period} was already closed on ${closed.closedAt} by ${closed.closedBy}.`,
        'conflict',
      );
    }
    const run = await stores.allocation.runs.currentRun(period);
    if (!run) {
      throw new TollgateError(
        'PERIOD_NOT_ALLOCATED',
        `${period} has not been allocated; run the allocation for ${period} before closing it.`,
        'conflict',
      );
    }
    await assertInvoicesSettled(stores, period);
    await stores.allocation.periods.closePeriod(period, actor);
    await pinJournalMap(stores, period);
    await stores.allocation.audit.record({
      actor,
      action: 'period.close',
      subject: period,
      detail: { runId: run.id },
    });
    const closedNow = (await stores.allocation.periods.getClosedPeriod(period))!;
    await recordAudit(stores, by, { action: 'period.close', target: `period:${period}`, after: closedNow });
    return closedNow;
  });
}

export async function reopenPeriod(stores: Stores, text: string, by: Actor, reason: string | undefined) {
  const actor = by.name;
  const period = parsePeriod(text, 'period');
  return stores.transaction(async () => {
    const closed = await stores.allocation.periods.getClosedPeriod(period);
    if (!closed)
      throw new TollgateError(
        'PERIOD_NOT_CLOSED',
        `${period} is not closed; there is nothing to reopen.`,
        'conflict',
      );
    await stores.allocation.periods.reopenPeriod(period);
    await stores.journal.unpinPeriodMap(period);
    await stores.allocation.audit.record({
      actor,
      action: 'period.reopen',
      subject: period,
      detail: { closedAt: closed.closedAt, closedBy: closed.closedBy, reason: reason ?? null },
    });
    await recordAudit(stores, by, {
      action: 'period.reopen',
      target: `period:${period}`,
      before: closed,
      after: { reason: reason ?? null },
    });
    return { period, reopened: true, previouslyClosed: closed };
  });
}

export async function listPeriods(stores: Stores) {
  return {
    closed: await stores.allocation.periods.listClosedPeriods(),
    // By period, as a person reads a calendar; a period has one current run.
    runs: (await stores.allocation.runs.listRuns())
      .filter((run) => run.status === 'current')
      .sort((a, b) => a.period.localeCompare(b.period) || a.id - b.id),
  };
}
