import type { CostMover, SuspectDeployment } from '../../core/anomaly/attribute-deployments.js';
import { rankSuspectDeployments } from '../../core/anomaly/attribute-deployments.js';
import type { CostFilter } from '../../core/costs/cost-query.js';
import { addDays } from '../../core/forecast/day-dates.js';
import type { Stores } from '../../ports/stores.js';

/** Days before an anomaly's start in which a deployment counts as "just before it". */
export const DEPLOYMENT_LOOKBACK_DAYS = 2;

export interface DeploymentWindow {
  /** Deployments that finished at or after `from` and before `to` are considered. */
  from: string;
  to: string;
}

export interface AnomalySuspects {
  window: DeploymentWindow;
  deployments: SuspectDeployment[];
}

/** The window searched for an anomaly starting on `start`: two days before it, and its first day. */
export function deploymentWindowOf(start: string): DeploymentWindow {
  return {
    from: `${addDays(start, -DEPLOYMENT_LOOKBACK_DAYS)} 00:00:00`,
    to: `${addDays(start, 1)} 00:00:00`,
  };
}

/**
 * The deployments an on-call engineer should check first for an anomaly: those that finished in
 * its window and whose service (or owning team) is named by the anomaly's scope or by one of the
 * contributors whose cost moved; ranked, at most five. A deployment of an unrelated service is
 * left out even when it landed the same hour.
 */
export async function findSuspectDeployments(
  stores: Stores,
  input: { filters: CostFilter[]; start: string; impact: string; contributors: CostMover[] },
): Promise<AnomalySuspects> {
  const window = deploymentWindowOf(input.start);
  const [deployments, catalog] = await Promise.all([
    stores.governance.deployments.listDeployments(window),
    stores.catalog.currentCatalog(),
  ]);
  const environments = input.filters.find((f) => f.dimension === 'environment')?.values;
  const ownerOf = new Map(catalog?.catalog.services.map((s) => [s.id, s.ownerTeam]) ?? []);
  const scopeMovers: CostMover[] = input.filters.flatMap((filter) =>
    filter.values.map((value) => ({ dimension: filter.dimension, value, change: input.impact })),
  );
  return {
    window,
    deployments: rankSuspectDeployments(
      deployments
        .filter((d) => !environments || environments.includes(d.environment))
        .map((d) => ({
          id: d.id,
          service: d.service,
          ownerTeam: ownerOf.get(d.service),
          version: d.version,
          environment: d.environment,
          finishedAt: d.finishedAt,
          outcome: d.outcome,
        })),
      [...scopeMovers, ...input.contributors],
    ),
  };
}
