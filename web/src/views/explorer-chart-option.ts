import type { CostReport } from '../api-types.js';
import { type ChartOption, PALETTE } from '../components/chart-option.js';
import { Decimal, formatCompact, toChartNumber } from '../money-text.js';

/** Groups drawn as their own band in the stacked chart; the rest are summed as "other". */
const CHART_GROUPS = 8;
const NONE = '(none)';

/** Top groups by total get their own band; the rest are summed exactly into "other". */
export function stackedOption(report: CostReport, grain: string, by: string, currency: string): ChartOption {
  const totals = new Map<string, Decimal>();
  const periods = new Set<string>();
  for (const row of report.rows) {
    const group = row[by] ?? NONE;
    periods.add(row[grain] ?? '');
    totals.set(group, (totals.get(group) ?? new Decimal(0)).plus(row.cost ?? '0'));
  }
  const ranked = [...totals.entries()].sort((a, b) => b[1].comparedTo(a[1])).map(([group]) => group);
  const shown = new Set(ranked.slice(0, CHART_GROUPS));
  const axis = [...periods].sort();
  const cells = new Map<string, Map<string, Decimal>>();
  for (const row of report.rows) {
    const raw = row[by] ?? NONE;
    const group = shown.has(raw) ? raw : 'other';
    const byPeriod = cells.get(group) ?? new Map<string, Decimal>();
    const period = row[grain] ?? '';
    byPeriod.set(period, (byPeriod.get(period) ?? new Decimal(0)).plus(row.cost ?? '0'));
    cells.set(group, byPeriod);
  }
  const groups = [...ranked.slice(0, CHART_GROUPS), ...(cells.has('other') ? ['other'] : [])];
  return {
    color: PALETTE,
    tooltip: { trigger: 'axis', valueFormatter: (value) => `${formatCompact(Number(value))} ${currency}` },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 60, right: 16, top: 16, bottom: 56 },
    xAxis: { type: 'category', data: axis.map((period) => period.slice(0, 10)) },
    yAxis: {
      type: 'value',
      name: currency,
      axisLabel: { formatter: (value: number) => formatCompact(value) },
    },
    series: groups.map((group) => ({
      name: group,
      type: 'bar',
      stack: 'spend',
      data: axis.map((period) => toChartNumber(cells.get(group)?.get(period)?.toFixed())),
    })),
  };
}
