import { toStorageName } from '../../../core/focus/focus-schema.js';
import type { SqlDialect } from '../sql-dialect.js';

/**
 * Summable metrics of a cost line that the allocation's own split leaves whole (it splits
 * BilledCost and EffectiveCost): each shared row gets its part of them in the ratio of its
 * billed share, so the rows allocated from one charge sum to it in every metric (FOCUS 1.3).
 */
export const SPLIT_METRICS: readonly string[] = [
  'ListCost',
  'ContractedCost',
  'ConsumedQuantity',
  'PricingQuantity',
  'CommitmentDiscountQuantity',
  'PricingCurrencyEffectiveCost',
];

/** A split metric's column in cost_lines (`list_cost`). */
export const splitMetricColumn = (metric: string): string => toStorageName(metric);

/** The column of allocated_lines that stores a shared row's part of a metric (`share_list_cost`). */
export const storedShareColumn = (metric: string): string => `share_${toStorageName(metric)}`;

/**
 * Set on the shared rows whose parts were stored by their run (all of a run's shared rows or
 * none: they are written in one transaction). Absent or NULL on the rows of runs made before,
 * which the export splits as it reads them.
 */
export const SPLIT_STORED_COLUMN = 'split_stored';

/** The stored parts' columns and the marker, with their exact types, for a table definition. */
export function storedShareColumnDefinitions(decimalType: string, booleanType: string): string[] {
  return [
    ...SPLIT_METRICS.map((metric) => `${storedShareColumn(metric)} ${decimalType}`),
    `${SPLIT_STORED_COLUMN} ${booleanType}`,
  ];
}

const money = (expression: string) => `CAST(${expression} AS NUMERIC(38,16))`;

/**
 * The SELECT that splits the summable metrics of shared rows, over `rows`: a relation of one
 * run's shared rows with the columns `charge` (naming the origin charge), rule_id, team,
 * service, cost_centre, business_unit, environment, share_billed, share_effective (the run's
 * own parts), whole_billed, whole_effective and `<metric>_whole` (the charge's values). It
 * answers every column of `rows` and `<metric>_share` for each of SPLIT_METRICS.
 *
 * Method (split-cost allocation with the remainder to the last share):
 * 1. Number the shares of each charge in a fixed order (rule, owner, amount) and count them.
 * 2. Each share's ratio is share billed / charge billed (effective when billed is zero, evenly
 *    when both are), truncated to 12 decimals by `SqlDialect.shareRatio`; each metric times it
 *    is truncated to 16 (`applyShareRatio`). A charge with one share keeps its metric whole.
 * 3. The last share of each charge takes the metric minus the other shares, so the shares of
 *    every charge sum to it exactly, in every metric, on both engines.
 */
export function splitShareMetricsSql(input: {
  dialect: SqlDialect;
  rows: string;
  charge: readonly string[];
}): string {
  const { dialect, charge } = input;
  const partition = charge.join(', ');
  const weightPart =
    'CASE WHEN k.whole_billed <> 0 THEN k.share_billed WHEN k.whole_effective <> 0 THEN k.share_effective ELSE 1 END';
  const weightWhole =
    'CASE WHEN k.whole_billed <> 0 THEN k.whole_billed WHEN k.whole_effective <> 0 THEN k.whole_effective ELSE k.share_count END';
  const raw = SPLIT_METRICS.map((metric) => {
    const whole = `r.${splitMetricColumn(metric)}_whole`;
    return `CASE WHEN r.share_count = 1 OR ${whole} IS NULL THEN ${whole}
      ELSE ${dialect.applyShareRatio(whole, 'r.share_ratio')} END AS ${splitMetricColumn(metric)}_raw`;
  });
  const final = SPLIT_METRICS.map((metric) => {
    const name = splitMetricColumn(metric);
    return `CASE WHEN p.share_rank = p.share_count
      THEN p.${name}_whole - (SUM(p.${name}_raw) OVER (PARTITION BY ${charge.map((key) => `p.${key}`).join(', ')}) - p.${name}_raw)
      ELSE p.${name}_raw END AS ${name}_share`;
  });
  // One window for both (the count over the whole frame): one sort of the shares, not two.
  return `WITH k AS (
  SELECT x.*, COUNT(*) OVER charge AS share_count, ROW_NUMBER() OVER charge AS share_rank
  FROM (${input.rows}) x
  WINDOW charge AS (PARTITION BY ${partition} ORDER BY x.rule_id, x.team, x.service, x.cost_centre,
    x.business_unit, x.environment, x.share_billed, x.share_effective
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), r AS (
  SELECT k.*, ${dialect.shareRatio(money(weightPart), money(weightWhole))} AS share_ratio FROM k
), p AS (
  SELECT r.*, ${raw.join(',\n    ')} FROM r
)
SELECT p.*, ${final.join(',\n  ')} FROM p`;
}

/**
 * The columns `splitShareMetricsSql` needs from a shared row `a` of allocated_lines (or a
 * table of its shape) and its cost line `c`.
 */
export function splitInputColumns(a: string, c: string): string {
  return `${a}.rule_id, ${a}.team, ${a}.service, ${a}.cost_centre, ${a}.business_unit, ${a}.environment,
    ${a}.billed_cost AS share_billed, ${a}.effective_cost AS share_effective,
    ${c}.billed_cost AS whole_billed, ${c}.effective_cost AS whole_effective,
    ${SPLIT_METRICS.map((metric) => `${c}.${splitMetricColumn(metric)} AS ${splitMetricColumn(metric)}_whole`).join(', ')}`;
}
