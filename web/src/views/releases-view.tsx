import { useMemo } from 'react';
import type { ReleaseRow } from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { toChartNumber } from '../money-text';
import { useUrlState } from '../url-state';
import { useApi } from '../use-api';
import { ReleaseConversionNote, ReleaseCurrencySelect, useReleaseCurrency } from './release-currency';
import { ReleaseMoneyPanel } from './release-money-panel';
import { ReleaseDetail } from './releases-detail';
import { ReleaseKpis } from './releases-kpis';
import { ProcessCostPanel } from './releases-process-cost';
import type { ViewProps } from './view-props';

const TABS = [
  { id: 'releases', label: 'Releases' },
  { id: 'kpis', label: 'DORA and ITIL KPIs' },
  { id: 'process', label: 'Process cost' },
  { id: 'bill', label: 'Money from the bill' },
] as const;

/**
 * Releases and deployments for a release manager: each release's money (estimate with its
 * contingency, budget, actuals, variance) and deployments; KPIs per service and team; and what
 * the change process itself costs against running small changes as standard.
 */
export function ReleasesView(_props: ViewProps) {
  const [tab, setTab] = useUrlState('tab', 'releases');
  return (
    <section aria-label="Releases and deployments">
      <div className="view-header">
        <h1>Releases and deployments</h1>
        <div className="segmented" role="tablist" aria-label="Part">
          {TABS.map((item) => (
            <button
              key={item.id}
              type="button"
              role="tab"
              aria-selected={tab === item.id}
              onClick={() => setTab(item.id)}
            >
              {item.label}
            </button>
          ))}
        </div>
        {tab === 'releases' || tab === 'bill' ? (
          <form
            className="controls"
            aria-label="Currency of the release money"
            onSubmit={(e) => e.preventDefault()}
          >
            <ReleaseCurrencySelect />
          </form>
        ) : null}
      </div>
      {tab === 'kpis' ? (
        <ReleaseKpis />
      ) : tab === 'process' ? (
        <ProcessCostPanel />
      ) : tab === 'bill' ? (
        <ReleaseMoneyPanel />
      ) : (
        <ReleasesTab />
      )}
    </section>
  );
}

/** Only this tab reads the releases (each with its actuals, the slowest answer of the view). */
function ReleasesTab() {
  const { query } = useReleaseCurrency();
  const releases = useApi<ReleaseRow[]>('/api/v1/releases', { query });
  if (releases.status === 'loading') return <Loading what="Reading the releases and their actuals" />;
  if (releases.status === 'error')
    return <ErrorMessage error={releases.error} title="Could not read the releases" />;
  return <ReleaseList releases={releases.data} />;
}

/** The currency a row's amounts are in: the converted one when asked, else the release's own. */
function shownCurrency(row: ReleaseRow): string {
  return row.conversion?.currency ?? row.currency;
}

function ReleaseList({ releases }: { releases: ReleaseRow[] }) {
  const [selected, setSelected] = useUrlState('release', '');
  const sorted = useMemo(
    () => [...releases].sort((a, b) => b.plannedDate.localeCompare(a.plannedDate)),
    [releases],
  );
  const option = useMemo((): ChartOption => {
    const ordered = [...releases].sort((a, b) => a.plannedDate.localeCompare(b.plannedDate));
    const series = (name: string, pick: (row: ReleaseRow) => string | null, color: string) => ({
      name,
      type: 'bar' as const,
      itemStyle: { color },
      data: ordered.map((row) => toChartNumber(pick(row))),
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: ordered.map((row) => row.id) },
      yAxis: { type: 'value', name: ordered[0] ? shownCurrency(ordered[0]) : '' },
      series: [
        series('Budget', (row) => row.budget, PALETTE[7]!),
        series('Estimate', (row) => row.estimate, PALETTE[0]!),
        series('Actual', (row) => row.actual, PALETTE[1]!),
      ],
    };
  }, [releases]);

  if (releases.length === 0)
    return <Empty>No releases yet. tollgate release create --file release.yaml adds one.</Empty>;
  const currencies = [...new Set(releases.map(shownCurrency))];
  return (
    <div className="grid">
      <div className={selected ? 'span-6 split-list' : 'span-12'}>
        <div className="card">
          <h2>
            Budget, estimate and actuals{' '}
            <span className="unit-label">per release, in {currencies.join(', ')}</span>
          </h2>
          <Chart
            option={option}
            height={240}
            label="Budget, estimate and actual per release"
            testId="releases-chart"
          />
          <ReleaseConversionNote conversion={releases.find((row) => row.conversion)?.conversion} />
          {releases
            .filter((row) => row.error)
            .map((row) => (
              <p key={row.id} className="status status-error" data-testid="release-not-converted">
                {row.id} is shown in {row.currency}: {row.error!.message} ({row.error!.code})
              </p>
            ))}
        </div>
        <div className="card">
          <DataTable
            testId="releases-table"
            fileName="releases"
            rows={sorted}
            onRowClick={(row) => setSelected(row.id)}
            rowLabel={(row) => `Open release ${row.id}`}
            columns={[
              { key: 'id', label: 'Release', value: (r) => r.id },
              { key: 'name', label: 'Name', value: (r) => r.name },
              { key: 'status', label: 'Status', value: (r) => r.status },
              { key: 'planned', label: 'Planned', value: (r) => r.plannedDate },
              { key: 'services', label: 'Services', value: (r) => r.services.join(', ') },
              {
                key: 'budget',
                label: 'Budget',
                kind: 'money',
                value: (r) => r.budget,
                render: (r) => <Money amount={r.budget} currency={shownCurrency(r)} />,
              },
              {
                key: 'estimate',
                label: 'Estimate',
                kind: 'money',
                value: (r) => r.estimate,
                render: (r) => <Money amount={r.estimate} currency={shownCurrency(r)} />,
              },
              {
                key: 'actual',
                label: 'Actual',
                kind: 'money',
                value: (r) => r.actual,
                render: (r) => <Money amount={r.actual} currency={shownCurrency(r)} />,
              },
              {
                key: 'variance',
                label: 'Variance',
                kind: 'money',
                value: (r) => r.variance,
                render: (r) =>
                  r.variance === null ? (
                    <span className="muted" title={r.varianceUnknown ?? undefined}>
                      unknown
                    </span>
                  ) : (
                    <Money
                      amount={r.variance}
                      currency={shownCurrency(r)}
                      className={r.variance.startsWith('-') ? 'good' : 'bad'}
                    />
                  ),
              },
            ]}
          />
          <p className="muted">
            Variance = actual − estimate; negative is under the estimate; unknown while the actual has no
            cloud cost from the bill. Click a release for its detail.
          </p>
        </div>
      </div>
      {selected ? (
        <div className="span-6 split-detail">
          <ReleaseDetail releaseId={selected} onClose={() => setSelected('')} />
        </div>
      ) : null}
    </div>
  );
}
