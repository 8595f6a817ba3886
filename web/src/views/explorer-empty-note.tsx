import type { CostReport } from '../api-types';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { readCurrencyChoice } from '../currency-choice';
import { useApi } from '../use-api';

/**
 * Why the explorer shows nothing: no cost line at all in these days (said with the days that
 * do have data), or lines that the filters leave out. Never a zero that looks like a figure.
 */
export function ExplorerEmptyNote({
  choiceValue,
  from,
  to,
  filtered,
}: {
  /** The currency choice (see currency-choice.ts). */
  choiceValue: string;
  from: string | undefined;
  to: string | undefined;
  filtered: boolean;
}) {
  const choice = readCurrencyChoice(choiceValue);
  // Whether lines exist is asked in billing currencies: no rate is needed to know that.
  const filter = choice.filters;
  const inRange = useApi<CostReport>(filtered ? '/api/v1/costs' : null, {
    query: { from, to, filter, currency: 'billing' },
  });
  const months = useApi<CostReport>('/api/v1/costs', { query: { by: 'month', filter, currency: 'billing' } });
  const currency = choice.converted ? '' : `${choice.currency} `;
  const anyInRange = filtered ? inRange : null;
  if (anyInRange?.status === 'loading' || months.status === 'loading') return <Loading />;
  if (anyInRange?.status === 'error') return <ErrorMessage error={anyInRange.error} />;
  if (anyInRange?.status === 'ready' && anyInRange.data.rows.length > 0)
    return (
      <Empty>
        <span data-testid="explorer-empty">
          No spend matches these filters in this range; there are {currency}cost lines in it. Remove a filter
          to see them.
        </span>
      </Empty>
    );
  const loaded =
    months.status === 'ready' ? months.data.rows.map((row) => (row.month ?? '').slice(0, 7)).sort() : [];
  return (
    <Empty>
      <span data-testid="explorer-empty">
        No data in this range: no {currency}cost line falls in these days
        {loaded.length > 0 ? ` (the loaded ${currency}data covers ${loaded[0]} to ${loaded.at(-1)})` : ''}.
        This is not a zero spend: choose days with data.
      </span>
    </Empty>
  );
}
