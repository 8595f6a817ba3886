import { useState } from 'react';
import type { ApiAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { useApi } from '../use-api';
import { moveRangeEnd } from './assets-licence-range';

type Trend = ApiAnswer<'getLicenceTrend'>;
type TotalRow = Trend['totals'][number];

/** The month `count` months before `month` (YYYY-MM). */
export function monthsBefore(month: string, count: number): string {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 - count;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * Shortfall and shelfware cost month by month, per currency, over a range the reader picks
 * (by default the twelve months up to the newest usage snapshot); a month where some licence
 * had no usage yet names it instead of counting it as zero.
 */
export function AssetLicenceTrend({ newestMonth }: { newestMonth: string }) {
  const [range, setRange] = useState({ from: monthsBefore(newestMonth, 11), to: newestMonth });
  const state = useApi<Trend>('/api/v1/licences/trend', { query: range });
  const unknown = <span className="muted">no usage</span>;
  const columns: Column<TotalRow>[] = [
    { key: 'month', label: 'Month', value: (row) => row.month },
    { key: 'currency', label: 'Currency', value: (row) => row.currency },
    {
      key: 'shortfall',
      label: 'Shortfall cost',
      kind: 'money',
      value: (row) => row.shortfallCost,
      render: (row) =>
        row.shortfallCost === null ? unknown : <Money amount={row.shortfallCost} currency={row.currency} />,
    },
    {
      key: 'shelfware',
      label: 'Shelfware cost',
      kind: 'money',
      value: (row) => row.shelfwareCost,
      render: (row) =>
        row.shelfwareCost === null ? unknown : <Money amount={row.shelfwareCost} currency={row.currency} />,
    },
    {
      key: 'missing',
      label: 'Without usage',
      value: (row) => (row.missing.length === 0 ? null : row.missing.join(' ')),
      render: (row) => (row.missing.length === 0 ? '–' : row.missing.join(', ')),
    },
  ];
  return (
    <section className="card" aria-label="Licence usage over time" data-testid="licence-trend">
      <h2>Shortfall and shelfware by month</h2>
      <label>
        From
        <input
          type="month"
          name="from"
          value={range.from}
          onChange={(event) =>
            event.target.value && setRange(moveRangeEnd(range, 'from', event.target.value))
          }
        />
      </label>
      <label>
        To
        <input
          type="month"
          name="to"
          value={range.to}
          onChange={(event) => event.target.value && setRange(moveRangeEnd(range, 'to', event.target.value))}
        />
      </label>
      {state.status === 'loading' ? (
        <Loading what="Reading licence usage over time" />
      ) : state.status === 'error' ? (
        <ErrorMessage error={state.error} title="Could not read licence usage over time" />
      ) : state.data.totals.length === 0 ? (
        <Empty>
          No licence term falls between {state.data.from} and {state.data.to}.
        </Empty>
      ) : (
        <>
          <DataTable
            columns={columns}
            rows={state.data.totals}
            fileName="licence-usage-by-month.csv"
            caption={`Shortfall and shelfware cost by month, ${state.data.from} to ${state.data.to}`}
            testId="licence-trend-table"
          />
          <p data-testid="licence-peaks">
            Peak usage:{' '}
            {state.data.licences
              .map((licence) =>
                licence.peak === null
                  ? `${licence.licenceId} no usage`
                  : `${licence.licenceId} ${licence.peak.used} of ${licence.entitled} (${licence.peak.asOf})`,
              )
              .join('; ')}
            .
          </p>
        </>
      )}
    </section>
  );
}
