import { useMemo } from 'react';
import { ApiError } from '../api-client';
import type { CostMetric, CostReport } from '../api-types';
import { hasPermission } from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import {
  CurrencySelect,
  METRIC_LABELS,
  MetricSelect,
  metricColumnLabel,
  useCurrencies,
} from '../components/cost-controls';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { BudgetBar, Tile } from '../components/tile';
import { sumByMonth, useDailyCosts } from '../cost-range';
import { addDays, useDataThrough } from '../data-through';
import type {
  BudgetDescription,
  BudgetStatus,
  BudgetStatusAnswer,
  BudgetStatusesAnswer,
  ForecastAnswer,
  KpiAnswer,
} from '../finance-types';
import {
  Decimal,
  formatCompact,
  formatMoneyText,
  percentOf,
  sumDecimals,
  toChartNumber,
} from '../money-text';
import { useUrlState } from '../url-state';
import { type ApiState, useApi } from '../use-api';
import {
  costPerDeploymentByMonth,
  findOrganisationBudget,
  totalsBy,
  unallocatedByMonth,
} from './executive-model';
import type { ViewProps } from './view-registry';

const FORECAST_HISTORY_DAYS = 90;
const LOADING = { status: 'loading', data: undefined, error: undefined } as const;

function earlierDayText(a: string, b: string): string {
  return a < b ? a : b;
}

/** One budget's entry of a batch answer as the tiles read it; its error as the tile's error. */
function pickStatus(
  answer: ApiState<BudgetStatusesAnswer>,
  name: string | undefined,
): ApiState<BudgetStatusAnswer> {
  if (answer.status !== 'ready') return answer;
  const entry = answer.data.budgets.find((candidate) => candidate.name === name);
  if (entry?.status)
    return { status: 'ready', data: { status: entry.status, forecast: entry.forecast }, error: undefined };
  return {
    status: 'error',
    data: undefined,
    error: new ApiError(
      200,
      entry?.error?.code ?? 'BUDGET_NOT_FOUND',
      entry?.error?.message ?? `No status for ${name}.`,
    ),
  };
}

function report(rows: Record<string, string | null>[]): CostReport {
  return { metric: 'effective', from: null, to: null, rows };
}

/**
 * The executive view: spend against budget this month and year (actual, forecast with its
 * interval, budget), by business unit and top services, the forecast against actuals, cost
 * per deployment and the unallocated share, in one chosen currency and cost metric.
 */
export function ExecutiveView({ me }: ViewProps) {
  const [metricText, setMetric] = useUrlState('metric', 'effective');
  const metric = metricText as CostMetric;
  const [currency, setCurrency] = useUrlState('currency', '');
  const { state: currencyState, currencies } = useCurrencies();
  const through = useDataThrough(currency);
  const asOf = through.status === 'ready' ? through.data : null;
  const year = asOf?.slice(0, 4) ?? '';
  const month = asOf?.slice(0, 7) ?? '';
  const yearStart = `${year}-01-01`;
  // "As of" a day means what a budget status means by it: that day's period, data through the
  // day before (its spend may still be arriving). The API's `to` is exclusive, so `to` = asOf.
  const end = asOf ?? '';
  const currencyFilter = `currency=${currency}`;
  const canSeeBudgets = hasPermission(me, 'budgets:read');
  const canSeeGovernance = hasPermission(me, 'governance:read');

  const byMonth = useApi<CostReport>(asOf ? '/api/v1/costs' : null, {
    query: { by: 'month,business-unit', metric, from: yearStart, to: end, filter: [currencyFilter] },
  });
  const services = useApi<CostReport>(asOf ? '/api/v1/costs' : null, {
    query: { by: 'catalog-service', metric, from: yearStart, to: end, filter: [currencyFilter], top: 10 },
  });
  // Monthly totals and the daily series come from one daily question (the year and the
  // forecast chart's history), sent with the others as soon as the last day is known.
  const days = useDailyCosts(
    metric,
    currency,
    asOf ? earlierDayText(yearStart, addDays(asOf, -FORECAST_HISTORY_DAYS)) : null,
    asOf ? end : null,
  );
  const monthTotals = useMemo<ApiState<CostReport>>(() => {
    if (days.status !== 'ready' || !asOf) return days.status === 'error' ? days : LOADING;
    const months = sumByMonth(days.data, yearStart, end);
    return {
      status: 'ready',
      data: report(months.map((row) => ({ month: row.month, currency, cost: row.cost }))),
      error: undefined,
    };
  }, [days, asOf, currency, yearStart, end]);
  const daily = useMemo<ApiState<CostReport>>(() => {
    if (days.status !== 'ready' || !asOf) return days.status === 'error' ? days : LOADING;
    const from = addDays(asOf, -FORECAST_HISTORY_DAYS);
    const rows = days.data.filter((row) => row.day >= from && row.day < end);
    return {
      status: 'ready',
      data: report(rows.map((row) => ({ day: row.day, currency, cost: row.cost }))),
      error: undefined,
    };
  }, [days, asOf, currency, end]);
  const forecast = useApi<ForecastAnswer[]>(asOf && canSeeBudgets ? '/api/v1/forecasts' : null, {
    query: { filter: [currencyFilter], metric, asOf, horizon: '30d' },
  });
  const budgets = useApi<BudgetDescription[]>(canSeeBudgets ? '/api/v1/budgets' : null);
  const monthBudget =
    budgets.status === 'ready' ? findOrganisationBudget(budgets.data, currency, 'month') : undefined;
  const yearBudget =
    budgets.status === 'ready' ? findOrganisationBudget(budgets.data, currency, 'fiscal-year') : undefined;
  // Both tiles' statuses in one call (the budget list is asked for at sign-in, so it is ready).
  const wanted = [monthBudget?.name, yearBudget?.name].filter((name): name is string => name !== undefined);
  const statusAnswer = useApi<BudgetStatusesAnswer>(
    asOf && wanted.length > 0 ? '/api/v1/budgets/status' : null,
    { query: { asOf, budget: wanted } },
  );
  const monthStatus = useMemo(() => pickStatus(statusAnswer, monthBudget?.name), [statusAnswer, monthBudget]);
  const yearStatus = useMemo(() => pickStatus(statusAnswer, yearBudget?.name), [statusAnswer, yearBudget]);
  const kpis = useApi<KpiAnswer>(asOf && canSeeGovernance ? '/api/v1/kpis' : null, {
    query: { from: yearStart, to: end },
  });

  const units = useMemo(
    () => (byMonth.status === 'ready' ? totalsBy(byMonth.data, 'business-unit') : []),
    [byMonth],
  );
  const shares = useMemo(
    () => (byMonth.status === 'ready' ? unallocatedByMonth(byMonth.data) : []),
    [byMonth],
  );
  const yearTotal = sumDecimals(units.map((unit) => unit.cost));
  const unallocated = units.find((unit) => unit.key === 'unallocated')?.cost ?? '0';
  const metricLabel = metricColumnLabel(metric, currency || '…');

  return (
    <section aria-labelledby="executive-title">
      <div className="view-header">
        <div>
          <h1 id="executive-title">Executive</h1>
          <p className="muted" data-testid="executive-subtitle">
            {METRIC_LABELS[metric]} in {currency || '…'}
            {asOf ? `, as of ${asOf} (data through ${addDays(asOf, -1)})` : ''}
          </p>
        </div>
        <div className="controls">
          <MetricSelect value={metric} onChange={setMetric} />
          <CurrencySelect value={currency} currencies={currencies} onChange={setCurrency} />
        </div>
      </div>
      {currencyState.status === 'error' ? <ErrorMessage error={currencyState.error} /> : null}
      {through.status === 'error' ? <ErrorMessage error={through.error} /> : null}
      {currencyState.status === 'ready' && currencies.length === 0 ? (
        <Empty>
          No cost lines are loaded yet. Load billing exports with tollgate ingest, or run npm run demo.
        </Empty>
      ) : null}
      {through.status === 'loading' && currencies.length > 0 ? (
        <Loading what="Finding the latest data" />
      ) : null}

      {asOf ? (
        <div className="grid" data-testid="executive-grid">
          <BudgetTile
            label={`This month (${month})`}
            testId="tile-month"
            status={monthStatus}
            budget={monthBudget}
            budgets={budgets}
            canSeeBudgets={canSeeBudgets}
            currency={currency}
          />
          <BudgetTile
            label={`This year (${year})`}
            testId="tile-year"
            status={yearStatus}
            budget={yearBudget}
            budgets={budgets}
            canSeeBudgets={canSeeBudgets}
            currency={currency}
            actualFallback={
              monthTotals.status === 'ready'
                ? sumDecimals(monthTotals.data.rows.map((row) => row.cost))
                : null
            }
          />
          <Tile
            label={`Unallocated spend, ${year} to date`}
            testId="tile-unallocated"
            tone={Number(percentOf(unallocated, yearTotal) ?? 0) > 10 ? 'warn' : undefined}
            value={
              byMonth.status === 'ready' ? (
                <span data-testid="unallocated-percent">{percentOf(unallocated, yearTotal) ?? '0.0'}%</span>
              ) : byMonth.status === 'error' ? (
                '–'
              ) : (
                <Loading />
              )
            }
            sub={
              byMonth.status === 'ready' ? (
                <>
                  <Money amount={unallocated} currency={currency} /> of{' '}
                  <Money amount={yearTotal} currency={currency} /> has no owner yet
                </>
              ) : byMonth.status === 'error' ? (
                <ErrorMessage error={byMonth.error} />
              ) : null
            }
          />
          <DeploymentTile kpis={kpis} canSee={canSeeGovernance} />

          <div className="card span-8">
            <h2>
              Spend by month against budget <span className="unit-label">{metricLabel}</span>
            </h2>
            <MonthlyChart
              totals={monthTotals}
              budget={monthBudget}
              monthStatus={monthStatus}
              currency={currency}
            />
          </div>
          <div className="card span-4">
            <h2>
              By business unit, {year} to date <span className="unit-label">{metricLabel}</span>
            </h2>
            {byMonth.status === 'loading' ? <Loading /> : null}
            {byMonth.status === 'error' ? <ErrorMessage error={byMonth.error} /> : null}
            {byMonth.status === 'ready' ? (
              units.length === 0 ? (
                <Empty>No allocated spend in {year}.</Empty>
              ) : (
                <Chart
                  option={horizontalBars(units, currency)}
                  height={Math.max(160, units.length * 34 + 40)}
                  label="Spend by business unit"
                  testId="chart-business-units"
                />
              )
            ) : null}
          </div>

          <div className="card span-8">
            <h2>
              Forecast against actual, daily <span className="unit-label">{metricLabel}</span>
            </h2>
            <ForecastChart
              daily={daily}
              forecast={forecast}
              canSeeBudgets={canSeeBudgets}
              monthStatus={monthStatus}
              currency={currency}
            />
          </div>
          <div className="card span-4">
            <h2>
              Top services, {year} to date <span className="unit-label">{metricLabel}</span>
            </h2>
            <TopServices services={services} currency={currency} metric={metric} />
          </div>

          <div className="card span-6">
            <h2>Cost per deployment by month</h2>
            <DeploymentChart kpis={kpis} canSee={canSeeGovernance} />
          </div>
          <div className="card span-6">
            <h2>
              Unallocated share by month <span className="unit-label">% of {metricLabel}</span>
            </h2>
            {byMonth.status === 'ready' ? (
              shares.length === 0 ? (
                <Empty>No allocated months yet.</Empty>
              ) : (
                <Chart
                  option={unallocatedOption(shares)}
                  label="Unallocated share by month"
                  testId="chart-unallocated"
                />
              )
            ) : byMonth.status === 'error' ? (
              <ErrorMessage error={byMonth.error} />
            ) : (
              <Loading />
            )}
          </div>
        </div>
      ) : null}
      {through.status === 'ready' && through.data === null && currencies.length > 0 ? (
        <Empty>No spend in {currency} yet.</Empty>
      ) : null}
    </section>
  );
}

function BudgetTile({
  label,
  testId,
  status,
  budget,
  budgets,
  canSeeBudgets,
  currency,
  actualFallback,
}: {
  label: string;
  testId: string;
  status: ApiState<BudgetStatusAnswer>;
  budget: BudgetDescription | undefined;
  budgets: ApiState<BudgetDescription[]>;
  canSeeBudgets: boolean;
  currency: string;
  actualFallback?: string | null;
}) {
  if (!canSeeBudgets || (budgets.status === 'ready' && !budget)) {
    return (
      <Tile
        label={label}
        testId={testId}
        value={actualFallback ? <Money amount={actualFallback} currency={currency} /> : '–'}
        sub={
          canSeeBudgets
            ? `No organisation-wide ${currency} budget for this period (a budget scoped to currency=${currency} only).`
            : 'Your role may not read budgets.'
        }
      />
    );
  }
  if (budgets.status === 'error')
    return <Tile label={label} testId={testId} value="–" sub={<ErrorMessage error={budgets.error} />} />;
  if (status.status === 'error')
    return <Tile label={label} testId={testId} value="–" sub={<ErrorMessage error={status.error} />} />;
  if (status.status === 'loading') return <Tile label={label} testId={testId} value={<Loading />} />;
  const report = status.data.status;
  const actualPercent = Number(percentOf(report.actual, report.amount) ?? 0);
  const forecastPercent = report.forecastTotal
    ? Number(percentOf(report.forecastTotal, report.amount) ?? 0)
    : null;
  const over = report.forecastTotal !== null && new Decimal(report.forecastTotal).gt(report.amount);
  return (
    <Tile
      label={label}
      testId={testId}
      tone={over ? 'bad' : undefined}
      value={<Money amount={report.actual} currency={report.currency} className="tile-actual" />}
      sub={
        <>
          <BudgetBar actualPercent={actualPercent} forecastPercent={forecastPercent} />
          <div>
            {actualPercent.toFixed(1)}% of budget{' '}
            <Money amount={report.amount} currency={report.currency} className="tile-budget" /> (
            {report.budget})
          </div>
          {report.forecastTotal ? (
            <div>
              Forecast{' '}
              <Money amount={report.forecastTotal} currency={report.currency} className="tile-forecast" />
              {report.forecastInterval ? (
                <>
                  {' '}
                  (80%: {formatMoneyText(report.forecastInterval.lo80, null, 0)}–
                  {formatMoneyText(report.forecastInterval.hi80, null, 0)})
                </>
              ) : null}
              {report.variancePercent !== null ? (
                <span className={over ? 'bad' : 'good'}>
                  {' '}
                  {report.variancePercent > 0 ? '+' : ''}
                  {report.variancePercent}% vs budget
                </span>
              ) : null}
            </div>
          ) : (
            <div>No forecast yet (too little history).</div>
          )}
        </>
      }
    />
  );
}

function DeploymentTile({ kpis, canSee }: { kpis: ApiState<KpiAnswer>; canSee: boolean }) {
  if (!canSee)
    return <Tile label="Cost per deployment" value="–" sub="Your role may not read deployments." />;
  if (kpis.status === 'error')
    return <Tile label="Cost per deployment" value="–" sub={<ErrorMessage error={kpis.error} />} />;
  if (kpis.status === 'loading') return <Tile label="Cost per deployment" value={<Loading />} />;
  const unit = kpis.data.unitCosts;
  const months = costPerDeploymentByMonth(unit);
  const last = months.at(-1);
  const previous = months.at(-2);
  const change =
    last?.perDeployment && previous?.perDeployment
      ? percentOf(
          new Decimal(last.perDeployment).minus(previous.perDeployment).toFixed(),
          previous.perDeployment,
        )
      : null;
  return (
    <Tile
      label={`Cost per deployment${last ? ` (${last.month})` : ''}`}
      testId="tile-deployment"
      value={last?.perDeployment ? <Money amount={last.perDeployment} currency={unit.currency} /> : '–'}
      sub={
        <>
          {unit.deployments.toLocaleString('en-US')} deployments this year, on average{' '}
          <Money amount={unit.perDeployment} currency={unit.currency} />
          {change !== null ? ` · ${Number(change) > 0 ? '+' : ''}${change}% on the month before` : ''}
          <div className="section-note">
            Process cost: pipeline, environments, reviews, execution, rollbacks.
          </div>
        </>
      }
    />
  );
}

function MonthlyChart({
  totals,
  budget,
  monthStatus,
  currency,
}: {
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
  return <Chart option={option} label="Spend by month against budget" testId="chart-monthly" />;
}

function ForecastChart({
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
        data: [...pad(actual.length), ...days.map((day) => day.lo80)],
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
        data: [...pad(actual.length), ...days.map((day) => day.hi80 - day.lo80)],
        tooltip: { show: false },
      },
      {
        name: 'Forecast',
        type: 'line',
        symbol: 'none',
        itemStyle: { color: '#2f6fdf' },
        lineStyle: { type: 'dashed', color: '#2f6fdf' },
        data: [...pad(actual.length), ...days.map((day) => day.point)],
      },
    ],
  };
  return (
    <>
      <Chart option={option} label="Daily spend and forecast with its 80% interval" testId="chart-forecast" />
      {!canSeeBudgets ? <p className="section-note">Your role may not read forecasts.</p> : null}
      {forecast.status === 'error' ? <ErrorMessage error={forecast.error} /> : null}
      {forecast.status === 'ready' && forecast.data[0]?.forecast ? (
        <p className="section-note">
          Method {forecast.data[0].forecast.method}: {forecast.data[0].forecast.reason}. The band is the 80%
          interval.
        </p>
      ) : null}
    </>
  );
}

function TopServices({
  services,
  currency,
  metric,
}: {
  services: ApiState<CostReport>;
  currency: string;
  metric: CostMetric;
}) {
  if (services.status === 'loading') return <Loading />;
  if (services.status === 'error') return <ErrorMessage error={services.error} />;
  const rows = services.data.rows;
  if (rows.length === 0) return <Empty>No allocated spend yet.</Empty>;
  const columns: Column<Record<string, string | null>>[] = [
    {
      key: 'service',
      label: 'Service',
      value: (row) => row['catalog-service'] ?? null,
      render: (row) => row['catalog-service'] ?? <span className="muted">(no service: unallocated)</span>,
    },
    {
      key: 'cost',
      label: metricColumnLabel(metric, currency),
      kind: 'money',
      value: (row) => row.cost ?? null,
      render: (row) => <Money amount={row.cost} currency={currency} />,
    },
  ];
  return (
    <DataTable
      testId="top-services"
      columns={columns}
      rows={rows}
      fileName={`tollgate-top-services-${metric}-${currency}`}
      initialSort={{ key: 'cost', descending: true }}
    />
  );
}

function DeploymentChart({ kpis, canSee }: { kpis: ApiState<KpiAnswer>; canSee: boolean }) {
  if (!canSee) return <Empty>Your role may not read deployments.</Empty>;
  if (kpis.status === 'loading') return <Loading />;
  if (kpis.status === 'error') return <ErrorMessage error={kpis.error} />;
  const unit = kpis.data.unitCosts;
  const months = costPerDeploymentByMonth(unit);
  if (months.length === 0) return <Empty>No deployments with a cost this year.</Empty>;
  const option: ChartOption = {
    color: PALETTE,
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 60, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: months.map((month) => month.month) },
    yAxis: [
      {
        type: 'value',
        name: unit.currency,
        axisLabel: { formatter: (value: number) => formatCompact(value) },
      },
      { type: 'value', name: 'deployments', splitLine: { show: false } },
    ],
    series: [
      {
        name: `Cost per deployment (${unit.currency})`,
        type: 'line',
        data: months.map((month) => toChartNumber(month.perDeployment)),
      },
      {
        name: 'Deployments',
        type: 'bar',
        yAxisIndex: 1,
        itemStyle: { color: '#d5dbe6' },
        data: months.map((month) => month.deployments),
      },
    ],
  };
  return <Chart option={option} label="Cost per deployment by month" testId="chart-deployments" />;
}

function horizontalBars(units: { key: string; cost: string }[], currency: string): ChartOption {
  const ordered = [...units].reverse();
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${formatCompact(Number(value))} ${currency}` },
    grid: { left: 100, right: 24, top: 8, bottom: 24 },
    xAxis: { type: 'value', axisLabel: { formatter: (value: number) => formatCompact(value) } },
    yAxis: { type: 'category', data: ordered.map((unit) => unit.key) },
    series: [
      {
        name: currency,
        type: 'bar',
        data: ordered.map((unit) => ({
          value: toChartNumber(unit.cost),
          itemStyle: unit.key === 'unallocated' ? { color: '#c0392b' } : {},
        })),
      },
    ],
  };
}

function unallocatedOption(shares: { month: string; percent: string | null }[]): ChartOption {
  return {
    color: ['#c0392b'],
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${value}%` },
    grid: { left: 48, right: 16, top: 16, bottom: 32 },
    xAxis: { type: 'category', data: shares.map((share) => share.month) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
    series: [
      {
        name: 'Unallocated',
        type: 'line',
        data: shares.map((share) => (share.percent === null ? null : Number(share.percent))),
      },
    ],
  };
}
