import { TollgateError } from '../../core/errors.js';
import type { InvoiceAcceptance } from '../../core/invoices/invoice-status.js';
import {
  describeTolerance,
  type InvoiceTolerance,
  parseTolerance,
  type ToleranceLabels,
} from '../../core/invoices/invoice-tolerance.js';
import type { Stores } from '../../ports/stores.js';
import { type Actor, recordAudit } from '../audit/record-audit.js';
import { reconcileWithStatus, type SettledReconciliation } from './reconcile-invoices.js';

const NEUTRAL: ToleranceLabels = { scope: 'scope', key: 'key', absolute: 'absolute', percent: 'percent' };

/** Sets the tolerance of a scope (account, provider or default), audited with the one it replaced. */
export async function setInvoiceTolerance(
  stores: Stores,
  actor: Actor,
  input: {
    scope: string;
    key?: string | undefined;
    absolute?: string | undefined;
    percent?: string | undefined;
  },
  labels: ToleranceLabels = NEUTRAL,
): Promise<InvoiceTolerance & { description: string }> {
  const tolerance = parseTolerance(input, labels);
  await stores.transaction(async () => {
    const before = (await stores.invoices.listTolerances()).find(
      (t) => t.scope === tolerance.scope && t.key === tolerance.key,
    );
    await stores.invoices.setTolerance(tolerance, actor.name);
    await recordAudit(stores, actor, {
      action: 'invoices.tolerance.set',
      target: `invoice-tolerance:${tolerance.scope}:${tolerance.key}`,
      before: before ?? null,
      after: tolerance,
    });
  });
  return { ...tolerance, description: describeTolerance(tolerance) };
}

/** Removes a scope's tolerance (its invoices fall back to the next scope, then exact), audited. */
export async function removeInvoiceTolerance(
  stores: Stores,
  actor: Actor,
  input: { scope: string; key?: string | undefined },
  labels: ToleranceLabels = NEUTRAL,
): Promise<{ scope: string; key: string; removed: true }> {
  // Parsed with a placeholder amount: only the scope and key are checked here.
  const { scope, key } = parseTolerance({ ...input, absolute: '0' }, labels);
  return stores.transaction(async () => {
    const before = (await stores.invoices.listTolerances()).find((t) => t.scope === scope && t.key === key);
    if (!before || !(await stores.invoices.removeTolerance(scope, key))) {
      throw new TollgateError(
        'INVOICE_TOLERANCE_NOT_FOUND',
        `No ${scope === 'default' ? 'default' : `${scope} ${key}`} tolerance is set; the list of invoice tolerances shows those that are.`,
        'not-found',
      );
    }
    await recordAudit(stores, actor, {
      action: 'invoices.tolerance.remove',
      target: `invoice-tolerance:${scope}:${key}`,
      before,
    });
    return { scope, key, removed: true as const };
  });
}

/**
 * Accepts an invoice's present difference with a reason (audited: who, when, why, how much).
 * The acceptance holds for this difference only. Refused for an unknown invoice, a blank
 * reason, or an invoice with nothing to accept (matched or within its tolerance).
 */
export async function acceptInvoiceDifference(
  stores: Stores,
  actor: Actor,
  input: { invoiceId: string; reason: string },
  labels: { reason: string } = { reason: 'reason' },
): Promise<{ invoice: SettledReconciliation; acceptance: InvoiceAcceptance }> {
  const reason = input.reason.trim();
  if (reason === '' || reason.length > 1000) {
    throw new TollgateError(
      'INVOICE_ACCEPT_NO_REASON',
      `${labels.reason} must say why the difference is accepted (1 to 1000 characters), for the audit log.`,
      'usage',
    );
  }
  return stores.transaction(async () => {
    const invoice = await stores.invoices.getInvoice(input.invoiceId);
    if (!invoice) {
      throw new TollgateError(
        'INVOICE_NOT_FOUND',
        `No invoice ${input.invoiceId} was loaded; the reconciliation of its period (YYYY-MM) lists the invoices loaded for it.`,
        'not-found',
      );
    }
    const before = (await reconcileWithStatus(stores, invoice.period, null)).find(
      (result) => result.invoiceId === invoice.invoiceId,
    )!;
    if (before.status === 'matched' || before.status === 'within-tolerance') {
      throw new TollgateError(
        'INVOICE_NOTHING_TO_ACCEPT',
        `${invoice.invoiceId} is ${before.status === 'matched' ? 'matched exactly' : `within its tolerance (difference ${before.difference}, allowed ${before.allowed})`}; there is no difference to accept.`,
        'conflict',
      );
    }
    await stores.invoices.acceptDifference({
      invoiceId: invoice.invoiceId,
      difference: before.difference,
      reason,
      acceptedBy: actor.name,
    });
    await recordAudit(stores, actor, {
      action: 'invoices.accept',
      target: `invoice:${invoice.invoiceId}`,
      before: before.acceptance,
      after: { difference: before.difference, currency: before.currency, reason },
    });
    const after = (await reconcileWithStatus(stores, invoice.period, null)).find(
      (result) => result.invoiceId === invoice.invoiceId,
    )!;
    return { invoice: after, acceptance: after.acceptance! };
  });
}

export async function listInvoiceTolerances(stores: Stores) {
  const tolerances = await stores.invoices.listTolerances();
  return { tolerances: tolerances.map((t) => ({ ...t, description: describeTolerance(t) })) };
}
