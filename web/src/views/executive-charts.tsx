import type {
  BudgetDescription,
  BudgetStatus,
  BudgetStatusAnswer,
  CostReport,
  ForecastAnswer,
} from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import { ChartSegmentLinks } from '../components/chart-segment-links';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { Decimal, formatCompact, toChartNumber } from '../money-text';
import type { ApiState } from '../use-api';
import { type ExecutivePlace, monthHref } from './executive-segment-links';

export function MonthlyChart({
  place,
  totals,
  budget,
  monthStatus,
  currency,
}: {
  place: ExecutivePlace | null;
  totals: ApiState<CostReport>;
  budget: BudgetDescription | undefined;
  monthStatus: ApiState<BudgetStatusAnswer>;
  currency: string;
}) {
  if (totals.status === 'loading') return <Loading />;
  if (totals.status === 'error') return <ErrorMessage error={totals.error} />;
  const rows = [...totals.data.rows].sort((a, b) => (a.month ?? '').localeCompare(b.month ?? ''));
  if (rows.length === 0) return <Empty>No spend this year.</Empty>;
  const months = rows.map((row) => (row.month ?? '').slice(0, 7));
  const status: BudgetStatus | null = monthStatus.status === 'ready' ? monthStatus.data.status : null;
  // The current month's forecast remainder (forecast total minus actual so far) stacks on its bar.
  const remainder = months.map((month) =>
    status && status.period.label === month && status.forecastTotal
      ? Math.max(0, toChartNumber(new Decimal(status.forecastTotal).minus(status.actual).toFixed()))
      : 0,
  );
  const option: ChartOption = {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${formatCompact(Number(value))} ${currency}` },
    legend: { bottom: 0 },
    grid: { left: 60, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: months },
    yAxis: {
      type: 'value',
      name: currency,
      axisLabel: { formatter: (value: number) => formatCompact(value) },
    },
    series: [
      { name: 'Actual', type: 'bar', stack: 'month', data: rows.map((row) => toChartNumber(row.cost)) },
      {
        name: 'Forecast rest of month',
        type: 'bar',
        stack: 'month',
        data: remainder,
        itemStyle: { color: '#c9d8f6' },
      },
      ...(budget
        ? [
            {
              name: `Budget (${budget.name})`,
              type: 'line' as const,
              step: 'middle' as const,
              symbol: 'none',
              lineStyle: { type: 'dashed' as const, color: '#c0392b' },
              itemStyle: { color: '#c0392b' },
              data: months.map(() => toChartNumber(budget.amount)),
            },
          ]
        : []),
    ],
  };
  return (
    <>
      <Chart
        option={option}
        label="Spend by month against budget"
        testId="chart-monthly"
        segmentHref={(segment) =>
          place && segment.series === 'Actual' ? monthHref(place, segment.category) : null
        }
      />
      <ChartSegmentLinks
        label="Open a month in the explorer"
        testId="month-links"
        links={place ? months.map((month) => ({ text: month, href: monthHref(place, month) })) : []}
      />
    </>
  );
}

export function ForecastChart({
  daily,
  forecast,
  canSeeBudgets,
  monthStatus,
  currency,
}: {
  daily: ApiState<CostReport>;
  forecast: ApiState<ForecastAnswer[]>;
  canSeeBudgets: boolean;
  monthStatus: ApiState<BudgetStatusAnswer>;
  currency: string;
}) {
  if (daily.status === 'loading') return <Loading />;
  if (daily.status === 'error') return <ErrorMessage error={daily.error} />;
  const actual = [...daily.data.rows]
    .map((row) => ({ day: (row.day ?? '').slice(0, 10), cost: toChartNumber(row.cost) }))
    .sort((a, b) => a.day.localeCompare(b.day));
  const days = forecast.status === 'ready' ? (forecast.data[0]?.forecast?.days ?? []) : [];
  const axis = [...actual.map((point) => point.day), ...days.map((day) => day.date)];
  const pad = (count: number) => Array.from({ length: count }, () => null);
  const budgetDaily =
    monthStatus.status === 'ready' ? toChartNumber(monthStatus.data.status.budgetedDailyRate) : null;
  const option: ChartOption = {
    color: PALETTE,
    tooltip: {
      trigger: 'axis',
      valueFormatter: (value) =>
        value === null || value === undefined ? '–' : `${formatCompact(Number(value))} ${currency}`,
    },
    legend: { bottom: 0, data: ['Actual', 'Forecast', '80% interval'] },
    grid: { left: 60, right: 16, top: 16, bottom: 48 },
    xAxis: { type: 'category', data: axis },
    yAxis: {
      type: 'value',
      name: currency,
      axisLabel: { formatter: (value: number) => formatCompact(value) },
    },
    series: [
      {
        name: 'Actual',
        type: 'line',
        symbol: 'none',
        data: [...actual.map((point) => point.cost), ...pad(days.length)],
        ...(budgetDaily !== null
          ? {
              markLine: {
                symbol: 'none',
                label: { formatter: 'Budgeted daily rate', position: 'insideEndTop' },
                lineStyle: { type: 'dashed', color: '#c0392b' },
                data: [{ yAxis: budgetDaily }],
              },
            }
          : {}),
      },
      // The 80% interval as a band: an invisible base at lo80 and a filled height of hi80 - lo80.
      {
        name: 'interval base',
        type: 'line',
        stack: 'interval',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        data: [...pad(actual.length), ...days.map((day) => toChartNumber(day.lo80))],
        tooltip: { show: false },
      },
      {
        name: '80% interval',
        type: 'line',
        stack: 'interval',
        symbol: 'none',
        lineStyle: { opacity: 0 },
        itemStyle: { color: 'rgba(47, 111, 223, 0.35)' },
        areaStyle: { color: 'rgba(47, 111, 223, 0.25)' },
        data: [
          ...pad(actual.length),
          ...days.map((day) => toChartNumber(new Decimal(day.hi80).minus(day.lo80).toFixed())),
        ],
        tooltip: { show: false },
      },
      {
        name: 'Forecast',
        type: 'line',
        symbol: 'none',
        itemStyle: { color: '#2f6fdf' },
        lineStyle: { type: 'dashed', color: '#2f6fdf' },
        data: [...pad(actual.length), ...days.map((day) => toChartNumber(day.point))],
      },
    ],
  };
  return (
    <>
      <Chart option={option} label="Daily spend and forecast with its 80% interval" testId="chart-forecast" />
      {!canSeeBudgets ? <p className="section-note">Your role may not read forecasts.</p> : null}
      {forecast.status === 'error' ? <ErrorMessage error={forecast.error} /> : null}
      {forecast.status === 'ready' && forecast.data[0]?.forecast ? (
        <p className="section-note" data-testid="forecast-caption">
          Forecast for the next {forecast.data[0].forecast.days.length} days:{' '}
          <Money amount={forecast.data[0].total.point} currency={forecast.data[0].currency} /> (80%:{' '}
          <Money amount={forecast.data[0].total.lo80} currency={forecast.data[0].currency} /> to{' '}
          <Money amount={forecast.data[0].total.hi80} currency={forecast.data[0].currency} />
          ). Method {forecast.data[0].forecast.method}: {forecast.data[0].forecast.reason}. The band is the
          80% interval.
        </p>
      ) : null}
    </>
  );
}
