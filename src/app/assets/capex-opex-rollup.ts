import { ASSET_PROVIDER } from '../../core/assets/depreciation-cost-lines.js';
import { parseDimension, validateDateRange } from '../../core/costs/cost-query.js';
import { TollgateError } from '../../core/errors.js';
import type { FieldLabels } from '../../core/field-labels.js';
import { Decimal } from '../../core/money.js';
import type { Stores } from '../../ports/stores.js';

/** One owner's month: what was capitalised (the register's depreciation) and what was expensed. */
export interface CapexOpexRow {
  month: string;
  owner: string | null;
  currency: string;
  capex: string;
  opex: string;
}

/**
 * CAPEX and OPEX per owner and month from the stored cost lines: lines the register posted are
 * capital (depreciation of what was bought), every other line is operating spend. `by` is any
 * cost dimension naming the owner: tag:team on raw lines, or team / catalog-service once
 * allocation has run. A month with no lines is absent, never shown as zero.
 */
export async function rollUpCapexOpex(
  stores: Stores,
  options: { by: string; from?: string; to?: string; labels?: FieldLabels<'from' | 'to'> },
): Promise<CapexOpexRow[]> {
  const by = parseDimension(options.by);
  if (by === 'month' || by === 'provider') {
    throw new TollgateError(
      'ASSET_BAD_OWNER',
      `Roll up by an owner (team, catalog-service, tag:team), not ${by}.`,
      'usage',
    );
  }
  validateDateRange(options.from, options.to, options.labels);
  const rows = await stores.costs.queryCosts({
    groupBy: ['month', by, 'provider'],
    metric: 'effective',
    filters: [],
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
  });
  const byKey = new Map<
    string,
    { month: string; owner: string | null; currency: string; capex: Decimal; opex: Decimal }
  >();
  for (const row of rows) {
    const month = row.dimensions.month!;
    const owner = row.dimensions[by] ?? null;
    const key = JSON.stringify([month, owner, row.currency]);
    const entry = byKey.get(key) ?? {
      month,
      owner,
      currency: row.currency,
      capex: new Decimal(0),
      opex: new Decimal(0),
    };
    if (row.dimensions.provider === ASSET_PROVIDER) entry.capex = entry.capex.plus(row.cost);
    else entry.opex = entry.opex.plus(row.cost);
    byKey.set(key, entry);
  }
  return [...byKey.values()]
    .sort(
      (a, b) =>
        a.month.localeCompare(b.month) ||
        (a.owner ?? '').localeCompare(b.owner ?? '') ||
        a.currency.localeCompare(b.currency),
    )
    .map((entry) => ({ ...entry, capex: entry.capex.toFixed(), opex: entry.opex.toFixed() }));
}
