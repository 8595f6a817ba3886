import type { RateCard } from '../../../core/governance/releases/rate-card.js';
import type { RateCardStore, RateCardVersion } from '../../../ports/ratecard-store.js';
import { optional, textColumns, trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

/** Rate cards as versions (rate_card_versions) and their entries, on either engine. */
export class SqlRateCardStore implements RateCardStore {
  constructor(
    private readonly db: SqlDatabase,
    private readonly dialect: SqlDialect,
  ) {}

  /** The next version is MAX()+1, so applying cards from two processes at once takes turns. */
  saveRateCard(card: RateCard, appliedBy: string, sourcePath: string): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.lockArea('governance:rate-cards');
      const row = await this.db.one<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM rate_card_versions',
      );
      const version = Number(row!.version);
      await this.db.run(
        `INSERT INTO rate_card_versions VALUES ($version, ${this.dialect.nowUtc}, $appliedBy, $sourcePath)`,
        { version, appliedBy, sourcePath },
      );
      if (card.entries.length === 0) return version;
      // One statement for every entry: the entries travel as one JSON array.
      await this.db.run(
        `INSERT INTO rate_card_entries
         SELECT CAST($version AS INTEGER), e.role, CAST(e.rate AS NUMERIC(38,16)), e.currency, CAST(e.effective_from AS DATE),
           CAST(e.effective_to AS DATE)
         FROM ${this.dialect.jsonRows('entries', textColumns(['role', 'rate', 'currency', 'effective_from', 'effective_to']), 'e')}`,
        {
          version,
          entries: JSON.stringify(
            card.entries.map((entry) => ({
              role: entry.role,
              rate: entry.hourlyRate,
              currency: entry.currency,
              effective_from: entry.effectiveFrom,
              effective_to: entry.effectiveTo ?? null,
            })),
          ),
        },
      );
      return version;
    });
  }

  async currentRateCard(): Promise<RateCardVersion | undefined> {
    const { dialect } = this;
    const head = await this.db.one<{
      version: number;
      applied_at: string;
      applied_by: string;
      source_path: string;
    }>(
      `SELECT version, ${dialect.isoColumn('applied_at')}, applied_by, source_path FROM rate_card_versions
       ORDER BY version DESC LIMIT 1`,
    );
    if (!head) return undefined;
    const rows = await this.db.all<{
      role: string;
      hourly_rate: string;
      currency: string;
      effective_from: string;
      effective_to: string | null;
    }>(
      `SELECT role, ${dialect.moneyColumn('hourly_rate')}, currency, ${dialect.dateColumn('effective_from')},
         ${dialect.dateColumn('effective_to')}
       FROM rate_card_entries WHERE version = $version ORDER BY role, rate_card_entries.effective_from`,
      { version: head.version },
    );
    return {
      version: Number(head.version),
      appliedAt: head.applied_at,
      appliedBy: head.applied_by,
      sourcePath: head.source_path,
      card: {
        entries: rows.map((row) => ({
          role: row.role,
          hourlyRate: trimMoney(row.hourly_rate),
          currency: row.currency,
          effectiveFrom: row.effective_from,
          effectiveTo: optional(row.effective_to),
        })),
      },
    };
  }
}
