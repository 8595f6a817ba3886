import type { ExchangeRateStore } from '../../ports/exchange-rate-store.js';

export interface ReportingCurrencies {
  /** The configured reporting currency, or null when none is configured. */
  reportingCurrency: string | null;
  /**
   * The currencies every figure can be asked in (GET /costs `currency=`): the configured one
   * and every currency of a stored rate pair, sorted. Whether each day has its rate is only
   * known when a range is asked; a missing one is then refused with RATE_MISSING.
   */
  reportingCurrencies: string[];
}

/** What a dashboard offers as "All, in EUR": the configured currency and those with rates. */
export async function listReportingCurrencies(
  store: ExchangeRateStore,
  configured: string | undefined,
): Promise<ReportingCurrencies> {
  const currencies = new Set<string>(configured ? [configured] : []);
  for (const currency of await store.listCurrencies()) currencies.add(currency);
  return { reportingCurrency: configured ?? null, reportingCurrencies: [...currencies].sort() };
}
