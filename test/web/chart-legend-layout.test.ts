import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { CostReport } from '../../web/src/api-types.js';
import { clearLegendOfAxisNames } from '../../web/src/components/chart-legend-layout.js';
import type { ChartOption } from '../../web/src/components/chart-option.js';
import { horizontalBars, unallocatedOption } from '../../web/src/views/executive-chart-options.js';
import { stackedOption } from '../../web/src/views/explorer-chart-option.js';
import { inside, measureChartLayout, overlaps } from '../support/echarts-layout.js';

/** A phone's card (390px screen) and a desktop card, at the dashboard's chart heights. */
const SIZES = [
  [340, 280],
  [720, 300],
] as const;

/** Where ECharts draws the chart as the dashboard draws it (through the Chart component's guard). */
function problemsOf(option: ChartOption, width: number, height: number): string[] {
  const layout = measureChartLayout(clearLegendOfAxisNames(option), width, height);
  const problems: string[] = [];
  for (const name of layout.axisNames) {
    if (layout.legend && overlaps(layout.legend, name.box))
      problems.push(`the legend covers the ${name.axis} name "${name.text}" at ${width}x${height}`);
    if (!inside(name.box, width, height))
      problems.push(`the ${name.axis} name "${name.text}" falls off the ${width}x${height} canvas`);
  }
  return problems;
}

function explorerReport(groups: string[]): CostReport {
  const rows = groups.flatMap((group, index) =>
    ['2025-01-01', '2025-02-01', '2025-03-01'].map((month) => ({
      month,
      team: group,
      currency: 'USD',
      cost: `${(index + 1) * 1234.5}`,
    })),
  );
  return { rows } as unknown as CostReport;
}

describe('chart legends never cover axis names (ECharts server-side layout)', () => {
  it('the measurement sees the fault it guards against: a top legend over a y-axis name', () => {
    // A wrapping legend at the top and a y-axis name above a grid that leaves room for one row.
    const option: ChartOption = {
      legend: { top: 0 },
      grid: { left: 60, right: 16, top: 36, bottom: 40 },
      xAxis: { type: 'category', data: ['2025-01', '2025-02'] },
      yAxis: { type: 'value', name: 'USD' },
      series: ['Actual cost', 'Estimate', 'Waiting (opportunity)', 'Platform team', 'Run'].map((name) => ({
        name,
        type: 'bar',
        data: [1, 2],
      })),
    };
    const raw = measureChartLayout(option, 340, 280);
    assert.ok(raw.legend && overlaps(raw.legend, raw.axisNames[0]!.box), 'unguarded, the legend covers USD');
    assert.deepEqual(problemsOf(option, 340, 280), []);
  });

  it('the explorer stacked chart, with eight groups and "other" under long names', () => {
    const groups = [
      'platform-engineering',
      'payments-and-checkout',
      'search-relevance',
      'data-warehouse',
      'identity',
      'mobile-apps',
      'observability',
      'customer-support-tools',
      'marketing-site',
      'billing',
    ];
    for (const [width, height] of SIZES)
      assert.deepEqual(
        problemsOf(stackedOption(explorerReport(groups), 'month', 'team', 'EUR'), width, height),
        [],
      );
  });

  it('the executive business-unit bars and unallocated share', () => {
    const units = ['commerce', 'platform', 'data', 'unallocated'].map((key, index) => ({
      key,
      cost: `${index * 1000}.25`,
    }));
    const shares = ['2025-01', '2025-02', '2025-03'].map((month, index) => ({
      month,
      percent: index === 1 ? null : '12.5',
    }));
    for (const [width, height] of SIZES) {
      assert.deepEqual(problemsOf(horizontalBars(units, 'USD'), width, height), []);
      assert.deepEqual(problemsOf(unallocatedOption(shares), width, height), []);
    }
  });

  it('any legend place, series names and axis names: no legend over a name, no name off the canvas', () => {
    const name = fc.string({ minLength: 1, maxLength: 24 }).filter((text) => text.trim() !== '');
    fc.assert(
      fc.property(
        fc.constantFrom<'top' | 'bottom' | 'default'>('top', 'bottom', 'default'),
        fc.uniqueArray(name, { minLength: 1, maxLength: 12 }),
        fc.array(fc.constantFrom('USD', 'EUR / month', 'deployments', 'USD per deployment'), {
          minLength: 0,
          maxLength: 2,
        }),
        fc.option(fc.constantFrom('month', 'team', 'business unit'), { nil: undefined }),
        fc.record({ top: fc.integer({ min: 0, max: 48 }), bottom: fc.integer({ min: 0, max: 60 }) }),
        fc.constantFrom(...SIZES),
        (place, series, yNames, xName, padding, [width, height]) => {
          const option: ChartOption = {
            legend: place === 'top' ? { top: 0 } : place === 'bottom' ? { bottom: 0 } : {},
            grid: { left: 60, right: 60, ...padding },
            xAxis: { type: 'category', data: ['2025-01', '2025-02', '2025-03'], name: xName },
            yAxis:
              yNames.length === 0 ? { type: 'value' } : yNames.map((text) => ({ type: 'value', name: text })),
            series: series.map((text, index) => ({
              name: text,
              type: 'bar',
              yAxisIndex: Math.min(index % 2, Math.max(yNames.length - 1, 0)),
              data: [1, 2, 3],
            })),
          };
          assert.deepEqual(problemsOf(option, width, height), []);
        },
      ),
      { numRuns: 60 },
    );
  });
});
