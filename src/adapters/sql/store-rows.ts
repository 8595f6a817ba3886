import type { DeploymentCost } from '../../core/governance/deployment-cost-model.js';
import type { DeploymentRecord } from '../../core/governance/deployment-record.js';
import type { DecisionFilter, GovernanceDecision } from '../../ports/governance-store.js';

/** A deployment as the named parameters of its row in `deployments`, on either engine. */
export function deploymentRow(record: DeploymentRecord, cost: DeploymentCost) {
  return {
    id: record.id,
    deliveryKey: record.deliveryKey,
    source: record.source,
    service: record.service,
    version: record.version,
    commitSha: record.commitSha ?? null,
    committedAt: record.committedAt ?? null,
    environment: record.environment,
    pipelineRun: record.pipelineRun ?? null,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    outcome: record.outcome,
    changeType: record.changeType,
    releaseId: record.releaseId ?? null,
    changeRequestId: record.changeRequestId ?? null,
    triggeredBy: record.triggeredBy,
    pipelineMinutes: record.pipelineMinutes,
    costTotal: cost.total,
    costCurrency: cost.currency,
    costJson: JSON.stringify(cost),
  };
}

/** A decision-log row as both engines' stores select it. */
export interface DecisionRow extends Record<string, unknown> {
  seq_text: string;
  at: string;
  kind: string;
  subject: string;
  actor: string;
  decision: string;
  inputs_json: string;
  result_json: string;
}

export function decisionFromRow(row: DecisionRow): GovernanceDecision {
  return {
    seq: Number(row.seq_text),
    at: row.at,
    kind: row.kind,
    subject: row.subject,
    actor: row.actor,
    decision: row.decision,
    inputs: JSON.parse(row.inputs_json) as unknown,
    result: JSON.parse(row.result_json) as unknown,
  };
}

/** The parameters of a decision-log listing ($kind, $subject, $afterSeq, $limit; null when not given). */
export function decisionFilterParams(filter: DecisionFilter) {
  return {
    kind: filter.kind ?? null,
    subject: filter.subject ?? null,
    afterSeq: filter.afterSeq ?? null,
    limit: filter.limit ?? null,
  };
}
