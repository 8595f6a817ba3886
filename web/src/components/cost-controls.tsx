import { useEffect, useMemo } from 'react';
import type { CostMetric } from '../api-types';
import { useCostRange } from '../cost-range';
import { type CurrencyOption, currencyOptions, defaultCurrencyChoice } from '../currency-choice';

export const METRIC_LABELS: Record<CostMetric, string> = {
  billed: 'BilledCost (the invoice)',
  effective: 'EffectiveCost (commitments amortised)',
  list: 'ListCost (public prices)',
  contracted: 'ContractedCost (negotiated prices)',
};

/** Short column label: "EffectiveCost (USD)". */
export function metricColumnLabel(metric: CostMetric, currency: string): string {
  return `${METRIC_LABELS[metric].split(' ')[0]} (${currency})`;
}

export function MetricSelect({
  value,
  onChange,
  metrics = ['effective', 'billed'],
}: {
  value: CostMetric;
  onChange: (metric: CostMetric) => void;
  metrics?: CostMetric[];
}) {
  return (
    <label>
      Cost metric
      <select name="metric" value={value} onChange={(event) => onChange(event.target.value as CostMetric)}>
        {metrics.map((metric) => (
          <option key={metric} value={metric}>
            {METRIC_LABELS[metric]}
          </option>
        ))}
      </select>
    </label>
  );
}

/**
 * The currencies in the data, largest spend first, and the choices of the currency selector:
 * each billing currency alone, or all of them converted into a reporting currency
 * (see currency-choice.ts).
 */
export function useCurrencies() {
  const state = useCostRange();
  const ready = state.status === 'ready' ? state.data : null;
  const currencies = ready?.currencies ?? [];
  const options = useMemo(
    () =>
      ready ? currencyOptions(ready.currencies, ready.reportingCurrencies, ready.reportingCurrency) : [],
    [ready],
  );
  const initial = ready ? defaultCurrencyChoice(ready.currencies, ready.reportingCurrency) : '';
  return { state, currencies, options, initial };
}

export function CurrencySelect({
  value,
  options,
  initial,
  onChange,
}: {
  value: string;
  options: CurrencyOption[];
  /** The choice a first visit (or an unknown choice in a link) becomes once the options are known. */
  initial: string;
  onChange: (choice: string) => void;
}) {
  useEffect(() => {
    if (options.length > 0 && !options.some((option) => option.value === value)) onChange(initial);
  }, [options, value, initial, onChange]);
  return (
    <label>
      Currency
      <select name="currency" value={value} onChange={(event) => onChange(event.target.value)}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </label>
  );
}
