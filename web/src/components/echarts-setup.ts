import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

// Only the pieces the dashboard draws are bundled (tree-shaken echarts/core): no data zoom,
// mark areas or titles, which no view uses (data zoom alone is a large part of ECharts). This module is
// loaded on demand (see chart.tsx), so the app starts asking the API before ECharts arrives.
use([
  BarChart,
  LineChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  MarkLineComponent,
  CanvasRenderer,
]);

export { init };
