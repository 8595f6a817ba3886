import type { ClosedPeriod, PeriodStore } from '../../../ports/allocation-stores.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Closed billing periods: a row per closed period, deleted when it is reopened. */
export class SqlPeriodStore implements PeriodStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  async getClosedPeriod(period: string): Promise<ClosedPeriod | undefined> {
    return (await this.listClosedPeriods()).find((closed) => closed.period === period);
  }

  async closePeriod(period: string, closedBy: string): Promise<void> {
    await this.db.run(`INSERT INTO closed_periods VALUES ($period, ${this.dialect.nowUtc}, $by)`, {
      period,
      by: closedBy,
    });
  }

  async reopenPeriod(period: string): Promise<void> {
    await this.db.run('DELETE FROM closed_periods WHERE period = $period', { period });
  }

  async listClosedPeriods(): Promise<ClosedPeriod[]> {
    const rows = await this.db.all<{ period: string; closed_at: string; closed_by: string }>(
      `SELECT period, ${this.dialect.isoSecondColumn('closed_at')}, closed_by FROM closed_periods ORDER BY period`,
    );
    return rows.map((row) => ({ period: row.period, closedAt: row.closed_at, closedBy: row.closed_by }));
  }
}
