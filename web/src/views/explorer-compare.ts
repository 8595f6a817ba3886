import { Decimal } from '../money-text.js';

export interface ComparedRow {
  group: string | null;
  cost: string;
  previous: string;
  /** cost - previous, exact. */
  change: string;
  /** The change as a percentage of the previous cost (1 decimal), or null when it was zero. */
  changePercent: string | null;
}

/**
 * Puts each group's cost beside its cost in the previous period. A group with spend in only one
 * of the two periods counts 0 in the other, so the two totals are the two periods' totals.
 */
export function compareWithPrevious(
  current: readonly { group: string | null; cost: string }[],
  previous: readonly { group: string | null; cost: string }[],
): ComparedRow[] {
  const before = new Map(previous.map((row) => [row.group, row.cost]));
  const rows = current.map((row) => compareFigures(row.group, row.cost, before.get(row.group) ?? '0'));
  const seen = new Set(current.map((row) => row.group));
  for (const row of previous) if (!seen.has(row.group)) rows.push(compareFigures(row.group, '0', row.cost));
  return rows;
}

/** One figure beside its previous one: the exact change and the change in percent. */
export function compareFigures(group: string | null, cost: string, previous: string): ComparedRow {
  const change = new Decimal(cost).minus(previous);
  const base = new Decimal(previous);
  return {
    group,
    cost,
    previous,
    change: change.toFixed(),
    changePercent: base.isZero() ? null : change.div(base.abs()).times(100).toFixed(1),
  };
}
