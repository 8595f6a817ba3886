/**
 * The dashboard's one currency choice, kept in the URL as `currency=` so it carries across
 * views: `USD` shows only the spend billed in USD (a filter); `all-EUR` shows every billing
 * currency converted into EUR per charge day by the API's own conversion (`currency=EUR` on
 * GET /costs, `?currency=` on statements). No figure is converted in the browser.
 */
export interface CurrencyChoice {
  /** What the URL holds: "USD" or "all-EUR" ('' before the first choice). */
  value: string;
  /** The currency every figure of the view is in. */
  currency: string;
  /** True: every billing currency, converted into `currency`. */
  converted: boolean;
  /** Cost filter terms the choice adds: `currency=USD` for a billing currency, none when converted. */
  filters: string[];
  /** GET /costs `currency=`: 'billing' (no conversion, whatever the configured default) or the target. */
  apiCurrency: string;
}

const CONVERTED = /^all-([A-Z]{3})$/;

export function convertedChoiceValue(currency: string): string {
  return `all-${currency}`;
}

export function readCurrencyChoice(value: string): CurrencyChoice {
  const converted = CONVERTED.exec(value);
  if (converted) {
    const currency = converted[1]!;
    return { value, currency, converted: true, filters: [], apiCurrency: currency };
  }
  return {
    value,
    currency: value,
    converted: false,
    filters: value ? [`currency=${value}`] : [],
    apiCurrency: 'billing',
  };
}

export interface CurrencyOption {
  value: string;
  label: string;
}

/**
 * The selector's options: each billing currency alone ("USD only"), then every billing
 * currency converted into each currency it can be shown in ("All, in EUR"); the configured
 * reporting currency first among those.
 */
export function currencyOptions(
  billing: readonly string[],
  reporting: readonly string[],
  configured: string | null,
): CurrencyOption[] {
  const targets = [...reporting].sort((a, b) =>
    a === configured ? -1 : b === configured ? 1 : a.localeCompare(b),
  );
  return [
    ...billing.map((currency) => ({ value: currency, label: `${currency} only` })),
    ...(billing.length > 0
      ? targets.map((currency) => ({
          value: convertedChoiceValue(currency),
          label: `All, in ${currency}${currency === configured ? ' (reporting currency)' : ''}`,
        }))
      : []),
  ];
}

/** The first visit's choice: all in the configured reporting currency, else the largest billing one. */
export function defaultCurrencyChoice(billing: readonly string[], configured: string | null): string {
  if (configured && billing.length > 0) return convertedChoiceValue(configured);
  return billing[0] ?? '';
}

/** The last day with data for the choice: the billing currency's, or the latest of all when converted. */
export function lastDayOfChoice(choice: CurrencyChoice, lastDay: Record<string, string>): string | null {
  if (!choice.converted) return lastDay[choice.currency] ?? null;
  const days = Object.values(lastDay).sort();
  return days[days.length - 1] ?? null;
}

/** The part of a view's search a link to another view keeps: the currency choice, if any. */
export function carryCurrencyChoice(search: Record<string, unknown>): { currency?: string } {
  const value = search.currency;
  return typeof value === 'string' && value !== '' ? { currency: value } : {};
}
