import { requireReportService, requireReportTeam } from '../../../core/catalog/require-report-scope.js';
import { computeDora2024, type Dora2024Report } from '../../../core/governance/dora/dora-2024.js';
import type { Stores } from '../../../ports/stores.js';
import { type KpiFieldLabels, period } from '../deployments/compute-governance-kpis.js';
import { loadCatalog, requirePolicy } from '../governance-context.js';

/**
 * The five DORA 2024 metrics over [from, to) (default: the last 90 days), overall, per service
 * and per team; with `service` or `team`, only that scope's deployments and incidents count.
 */
export async function computeDoraReport(
  stores: Stores,
  options: {
    from?: string | undefined;
    to?: string | undefined;
    service?: string | undefined;
    team?: string | undefined;
  },
  labels: KpiFieldLabels = {},
): Promise<Dora2024Report> {
  const catalog = await loadCatalog(stores);
  const policy = await requirePolicy(stores);
  const { from, to } = period(options.from, options.to, labels);
  requireReportService(catalog, options.service);
  requireReportTeam(catalog, options.team);
  const inScope = (service: string) =>
    (options.service === undefined || service === options.service) &&
    (options.team === undefined ||
      catalog.services.find((s) => s.id === service)?.ownerTeam === options.team);
  const [deployments, incidents] = await Promise.all([
    stores.governance.deployments.listDeployments({ service: options.service }),
    // Every incident: one on another service that hit this one makes its deployments rework.
    stores.governance.incidents.listIncidents(),
  ]);
  return computeDora2024({
    deployments: deployments.filter((d) => inScope(d.service)),
    incidents: incidents.filter((i) => [i.service, ...(i.affectedServices ?? [])].some(inScope)),
    catalog,
    from,
    to,
    attributionWindowHours: policy.policy.attributionWindowHours,
  });
}
