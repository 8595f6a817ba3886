import { focusColumns, toStorageName } from '../../../core/focus/focus-schema.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { ExportColumn } from './focus-file-writer.js';
import { guardCsvTextSql } from './guard-csv-text-sql.js';

/**
 * Summable metrics of a cost line that the allocation run does not split itself (it splits
 * BilledCost and EffectiveCost): the export splits them in the same ratio as the billed share.
 */
export const SPLIT_METRICS: readonly string[] = [
  'ListCost',
  'ContractedCost',
  'ConsumedQuantity',
  'PricingQuantity',
  'CommitmentDiscountQuantity',
  'PricingCurrencyEffectiveCost',
];

/** The owner dimensions and the run, as FOCUS custom columns (`x_` prefix). */
export const OWNER_COLUMNS: readonly (readonly [string, string])[] = [
  ['x_Team', 'team'],
  ['x_CatalogService', 'catalog_service'],
  ['x_CostCentre', 'cost_centre'],
  ['x_BusinessUnit', 'business_unit'],
  ['x_Environment', 'environment'],
];

export const ALLOCATED_COLUMNS: readonly string[] = [
  'AllocatedMethodId',
  'AllocatedMethodDetails',
  'AllocatedResourceId',
  'AllocatedResourceName',
  'AllocatedTags',
];

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;
const ORIGIN = 'a.load_id, a.source_file, a.source_row';
const money = (expression: string) => `CAST(${expression} AS NUMERIC(38,16))`;
const jsonText = (expression: string) => `COALESCE(CAST(to_json(${expression}) AS TEXT), 'null')`;

/** A JSON object text built from (key, SQL text expression) pairs, the same text on both engines. */
function jsonObject(pairs: readonly (readonly [string, string])[]): string {
  const parts = pairs.map(
    ([key, expression], index) => `'${index === 0 ? '{' : ','}"${key}":' || ${expression}`,
  );
  return `${parts.join(' || ')} || '}'`;
}

/**
 * The SELECT that turns a run's allocated lines into FOCUS 1.3 rows.
 *
 * Method (split-cost allocation, FOCUS 1.3: allocated charges sum to their origin charge):
 * 1. Join each shared allocated line `a` to the metrics of its cost line `c` (the origin
 *    charge) and number the shares of each origin charge in a fixed order (kind, rule, owner,
 *    amount).
 * 2. BilledCost and EffectiveCost are the run's own shares (already exact). Each other summable
 *    metric is split in the ratio share billed / charge billed (effective when billed is zero,
 *    evenly when both are), by `SqlDialect.shareRatio` and `applyShareRatio`.
 * 3. The last share of each charge takes the metric minus the other shares, so the shares of
 *    every charge sum to it exactly. A charge with one share (every direct or unallocated line)
 *    keeps its metrics as they are.
 * 4. The shares and the run's other rows are joined to their cost lines once, for the
 *    dimensions and non-summable metrics (unit prices): the origin charge's, as FOCUS says.
 *
 * `period` and `runId` are checked (YYYY-MM, a whole number) and written into the text: COPY,
 * which writes the file, takes no bound parameters on either engine.
 */
export function buildFocusExportSelect(input: {
  dialect: SqlDialect;
  /** The columns of allocated_lines that name the cost line behind a row (the join's keys). */
  originKeys: readonly string[];
  period: string;
  runId: number;
  ruleSetVersion: number;
  guardCsv: boolean;
}): { sql: string; columns: ExportColumn[] } {
  const { dialect, period, runId, ruleSetVersion } = input;
  if (!PERIOD.test(period) || !Number.isSafeInteger(runId) || !Number.isSafeInteger(ruleSetVersion)) {
    throw new Error(`buildFocusExportSelect: bad period ${period} or run ${runId}`);
  }
  const text = (expression: string) => (input.guardCsv ? guardCsvTextSql(expression) : expression);
  const focus = focusColumns('1.2');
  const selects: string[] = [];
  const columns: ExportColumn[] = [];
  const add = (name: string, type: ExportColumn['type'], expression: string) => {
    selects.push(`${expression} AS "${name}"`);
    columns.push({ name, type });
  };
  for (const column of focus) {
    const stored = toStorageName(column.name);
    if (column.name === 'BilledCost') add(column.name, 'decimal', money('s.share_billed'));
    else if (column.name === 'EffectiveCost') add(column.name, 'decimal', money('s.share_effective'));
    else if (SPLIT_METRICS.includes(column.name)) add(column.name, 'decimal', money(`s.${stored}_share`));
    else if (column.dataType === 'Decimal') add(column.name, 'decimal', money(`s.${stored}`));
    else if (column.dataType === 'Date/Time')
      add(column.name, 'text', `replace(${dialect.timestampText(`s.${stored}`)}, ' ', 'T') || 'Z'`);
    else if (column.dataType === 'JSON') add(column.name, 'text', text(`CAST(s.${stored} AS TEXT)`));
    else add(column.name, 'text', text(`s.${stored}`));
  }
  const shared = "s.allocation_kind = 'shared'";
  add('AllocatedMethodId', 'text', `CASE WHEN ${shared} THEN 'tollgate/' || s.method END`);
  add(
    'AllocatedMethodDetails',
    'text',
    `CASE WHEN ${shared} THEN ${jsonObject([
      ['RuleId', jsonText('s.rule_id')],
      ['Method', jsonText('s.method')],
      ['Driver', jsonText('s.driver')],
      ['RuleSetVersion', `'${ruleSetVersion}'`],
      ['AllocationRunId', `'${runId}'`],
    ])} END`,
  );
  add('AllocatedResourceId', 'text', `CASE WHEN ${shared} THEN ${text('s.team')} END`);
  add('AllocatedResourceName', 'text', `CASE WHEN ${shared} THEN ${text('s.team')} END`);
  add(
    'AllocatedTags',
    'text',
    `CASE WHEN ${shared} THEN ${jsonObject(OWNER_COLUMNS.map(([, stored]) => [stored, jsonText(`s.${stored}`)]))} END`,
  );
  for (const [name, stored] of OWNER_COLUMNS) add(name, 'text', text(`s.${stored}`));
  add('x_AllocationKind', 'text', 's.allocation_kind');
  add('x_AllocationRuleId', 'text', text('s.rule_id'));
  add('x_AllocationDriver', 'text', text('s.driver'));
  add('x_RuleSetVersion', 'integer', `CAST(${ruleSetVersion} AS BIGINT)`);
  add('x_AllocationRunId', 'integer', 's.run_id');
  add('x_OriginLoadId', 'integer', 's.load_id');
  add('x_OriginFile', 'text', text('s.source_file'));
  add('x_OriginRow', 'integer', 's.source_row');

  const dimensionColumns = focus
    .filter((column) => !['BilledCost', 'EffectiveCost', ...SPLIT_METRICS].includes(column.name))
    .map((column) => `c.${toStorageName(column.name)}`);
  const keys = input.originKeys;
  const joinOn = (left: string) => keys.map((key) => `c.${key} = ${left}.${key}`).join(' AND ');
  const owner = `allocation_kind, rule_id, method, driver, team, catalog_service, cost_centre, business_unit,
    environment, share_billed, share_effective`;
  const ownerOf = (alias: string) => owner.replaceAll(/(\w+)/g, `${alias}.$1`);
  const allocatedOwner = `a.kind AS allocation_kind, a.rule_id, a.method, a.driver, a.team,
    a.service AS catalog_service, a.cost_centre, a.business_unit, a.environment,
    a.billed_cost AS share_billed, a.effective_cost AS share_effective`;
  const weightPart = `CASE WHEN j.whole_billed <> 0 THEN j.share_billed WHEN j.whole_effective <> 0 THEN j.share_effective ELSE 1 END`;
  const weightWhole = `CASE WHEN j.whole_billed <> 0 THEN j.whole_billed WHEN j.whole_effective <> 0 THEN j.whole_effective ELSE j.share_count END`;
  const splitWhole = SPLIT_METRICS.map((name) => `c.${toStorageName(name)} AS ${toStorageName(name)}_whole`);
  const splitRaw = SPLIT_METRICS.map((name) => {
    const whole = `r.${toStorageName(name)}_whole`;
    return `CASE WHEN r.share_count = 1 OR ${whole} IS NULL THEN ${whole}
      ELSE ${dialect.applyShareRatio(whole, 'r.share_ratio')} END AS ${toStorageName(name)}_raw`;
  });
  const splitFinal = SPLIT_METRICS.map((name) => {
    const stored = toStorageName(name);
    return `CASE WHEN p.share_rank = p.share_count THEN p.${stored}_whole - (SUM(p.${stored}_raw) OVER (PARTITION BY p.load_id, p.source_file, p.source_row) - p.${stored}_raw) ELSE p.${stored}_raw END AS ${stored}_share`;
  });
  const noShares = SPLIT_METRICS.map(
    (name) => `CAST(NULL AS NUMERIC(38,16)) AS ${toStorageName(name)}_share`,
  );
  const metricShares = SPLIT_METRICS.map((name) => {
    const stored = toStorageName(name);
    return `CASE WHEN u.allocation_kind = 'shared' THEN u.${stored}_share ELSE c.${stored} END AS ${stored}_share`;
  });
  const ofRun = `a.period = '${period}' AND a.run_id = ${runId}`;
  // Only a shared rule splits a charge (a direct or unallocated line is one row, its metrics the
  // charge's own), so only shared rows go through the split windows, over narrow rows (keys,
  // owner, metrics). Then every row of the run meets its cost line once, in one join, for the
  // cost line's sixty columns: a second join (or a window over wide rows) read them twice.
  const sql = `WITH k AS (
  SELECT a.run_id, ${keys.map((key) => `a.${key}`).join(', ')}, ${allocatedOwner},
    COUNT(*) OVER charge AS share_count, ROW_NUMBER() OVER charge AS share_rank
  FROM allocated_lines a
  WHERE ${ofRun} AND a.kind = 'shared'
  -- One window for both (the count over the whole frame): one sort of the shares, not two.
  WINDOW charge AS (PARTITION BY ${ORIGIN} ORDER BY a.kind, a.rule_id, a.team, a.service, a.cost_centre,
    a.business_unit, a.environment, a.billed_cost, a.effective_cost
    ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
), j AS (
  SELECT k.*, c.billed_cost AS whole_billed, c.effective_cost AS whole_effective,
    ${splitWhole.join(', ')}
  FROM k JOIN cost_lines c ON ${joinOn('k')}
), r AS (
  SELECT j.*, ${dialect.shareRatio(money(weightPart), money(weightWhole))} AS share_ratio FROM j
), p AS (
  SELECT r.*, ${splitRaw.join(',\n    ')} FROM r
), u AS (
  SELECT p.run_id, ${keys.map((key) => `p.${key}`).join(', ')}, ${ownerOf('p')},
    ${splitFinal.join(',\n    ')} FROM p
  UNION ALL
  SELECT a.run_id, ${keys.map((key) => `a.${key}`).join(', ')}, ${allocatedOwner},
    ${noShares.join(', ')}
  FROM allocated_lines a
  WHERE ${ofRun} AND a.kind <> 'shared'
), s AS (
  SELECT u.run_id, u.load_id, u.source_file, u.source_row, ${ownerOf('u')},
    ${metricShares.join(',\n    ')}, ${dimensionColumns.join(', ')}
  FROM u JOIN cost_lines c ON ${joinOn('u')}
)
SELECT ${selects.join(',\n  ')}
FROM s`;
  return { sql, columns };
}
