import type { ForecastAnswer } from '../api-types';
import type { ApiState } from '../use-api';

/**
 * Said under the forecast chart when every currency is converted: the API forecasts each billing
 * currency and converts its days at the last known rate (future days have no rate of their own),
 * so the chart says which rule and which rates it used.
 */
export function ConvertedForecastNote({ forecast }: { forecast: ApiState<ForecastAnswer[]> }) {
  const conversion = forecast.status === 'ready' ? forecast.data[0]?.conversion : null;
  if (!conversion) return null;
  return (
    <p className="section-note" data-testid="forecast-currency-note">
      Forecast in {conversion.currency}: {conversion.rule}
      {conversion.rates.length > 0
        ? ` (${conversion.rates.map((rate) => `1 ${rate.from} = ${rate.oneUnit} ${conversion.currency} on ${rate.rateDay}`).join(', ')})`
        : ''}
      .
    </p>
  );
}
