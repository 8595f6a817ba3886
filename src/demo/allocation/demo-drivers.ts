/**
 * CPU hours of the demo's product teams on the shared Kubernetes clusters, one row per team and
 * month, for the `kubernetes-platform` driver split of demo-rules.yaml. Deterministic: a base
 * per team that grows 2% a month, so shares move a little from month to month.
 */
const BASE_CPU_HOURS: Record<string, number> = {
  payments: 5200,
  checkout: 4800,
  catalog: 3100,
  search: 3900,
  mobile: 1700,
  identity: 2200,
  'data-platform': 2600,
  ml: 1400,
};

/** The drivers CSV (period,driver,team,quantity) for these periods (YYYY-MM), for `tollgate drivers load`. */
export function demoDriversCsv(periods: string[]): string {
  const rows = ['period,driver,team,quantity'];
  periods.forEach((period, index) => {
    for (const [team, base] of Object.entries(BASE_CPU_HOURS)) {
      rows.push(`${period},cpu-hours,${team},${(base * 1.02 ** index).toFixed(1)}`);
    }
  });
  return `${rows.join('\n')}\n`;
}
