import type {
  AllocationAuditLog,
  AuditEntry,
  ClosedPeriod,
  PeriodStore,
} from '../../ports/allocation-stores.js';
import type { PgDatabase } from './pg-database.js';

export class PgPeriodStore implements PeriodStore {
  constructor(private readonly db: PgDatabase) {}

  async getClosedPeriod(period: string): Promise<ClosedPeriod | undefined> {
    return (await this.listClosedPeriods()).find((closed) => closed.period === period);
  }

  async closePeriod(period: string, closedBy: string): Promise<void> {
    await this.db.run('INSERT INTO closed_periods VALUES ($period, now()::TIMESTAMP, $by)', {
      period,
      by: closedBy,
    });
  }

  async reopenPeriod(period: string): Promise<void> {
    await this.db.run('DELETE FROM closed_periods WHERE period = $period', { period });
  }

  async listClosedPeriods(): Promise<ClosedPeriod[]> {
    const rows = await this.db.all<{ period: string; closed_at: string; closed_by: string }>(
      `SELECT period, to_char(closed_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS closed_at, closed_by FROM closed_periods ORDER BY period`,
    );
    return rows.map((row) => ({ period: row.period, closedAt: row.closed_at, closedBy: row.closed_by }));
  }
}

export class PgPeriodAuditLog implements AllocationAuditLog {
  constructor(private readonly db: PgDatabase) {}

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.db.run(
      `INSERT INTO allocation_audit VALUES (nextval('allocation_audit_seq'), now()::TIMESTAMP, $actor, $action, $subject, $detail)`,
      {
        actor: entry.actor,
        action: entry.action,
        subject: entry.subject,
        detail: JSON.stringify(entry.detail),
      },
    );
  }

  async list(action?: string): Promise<AuditEntry[]> {
    const rows = await this.db.all<{
      id: string;
      at: string;
      actor: string;
      action: string;
      subject: string;
      detail: string;
    }>(
      `SELECT CAST(id AS VARCHAR) AS id, to_char(happened_at, 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS at, actor, action, subject, detail
       FROM allocation_audit ${action ? 'WHERE action = $action' : ''} ORDER BY id`,
      action ? { action } : {},
    );
    return rows.map((row) => ({
      ...row,
      id: Number(row.id),
      detail: JSON.parse(row.detail) as Record<string, unknown>,
    }));
  }
}
