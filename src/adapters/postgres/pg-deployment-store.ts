import type { DeploymentCost } from '../../core/governance/deployment-cost-model.js';
import type { DeploymentRecord } from '../../core/governance/deployment-record.js';
import type { CostedDeployment } from '../../core/governance/unit-costs.js';
import type { DeploymentFilter, DeploymentStore } from '../../ports/deployment-store.js';
import type { SqlParams } from '../../ports/sql-engine.js';
import { deploymentRow } from '../sql/store-rows.js';
import type { PgDatabase } from './pg-database.js';
import { isoColumn, moneyColumn, optional, trimMoney } from './pg-governance-sql.js';

interface DeploymentRow extends Record<string, unknown> {
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

const COLUMNS = `id, delivery_key, source, service, version, commit_sha, ${isoColumn('committed_at')}, environment, pipeline_run,
  ${isoColumn('started_at')}, ${isoColumn('finished_at')}, outcome, change_type, release_id, change_request_id, triggered_by,
  ${moneyColumn('pipeline_minutes')}, cost_json`;

function toDeployment(row: DeploymentRow): CostedDeployment {
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

export class PgDeploymentStore implements DeploymentStore {
  constructor(private readonly db: PgDatabase) {}

  async nextDeploymentId(): Promise<string> {
    const row = await this.db.one<{ id: string }>("SELECT nextval('deployment_id_seq')::TEXT AS id");
    return `DEP-${row!.id}`;
  }

  /**
   * Inside a transaction, the lookup holds the delivery key until commit, so the same delivery
   * arriving at two API processes at once is recorded by one and found by the other.
   */
  async findDeploymentByDeliveryKey(deliveryKey: string): Promise<CostedDeployment | undefined> {
    await this.db.lockArea(`deployment-delivery:${deliveryKey}`);
    const row = await this.db.one<DeploymentRow>(
      `SELECT ${COLUMNS} FROM deployments WHERE delivery_key = $deliveryKey`,
      { deliveryKey },
    );
    return row ? toDeployment(row) : undefined;
  }

  async getDeployment(id: string): Promise<CostedDeployment | undefined> {
    const row = await this.db.one<DeploymentRow>(`SELECT ${COLUMNS} FROM deployments WHERE id = $id`, { id });
    return row ? toDeployment(row) : undefined;
  }

  async insertDeployment(record: DeploymentRecord, cost: DeploymentCost): Promise<void> {
    await this.db.run(
      `INSERT INTO deployments VALUES ($id, $deliveryKey, $source, $service, $version, CAST($commitSha AS TEXT), CAST($committedAt AS TIMESTAMP),
         $environment, CAST($pipelineRun AS TEXT), CAST($startedAt AS TIMESTAMP), CAST($finishedAt AS TIMESTAMP), $outcome, $changeType,
         CAST($releaseId AS TEXT), CAST($changeRequestId AS TEXT), $triggeredBy, CAST($pipelineMinutes AS NUMERIC(38,16)),
         CAST($costTotal AS NUMERIC(38,16)), $costCurrency, $costJson, now() AT TIME ZONE 'UTC')`,
      deploymentRow(record, cost),
    );
  }

  async listDeployments(filter: DeploymentFilter = {}): Promise<CostedDeployment[]> {
    const where: string[] = [];
    const params: SqlParams = {};
    if (filter.service !== undefined) {
      where.push('service = $service');
      params.service = filter.service;
    }
    if (filter.environment !== undefined) {
      where.push('environment = $environment');
      params.environment = filter.environment;
    }
    if (filter.releaseId !== undefined) {
      where.push('release_id = $releaseId');
      params.releaseId = filter.releaseId;
    }
    if (filter.from !== undefined) {
      where.push('deployments.finished_at >= CAST($from AS TIMESTAMP)');
      params.from = filter.from;
    }
    if (filter.to !== undefined) {
      where.push('deployments.finished_at < CAST($to AS TIMESTAMP)');
      params.to = filter.to;
    }
    const rows = await this.db.all<DeploymentRow>(
      `SELECT ${COLUMNS} FROM deployments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY deployments.finished_at, id`,
      params,
    );
    return rows.map(toDeployment);
  }
}
