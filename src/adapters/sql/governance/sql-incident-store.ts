import type { IncidentRecord } from '../../../core/governance/deployments/incident-record.js';
import type { IncidentStore } from '../../../ports/incident-store.js';
import { optional, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface IncidentRow extends Record<string, unknown> {
  id: string;
  delivery_key: string;
  source: string;
  service: string;
  environment: string;
  title: string;
  severity: string;
  started_at: string;
  resolved_at: string | null;
  deployment_id: string | null;
  detected_at: string | null;
  affected_services_json: string | null;
  responders_json: string | null;
  sla_credits: string | null;
}

function toIncident(row: IncidentRow): IncidentRecord {
  return {
    id: row.id,
    deliveryKey: row.delivery_key,
    source: row.source,
    service: row.service,
    environment: row.environment,
    title: row.title,
    severity: row.severity,
    startedAt: row.started_at,
    resolvedAt: optional(row.resolved_at),
    deploymentId: optional(row.deployment_id),
    detectedAt: optional(row.detected_at),
    affectedServices:
      row.affected_services_json === null ? undefined : JSON.parse(row.affected_services_json),
    responders: row.responders_json === null ? undefined : JSON.parse(row.responders_json),
    slaCredits: row.sla_credits === null ? undefined : trimMoney(row.sla_credits),
  };
}

/** Incidents, recorded once per delivery key, on either engine. */
export class SqlIncidentStore implements IncidentStore {
  private readonly columns: string;

  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {
    this.columns = `id, delivery_key, source, service, environment, title, severity, ${dialect.isoColumn('started_at')},
      ${dialect.isoColumn('resolved_at')}, deployment_id, ${dialect.isoColumn('detected_at')}, affected_services_json,
      responders_json, ${dialect.moneyColumn('sla_credits')}`;
  }

  async nextIncidentId(): Promise<string> {
    const row = await this.db.one<{ id: string }>("SELECT CAST(nextval('incident_id_seq') AS TEXT) AS id");
    return `INC-${row!.id}`;
  }

  /**
   * Inside a transaction, the lookup holds the delivery key until commit, so the same delivery
   * arriving at two API processes at once is recorded by one and found by the other.
   */
  async findIncidentByDeliveryKey(deliveryKey: string): Promise<IncidentRecord | undefined> {
    await this.db.lockArea(`incident-delivery:${deliveryKey}`);
    const row = await this.db.one<IncidentRow>(
      `SELECT ${this.columns} FROM incidents WHERE delivery_key = $deliveryKey`,
      { deliveryKey },
    );
    return row ? toIncident(row) : undefined;
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const row = await this.db.one<IncidentRow>(`SELECT ${this.columns} FROM incidents WHERE id = $id`, {
      id,
    });
    return row ? toIncident(row) : undefined;
  }

  async insertIncident(record: IncidentRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO incidents (id, delivery_key, source, service, environment, title, severity, started_at,
         resolved_at, deployment_id, recorded_at, detected_at, affected_services_json, responders_json, sla_credits)
       VALUES ($id, $deliveryKey, $source, $service, $environment, $title, $severity,
         CAST($startedAt AS TIMESTAMP), CAST($resolvedAt AS TIMESTAMP), CAST($deploymentId AS TEXT), ${this.dialect.nowUtc},
         CAST($detectedAt AS TIMESTAMP), CAST($affectedServices AS TEXT), CAST($responders AS TEXT),
         CAST($slaCredits AS DECIMAL(38,16)))`,
      {
        id: record.id,
        deliveryKey: record.deliveryKey,
        source: record.source,
        service: record.service,
        environment: record.environment,
        title: record.title,
        severity: record.severity,
        startedAt: record.startedAt,
        resolvedAt: record.resolvedAt ?? null,
        deploymentId: record.deploymentId ?? null,
        detectedAt: record.detectedAt ?? null,
        affectedServices: record.affectedServices?.length ? JSON.stringify(record.affectedServices) : null,
        responders: record.responders?.length ? JSON.stringify(record.responders) : null,
        slaCredits: record.slaCredits ?? null,
      },
    );
  }

  async listIncidents(filter: { service?: string | undefined } = {}): Promise<IncidentRecord[]> {
    // Qualified: the bare name would sort by the selected text of the same name.
    const rows = await this.db.all<IncidentRow>(
      `SELECT ${this.columns} FROM incidents WHERE (CAST($service AS TEXT) IS NULL OR service = CAST($service AS TEXT))
       ORDER BY incidents.started_at, id`,
      { service: filter.service ?? null },
    );
    return rows.map(toIncident);
  }
}
