import type { CostReport } from '../api-types';
import { Chart, type ChartOption } from '../components/chart';
import { Empty, ErrorMessage, Loading } from '../components/status';
import { formatCompact, toChartNumber } from '../money-text';
import type { ApiState } from '../use-api';
import { type DeploymentRecord, deploymentsPerDay } from './on-call-model';

export const OUTCOME_COLOURS: Record<string, string> = {
  succeeded: '#3aa76d',
  failed: '#c0392b',
  rolled_back: '#e0822f',
};

export function Timeline({
  daily,
  deployments,
  currency,
  canSeeDeployments,
}: {
  daily: ApiState<CostReport>;
  deployments: ApiState<DeploymentRecord[]>;
  currency: string;
  canSeeDeployments: boolean;
}) {
  if (daily.status === 'loading') return <Loading />;
  if (daily.status === 'error') return <ErrorMessage error={daily.error} />;
  const points = [...daily.data.rows]
    .map((row) => ({ day: (row.day ?? '').slice(0, 10), cost: toChartNumber(row.cost) }))
    .sort((a, b) => a.day.localeCompare(b.day));
  if (points.length === 0) return <Empty>No spend in these days.</Empty>;
  const axis = points.map((point) => point.day);
  const perDay = deployments.status === 'ready' ? deploymentsPerDay(deployments.data, axis) : [];
  const option: ChartOption = {
    tooltip: { trigger: 'axis' },
    legend: { bottom: 0 },
    grid: { left: 60, right: 48, top: 24, bottom: 48 },
    xAxis: { type: 'category', data: axis },
    yAxis: [
      { type: 'value', name: currency, axisLabel: { formatter: (value: number) => formatCompact(value) } },
      { type: 'value', name: 'deployments', minInterval: 1, splitLine: { show: false } },
    ],
    series: [
      ...perDay.map((entry) => ({
        name: `${entry.outcome.replace('_', ' ')} deployments`,
        type: 'bar' as const,
        stack: 'deployments',
        yAxisIndex: 1,
        itemStyle: { color: OUTCOME_COLOURS[entry.outcome] ?? '#8c8c8c', opacity: 0.6 },
        data: entry.counts,
      })),
      {
        name: `EffectiveCost (${currency})`,
        type: 'line' as const,
        symbol: 'circle',
        symbolSize: 4,
        itemStyle: { color: '#2f6fdf' },
        data: points.map((point) => point.cost),
      },
    ],
  };
  return (
    <>
      <Chart
        option={option}
        label="Daily cost with deployments per day"
        testId="chart-timeline"
        height={300}
      />
      {!canSeeDeployments ? <p className="section-note">Your role may not read deployments.</p> : null}
      {deployments.status === 'error' ? <ErrorMessage error={deployments.error} /> : null}
    </>
  );
}
