import type { RateCard } from '../../core/governance/rate-card.js';
import type { RateCardStore, RateCardVersion } from '../../ports/ratecard-store.js';
import type { PgDatabase } from './pg-database.js';
import { dateColumn, isoColumn, moneyColumn, optional, trimMoney } from './pg-governance-sql.js';

export class PgRateCardStore implements RateCardStore {
  constructor(private readonly db: PgDatabase) {}

  /** The next version is MAX()+1, so applying cards from two processes at once takes turns. */
  saveRateCard(card: RateCard, appliedBy: string, sourcePath: string): Promise<number> {
    return this.db.transaction(async () => {
      await this.db.lockArea('governance:rate-cards');
      const row = await this.db.one<{ version: number }>(
        'SELECT COALESCE(MAX(version), 0) + 1 AS version FROM rate_card_versions',
      );
      const version = Number(row!.version);
      await this.db.run(
        "INSERT INTO rate_card_versions VALUES ($version, now() AT TIME ZONE 'UTC', $appliedBy, $sourcePath)",
        { version, appliedBy, sourcePath },
      );
      if (card.entries.length > 0) {
        // One statement for every entry: the entries travel as one JSON array.
        await this.db.run(
          `INSERT INTO rate_card_entries
           SELECT $version, e->>'role', CAST(e->>'rate' AS NUMERIC(38,16)), e->>'currency',
             CAST(e->>'from' AS DATE), CAST(e->>'to' AS DATE)
           FROM jsonb_array_elements(CAST($entries AS JSONB)) AS e`,
          {
            version,
            entries: JSON.stringify(
              card.entries.map((entry) => ({
                role: entry.role,
                rate: entry.hourlyRate,
                currency: entry.currency,
                from: entry.effectiveFrom,
                to: entry.effectiveTo ?? null,
              })),
            ),
          },
        );
      }
      return version;
    });
  }

  async currentRateCard(): Promise<RateCardVersion | undefined> {
    const head = await this.db.one<{
      version: number;
      applied_at: string;
      applied_by: string;
      source_path: string;
    }>(
      `SELECT version, ${isoColumn('applied_at')}, applied_by, source_path FROM rate_card_versions ORDER BY version DESC LIMIT 1`,
    );
    if (!head) return undefined;
    const rows = await this.db.all<{
      role: string;
      hourly_rate: string;
      currency: string;
      effective_from: string;
      effective_to: string | null;
    }>(
      `SELECT role, ${moneyColumn('hourly_rate')}, currency, ${dateColumn('effective_from')}, ${dateColumn('effective_to')}
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
