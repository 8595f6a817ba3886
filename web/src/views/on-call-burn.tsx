import { useMemo } from 'react';
import type { BudgetDescription, BudgetStatus, BudgetStatusesAnswer } from '../api-types';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { convertedChoiceValue } from '../currency-choice';
import { lastIncludedDay } from '../day-range-text';
import { formatPercent } from '../percent-text';
import type { ApiState } from '../use-api';
import { explorerHref, scopeFilters } from '../view-links';
import { measureBurnRates } from './on-call-model';

export interface BurnRow {
  name: string;
  status: BudgetStatus;
  fast: string;
  slow: string;
  daysToExhaustion: string | null;
}

export function BurnTable({
  statuses,
  budgets,
  canRead,
  focus,
  onShowAll,
  converted,
}: {
  statuses: ApiState<BudgetStatusesAnswer>;
  budgets: ApiState<BudgetDescription[]>;
  canRead: boolean;
  /** One budget's name (a link from an alert) narrows the table to it; '' shows every budget. */
  focus: string;
  onShowAll: () => void;
  /** True: the statuses were measured in the view's converted currency (GET /budgets/status currency=). */
  converted: boolean;
}) {
  const rows = useMemo<BurnRow[]>(
    () =>
      statuses.status === 'ready'
        ? statuses.data.budgets.flatMap(({ status }) =>
            status && (focus === '' || status.budget === focus)
              ? [{ name: status.budget, status, ...measureBurnRates(status) }]
              : [],
          )
        : [],
    [statuses, focus],
  );
  const scopes = useMemo(
    () =>
      new Map(budgets.status === 'ready' ? budgets.data.map((budget) => [budget.name, budget.scope]) : []),
    [budgets],
  );
  if (!canRead) return <Empty>Your role may not read budgets.</Empty>;
  if (statuses.status === 'error') return <ErrorMessage error={statuses.error} />;
  if (statuses.status === 'loading') return <Loading />;
  if (statuses.data.budgets.length === 0)
    return <Empty>No budgets yet. Set one with tollgate budgets set, or apply a budgets.yaml.</Empty>;
  // A budget the server cannot measure (no data yet, another currency) says why, in its words.
  const unmeasured = statuses.data.budgets.filter((entry) => entry.error !== null);
  const restated = statuses.data.budgets.filter((entry) => entry.conversion !== null);
  const tone = (value: string, warn: number, bad: number) =>
    Number(value) >= bad ? 'bad' : Number(value) >= warn ? 'warn' : undefined;
  const columns: Column<BurnRow>[] = [
    { key: 'name', label: 'Budget', value: (row) => row.name },
    { key: 'period', label: 'Period', value: (row) => row.status.period.label },
    {
      key: 'actual',
      label: 'Actual',
      kind: 'money',
      value: (row) => row.status.actual,
      render: (row) => <Money amount={row.status.actual} currency={row.status.currency} />,
    },
    {
      key: 'amount',
      label: 'Budget',
      kind: 'money',
      value: (row) => row.status.amount,
      render: (row) => <Money amount={row.status.amount} currency={row.status.currency} />,
    },
    {
      key: 'forecast',
      label: 'Forecast vs budget %',
      kind: 'number',
      value: (row) => (row.status.variancePercent === null ? null : String(row.status.variancePercent)),
      render: (row) =>
        row.status.variancePercent === null ? (
          '–'
        ) : (
          <span className={row.status.variancePercent > 0 ? 'bad' : 'good'}>
            {formatPercent(row.status.variancePercent, { signed: true })}
          </span>
        ),
    },
    {
      key: 'fast',
      label: 'Fast burn (last day)',
      kind: 'number',
      value: (row) => row.fast,
      render: (row) => <span className={tone(row.fast, 1.2, 3)}>{row.fast}×</span>,
    },
    {
      key: 'slow',
      label: 'Slow burn (period)',
      kind: 'number',
      value: (row) => row.slow,
      render: (row) => <span className={tone(row.slow, 1.1, 1.2)}>{row.slow}×</span>,
    },
    {
      key: 'exhaustion',
      label: 'Days to exhaustion',
      kind: 'number',
      value: (row) => row.daysToExhaustion,
      render: (row) => row.daysToExhaustion ?? '–',
    },
    { key: 'left', label: 'Days left', kind: 'number', value: (row) => String(row.status.daysLeft) },
    {
      key: 'spend',
      label: 'Spend',
      value: (row) => spendHref(row.status, scopes.get(row.name), converted),
      render: (row) => {
        const href = spendHref(row.status, scopes.get(row.name), converted);
        return href ? (
          <a href={href} data-testid="budget-spend-link">
            {row.name} in the explorer
          </a>
        ) : (
          '–'
        );
      },
    },
  ];
  return (
    <>
      {focus !== '' ? (
        <p className="section-note" data-testid="burn-focus">
          Budget {focus} only.{' '}
          <button type="button" className="link-button" onClick={onShowAll}>
            Show every budget
          </button>
        </p>
      ) : null}
      <DataTable
        testId="burn-table"
        columns={columns}
        rows={rows}
        fileName="tollgate-burn-rates"
        initialSort={{ key: 'slow', descending: true }}
      />
      {restated.length > 0 ? (
        <p className="section-note" data-testid="burn-conversion">
          In {restated[0]!.conversion!.currency}: {restated[0]!.conversion!.rule}. Budgets written in another
          currency:{' '}
          {restated.map((entry, index) => (
            <span key={entry.name}>
              {index > 0 ? '; ' : ''}
              {entry.name}{' '}
              <Money amount={entry.conversion!.budgetAmount} currency={entry.conversion!.budgetCurrency} /> at
              the rate of {entry.conversion!.amountRateDay}
            </span>
          ))}
          .
        </p>
      ) : null}
      {unmeasured.length > 0 ? (
        <ul className="section-note" data-testid="burn-unmeasured">
          {unmeasured.map((entry) => (
            <li key={entry.name}>
              {entry.name}: {entry.error?.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

/** A budget's spend: the explorer on its scope, metric and currency (choice) over its period's days. */
function spendHref(status: BudgetStatus, scope: string[] | undefined, converted: boolean): string | null {
  if (!scope) return null;
  return explorerHref({
    filters: scopeFilters(scope),
    by: 'service',
    currency: converted ? convertedChoiceValue(status.currency) : status.currency,
    metric: status.metric,
    from: status.period.start,
    until: lastIncludedDay(status.period.end),
    grain: 'day',
  });
}
