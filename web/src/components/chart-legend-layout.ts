import type { ChartOption } from './chart-option.js';

/**
 * Keeps a chart's legend off its axis names, whatever the builder asked for and whatever the
 * width: ECharts draws on a canvas, so nothing in the page's layout stops a legend from being
 * drawn over a y-axis name, or an axis name from falling off the canvas. Method (bands):
 * 1. The legend becomes a one-row scrolling legend (paged when it does not fit), so it takes
 *    one band of known height at the top or the bottom edge (the bottom one unless the
 *    builder names the top) at any width.
 * 2. A y-axis name sits above the grid (ECharts' default 'end' place): the grid's top leaves
 *    room for it, below the legend's band when the legend is at the top.
 * 3. An x-axis name goes under the axis' labels (the middle place): the grid's bottom leaves
 *    room for labels and name, above the legend's band when the legend is at the bottom.
 * A builder's own larger padding is kept.
 */

/** The one-row legend's band: ECharts' 14px item, 5px padding each side, and a 4px gap. */
export const LEGEND_BAND = 28;
/** A y-axis name above the grid: its 15px gap and a 12px line of text, plus 5px to spare. */
export const Y_NAME_BAND = 32;
/** Axis labels under the grid, then the x-axis name under them. */
export const X_NAME_GAP = 28;
export const X_NAME_BAND = X_NAME_GAP + 18;

type Position = 'top' | 'bottom' | 'none';

export function clearLegendOfAxisNames(option: ChartOption): ChartOption {
  const legend = firstOf(option.legend);
  const position = legendPosition(legend);
  const yAxes = listOf(option.yAxis);
  const xAxes = listOf(option.xAxis);
  const yNamed = yAxes.some((axis) => hasName(axis));
  const xNamed = xAxes.some((axis) => hasName(axis));
  const grid = (firstOf(option.grid) ?? {}) as Record<string, unknown>;
  const top = Math.max(
    pixels(grid.top, 60),
    (position === 'top' ? LEGEND_BAND : 0) + (yNamed ? Y_NAME_BAND : 0),
  );
  const bottom = Math.max(
    pixels(grid.bottom, 60),
    (position === 'bottom' ? LEGEND_BAND : 0) + (xNamed ? X_NAME_BAND : 24),
  );
  return {
    ...option,
    ...(legend && position !== 'none'
      ? { legend: { [position]: 0, ...legend, type: 'scroll' } as ChartOption['legend'] }
      : {}),
    grid: { ...grid, top, bottom },
    ...(xNamed
      ? {
          xAxis: xAxes.map((axis) =>
            hasName(axis) ? { ...axis, nameLocation: 'middle', nameGap: X_NAME_GAP } : axis,
          ) as ChartOption['xAxis'],
        }
      : {}),
  };
}

function legendPosition(legend: Record<string, unknown> | undefined): Position {
  if (!legend || legend.show === false) return 'none';
  // ECharts 6 puts a legend that names neither edge at the bottom.
  return legend.top !== undefined && legend.bottom === undefined ? 'top' : 'bottom';
}

function hasName(axis: Record<string, unknown>): boolean {
  return typeof axis.name === 'string' && axis.name !== '';
}

function firstOf(value: unknown): Record<string, unknown> | undefined {
  return (Array.isArray(value) ? value[0] : value) as Record<string, unknown> | undefined;
}

function listOf(value: unknown): Record<string, unknown>[] {
  if (value === undefined) return [];
  return (Array.isArray(value) ? value : [value]) as Record<string, unknown>[];
}

/** A padding given in pixels (ECharts' default when absent; a percentage counts as 0). */
function pixels(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  return typeof value === 'number' ? value : 0;
}
