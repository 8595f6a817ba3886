import type { ECharts } from 'echarts/core';
import { useEffect, useRef } from 'react';
import { clearLegendOfAxisNames } from './chart-legend-layout';
import type { ChartOption } from './chart-option';
import { preloadCharts } from './charts-loader';

export { type ChartOption, PALETTE } from './chart-option';

/**
 * A chart that follows its container's size. The option is replaced as a whole on change
 * (notMerge), so series removed from the data leave the chart too. `data-rendered` marks a
 * chart that has drawn its data (tests and the speed bench wait for it).
 */
export function Chart({
  option,
  height = 280,
  label,
  testId,
  segmentHref,
}: {
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers. */
  label: string;
  testId?: string;
  /** Where a click on a bar or point leads (the explorer filtered to it); null: nowhere. */
  segmentHref?: (segment: { series: string; category: string }) => string | null;
}) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  const latest = useRef(option);
  latest.current = option;
  const latestHref = useRef(segmentHref);
  latestHref.current = segmentHref;

  useEffect(() => {
    const target = element.current;
    if (!target) return;
    let disposed = false;
    let observer: ResizeObserver | undefined;
    void preloadCharts().then(({ init }) => {
      if (disposed) return;
      const instance = init(target, undefined, { renderer: 'canvas' });
      chart.current = instance;
      draw(instance, target, latest.current);
      instance.on('click', (params) => {
        const href = latestHref.current?.({ series: params.seriesName ?? '', category: String(params.name) });
        if (href) window.location.assign(href);
      });
      observer = new ResizeObserver(() => instance.resize());
      observer.observe(target);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (chart.current && element.current) draw(chart.current, element.current, option);
  }, [option]);

  return (
    <div
      ref={element}
      className="chart"
      style={{ height }}
      role="img"
      aria-label={label}
      data-testid={testId}
    />
  );
}

function draw(instance: ECharts, target: HTMLElement, option: ChartOption): void {
  instance.setOption(
    { animation: false, ...clearLegendOfAxisNames(option) },
    { notMerge: true, lazyUpdate: true },
  );
  target.setAttribute('data-rendered', 'true');
}
