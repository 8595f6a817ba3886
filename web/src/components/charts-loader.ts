let charts: Promise<typeof import('./echarts-setup')> | undefined;

/**
 * Loads ECharts on demand (one cached chunk of its own). Only a view that draws charts asks for
 * it (see views/view-loaders.ts), as soon as the page knows which view it opens, so the chunk
 * arrives while the API answers instead of after the view has rendered.
 */
export function preloadCharts(): Promise<typeof import('./echarts-setup')> {
  charts ??= import('./echarts-setup');
  return charts;
}
