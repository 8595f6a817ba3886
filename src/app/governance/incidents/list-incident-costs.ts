import { requireReportService } from '../../../core/catalog/require-report-scope.js';
import { computeIncidentCost, type IncidentCost } from '../../../core/governance/incidents/incident-cost.js';
import { Decimal } from '../../../core/money.js';
import type { Stores } from '../../../ports/stores.js';
import { type KpiFieldLabels, period } from '../deployments/compute-governance-kpis.js';
import { loadCatalog, requirePolicy } from '../governance-context.js';

export interface IncidentCostReport {
  period: { from: string; to: string };
  service: string | null;
  currency: string;
  incidents: IncidentCost[];
  totals: {
    incidents: number;
    /** Incidents whose cost leaves out a part (see each one's `missing`). */
    incomplete: number;
    responderCost: string;
    revenueImpact: string;
    slaCredits: string;
    total: string;
  };
}

/** What each incident that started in [from, to) cost (default: the last 90 days), optionally of one service. */
export async function listIncidentCosts(
  stores: Stores,
  options: { from?: string | undefined; to?: string | undefined; service?: string | undefined },
  labels: KpiFieldLabels = {},
): Promise<IncidentCostReport> {
  const catalog = await loadCatalog(stores);
  const policy = await requirePolicy(stores);
  const { from, to } = period(options.from, options.to, labels);
  requireReportService(catalog, options.service);
  // No rate card is a missing figure for every responder, not a refusal: the rest still counts.
  const card = await stores.governance.rateCards.currentRateCard();
  const incidents = (await stores.governance.incidents.listIncidents({ service: options.service })).filter(
    (i) => i.startedAt >= from && i.startedAt < to,
  );
  const costs = incidents.map((i) => computeIncidentCost(i, catalog, card?.card, policy.policy.currency));
  const sum = (pick: (cost: IncidentCost) => string | null) =>
    costs.reduce((total, cost) => total.add(pick(cost) ?? '0'), new Decimal(0)).toString();
  return {
    period: { from, to },
    service: options.service ?? null,
    currency: policy.policy.currency,
    incidents: costs,
    totals: {
      incidents: costs.length,
      incomplete: costs.filter((c) => c.missing.length > 0).length,
      responderCost: sum((c) => c.responderCost),
      revenueImpact: sum((c) => c.revenueImpact),
      slaCredits: sum((c) => c.slaCredits),
      total: sum((c) => c.total),
    },
  };
}
