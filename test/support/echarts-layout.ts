import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

use([BarChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface ChartLayout {
  /** Everything the legend draws (icons, names, page buttons), as one box; null: no legend. */
  legend: Box | null;
  /** Each axis name ECharts drew, with its box on the canvas. */
  axisNames: { axis: string; text: string; box: Box }[];
}

interface Drawn {
  style?: { text?: string };
  parent?: Drawn | null;
  __ecComponentInfo?: { mainType?: string };
  getBoundingRect(): { clone(): Box & { applyTransform(m: unknown): void } };
  getComputedTransform(): unknown;
}

/**
 * Where ECharts itself lays out a chart's legend and axis names at a given size: the chart is
 * drawn by ECharts' server-side SVG renderer (its own text measurement, no browser), and the
 * boxes are read from the drawn elements, each in canvas pixels.
 */
export function measureChartLayout(option: object, width: number, height: number): ChartLayout {
  const chart = init(null, undefined, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, ...option });
    const names = new Map<string, Set<string>>();
    for (const axis of ['xAxis', 'yAxis'] as const) {
      const given = (option as Record<string, unknown>)[axis];
      const list = (Array.isArray(given) ? given : given ? [given] : []) as { name?: unknown }[];
      names.set(axis, new Set(list.flatMap((each) => (typeof each.name === 'string' ? [each.name] : []))));
    }
    const drawn = (
      chart.getZr() as unknown as { storage: { getDisplayList(update: boolean): Drawn[] } }
    ).storage.getDisplayList(true);
    const legendBoxes: Box[] = [];
    const axisNames: ChartLayout['axisNames'] = [];
    for (const element of drawn) {
      const component = componentOf(element);
      if (!component) continue;
      const box = element.getBoundingRect().clone();
      box.applyTransform(element.getComputedTransform());
      if (box.width === 0 && box.height === 0) continue;
      const text = element.style?.text;
      if (component === 'legend') legendBoxes.push(box);
      else if (typeof text === 'string' && names.get(component)?.has(text))
        axisNames.push({
          axis: component,
          text,
          box: { x: box.x, y: box.y, width: box.width, height: box.height },
        });
    }
    return { legend: legendBoxes.length > 0 ? union(legendBoxes) : null, axisNames };
  } finally {
    chart.dispose();
  }
}

function componentOf(element: Drawn): string | undefined {
  for (let node: Drawn | null | undefined = element; node; node = node.parent) {
    const type = node.__ecComponentInfo?.mainType;
    if (type) return type;
  }
  return undefined;
}

function union(boxes: Box[]): Box {
  const x = Math.min(...boxes.map((box) => box.x));
  const y = Math.min(...boxes.map((box) => box.y));
  const right = Math.max(...boxes.map((box) => box.x + box.width));
  const bottom = Math.max(...boxes.map((box) => box.y + box.height));
  return { x, y, width: right - x, height: bottom - y };
}

export function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

export function inside(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}
