import { useMemo } from 'react';
import type { CostMetric, CostReport, ForecastAnswer, KpiReport } from '../api-types';
import { hasPermission } from '../api-types';
import { Chart } from '../components/chart';
import { ChartSegmentLinks } from '../components/chart-segment-links';
import {
  CurrencySelect,
  METRIC_LABELS,
  MetricSelect,
  metricColumnLabel,
  useCurrencies,
} from '../components/cost-controls';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { Tile } from '../components/tile';
import { sumByMonth, useDailyCosts } from '../cost-range';
import { readCurrencyChoice } from '../currency-choice';
import { addDays, useDataThrough } from '../data-through';
import { percentOf, sumDecimals } from '../money-text';
import { formatPercent } from '../percent-text';
import { useUrlState } from '../url-state';
import { type ApiState, useApi } from '../use-api';
import { AllocationGapNote } from './allocation-gap-note';
import { DeploymentChart, TopServices } from './executive-breakdowns';
import { earlierDayText, FORECAST_HISTORY_DAYS, LOADING, report, useBudgetTiles } from './executive-budgets';
import { horizontalBars, unallocatedOption } from './executive-chart-options';
import { ForecastChart, MonthlyChart } from './executive-charts';
import { ConvertedForecastNote } from './executive-currency-notes';
import { totalsBy, unallocatedByMonth } from './executive-model';
import { executivePeriod, sumDays } from './executive-period';
import { businessUnitHref } from './executive-segment-links';
import { BudgetTile, DeploymentTile } from './executive-tiles';
import { TOP_SERVICES } from './executive-top-remainder';
import type { ViewProps } from './view-props';

/**
 * The executive view: spend against budget this month and year (actual, forecast with its
 * interval, budget), by business unit and top services, the forecast against actuals, cost
 * per deployment and the unallocated share, in one chosen currency and cost metric.
 */
export function ExecutiveView({ me }: ViewProps) {
  const [metricText, setMetric] = useUrlState('metric', 'effective');
  const metric = metricText as CostMetric;
  const [choiceValue, setCurrency] = useUrlState('currency', '');
  const choice = readCurrencyChoice(choiceValue);
  const currency = choice.currency;
  const { state: currencyState, currencies, options, initial } = useCurrencies();
  const through = useDataThrough(choiceValue);
  const lastDay = through.status === 'ready' ? through.data : null;
  const canSeeBudgets = hasPermission(me, 'budgets:read');
  const { budgets, monthBudget, yearBudget, monthStatus, yearStatus, monthComplete, yearComplete } =
    useBudgetTiles(lastDay, choice, metric, canSeeBudgets);
  // One "this year" for the whole page (the organisation's fiscal year when it has a budget
  // for it), and every range ends the day after the last day with data (`to` is exclusive).
  const period = lastDay ? executivePeriod(lastDay, yearBudget?.fiscalYearStartMonth ?? 1) : null;
  const asOf = lastDay && (!canSeeBudgets || budgets.status !== 'loading') ? lastDay : null;
  const month = period?.month ?? '';
  const year = period?.yearLabel ?? '';
  const yearStart = period?.yearStart ?? '';
  const end = period?.end ?? '';
  const currencyQuery = { filter: choice.filters, currency: choice.apiCurrency };
  const place =
    lastDay && period ? { currency: choiceValue, metric, yearStart: period.yearStart, lastDay } : null;
  const canSeeGovernance = hasPermission(me, 'governance:read');

  const byMonth = useApi<CostReport>(asOf ? '/api/v1/costs' : null, {
    query: { by: 'month,business-unit', metric, from: yearStart, to: end, ...currencyQuery },
  });
  const services = useApi<CostReport>(asOf ? '/api/v1/costs' : null, {
    query: {
      by: 'catalog-service',
      metric,
      from: yearStart,
      to: end,
      ...currencyQuery,
      top: TOP_SERVICES,
    },
  });
  // Monthly totals and the daily series come from one daily question (the year and the
  // forecast chart's history), sent with the others as soon as the last day is known.
  const days = useDailyCosts(
    metric,
    choiceValue,
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
  // Converted, the API forecasts each billing currency and converts it (its rule is said under the chart).
  const forecast = useApi<ForecastAnswer[]>(asOf && canSeeBudgets ? '/api/v1/forecasts' : null, {
    query: {
      filter: choice.filters,
      metric,
      asOf: end,
      horizon: '30d',
      currency: choice.converted ? choice.apiCurrency : undefined,
    },
  });
  const kpis = useApi<KpiReport>(asOf && canSeeGovernance ? '/api/v1/kpis' : null, {
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
  // The tiles' actuals, from the same daily answer as the charts (see BudgetTile).
  const sumFrom = (from: string): ApiState<string> =>
    days.status === 'ready' && period
      ? { status: 'ready', data: sumDays(days.data, from, end), error: undefined }
      : days.status === 'error'
        ? days
        : LOADING;
  const monthActual = sumFrom(period?.monthStart ?? '');
  const yearActual = sumFrom(yearStart);
  const unallocated = units.find((unit) => unit.key === 'unallocated')?.cost ?? '0';
  const metricLabel = metricColumnLabel(metric, currency || '…');

  return (
    <section aria-labelledby="executive-title">
      <div className="view-header">
        <div>
          <h1 id="executive-title">Executive</h1>
          <p className="muted" data-testid="executive-subtitle">
            {METRIC_LABELS[metric]} in {currency || '…'}
            {choice.converted ? ', every billing currency converted per charge day' : ''}
            {asOf ? `, data until ${asOf} (included)` : ''}
          </p>
        </div>
        <div className="controls">
          <MetricSelect value={metric} onChange={setMetric} />
          <CurrencySelect value={choiceValue} options={options} initial={initial} onChange={setCurrency} />
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
            actual={monthActual}
            periodComplete={monthComplete}
            converted={choice.converted}
          />
          <BudgetTile
            label={`This year (${year})`}
            testId="tile-year"
            status={yearStatus}
            budget={yearBudget}
            budgets={budgets}
            canSeeBudgets={canSeeBudgets}
            currency={currency}
            actual={yearActual}
            periodComplete={yearComplete}
            converted={choice.converted}
          />
          <Tile
            label={`Unallocated spend, ${year} to date`}
            testId="tile-unallocated"
            tone={Number(percentOf(unallocated, yearTotal) ?? 0) > 10 ? 'warn' : undefined}
            value={
              byMonth.status === 'ready' ? (
                <span data-testid="unallocated-percent">
                  {formatPercent(percentOf(unallocated, yearTotal))}
                </span>
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
                  <Money amount={yearTotal} currency={currency} className="unallocated-total" /> has no owner
                  yet
                </>
              ) : byMonth.status === 'error' ? (
                <ErrorMessage error={byMonth.error} />
              ) : null
            }
          />
          <DeploymentTile kpis={kpis} canSee={canSeeGovernance} currency={currency} />

          <div className="card span-8">
            <h2>
              Spend by month against budget <span className="unit-label">{metricLabel}</span>
            </h2>
            <MonthlyChart
              place={place}
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
              <AllocationGapNote months={byMonth.data.monthsWithoutAllocation} />
            ) : null}
            {byMonth.status === 'ready' ? (
              units.length === 0 ? (
                <Empty>No allocated spend in {year}.</Empty>
              ) : (
                <>
                  <Chart
                    option={horizontalBars(units, currency)}
                    height={Math.max(160, units.length * 34 + 40)}
                    label="Spend by business unit"
                    testId="chart-business-units"
                    segmentHref={(segment) => (place ? businessUnitHref(place, segment.category) : null)}
                  />
                  <ChartSegmentLinks
                    label="Open a business unit in the explorer"
                    testId="business-unit-links"
                    links={
                      place
                        ? units.map((unit) => ({ text: unit.key, href: businessUnitHref(place, unit.key) }))
                        : []
                    }
                  />
                </>
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
            {choice.converted ? <ConvertedForecastNote forecast={forecast} /> : null}
          </div>
          <div className="card span-4">
            <h2>
              Top services, {year} to date <span className="unit-label">{metricLabel}</span>
            </h2>
            <TopServices services={services} currency={currency} metric={metric} />
          </div>

          <div className="card span-6">
            <h2>Cost per deployment by month</h2>
            <DeploymentChart kpis={kpis} canSee={canSeeGovernance} currency={currency} />
          </div>
          <div className="card span-6">
            <h2>
              Unallocated share by month <span className="unit-label">% of {metricLabel}</span>
            </h2>
            {byMonth.status === 'ready' ? (
              <AllocationGapNote months={byMonth.data.monthsWithoutAllocation} />
            ) : null}
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
