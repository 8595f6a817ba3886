/**
 * Said under the forecast chart when every currency is converted: the forecast is figured per
 * billing currency by the API, so the chart shows the converted actuals and no forecast rather
 * than a forecast of one currency beside actuals of all.
 */
export function ConvertedForecastNote({ billing }: { billing: string[] }) {
  const one = billing[0];
  return (
    <p className="section-note" data-testid="forecast-currency-note">
      The forecast is figured per billing currency, so none is drawn for converted spend
      {one ? `; choose "${one} only" to see it` : ''}.
    </p>
  );
}
