import type { IncidentRecord } from '../../core/governance/incident-record.js';
import type { IncidentStore } from '../../ports/incident-store.js';
import type { DuckDbDatabase } from './duckdb-database.js';
import { isoColumn, optional } from './duckdb-governance-sql.js';

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
}

const COLUMNS = `id, delivery_key, source, service, environment, title, severity, ${isoColumn('started_at')},
  ${isoColumn('resolved_at')}, deployment_id`;

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
  };
}

export class DuckDbIncidentStore implements IncidentStore {
  constructor(private readonly db: DuckDbDatabase) {}

  async nextIncidentId(): Promise<string> {
    const row = await this.db.one<{ id: string }>("SELECT nextval('incident_id_seq')::VARCHAR AS id");
    return `INC-${row!.id}`;
  }

  async findIncidentByDeliveryKey(deliveryKey: string): Promise<IncidentRecord | undefined> {
    const row = await this.db.one<IncidentRow>(
      `SELECT ${COLUMNS} FROM incidents WHERE delivery_key = $deliveryKey`,
      { deliveryKey },
    );
    return row ? toIncident(row) : undefined;
  }

  async getIncident(id: string): Promise<IncidentRecord | undefined> {
    const row = await this.db.one<IncidentRow>(`SELECT ${COLUMNS} FROM incidents WHERE id = $id`, { id });
    return row ? toIncident(row) : undefined;
  }

  async insertIncident(record: IncidentRecord): Promise<void> {
    await this.db.run(
      `INSERT INTO incidents VALUES ($id, $deliveryKey, $source, $service, $environment, $title, $severity,
         CAST($startedAt AS TIMESTAMP), CAST($resolvedAt AS TIMESTAMP), CAST($deploymentId AS VARCHAR), now()::TIMESTAMP)`,
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
      },
    );
  }

  async listIncidents(filter: { service?: string | undefined } = {}): Promise<IncidentRecord[]> {
    const rows = await this.db.all<IncidentRow>(
      `SELECT ${COLUMNS} FROM incidents WHERE (CAST($service AS VARCHAR) IS NULL OR service = CAST($service AS VARCHAR)) ORDER BY started_at, id`,
      { service: filter.service ?? null },
    );
    return rows.map(toIncident);
  }
}
