/**
 * ISO 4217 currency codes, as the runtime's ICU data knows them (Intl is part of the language,
 * not I/O). Billing currencies must be one of these.
 */
const KNOWN_CURRENCIES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

export function isKnownCurrency(code: string): boolean {
  return KNOWN_CURRENCIES.has(code);
}

export function knownCurrencyCodes(): string[] {
  return [...KNOWN_CURRENCIES];
}
