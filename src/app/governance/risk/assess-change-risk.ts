import type { Catalog, Service } from '../../../core/catalog/catalog-model.js';
import { TollgateError } from '../../../core/errors.js';
import { type FieldLabels, labelOf } from '../../../core/field-labels.js';
import { findService } from '../../../core/governance/deployments/deployment-record.js';
import type { ChangeModel, GovernancePolicy } from '../../../core/governance/governance-policy.js';
import { isIsoTimestamp, normaliseTimestamp } from '../../../core/governance/governance-types.js';
import { assessChangeRisk, type ChangeRisk } from '../../../core/governance/risk/change-risk.js';
import { buildRiskHistory } from '../../../core/governance/risk/risk-history.js';
import type { Stores } from '../../../ports/stores.js';
import { requireChange } from '../changes/manage-changes.js';
import { loadCatalog, nowOr, requirePolicy } from '../governance-context.js';

export interface RiskFacts {
  at: string;
  service: Service;
  estimatedCost: string;
  currency: string;
  /** The change being assessed: its own estimate is not part of "a usual change". */
  changeId?: string | undefined;
  model: ChangeModel;
}

/**
 * The money-aware risk of a change at `at`, from the store's history: production deployments
 * and incidents known by then, the service's earlier change estimates, the catalogue's revenue
 * per outage hour. Reads only; the gate records it in the decision log with its decision.
 */
export async function assessRiskFromHistory(
  stores: Stores,
  catalog: Catalog,
  policy: GovernancePolicy,
  facts: RiskFacts,
): Promise<ChangeRisk> {
  const [deployments, incidents, changes] = await Promise.all([
    stores.governance.deployments.listDeployments({ to: facts.at }),
    stores.governance.incidents.listIncidents(),
    stores.governance.changes.listChanges({ service: facts.service.id }),
  ]);
  const history = buildRiskHistory(deployments, incidents, catalog, facts.at, policy.attributionWindowHours);
  const cut = Date.parse(facts.at);
  const rule = facts.model.riskPreApproval;
  return assessChangeRisk({
    at: facts.at,
    service: facts.service,
    estimatedCost: facts.estimatedCost,
    currency: facts.currency,
    history: history.entries,
    pastEstimates: changes
      .filter((change) => change.id !== facts.changeId && Date.parse(change.createdAt) < cut)
      .map((change) => change.estimatedCost),
    recoveryHours: history.recoveryHours.get(facts.service.id) ?? null,
    rule: rule && {
      maxFailureProbability: rule.maxFailureProbability,
      maxMoneyAtStake: rule.maxMoneyAtStake,
      minDeployments: rule.minDeployments,
      criticality: rule.criticality,
    },
  });
}

/** `changes risk ID`: the risk of a recorded change request, at `at` (default now). */
export async function showChangeRisk(
  stores: Stores,
  input: { changeId: string; at?: string | undefined },
  labels: FieldLabels<'at'> = {},
): Promise<ChangeRisk> {
  if (input.at !== undefined && !isIsoTimestamp(input.at)) {
    throw new TollgateError(
      'RISK_BAD_TIME',
      `${labelOf(labels, 'at')} '${input.at}' is not an ISO-8601 time such as 2026-03-04T10:00:00Z.`,
      'usage',
    );
  }
  const change = await requireChange(stores, input.changeId);
  const catalog = await loadCatalog(stores);
  const policy = await requirePolicy(stores);
  const release = change.releaseId
    ? await stores.governance.releases.getRelease(change.releaseId)
    : undefined;
  return assessRiskFromHistory(stores, catalog, policy.policy, {
    at: input.at === undefined ? nowOr(undefined) : normaliseTimestamp(input.at),
    service: findService(catalog, change.service),
    estimatedCost: change.estimatedCost,
    currency: release?.currency ?? policy.policy.currency,
    changeId: change.id,
    model: policy.policy.changeModels[change.changeType],
  });
}
