import type { Catalog } from '../../catalog/catalog-model.js';
import type { DeploymentRecord } from '../deployments/deployment-record.js';
import type { IncidentRecord } from '../deployments/incident-record.js';
import { computeDora2024 } from '../dora/dora-2024.js';
import type { RiskHistoryEntry } from './change-risk.js';

export interface RiskHistory {
  entries: RiskHistoryEntry[];
  /** Median failed-deployment recovery hours per service (DORA 2024), where any was timed. */
  recoveryHours: Map<string, string>;
}

const EPOCH = '1970-01-01T00:00:00.000Z';

/**
 * The history a change's risk reads, as it was known at `at`: production deployments that
 * finished before it, each failed by the DORA 2024 change-fail definition (outcome, or an
 * attributed incident) counting only incidents that had started by `at`, so a replay never
 * sees the future.
 */
export function buildRiskHistory(
  deployments: readonly DeploymentRecord[],
  incidents: readonly IncidentRecord[],
  catalog: Catalog,
  at: string,
  attributionWindowHours: number,
): RiskHistory {
  const cut = Date.parse(at);
  const report = computeDora2024({
    deployments: deployments.filter((d) => Date.parse(d.finishedAt) < cut),
    incidents: incidents.filter((i) => Date.parse(i.startedAt) < cut),
    catalog,
    from: EPOCH,
    to: at,
    attributionWindowHours,
  });
  const failed = new Set(report.changeFailRate.failedDeploymentIds);
  const production = new Set(catalog.environments.filter((e) => e.production).map((e) => e.id));
  const teamOf = new Map(catalog.services.map((s) => [s.id, s.ownerTeam]));
  const entries = deployments
    .filter((d) => production.has(d.environment) && Date.parse(d.finishedAt) < cut)
    .map((d) => ({
      service: d.service,
      team: teamOf.get(d.service) ?? 'unknown',
      finishedAt: d.finishedAt,
      failed: failed.has(d.id),
    }));
  const recoveryHours = new Map<string, string>();
  for (const service of report.byService) {
    const hours = service.failedDeploymentRecoveryTime.medianHours;
    if (hours !== null) recoveryHours.set(service.service, String(hours));
  }
  return { entries, recoveryHours };
}
