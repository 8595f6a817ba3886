import { type RateBasis, rateDayOf } from '../../../core/currency/convert-amount.js';
import { RateTable } from '../../../core/currency/rate-table.js';
import type { TollgateError } from '../../../core/errors.js';
import type { Decimal } from '../../../core/money.js';
import type { ExchangeRateStore } from '../../../ports/exchange-rate-store.js';
import { listRatesBothWays, missingRates } from '../../costs/convert-cost-report.js';

/** A reporting currency asked of the release views, and the rate basis of the day rates. */
export interface ReleaseReportingCurrency {
  currency: string;
  rateBasis: RateBasis;
}

/** How a release's money was restated in a reporting currency (null in the release's own). */
export interface ReleaseConversion {
  currency: string;
  releaseCurrency: string;
  rateBasis: RateBasis;
  /** The day whose rate converted the estimate and the budget (the day the release was created). */
  estimateRateDay: string;
  rule: string;
}

/**
 * The reporting currency a release view was asked for (API `currency=`, CLI `--currency`), or
 * undefined for each release in its own: absent or `release`.
 */
export function askedReleaseCurrency(
  currency: string | undefined,
  rateBasis: RateBasis,
): ReleaseReportingCurrency | undefined {
  return currency === undefined || currency === 'release' ? undefined : { currency, rateBasis };
}

export const RELEASE_CONVERSION_RULE =
  "each part at the rate of its own day, through the same rates and rounding as GET /costs currency=: cloud cost at each charge day's rate (the month's first day's under the month basis) from its billing currency (tagged lines at the rate of the deployment window's last day), labour at the rate of each day booked, pipeline and deployment process at the rate of each deployment's start day, the estimate and budget at the rate of the day the release was created and each re-baseline at the rate of its own day";

/**
 * One conversion of a release's amounts into one currency, asked in two passes so one read of
 * the rates serves them all: 1. `need` every (currency, day) to convert; 2. `load` reads the
 * stored rates of those days in both directions into a RateTable; 3. `convert` each amount, a
 * day with no rate noted; 4. `refuseMissing` throws RATE_MISSING naming every such day and pair.
 */
export class ReleaseCurrencyConverter {
  private readonly days = new Set<string>();
  private table: RateTable | undefined;
  private readonly missing = new Set<string>();

  constructor(
    readonly currency: string,
    readonly rateBasis: RateBasis = 'day',
  ) {}

  /** The day whose rate converts `day` (a date or timestamp) under the basis. */
  private rateDay(day: string): string {
    return rateDayOf(day.slice(0, 10), this.rateBasis);
  }

  need(from: string, day: string): void {
    if (from !== this.currency) this.days.add(this.rateDay(day));
  }

  async load(store: ExchangeRateStore): Promise<void> {
    const days = [...this.days];
    this.table = new RateTable(
      this.currency,
      days.length > 0 ? await listRatesBothWays(store, days, this.currency, this.rateBasis) : [],
    );
  }

  /** `amount` in `from` on `day`, in the currency (as written when already in it); unchanged and noted missing without a rate. */
  convert(amount: string | Decimal, from: string, day: string): string {
    if (from === this.currency) return amount.toString();
    const converted = this.table!.convert(amount, from, this.rateDay(day));
    if (converted !== undefined) return converted.toFixed();
    this.missing.add(`${this.rateDay(day)} ${from}->${this.currency}`);
    return amount.toString();
  }

  missingError(): TollgateError | undefined {
    return this.missing.size === 0
      ? undefined
      : missingRates([...this.missing].sort(), this.currency, this.rateBasis);
  }

  refuseMissing(): void {
    const error = this.missingError();
    if (error) throw error;
  }
}
