import { useMemo } from 'react';
import type { CostMetric, CostReport } from '../api-types';
import { hasPermission } from '../api-types';
import { Chart, type ChartOption } from '../components/chart';
import { ChartSegmentLinks } from '../components/chart-segment-links';
import { CurrencySelect, MetricSelect, metricColumnLabel, useCurrencies } from '../components/cost-controls';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { readCurrencyChoice } from '../currency-choice';
import { addDays } from '../data-through';
import { formatDayRange } from '../day-range-text';
import { percentOf, sumDecimals } from '../money-text';
import { useUrlList, useUrlState, useUrlWriter } from '../url-state';
import { useApi } from '../use-api';
import { AllocationGapNote } from './allocation-gap-note';
import { stackedOption } from './explorer-chart-option';
import { type ComparedRow, compareFigures, compareWithPrevious } from './explorer-compare';
import { ExplorerEmptyNote } from './explorer-empty-note';
import { Breadcrumbs, FilterBar } from './explorer-filters';
import {
  DETAIL_DIMENSIONS,
  DIMENSIONS,
  dimensionLabel,
  drillCrumbs,
  type Filter,
  formatFilterText,
  nextDrillLevel,
  parseFilterText,
  totalsOverTime,
} from './explorer-model';
import { RangeControls } from './explorer-range';
import { previousRange, rangeProblem } from './explorer-range-model';
import { type ExplorerPlace, segmentHref } from './explorer-segment-links';
import type { ViewProps } from './view-props';

const NONE = '(none)';

interface Row extends Partial<ComparedRow> {
  group: string | null;
  cost: string;
  share: string | null;
}

/** The analyst's view: any grouping, any filter, a date range, drill-down, table and chart. */
export function ExplorerView({ me }: ViewProps) {
  const canSeeResources = hasPermission(me, 'costs:detail');
  const [by, setBy] = useUrlState('by', 'business-unit');
  const [metric, setMetric] = useUrlState('metric', 'effective');
  const [choiceValue, setCurrency] = useUrlState('currency', '');
  const choice = readCurrencyChoice(choiceValue);
  const currency = choice.currency;
  const [from, setFrom] = useUrlState('from', '');
  const [until, setUntil] = useUrlState('until', '');
  const [grain, setGrain] = useUrlState('grain', 'month');
  const [compareText, setCompare] = useUrlState('compare', '');
  const problem = rangeProblem(from, until);
  const previous =
    compareText === 'previous' && from && until && !problem ? previousRange({ from, until }) : null;
  const filterTexts = useUrlList('filter');
  const { setList: setUrlList } = useUrlWriter();
  const filters = useMemo(
    () => filterTexts.map(parseFilterText).filter((filter): filter is Filter => filter !== null),
    [filterTexts],
  );
  const costMetric = metric as CostMetric;
  const { state: currencyState, currencies, options, initial } = useCurrencies();

  const query = {
    metric,
    from: from || undefined,
    to: until ? addDays(until, 1) : undefined,
    filter: [...filterTexts, ...choice.filters],
    currency: choice.apiCurrency,
  };
  // One question per change: the table's totals are the chart's series summed over time
  // (exact decimals), so a group-by, drill-down or metric change asks once, not twice.
  const asking = currency !== '' && problem === null;
  const series = useApi<CostReport>(asking ? '/api/v1/costs' : null, {
    query: { ...query, by: `${grain},${by}` },
  });
  // Masked ids can coincide (the same last four characters), so a masked grouping keeps the
  // API's own rows: summing the series would merge two resources into one.
  const masked = DETAIL_DIMENSIONS.has(by) && !canSeeResources;
  const own = useApi<CostReport>(asking && masked ? '/api/v1/costs' : null, { query: { ...query, by } });
  const table = masked ? own : series;
  // The previous period, the same filters and number of days just before: one more question.
  const before = useApi<CostReport>(asking && previous ? '/api/v1/costs' : null, {
    query: {
      ...query,
      by,
      from: previous?.from,
      to: previous ? addDays(previous.until, 1) : undefined,
    },
  });

  const rows = useMemo<Row[]>(() => {
    if (table.status !== 'ready') return [];
    const groups = masked
      ? table.data.rows.map((row) => ({ group: row[by] ?? null, cost: row.cost ?? '0' }))
      : totalsOverTime(table.data, by);
    const total = sumDecimals(groups.map((group) => group.cost));
    const withShares = groups.map((group) => ({ ...group, share: percentOf(group.cost, total) }));
    if (!previous || before.status !== 'ready') return withShares;
    const earlier = before.data.rows.map((row) => ({ group: row[by] ?? null, cost: row.cost ?? '0' }));
    const shares = new Map(withShares.map((row) => [row.group, row.share]));
    return compareWithPrevious(groups, totalsOverTime({ rows: earlier }, by)).map((row) => ({
      ...row,
      share: shares.get(row.group) ?? null,
    }));
  }, [table, by, masked, previous, before]);
  const previousTotal = useMemo(
    () => (before.status === 'ready' ? sumDecimals(before.data.rows.map((row) => row.cost)) : null),
    [before],
  );
  const total = useMemo(() => sumDecimals(rows.map((row) => row.cost)), [rows]);
  const next = nextDrillLevel(by, canSeeResources);

  function drillInto(row: Row) {
    if (!next || row.group === null) return;
    setUrlList(
      'filter',
      [...filterTexts, formatFilterText({ dimension: by, value: row.group })],
      { by: next },
      true,
    );
  }

  /** Back to a crumb: keep the first `keep` drill steps and group by the level below the last. */
  function backTo(keep: number) {
    const crumbs = drillCrumbs(filters);
    const dropped = new Set(crumbs.slice(keep).map(formatFilterText));
    const remaining = filterTexts.filter((text) => !dropped.has(text));
    const last = crumbs[keep - 1];
    const level = last
      ? (nextDrillLevel(last.dimension, canSeeResources) ?? last.dimension)
      : 'business-unit';
    setUrlList('filter', remaining, { by: level }, true);
  }

  const columns: Column<Row>[] = [
    {
      key: 'group',
      label: dimensionLabel(by),
      value: (row) => row.group,
      render: (row) =>
        next && row.group !== null ? <span className="drill-link">{row.group} ›</span> : (row.group ?? NONE),
    },
    {
      key: 'cost',
      label: metricColumnLabel(costMetric, currency),
      kind: 'money',
      value: (row) => row.cost,
      render: (row) => <Money amount={row.cost} currency={currency} />,
    },
    { key: 'share', label: 'Share %', kind: 'number', value: (row) => row.share },
    ...(previous
      ? ([
          {
            key: 'previous',
            label: `Previous (${formatDayRange(previous.from, previous.until)})`,
            kind: 'money',
            value: (row) => row.previous ?? null,
            render: (row) => <Money amount={row.previous} currency={currency} />,
          },
          {
            key: 'change',
            label: 'Change',
            kind: 'money',
            value: (row) => row.change ?? null,
            render: (row) => <Money amount={row.change} currency={currency} />,
          },
          {
            key: 'changePercent',
            label: 'Change %',
            kind: 'number',
            value: (row) => row.changePercent ?? null,
            render: (row) => row.changePercent ?? '–',
          },
        ] satisfies Column<Row>[])
      : []),
  ];
  const comparing = previous !== null && before.status === 'ready';

  return (
    <section aria-labelledby="explorer-title">
      <div className="view-header">
        <div>
          <h1 id="explorer-title">Explorer</h1>
          <p className="muted">
            {metricColumnLabel(costMetric, currency || '…')} by {dimensionLabel(by).toLowerCase()}
            {from || until
              ? `, ${formatDayRange(from || 'the first day', until || 'the last day')}`
              : ', all loaded days'}
            {choice.converted ? ', every billing currency converted per charge day' : ''}
          </p>
        </div>
        <div className="controls">
          <label>
            Group by
            <select name="by" value={by} onChange={(event) => setBy(event.target.value)}>
              {DIMENSIONS.map((dimension) => (
                <option key={dimension.id} value={dimension.id}>
                  {dimension.label}
                </option>
              ))}
            </select>
          </label>
          <MetricSelect
            value={costMetric}
            onChange={setMetric}
            metrics={['effective', 'billed', 'list', 'contracted']}
          />
          <CurrencySelect value={choiceValue} options={options} initial={initial} onChange={setCurrency} />
          <label>
            Chart by
            <select name="grain" value={grain} onChange={(event) => setGrain(event.target.value)}>
              <option value="month">Month</option>
              <option value="week">Week</option>
              <option value="day">Day</option>
            </select>
          </label>
        </div>
      </div>

      <div className="card">
        <Breadcrumbs filters={filters} by={by} onBack={backTo} />
        <RangeControls
          from={from}
          until={until}
          currency={choiceValue}
          compare={compareText === 'previous'}
          onFrom={setFrom}
          onUntil={setUntil}
          onCompare={(on) => setCompare(on ? 'previous' : '')}
        />
        <FilterBar
          filters={filters}
          texts={filterTexts}
          canSeeResources={canSeeResources}
          range={{ from: query.from, to: query.to, currency: choice.apiCurrency, filter: choice.filters }}
        />
        {masked ? (
          <p className="muted" data-testid="masked-note">
            Resource and account ids are masked for the role {me.role}; totals are exact.
          </p>
        ) : null}
      </div>

      {currencyState.status === 'error' ? <ErrorMessage error={currencyState.error} /> : null}
      {currencyState.status === 'ready' && currencies.length === 0 ? (
        <Empty>No cost lines are loaded yet. Load billing exports with tollgate ingest.</Empty>
      ) : null}

      <div className="grid" style={{ marginTop: '0.75rem' }}>
        <div className="card span-12">
          <h2>
            {metricColumnLabel(costMetric, currency || '…')} per {grain}, stacked by{' '}
            {dimensionLabel(by).toLowerCase()}
          </h2>
          {!problem && series.status === 'loading' ? <Loading /> : null}
          {series.status === 'error' ? <ErrorMessage error={series.error} /> : null}
          {series.status === 'ready' ? (
            <AllocationGapNote months={series.data.monthsWithoutAllocation} />
          ) : null}
          {problem ? <Empty>Fix the date range above to see the spend.</Empty> : null}
          {series.status === 'ready' ? (
            series.data.rows.length === 0 ? (
              <ExplorerEmptyNote
                choiceValue={choiceValue}
                from={query.from}
                to={query.to}
                filtered={filterTexts.length > 0}
              />
            ) : (
              <ExplorerChart
                option={stackedOption(series.data, grain, by, currency)}
                label={`Stacked ${grain}ly spend by ${by}`}
                place={{ by, next, filters: filterTexts, currency, metric, from, until, grain }}
              />
            )
          ) : null}
        </div>
        <div className="card span-12">
          <h2>
            Total{' '}
            {table.status === 'ready' && rows.length > 0 ? (
              <Money amount={total} currency={currency} />
            ) : null}{' '}
            <span className="unit-label">{metricColumnLabel(costMetric, currency || '…')}</span>
          </h2>
          {comparing && previous && previousTotal !== null ? (
            <ComparisonLine
              total={total}
              previousTotal={previousTotal}
              previous={previous}
              currency={currency}
            />
          ) : null}
          {asking && previous && before.status === 'loading' ? (
            <Loading what="Reading the previous period" />
          ) : null}
          {previous && before.status === 'error' ? <ErrorMessage error={before.error} /> : null}
          {!problem && table.status === 'loading' ? <Loading /> : null}
          {table.status === 'error' ? <ErrorMessage error={table.error} /> : null}
          {table.status === 'ready' ? (
            rows.length === 0 ? (
              <Empty>Nothing to list: see the note above.</Empty>
            ) : (
              <DataTable
                testId="explorer-table"
                rowLimit={200}
                columns={columns}
                rows={rows}
                fileName={`tollgate-${by.replace(':', '-')}-${metric}-${currency}`}
                initialSort={{ key: 'cost', descending: true }}
                onRowClick={next ? drillInto : undefined}
                rowLabel={
                  next ? (row) => `Drill into ${row.group ?? NONE} by ${dimensionLabel(next)}` : undefined
                }
              />
            )
          ) : null}
        </div>
      </div>
    </section>
  );
}

/** The total beside the previous period's, with the change, exact. */
function ComparisonLine({
  total,
  previousTotal,
  previous,
  currency,
}: {
  total: string;
  previousTotal: string;
  previous: { from: string; until: string };
  currency: string;
}) {
  const { change, changePercent } = compareFigures(null, total, previousTotal);
  return (
    <p data-testid="explorer-comparison">
      Previous period {formatDayRange(previous.from, previous.until)} (the same number of days just before):{' '}
      <Money amount={previousTotal} currency={currency} />; change{' '}
      <Money amount={change} currency={currency} />
      {changePercent === null ? '' : ` (${changePercent}%)`}.
    </p>
  );
}

/** The stacked chart, each band a way into the explorer filtered to it (click, or its link). */
function ExplorerChart({
  option,
  label,
  place,
}: {
  option: ChartOption;
  label: string;
  place: ExplorerPlace;
}) {
  const groups = (Array.isArray(option.series) ? option.series : []).map((band) => String(band.name ?? ''));
  const links = groups.flatMap((group) => {
    const href = segmentHref(place, group, null);
    return href ? [{ text: group, href }] : [];
  });
  return (
    <>
      <Chart
        option={option}
        label={label}
        testId="explorer-chart"
        segmentHref={(segment) => segmentHref(place, segment.series, segment.category)}
      />
      <ChartSegmentLinks label="Open a band in the explorer" links={links} testId="explorer-chart-links" />
    </>
  );
}
