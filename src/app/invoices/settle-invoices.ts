import { TollgateError } from '../../core/errors.js';
import type { Stores } from '../../ports/stores.js';
import { reconcileWithStatus } from './reconcile-invoices.js';

/**
 * Refuses to close a period while one of its invoices differs from its lines by more than
 * its tolerance and nobody accepted the difference. Names every open invoice and amount; a
 * period without invoices closes (there is nothing to reconcile).
 */
export async function assertInvoicesSettled(stores: Stores, period: string): Promise<void> {
  const open = (await reconcileWithStatus(stores, period, null)).filter((result) => result.status === 'open');
  if (open.length === 0) return;
  const named = open
    .map(
      (result) => `${result.invoiceId} (${result.currency} ${result.difference}, allowed ${result.allowed})`,
    )
    .join(', ');
  throw new TollgateError(
    'PERIOD_INVOICES_OPEN',
    `${period} cannot be closed: ${open.length} invoice(s) differ from their lines beyond tolerance: ${named}. Load the missing lines or invoices, set an invoice tolerance, or accept each difference with a reason.`,
    'conflict',
    {
      invoices: open.map((result) => ({
        invoiceId: result.invoiceId,
        currency: result.currency,
        difference: result.difference,
        allowed: result.allowed,
      })),
    },
  );
}
