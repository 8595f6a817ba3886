import type { DeploymentCost } from '../../../core/governance/deployments/deployment-cost-model.js';
import type { DeploymentRecord } from '../../../core/governance/deployments/deployment-record.js';
import type { CostedDeployment } from '../../../core/governance/deployments/unit-costs.js';
import type { DeploymentFilter, DeploymentStore } from '../../../ports/deployment-store.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import { textColumns } from '../sql-columns.js';
import { runWrite, type SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';
import {
  DEPLOYMENT_VALUE_COLUMNS,
  type DeploymentRow,
  deploymentValues,
  toDeployment,
} from './deployment-rows.js';

/** How each value of a deployment row is cast into its column (text needs none). */
const CASTS: Partial<Record<(typeof DEPLOYMENT_VALUE_COLUMNS)[number], string>> = {
  commit_sha: 'TEXT',
  committed_at: 'TIMESTAMP',
  pipeline_run: 'TEXT',
  started_at: 'TIMESTAMP',
  finished_at: 'TIMESTAMP',
  release_id: 'TEXT',
  change_request_id: 'TEXT',
  pipeline_minutes: 'NUMERIC(38,16)',
  cost_total: 'NUMERIC(38,16)',
};

/** The values of one deployment row, each `${prefix}column` cast into its column, then recorded_at. */
function deploymentSelect(prefix: string, now: string): string {
  const values = DEPLOYMENT_VALUE_COLUMNS.map((column) => {
    const cast = CASTS[column];
    return cast ? `CAST(${prefix}${column} AS ${cast})` : `${prefix}${column}`;
  });
  return [...values, now].join(', ');
}

/** Deployments with their cost, one by one or in batches, on either engine. */
export class SqlDeploymentStore implements DeploymentStore {
  private readonly columns: string;
  private readonly insertOne: string;
  private readonly insertBatch: string;
  private readonly keyRows: string;

  constructor(
    private readonly db: SqlDatabase,
    dialect: SqlDialect,
  ) {
    const { isoColumn, moneyColumn } = dialect;
    this.columns = `id, delivery_key, source, service, version, commit_sha, ${isoColumn('committed_at')}, environment,
      pipeline_run, ${isoColumn('started_at')}, ${isoColumn('finished_at')}, outcome, change_type, release_id,
      change_request_id, triggered_by, ${moneyColumn('pipeline_minutes')}, cost_json`;
    this.insertOne = `INSERT INTO deployments VALUES (${deploymentSelect('$', dialect.nowUtc)})`;
    this.insertBatch = `INSERT INTO deployments SELECT ${deploymentSelect('r.', dialect.nowUtc)}
      FROM ${dialect.jsonRows('rows', textColumns(DEPLOYMENT_VALUE_COLUMNS), 'r')}`;
    this.keyRows = dialect.jsonRows('keys', textColumns(['delivery_key']), 'k');
  }

  async nextDeploymentId(): Promise<string> {
    const row = await this.db.one<{ id: string }>("SELECT CAST(nextval('deployment_id_seq') AS TEXT) AS id");
    return `DEP-${row!.id}`;
  }

  /** `count` ids from the sequence in one statement, in the order they were drawn. */
  async nextDeploymentIds(count: number): Promise<string[]> {
    if (count === 0) return [];
    const rows = await this.db.all<{ n: string }>(
      "SELECT CAST(nextval('deployment_id_seq') AS TEXT) AS n FROM generate_series(1, CAST($count AS INTEGER))",
      { count },
    );
    // A set-returning nextval promises no row order.
    return rows
      .map((row) => Number(row.n))
      .sort((a, b) => a - b)
      .map((n) => `DEP-${n}`);
  }

  /**
   * Inside a transaction, the lookup holds the delivery key until commit, so the same delivery
   * arriving at two API processes at once is recorded by one and found by the other.
   */
  async findDeploymentByDeliveryKey(deliveryKey: string): Promise<CostedDeployment | undefined> {
    await this.db.lockArea(`deployment-delivery:${deliveryKey}`);
    const row = await this.db.one<DeploymentRow>(
      `SELECT ${this.columns} FROM deployments WHERE delivery_key = $deliveryKey`,
      { deliveryKey },
    );
    return row ? toDeployment(row) : undefined;
  }

  /** As findDeploymentByDeliveryKey for several keys (locked in one order, so two batches never deadlock). */
  async findDeploymentIdsByDeliveryKeys(deliveryKeys: string[]): Promise<Map<string, string>> {
    if (deliveryKeys.length === 0) return new Map();
    const keys = [...new Set(deliveryKeys)].sort();
    for (const key of keys) await this.db.lockArea(`deployment-delivery:${key}`);
    const rows = await this.db.all<{ delivery_key: string; id: string }>(
      `SELECT delivery_key, id FROM deployments
       WHERE delivery_key IN (SELECT k.delivery_key FROM ${this.keyRows})`,
      { keys: JSON.stringify(keys.map((key) => ({ delivery_key: key }))) },
    );
    return new Map(rows.map((row) => [row.delivery_key, row.id]));
  }

  async getDeployment(id: string): Promise<CostedDeployment | undefined> {
    const row = await this.db.one<DeploymentRow>(`SELECT ${this.columns} FROM deployments WHERE id = $id`, {
      id,
    });
    return row ? toDeployment(row) : undefined;
  }

  async insertDeployment(record: DeploymentRecord, cost: DeploymentCost): Promise<void> {
    await this.db.run(this.insertOne, deploymentValues(record, cost));
  }

  /** Several deployments in one INSERT: the rows travel as one JSON array. */
  async insertDeployments(deployments: { record: DeploymentRecord; cost: DeploymentCost }[]): Promise<void> {
    if (deployments.length === 0) return;
    await runWrite(this.db, this.insertBatch, {
      rows: JSON.stringify(deployments.map(({ record, cost }) => deploymentValues(record, cost))),
    });
  }

  async listDeployments(filter: DeploymentFilter = {}): Promise<CostedDeployment[]> {
    const where: string[] = [];
    const params: SqlParams = {};
    for (const [key, condition] of [
      ['service', 'service = $service'],
      ['environment', 'environment = $environment'],
      ['releaseId', 'release_id = $releaseId'],
      // Qualified: the bare name would compare the selected text of the same name.
      ['from', 'deployments.finished_at >= CAST($from AS TIMESTAMP)'],
      ['to', 'deployments.finished_at < CAST($to AS TIMESTAMP)'],
    ] as const) {
      const value = filter[key];
      if (value !== undefined) {
        where.push(condition);
        params[key] = value;
      }
    }
    const rows = await this.db.all<DeploymentRow>(
      `SELECT ${this.columns} FROM deployments ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY deployments.finished_at, id`,
      params,
    );
    return rows.map(toDeployment);
  }
}
