import type { DeploymentCost } from '../../../core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../../../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import { optional, trimMoney } from '../sql-columns.js';

/** A deployment row as the stores select it. */
export interface DeploymentRow extends Record<string, unknown> {
  id: string;
  delivery_key: string;
  source: DeploymentRecord['source'];
  service: string;
  version: string;
  commit_sha: string | null;
  committed_at: string | null;
  environment: string;
  pipeline_run: string | null;
  started_at: string;
  finished_at: string;
  outcome: DeploymentRecord['outcome'];
  change_type: DeploymentRecord['changeType'];
  release_id: string | null;
  change_request_id: string | null;
  triggered_by: string;
  pipeline_minutes: string;
  cost_json: string;
}

export function toDeployment(row: DeploymentRow): CostedDeployment {
  return {
    id: row.id,
    deliveryKey: row.delivery_key,
    source: row.source,
    service: row.service,
    version: row.version,
    commitSha: optional(row.commit_sha),
    committedAt: optional(row.committed_at),
    environment: row.environment,
    pipelineRun: optional(row.pipeline_run),
    startedAt: row.started_at,
    finishedAt: row.finished_at,
    outcome: row.outcome,
    changeType: row.change_type,
    releaseId: optional(row.release_id),
    changeRequestId: optional(row.change_request_id),
    triggeredBy: row.triggered_by,
    pipelineMinutes: trimMoney(row.pipeline_minutes),
    cost: JSON.parse(row.cost_json) as DeploymentCost,
  };
}

/**
 * A deployment as the values of its row in `deployments`, keyed by column name (cost_total,
 * cost_currency and cost_json from its cost): the named parameters of one insert, or one
 * element of a batch's JSON array.
 */
export function deploymentValues(record: DeploymentRecord, cost: DeploymentCost) {
  return {
    id: record.id,
    delivery_key: record.deliveryKey,
    source: record.source,
    service: record.service,
    version: record.version,
    commit_sha: record.commitSha ?? null,
    committed_at: record.committedAt ?? null,
    environment: record.environment,
    pipeline_run: record.pipelineRun ?? null,
    started_at: record.startedAt,
    finished_at: record.finishedAt,
    outcome: record.outcome,
    change_type: record.changeType,
    release_id: record.releaseId ?? null,
    change_request_id: record.changeRequestId ?? null,
    triggered_by: record.triggeredBy,
    pipeline_minutes: record.pipelineMinutes,
    cost_total: cost.total,
    cost_currency: cost.currency,
    cost_json: JSON.stringify(cost),
  };
}

/** The keys of deploymentValues: the columns of `deployments` in table order, but for recorded_at. */
export const DEPLOYMENT_VALUE_COLUMNS = [
  'id',
  'delivery_key',
  'source',
  'service',
  'version',
  'commit_sha',
  'committed_at',
  'environment',
  'pipeline_run',
  'started_at',
  'finished_at',
  'outcome',
  'change_type',
  'release_id',
  'change_request_id',
  'triggered_by',
  'pipeline_minutes',
  'cost_total',
  'cost_currency',
  'cost_json',
] as const satisfies readonly (keyof ReturnType<typeof deploymentValues>)[];
