import type {
  JournalAmount,
  JournalMap,
  JournalStore,
  StoredJournalMap,
} from '../../../ports/journal-store.js';
import { trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** A run's allocated amounts for the journal, and the journal map's versions (one table). */
export class SqlJournalStore implements JournalStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
    /** `allocated_lines a JOIN cost_lines c ...` as the engine joins them best. */
    private readonly allocatedJoin: string,
  ) {}

  async journalAmounts(period: string, runId: number): Promise<JournalAmount[]> {
    const rows = await this.db.all<{
      currency: string;
      cost_centre: string | null;
      provider_name: string | null;
      service_category: string | null;
      billed: string;
    }>(
      `SELECT COALESCE(a.currency, c.billing_currency) AS currency, a.cost_centre, c.provider_name,
         c.service_category, ${this.dialect.moneyText('SUM(a.billed_cost)')} AS billed
       FROM ${this.allocatedJoin}
       WHERE a.period = $period AND a.run_id = $run
       GROUP BY COALESCE(a.currency, c.billing_currency), a.cost_centre, c.provider_name, c.service_category
       ORDER BY 1, 2, 3, 4`,
      { period, run: runId },
    );
    return rows.map((row) => ({
      currency: row.currency,
      costCentre: row.cost_centre,
      providerName: row.provider_name,
      serviceCategory: row.service_category,
      billedCost: trimMoney(row.billed),
    }));
  }

  async saveJournalMap(map: JournalMap, appliedBy: string): Promise<number> {
    await this.db.lockArea('journal_maps');
    const next = await this.db.one<{ version: number | string }>(
      'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM journal_maps',
    );
    const version = Number(next!.version);
    await this.db.run(
      `INSERT INTO journal_maps (version, map, applied_by, applied_at)
       VALUES ($version, $map, $by, ${this.dialect.nowUtc})`,
      { version, map: JSON.stringify(map), by: appliedBy },
    );
    return version;
  }

  async listJournalMaps(): Promise<StoredJournalMap[]> {
    const rows = await this.db.all<{
      version: number | string;
      map: string;
      applied_by: string;
      applied_at: string;
    }>(
      `SELECT version, map, applied_by, ${this.dialect.isoSecondColumn('applied_at')} FROM journal_maps ORDER BY version`,
    );
    return rows.map((row) => ({
      version: Number(row.version),
      map: JSON.parse(row.map) as JournalMap,
      appliedBy: row.applied_by,
      appliedAt: row.applied_at,
    }));
  }

  async pinPeriodMap(period: string, version: number | null): Promise<void> {
    await this.db.run('DELETE FROM journal_period_maps WHERE period = $period', { period });
    await this.db.run('INSERT INTO journal_period_maps (period, map_version) VALUES ($period, $version)', {
      period,
      version,
    });
  }

  async unpinPeriodMap(period: string): Promise<void> {
    await this.db.run('DELETE FROM journal_period_maps WHERE period = $period', { period });
  }

  async pinnedPeriodMap(period: string): Promise<{ version: number | null } | undefined> {
    const row = await this.db.one<{ map_version: number | string | null }>(
      'SELECT map_version FROM journal_period_maps WHERE period = $period',
      { period },
    );
    if (!row) return undefined;
    return { version: row.map_version === null ? null : Number(row.map_version) };
  }
}
