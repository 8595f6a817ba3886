import type { AllocationAuditLog, AuditEntry } from '../../../ports/allocation-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Changes to what allocation depends on (closing and reopening periods...), appended in order. */
export class SqlAllocationAuditLog implements AllocationAuditLog {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async record(entry: Omit<AuditEntry, 'id' | 'at'>): Promise<void> {
    await this.db.run(
      `INSERT INTO allocation_audit VALUES (nextval('allocation_audit_seq'), ${this.dialect.nowUtc}, $actor, $action, $subject, $detail)`,
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
      `SELECT CAST(id AS TEXT) AS id, ${this.dialect.isoSecondColumn('happened_at', 'at')}, actor, action, subject, detail
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
