import { useMemo } from 'react';
import type { CatalogAnswer, KpiReport } from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import { DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { dayAfter, formatDayRange, lastIncludedDay, UNTIL_LABEL } from '../day-range-text';
import { toChartNumber } from '../money-text';
import { formatRate } from '../percent-text';
import { useUrlState } from '../url-state';
import { combineStates, useApi } from '../use-api';
import { useCostMonths } from './allocation-months';
import { defaultKpiPeriod } from './releases-period';

const hours = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} h`);

/** DORA and ITIL figures over a period, per service (with its team), and deployment unit costs per team. */
export function ReleaseKpis() {
  const months = useCostMonths();
  if (months.status === 'loading') return <Loading what="Finding the period with data" />;
  if (months.status === 'error')
    return <ErrorMessage error={months.error} title="Could not read the months" />;
  return <KpiPanel lastMonth={months.data[0] ?? null} />;
}

function KpiPanel({ lastMonth }: { lastMonth: string | null }) {
  const fallback = useMemo(() => defaultKpiPeriod(lastMonth, new Date()), [lastMonth]);
  const [from, setFrom] = useUrlState('from', fallback.from);
  const [to, setTo] = useUrlState('to', fallback.to);
  const [service, setService] = useUrlState('service', '');
  const catalog = useApi<CatalogAnswer>('/api/v1/catalog');
  const kpis = useApi<KpiReport>('/api/v1/kpis', { query: { from, to, service: service || undefined } });
  const both = combineStates(catalog, kpis);
  return (
    <>
      <form className="controls card" aria-label="KPI period" onSubmit={(event) => event.preventDefault()}>
        <label>
          From
          <input type="date" name="from" value={from} onChange={(event) => setFrom(event.target.value)} />
        </label>
        <label>
          {UNTIL_LABEL}
          <input
            type="date"
            name="until"
            value={to ? lastIncludedDay(to) : ''}
            onChange={(event) => setTo(event.target.value ? dayAfter(event.target.value) : '')}
          />
        </label>
        <label>
          Service
          <select name="service" value={service} onChange={(event) => setService(event.target.value)}>
            <option value="">All services</option>
            {catalog.status === 'ready'
              ? catalog.data.catalog.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))
              : null}
          </select>
        </label>
        {fallback.note && from === fallback.from && to === fallback.to ? (
          <span className="muted">{fallback.note}</span>
        ) : null}
      </form>
      {both.status === 'loading' ? <Loading what="Computing the KPIs" /> : null}
      {both.status === 'error' ? (
        <ErrorMessage error={both.error} title="Could not compute the KPIs" />
      ) : null}
      {both.status === 'ready' ? <KpiBody catalog={both.data[0]} report={both.data[1]} /> : null}
    </>
  );
}

function KpiBody({ catalog, report }: { catalog: CatalogAnswer; report: KpiReport }) {
  const teamOf = (id: string) => catalog.catalog.services.find((s) => s.id === id)?.ownerTeam ?? '?';
  const { dora, itil, unitCosts } = report;
  const trend = useMemo((): ChartOption => {
    const months = [...new Set(unitCosts.byTeamMonth.map((row) => row.month))].sort();
    const teams = [...new Set(unitCosts.byTeamMonth.map((row) => row.team))].sort();
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, type: 'scroll' },
      grid: { left: 60, right: 16, top: 40, bottom: 30 },
      xAxis: { type: 'category', data: months },
      yAxis: { type: 'value', name: unitCosts.currency },
      series: teams.map((team, index) => ({
        name: team,
        type: 'bar' as const,
        stack: 'cost',
        itemStyle: { color: PALETTE[index % PALETTE.length]! },
        data: months.map((month) =>
          toChartNumber(unitCosts.byTeamMonth.find((row) => row.team === team && row.month === month)?.cost),
        ),
      })),
    };
  }, [unitCosts]);

  if (dora.deployments === 0 && itil.successRate.deployments === 0)
    return (
      <Empty>
        No deployments finished between {report.period.from.slice(0, 10)} and {report.period.to.slice(0, 10)}.
        Pick another period.
      </Empty>
    );
  return (
    <div className="grid" data-testid="kpis">
      <Tile label="Deployments to production" value={String(dora.deployments)} sub="DORA, in the period" />
      <Tile
        label="Lead time for changes"
        value={hours(dora.leadTime.medianHours)}
        sub={`median; p90 ${hours(dora.leadTime.p90Hours)}`}
      />
      <Tile
        label="Change failure rate"
        value={formatRate(dora.changeFailureRate.rate)}
        sub={`${dora.changeFailureRate.failures} failures`}
      />
      <Tile
        label="Time to restore"
        value={hours(dora.timeToRestore.medianHours)}
        sub={`median of ${dora.timeToRestore.restored} restored`}
      />
      <Tile
        label="Deployment success (ITIL)"
        value={formatRate(itil.successRate.rate)}
        sub={`${itil.successRate.succeeded} of ${itil.successRate.deployments}, all environments`}
      />
      <Tile
        label="Schedule adherence"
        value={formatRate(itil.scheduleAdherence.rate)}
        sub={`${itil.scheduleAdherence.onTime} of ${itil.scheduleAdherence.planned} releases on time`}
      />
      <Tile
        label="Changes closed per week"
        value={itil.backlogThroughput.closedPerWeek.toFixed(1)}
        sub={`${itil.backlogThroughput.openAtEnd} open at the end`}
      />
      <div className="card tile span-3">
        <div className="tile-label">Cost per deployment</div>
        <div className="tile-value">
          <Money amount={unitCosts.perDeployment} currency={unitCosts.currency} />
        </div>
        <div className="tile-sub">
          {unitCosts.deployments} deployments, rollbacks{' '}
          <Money amount={unitCosts.perRollback} currency={unitCosts.currency} /> each
        </div>
      </div>
      <div className="card span-12">
        <h2>
          DORA per service{' '}
          <span className="unit-label">
            production, {formatDayRange(report.period.from.slice(0, 10), lastIncludedDay(report.period.to))}
          </span>
        </h2>
        <DataTable
          testId="dora-by-service"
          fileName="dora-by-service"
          rows={dora.byService}
          initialSort={{ key: 'deployments', descending: true }}
          columns={[
            { key: 'service', label: 'Service', value: (r) => r.service },
            { key: 'team', label: 'Team', value: (r) => teamOf(r.service) },
            { key: 'deployments', label: 'Deployments', kind: 'number', value: (r) => String(r.deployments) },
            {
              key: 'perWeek',
              label: 'Per week',
              kind: 'number',
              value: (r) => {
                const row = dora.deploymentFrequency.find((f) => f.service === r.service);
                return row ? row.perWeek.toFixed(2) : null;
              },
            },
            {
              key: 'lead',
              label: 'Lead time (median h)',
              kind: 'number',
              value: (r) => r.leadTime.medianHours?.toFixed(1) ?? null,
            },
            {
              key: 'cfr',
              label: 'Change failure %',
              kind: 'number',
              value: (r) =>
                r.changeFailureRate.rate === null ? null : (r.changeFailureRate.rate * 100).toFixed(1),
            },
            {
              key: 'mttr',
              label: 'Restore (median h)',
              kind: 'number',
              value: (r) => r.timeToRestore.medianHours?.toFixed(1) ?? null,
            },
          ]}
        />
      </div>
      <div className="card span-8">
        <h2>
          Deployment cost per team and month{' '}
          <span className="unit-label">{unitCosts.currency}, every environment</span>
        </h2>
        <Chart
          option={trend}
          height={260}
          label="Deployment cost per team and month"
          testId="unit-cost-chart"
        />
      </div>
      <div className="card span-4">
        <h2>Frequency and cost per team</h2>
        <DataTable
          testId="team-frequency"
          fileName="team-frequency-vs-cost"
          rows={unitCosts.teamFrequencyVsCost}
          initialSort={{ key: 'perWeek', descending: true }}
          columns={[
            { key: 'team', label: 'Team', value: (r) => r.team },
            {
              key: 'perWeek',
              label: 'Per week',
              kind: 'number',
              value: (r) => r.deploymentsPerWeek.toFixed(2),
            },
            {
              key: 'cost',
              label: 'Per deployment',
              kind: 'money',
              value: (r) => r.perDeployment,
              render: (r) => <Money amount={r.perDeployment} currency={unitCosts.currency} />,
            },
          ]}
        />
      </div>
    </div>
  );
}

function Tile({ label, value, sub }: { label: string; value: string; sub: string }) {
  return (
    <div className="card tile span-3">
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      <div className="tile-sub">{sub}</div>
    </div>
  );
}
