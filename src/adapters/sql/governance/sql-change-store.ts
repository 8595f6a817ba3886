import type {
  ApprovalRecord,
  ChangeRequest,
  ChangeStatus,
} from '../../../core/governance/changes/change-request.js';
import type { BreakGlass, Freeze } from '../../../core/governance/gate/deployment-calendar.js';
import type { ChangeFilter, ChangeStore } from '../../../ports/change-store.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import { optional, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** A JSON array parameter of ids, as rows (`dialect.jsonRows`). */
const ID_ROW_COLUMNS = [['id', 'TEXT']] as const;

interface ChangeRow extends Record<string, unknown> {
  id: string;
  service: string;
  environment: string;
  change_type: ChangeRequest['changeType'];
  release_id: string | null;
  version: string | null;
  requested_by: string;
  estimated_cost: string;
  justification_json: string | null;
  status: ChangeStatus;
  created_at: string;
  ready_at: string;
  closed_at: string | null;
}

function toChange(row: ChangeRow): ChangeRequest {
  return {
    id: row.id,
    service: row.service,
    environment: row.environment,
    changeType: row.change_type,
    releaseId: optional(row.release_id),
    version: optional(row.version),
    requestedBy: row.requested_by,
    estimatedCost: trimMoney(row.estimated_cost),
    justification: row.justification_json
      ? (JSON.parse(row.justification_json) as ChangeRequest['justification'])
      : undefined,
    status: row.status,
    createdAt: row.created_at,
    readyAt: row.ready_at,
    closedAt: optional(row.closed_at),
  };
}

/**
 * Change requests, their approvals, freezes and break-glass records, on either engine. Lists
 * sort by qualified columns: a bare name would sort by the selected text of the same name.
 */
export class SqlChangeStore implements ChangeStore {
  private readonly changeColumns: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {
    const { isoColumn, moneyColumn } = dialect;
    this.changeColumns = `id, service, environment, change_type, release_id, version, requested_by,
      ${moneyColumn('estimated_cost')}, justification_json, status, ${isoColumn('created_at')}, ${isoColumn('ready_at')},
      ${isoColumn('closed_at')}`;
  }

  async #next(sequence: string, prefix: string): Promise<string> {
    const row = await this.db.one<{ id: string }>(`SELECT CAST(nextval('${sequence}') AS TEXT) AS id`);
    return `${prefix}-${row!.id}`;
  }

  nextChangeId(): Promise<string> {
    return this.#next('change_request_id_seq', 'CHG');
  }

  nextFreezeId(): Promise<string> {
    return this.#next('freeze_id_seq', 'FRZ');
  }

  nextBreakGlassId(): Promise<string> {
    return this.#next('break_glass_id_seq', 'BG');
  }

  async insertChange(change: ChangeRequest): Promise<void> {
    await this.db.run(
      `INSERT INTO change_requests VALUES ($id, $service, $environment, $changeType, CAST($releaseId AS TEXT), CAST($version AS TEXT), $requestedBy,
         CAST($estimatedCost AS NUMERIC(38,16)), CAST($justification AS TEXT), $status, CAST($createdAt AS TIMESTAMP), CAST($readyAt AS TIMESTAMP), NULL)`,
      {
        id: change.id,
        service: change.service,
        environment: change.environment,
        changeType: change.changeType,
        releaseId: change.releaseId ?? null,
        version: change.version ?? null,
        requestedBy: change.requestedBy,
        estimatedCost: change.estimatedCost,
        justification: change.justification ? JSON.stringify(change.justification) : null,
        status: change.status,
        createdAt: change.createdAt,
        readyAt: change.readyAt,
      },
    );
  }

  async getChange(id: string): Promise<ChangeRequest | undefined> {
    const row = await this.db.one<ChangeRow>(
      `SELECT ${this.changeColumns} FROM change_requests WHERE id = $id`,
      {
        id,
      },
    );
    return row ? toChange(row) : undefined;
  }

  async listChanges(filter: ChangeFilter = {}): Promise<ChangeRequest[]> {
    const where: string[] = [];
    const params: SqlParams = {};
    for (const [key, column] of [
      ['service', 'service'],
      ['environment', 'environment'],
      ['status', 'status'],
      ['releaseId', 'release_id'],
    ] as const) {
      const value = filter[key];
      if (value !== undefined) {
        where.push(`${column} = $${key}`);
        params[key] = value;
      }
    }
    const rows = await this.db.all<ChangeRow>(
      `SELECT ${this.changeColumns} FROM change_requests ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY change_requests.created_at, id`,
      params,
    );
    return rows.map(toChange);
  }

  async setChangeStatus(id: string, status: ChangeStatus, closedAt?: string): Promise<void> {
    await this.db.run(
      'UPDATE change_requests SET status = $status, closed_at = CAST($closedAt AS TIMESTAMP) WHERE id = $id',
      {
        id,
        status,
        closedAt: closedAt ?? null,
      },
    );
  }

  async insertApproval(approval: ApprovalRecord): Promise<void> {
    await this.db.run(
      'INSERT INTO change_approvals VALUES ($changeId, $approver, $role, $kind, $decision, CAST($comment AS TEXT), CAST($at AS TIMESTAMP))',
      {
        changeId: approval.changeId,
        approver: approval.approver,
        role: approval.role,
        kind: approval.kind,
        decision: approval.decision,
        comment: approval.comment ?? null,
        at: approval.at,
      },
    );
  }

  async listApprovals(changeId: string): Promise<ApprovalRecord[]> {
    return this.#selectApprovals('change_id = $changeId', { changeId });
  }

  async getChanges(ids: readonly string[]): Promise<ChangeRequest[]> {
    if (ids.length === 0) return [];
    const rows = await this.db.all<ChangeRow>(
      `SELECT ${this.changeColumns} FROM change_requests
       WHERE id IN (SELECT r.id FROM ${this.dialect.jsonRows('ids', ID_ROW_COLUMNS)})
       ORDER BY change_requests.created_at, id`,
      { ids: JSON.stringify(ids.map((id) => ({ id }))) },
    );
    return rows.map(toChange);
  }

  async listApprovalsOfChanges(changeIds: readonly string[]): Promise<ApprovalRecord[]> {
    if (changeIds.length === 0) return [];
    return this.#selectApprovals(
      `change_id IN (SELECT r.id FROM ${this.dialect.jsonRows('ids', ID_ROW_COLUMNS)})`,
      { ids: JSON.stringify(changeIds.map((id) => ({ id }))) },
    );
  }

  async #selectApprovals(where: string, params: SqlParams): Promise<ApprovalRecord[]> {
    const rows = await this.db.all<{
      change_id: string;
      approver: string;
      role: string;
      kind: ApprovalRecord['kind'];
      decision: ApprovalRecord['decision'];
      comment: string | null;
      at: string;
    }>(
      `SELECT change_id, approver, role, kind, decision, comment, ${this.dialect.isoColumn('decided_at', 'at')} FROM change_approvals
       WHERE ${where} ORDER BY change_approvals.change_id, decided_at, approver`,
      params,
    );
    return rows.map((row) => ({
      changeId: row.change_id,
      approver: row.approver,
      role: row.role,
      kind: row.kind,
      decision: row.decision,
      comment: optional(row.comment),
      at: row.at,
    }));
  }

  async insertFreeze(freeze: Freeze): Promise<void> {
    await this.db.run(
      `INSERT INTO deployment_freezes VALUES ($id, $environment, CAST($cron AS TEXT), CAST($from AS TIMESTAMP), CAST($until AS TIMESTAMP),
         $reason, $createdBy, CAST($createdAt AS TIMESTAMP), CAST($timeZone AS TEXT))`,
      {
        id: freeze.id,
        timeZone: freeze.timeZone ?? null,
        environment: freeze.environment,
        cron: freeze.cron ?? null,
        from: freeze.from ?? null,
        until: freeze.until ?? null,
        reason: freeze.reason,
        createdBy: freeze.createdBy,
        createdAt: freeze.createdAt,
      },
    );
  }

  async listFreezes(): Promise<Freeze[]> {
    const rows = await this.db.all<{
      id: string;
      environment: string;
      cron: string | null;
      from_at: string | null;
      until_at: string | null;
      reason: string;
      created_by: string;
      created_at: string;
      time_zone: string | null;
    }>(
      `SELECT id, environment, cron, ${this.dialect.isoColumn('from_at')}, ${this.dialect.isoColumn('until_at')}, reason, created_by, ${this.dialect.isoColumn('created_at')},
         time_zone FROM deployment_freezes ORDER BY deployment_freezes.created_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      environment: row.environment,
      cron: optional(row.cron),
      from: optional(row.from_at),
      until: optional(row.until_at),
      reason: row.reason,
      createdBy: row.created_by,
      createdAt: row.created_at,
      timeZone: optional(row.time_zone),
    }));
  }

  async insertBreakGlass(breakGlass: BreakGlass): Promise<void> {
    await this.db.run(
      `INSERT INTO break_glass VALUES ($id, $environment, CAST($service AS TEXT), $by, $reason, CAST($from AS TIMESTAMP), CAST($until AS TIMESTAMP),
         CAST($createdAt AS TIMESTAMP))`,
      {
        id: breakGlass.id,
        environment: breakGlass.environment,
        service: breakGlass.service ?? null,
        by: breakGlass.by,
        reason: breakGlass.reason,
        from: breakGlass.from,
        until: breakGlass.until,
        createdAt: breakGlass.createdAt,
      },
    );
  }

  async listBreakGlass(): Promise<BreakGlass[]> {
    const rows = await this.db.all<{
      id: string;
      environment: string;
      service: string | null;
      by_person: string;
      reason: string;
      from_at: string;
      until_at: string;
      created_at: string;
    }>(
      `SELECT id, environment, service, by_person, reason, ${this.dialect.isoColumn('from_at')}, ${this.dialect.isoColumn('until_at')}, ${this.dialect.isoColumn('created_at')}
       FROM break_glass ORDER BY break_glass.created_at, id`,
    );
    return rows.map((row) => ({
      id: row.id,
      environment: row.environment,
      service: optional(row.service),
      by: row.by_person,
      reason: row.reason,
      from: row.from_at,
      until: row.until_at,
      createdAt: row.created_at,
    }));
  }
}
