import type { ExchangeRate } from '../core/currency/exchange-rate.js';

export type { ExchangeRate } from '../core/currency/exchange-rate.js';

export interface StoredExchangeRate extends Omit<ExchangeRate, 'filledFrom'> {
  /** The published day a filled-forward rate is from; null for a rate the source gave for its day. */
  filledFrom: string | null;
  source: string;
  loadedAt: string;
}

export interface ExchangeRateFilter {
  /** First day, inclusive (YYYY-MM-DD). */
  fromDay?: string;
  /** Last day, inclusive (YYYY-MM-DD). */
  toDay?: string;
  fromCurrency?: string;
  toCurrency?: string;
}

/** Dated exchange rates, one per day and currency pair. */
export interface ExchangeRateStore {
  /** Writes the rates, each replacing the stored rate of its day and pair if there is one. */
  saveRates(rates: readonly ExchangeRate[], source: string): Promise<void>;
  /** The stored rates that match, ordered by pair and day. */
  listRates(filter: ExchangeRateFilter): Promise<StoredExchangeRate[]>;
  /** Every currency that appears on either side of a stored rate, sorted; one query, no rates read. */
  listCurrencies(): Promise<string[]>;
}
