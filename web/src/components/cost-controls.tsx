import { useEffect } from 'react';
import type { CostMetric } from '../api-types';
import { useCostRange } from '../cost-range';

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
 * The currencies in the data, largest spend first. Tollgate has no exchange rates, so every
 * figure is shown in one currency at a time and says which.
 */
export function useCurrencies() {
  const state = useCostRange();
  return { state, currencies: state.status === 'ready' ? state.data.currencies : [] };
}

export function CurrencySelect({
  value,
  currencies,
  onChange,
}: {
  value: string;
  currencies: string[];
  onChange: (currency: string) => void;
}) {
  // An empty choice (first visit) becomes the largest currency once the list is known.
  useEffect(() => {
    if (currencies.length > 0 && !currencies.includes(value)) onChange(currencies[0]!);
  }, [currencies, value, onChange]);
  return (
    <label>
      Currency
      <select name="currency" value={value} onChange={(event) => onChange(event.target.value)}>
        {currencies.map((currency) => (
          <option key={currency} value={currency}>
            {currency}
          </option>
        ))}
      </select>
    </label>
  );
}
