import { focusColumns, toStorageName } from '../../../core/focus/focus-schema.js';
import {
  SPLIT_METRICS,
  SPLIT_STORED_COLUMN,
  splitInputColumns,
  splitMetricColumn,
  splitShareMetricsSql,
  storedShareColumn,
} from '../allocation/split-share-metrics.js';
import type { SqlDialect } from '../sql-dialect.js';
import type { ExportColumn } from './focus-file-writer.js';
import { guardCsvTextSql } from './guard-csv-text-sql.js';

export { SPLIT_METRICS };

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
 * 1. BilledCost and EffectiveCost are the run's own shares (already exact). The other summable
 *    metrics of a shared row are its part of the charge's (split-share-metrics.ts): stored by
 *    the run (`storedShares`), so the export reads them; or, for a run made before they were
 *    stored, split here as the run would have, by the same SQL, over the run's shared rows.
 * 2. A direct or unallocated row is its charge whole: its metrics are the cost line's own.
 * 3. Every row of the run meets its cost line once, in one join, for the dimensions and
 *    non-summable metrics (unit prices): the origin charge's, as FOCUS says.
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
  /** Whether the run stored its shared rows' parts of the split metrics (see hasStoredShares). */
  storedShares: boolean;
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
  const ofRun = `a.period = '${period}' AND a.run_id = ${runId}`;
  const metricOf = (shared: string) =>
    SPLIT_METRICS.map((metric) => {
      const name = splitMetricColumn(metric);
      return `CASE WHEN u.allocation_kind = 'shared' THEN ${shared.replace('$', name)} ELSE c.${name} END AS ${name}_share`;
    });
  // Both reads end alike: each row of u meets its cost line once, its metrics named by `pattern`.
  const joinedRowsOf = (pattern: string) => `s AS (
  SELECT u.run_id, u.load_id, u.source_file, u.source_row, ${ownerOf('u')},
    ${metricOf(pattern).join(',\n    ')}, ${dimensionColumns.join(', ')}
  FROM u JOIN cost_lines c ON ${joinOn('u')}
)
SELECT ${selects.join(',\n  ')}
FROM s`;
  if (input.storedShares) {
    // The run stored every part: one straight read of its rows joined to their cost lines.
    const stored = SPLIT_METRICS.map(
      (metric) => `a.${storedShareColumn(metric)} AS stored_${splitMetricColumn(metric)}`,
    );
    const sql = `WITH u AS (
  SELECT a.run_id, ${keys.map((key) => `a.${key}`).join(', ')}, ${allocatedOwner}, ${stored.join(', ')}
  FROM allocated_lines a WHERE ${ofRun}
), ${joinedRowsOf('u.stored_$')}`;
    return { sql, columns };
  }
  const noShares = SPLIT_METRICS.map(
    (metric) => `CAST(NULL AS NUMERIC(38,16)) AS ${splitMetricColumn(metric)}_share`,
  );
  // Only a shared rule splits a charge (a direct or unallocated line is one row, its metrics the
  // charge's own), so only shared rows go through the split windows, over narrow rows (keys,
  // owner, metrics). Then every row of the run meets its cost line once, in one join, for the
  // cost line's sixty columns: a second join (or a window over wide rows) read them twice.
  const sharedRows = `SELECT a.run_id, ${keys.map((key) => `a.${key}`).join(', ')}, a.kind AS allocation_kind,
    a.method, a.driver, a.service AS catalog_service, ${splitInputColumns('a', 'c')}
  FROM allocated_lines a JOIN cost_lines c ON ${joinOn('a')}
  WHERE ${ofRun} AND a.kind = 'shared'`;
  const split = splitShareMetricsSql({
    dialect,
    rows: sharedRows,
    charge: ['load_id', 'source_file', 'source_row'],
  });
  const sql = `WITH sp AS (
${split}
), u AS (
  SELECT sp.run_id, ${keys.map((key) => `sp.${key}`).join(', ')}, ${ownerOf('sp')},
    ${SPLIT_METRICS.map((metric) => `sp.${splitMetricColumn(metric)}_share`).join(', ')} FROM sp
  UNION ALL
  SELECT a.run_id, ${keys.map((key) => `a.${key}`).join(', ')}, ${allocatedOwner},
    ${noShares.join(', ')}
  FROM allocated_lines a
  WHERE ${ofRun} AND a.kind <> 'shared'
), ${joinedRowsOf('u.$_share')}`;
  return { sql, columns };
}

/**
 * Whether a run's shared rows are all missing their stored parts: true for a run made before
 * the parts were stored (its rows carry no marker), false once any shared row of it lacks one.
 * Takes $period and $run.
 */
export const UNSPLIT_SHARED_ROWS_SQL = `SELECT EXISTS (SELECT 1 FROM allocated_lines
  WHERE period = $period AND run_id = $run AND kind = 'shared' AND ${SPLIT_STORED_COLUMN} IS NOT TRUE) AS unsplit`;
