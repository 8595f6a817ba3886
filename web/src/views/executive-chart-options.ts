import { type ChartOption, PALETTE } from '../components/chart-option.js';
import { formatCompact, toChartNumber } from '../money-text.js';

export function horizontalBars(units: { key: string; cost: string }[], currency: string): ChartOption {
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

export function unallocatedOption(shares: { month: string; percent: string | null }[]): ChartOption {
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
