import type { CostMetric, CostReport, KpiReport } from '../api-types';
import { Chart, type ChartOption, PALETTE } from '../components/chart';
import { metricColumnLabel } from '../components/cost-controls';
import { type Column, DataTable } from '../components/data-table';
import { Money } from '../components/money';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatCompact, toChartNumber } from '../money-text';
import type { ApiState } from '../use-api';
import { costPerDeploymentByMonth, deploymentCurrencyNote } from './executive-model';

export function TopServices({
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
  const remainder = services.data.remainder.find((entry) => entry.currency === currency) ?? null;
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
    <>
      <DataTable
        testId="top-services"
        columns={columns}
        rows={rows}
        fileName={`tollgate-top-services-${metric}-${currency}`}
        initialSort={{ key: 'cost', descending: true }}
      />
      {remainder ? (
        <p className="section-note" data-testid="top-services-remainder">
          All other services together: <Money amount={remainder.cost} currency={currency} /> (not ranked)
        </p>
      ) : null}
    </>
  );
}

export function DeploymentChart({
  kpis,
  canSee,
  currency,
}: {
  kpis: ApiState<KpiReport>;
  canSee: boolean;
  currency: string;
}) {
  if (!canSee) return <Empty>Your role may not read deployments.</Empty>;
  if (kpis.status === 'loading') return <Loading />;
  if (kpis.status === 'error') return <ErrorMessage error={kpis.error} />;
  const unit = kpis.data.unitCosts;
  const note = deploymentCurrencyNote(unit.currency, currency);
  if (note) return <Empty>{note}</Empty>;
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
