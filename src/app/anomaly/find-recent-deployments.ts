import type { CostFilter } from '../../core/costs/cost-query.js';
import { addDays } from '../../core/forecast/day-dates.js';
import type { Stores } from '../../ports/stores.js';

export interface NearbyDeployment {
  id: string;
  service: string;
  version: string;
  environment: string;
  finishedAt: string;
  outcome: string;
}

/** Days before an anomaly's start in which a deployment counts as "just before it". */
export const DEPLOYMENT_LOOKBACK_DAYS = 2;

/**
 * Deployments that finished in the two days before an anomaly started, or on its first day:
 * the first suspects an on-call engineer checks. A scope naming catalogue services or
 * environments keeps only their deployments.
 */
export async function findRecentDeployments(
  stores: Stores,
  filters: CostFilter[],
  start: string,
): Promise<NearbyDeployment[]> {
  const services = filters.find((f) => f.dimension === 'catalog-service')?.values;
  const environments = filters.find((f) => f.dimension === 'environment')?.values;
  const deployments = await stores.governance.deployments.listDeployments({
    from: `${addDays(start, -DEPLOYMENT_LOOKBACK_DAYS)} 00:00:00`,
    to: `${addDays(start, 1)} 00:00:00`,
  });
  return deployments
    .filter((d) => !services || services.includes(d.service))
    .filter((d) => !environments || environments.includes(d.environment))
    .map((d) => ({
      id: d.id,
      service: d.service,
      version: d.version,
      environment: d.environment,
      finishedAt: d.finishedAt,
      outcome: d.outcome,
    }));
}
