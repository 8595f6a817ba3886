import { nextDay } from '../../../core/governance/releases/release-actuals.js';
import type { ReleaseTagCost } from '../../../core/governance/releases/release-cloud-cost.js';
import { trimMoney } from '../sql-columns.js';
import type { SqlDatabase } from '../sql-database.js';
import type { SqlDialect } from '../sql-dialect.js';

interface ReleaseTagRow extends Record<string, unknown> {
  currency: string;
  release: string | null;
  version: string | null;
  total: string;
}

/** Text order by code unit, absent last: the same on every engine, whatever its collation. */
function compareText(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/**
 * EffectiveCost of the cost lines tagged `release` or `version`, summed per currency and
 * (release, version) pair in one scan; with `throughDay` (YYYY-MM-DD), only the lines charged
 * on that day or before (a release's spend as of a moment). The groups are few, so they are
 * ordered here rather than by each engine's text collation.
 */
export async function readReleaseTagCosts(
  db: SqlDatabase,
  dialect: SqlDialect,
  throughDay?: string,
): Promise<ReleaseTagCost[]> {
  const through = throughDay === undefined ? '' : ` AND charge_period_start < ${dialect.dateParam('before')}`;
  const rows = await db.all<ReleaseTagRow>(
    `SELECT billing_currency AS currency, release, version, ${dialect.moneyText('SUM(effective_cost)')} AS total
     FROM (SELECT billing_currency, effective_cost, ${dialect.tagLiteral('tags', 'release')} AS release,
             ${dialect.tagLiteral('tags', 'version')} AS version
           FROM cost_lines WHERE tags IS NOT NULL${through}) tagged
     WHERE release IS NOT NULL OR version IS NOT NULL
     GROUP BY billing_currency, release, version`,
    throughDay === undefined ? {} : { before: nextDay(throughDay) },
  );
  return rows
    .map((row) => ({
      currency: row.currency,
      release: row.release,
      version: row.version,
      effectiveCost: trimMoney(row.total),
    }))
    .sort(
      (a, b) =>
        compareText(a.currency, b.currency) ||
        compareText(a.release, b.release) ||
        compareText(a.version, b.version),
    );
}
