import { TollgateError } from '../errors.js';
import { Decimal, isDecimalText } from '../money.js';

export type ToleranceScope = 'default' | 'provider' | 'account';
export const TOLERANCE_SCOPES: readonly ToleranceScope[] = ['account', 'provider', 'default'];

/** How far an invoice may differ from its lines and still reconcile. */
export interface InvoiceTolerance {
  scope: ToleranceScope;
  /** The provider name or billing account id; '' for the default. */
  key: string;
  /** In the invoice's currency; null when not stated. */
  absolute: string | null;
  /** Percent of the invoice total (0.5 = half a percent); null when not stated. */
  percent: string | null;
}

export interface StoredTolerance extends InvoiceTolerance {
  setBy: string;
  setAt: string;
}

/** The caller's names for the fields (`--absolute` on the CLI, `absolute` in the API). */
export interface ToleranceLabels {
  scope: string;
  key: string;
  absolute: string;
  percent: string;
}

/**
 * Checks a tolerance as a user states it: a known scope, a key for provider and account
 * scopes (none for the default), at least one of absolute and percent, each zero or more.
 */
export function parseTolerance(
  input: {
    scope: string;
    key?: string | undefined;
    absolute?: string | undefined;
    percent?: string | undefined;
  },
  labels: ToleranceLabels,
): InvoiceTolerance {
  const scope = input.scope.trim() as ToleranceScope;
  if (!TOLERANCE_SCOPES.includes(scope)) {
    throw new TollgateError(
      'INVOICE_TOLERANCE_BAD_SCOPE',
      `${labels.scope} ${input.scope} is not one of ${TOLERANCE_SCOPES.join(', ')}.`,
      'usage',
    );
  }
  const key = (input.key ?? '').trim();
  if (scope === 'default' ? key !== '' : key === '') {
    throw new TollgateError(
      'INVOICE_TOLERANCE_BAD_KEY',
      scope === 'default'
        ? `The default tolerance takes no ${labels.key}; leave it out.`
        : `A ${scope} tolerance needs ${labels.key}: the ${scope === 'provider' ? 'provider name' : 'billing account id'} it applies to.`,
      'usage',
    );
  }
  const amount = (text: string | undefined, label: string): string | null => {
    if (text === undefined) return null;
    const trimmed = text.trim();
    if (!isDecimalText(trimmed) || new Decimal(trimmed).isNegative()) {
      throw new TollgateError(
        'INVOICE_TOLERANCE_BAD_AMOUNT',
        `${label} ${text} is not a number of zero or more, such as 0.05.`,
        'usage',
      );
    }
    return new Decimal(trimmed).toFixed();
  };
  const absolute = amount(input.absolute, labels.absolute);
  const percent = amount(input.percent, labels.percent);
  if (absolute === null && percent === null) {
    throw new TollgateError(
      'INVOICE_TOLERANCE_EMPTY',
      `State ${labels.absolute} (an amount in the invoice's currency), ${labels.percent} (of the invoice total), or both.`,
      'usage',
    );
  }
  if (percent !== null && new Decimal(percent).greaterThan(100)) {
    throw new TollgateError(
      'INVOICE_TOLERANCE_BAD_AMOUNT',
      `${labels.percent} ${input.percent} is more than 100 percent.`,
      'usage',
    );
  }
  return { scope, key, absolute, percent };
}

/** The tolerance that applies to an invoice: its account's, else its provider's, else the default. */
export function findTolerance<T extends InvoiceTolerance>(
  tolerances: readonly T[],
  account: string,
  provider: string | null,
): T | undefined {
  return (
    tolerances.find((t) => t.scope === 'account' && t.key === account) ??
    tolerances.find((t) => t.scope === 'provider' && provider !== null && t.key === provider) ??
    tolerances.find((t) => t.scope === 'default')
  );
}

/**
 * The largest difference a tolerance allows on an invoice total: the absolute amount, the
 * percent of |total|, or, when both are stated, the smaller of the two (the stricter, as
 * accounts-payable matching does). No tolerance: 0, exact.
 */
export function allowedDifference(tolerance: InvoiceTolerance | undefined, invoiceTotal: string): string {
  if (!tolerance) return '0';
  const limits: Decimal[] = [];
  if (tolerance.absolute !== null) limits.push(new Decimal(tolerance.absolute));
  if (tolerance.percent !== null)
    limits.push(new Decimal(invoiceTotal).abs().times(tolerance.percent).dividedBy(100));
  return Decimal.min(...limits).toFixed();
}

/** A tolerance as one line of text: `account a1: 0.05 or 0.1% (the smaller)`. */
export function describeTolerance(tolerance: InvoiceTolerance): string {
  const where = tolerance.scope === 'default' ? 'default' : `${tolerance.scope} ${tolerance.key}`;
  const parts = [tolerance.absolute, tolerance.percent === null ? null : `${tolerance.percent}%`].filter(
    (part): part is string => part !== null,
  );
  return `${where}: ${parts.join(' or ')}${parts.length > 1 ? ' (the smaller)' : ''}`;
}
