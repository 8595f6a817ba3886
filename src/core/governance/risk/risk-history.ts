import type { Catalog } from '../../catalog/catalog-model.js';
import type { DeploymentRecord } from '../deployments/deployment-record.js';
import type { IncidentRecord } from '../deployments/incident-record.js';
import { median, roundTo } from '../deployments/statistics.js';
import { attributeIncidents, recoveryHours } from '../dora/dora-2024.js';
import type { RiskHistoryEntry } from './change-risk.js';

export interface RiskHistory {
  entries: RiskHistoryEntry[];
  /** Median failed-deployment recovery hours per service (DORA 2024), where any was timed. */
  recoveryHours: Map<string, string>;
}

/**
 * The history a change's risk reads, as it was known at `at`: production deployments that
 * finished before it, each failed by the DORA 2024 change-fail definition (outcome, or an
 * incident attributed to it as computeDora2024 attributes them) counting only incidents that
 * had started by `at`, so a replay never sees the future; recovery times as DORA 2024 times them.
 */
export function buildRiskHistory(
  deployments: readonly DeploymentRecord[],
  incidents: readonly IncidentRecord[],
  catalog: Catalog,
  at: string,
  attributionWindowHours: number,
): RiskHistory {
  const cut = Date.parse(at);
  const production = new Set(catalog.environments.filter((e) => e.production).map((e) => e.id));
  const known = deployments
    .filter((d) => production.has(d.environment) && Date.parse(d.finishedAt) < cut)
    .sort((a, b) => Date.parse(a.finishedAt) - Date.parse(b.finishedAt) || a.id.localeCompare(b.id));
  const started = incidents.filter((i) => production.has(i.environment) && Date.parse(i.startedAt) < cut);
  const { caused } = attributeIncidents(known, started, attributionWindowHours);
  const teamOf = new Map(catalog.services.map((s) => [s.id, s.ownerTeam]));
  const recoveries = new Map<string, number[]>();
  const entries = known.map((d) => {
    const failed = d.outcome !== 'succeeded' || caused.has(d.id);
    if (failed) {
      const hours = recoveryHours(d, caused.get(d.id), known);
      if (hours !== null) recoveries.set(d.service, [...(recoveries.get(d.service) ?? []), hours]);
    }
    return { service: d.service, team: teamOf.get(d.service) ?? 'unknown', finishedAt: d.finishedAt, failed };
  });
  const recoveryByService = new Map<string, string>();
  for (const [service, hours] of recoveries) recoveryByService.set(service, String(roundTo(median(hours))));
  return { entries, recoveryHours: recoveryByService };
}
