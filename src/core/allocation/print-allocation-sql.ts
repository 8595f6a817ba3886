/** Bound values by name, as the store's SQL engine takes them. */
export type AllocationParams = Record<string, string>;

import { ENVIRONMENT_TAG_KEYS } from '../catalog/resolve-environment.js';
import type { CompiledRuleSet } from './compile-rule-set.js';
import { type Condition, fieldName } from './rule-set-model.js';
import { SPLIT_WEIGHT_COLUMNS } from './split-weight-rows.js';

/** What differs between SQL engines in an allocation run; the DuckDB one lives in its adapter. */
export interface AllocationSqlDialect {
  /** A tag's value (text or NULL); `keyParam` is a placeholder holding the key. */
  tagValue(tagsColumn: string, keyParam: string): string;
  /** The same, ignoring key case: exact key first, else the first matching key by code point. */
  tagValueIgnoreCase(tagsColumn: string, keyParam: string): string;
  regexMatches(value: string, patternParam: string): string;
  startsWith(value: string, prefixParam: string): string;
  /** YYYY-MM of a timestamp column. */
  period(column: string): string;
  timestampParam(name: string): string;
  /** The exact decimal type with 38 digits and this many after the point. */
  exactDecimal(scale: number): string;
  /** 64-bit and 128-bit whole numbers. */
  integerType: string;
  bigIntType: string;
  /** Whole-number division of non-negative integers (the quotient's floor, never a float). */
  integerDivide(dividend: string, divisor: string): string;
}

/** Tables an allocation run works in (Tollgate's own names, never user input). */
export const ALLOCATION_TABLES = {
  classified: 'alloc_classified',
  mappingOwners: 'alloc_mapping_owners',
  sharedRules: 'alloc_shared_rules',
  weights: 'alloc_split_weights',
} as const;

/** Columns of allocated_lines and of a preview table, in order. */
export const ALLOCATED_COLUMNS = [
  'run_id',
  'period',
  'load_id',
  'source_file',
  'source_row',
  'currency',
  'kind',
  'rule_id',
  'method',
  'driver',
  'team',
  'service',
  'cost_centre',
  'business_unit',
  'environment',
  'billed_cost',
  'effective_cost',
] as const;

export interface AllocationSql {
  /** Values of every condition, bound by name; plus $period_start and $period_end. */
  params: AllocationParams;
  /** Working tables for the rule owners and split weights. */
  createWorkTables: string[];
  /** Classifies the period's lines: first shared rule, else first mapping rule, else NULL. */
  classify: string;
  /**
   * The statements that read the classified lines, each classifying them itself (a CTE named
   * like the working table, materialised in the write, which reads it twice). DuckDB scans
   * rows a transaction wrote itself far slower than committed ones, and a working table made
   * inside the run's transaction is such rows: classifying inline keeps the write parallel,
   * at the price of classifying twice (the grouped scan and the write).
   */
  inline: InlineAllocationSql;
  /** Direct effective cost per (period, currency, team): the proportional weights. */
  directTotals: string;
  /** (period, currency, shared rule) combinations that have lines to split. */
  sharedKeys: string;
  /** Lines to split whose amount is too large for exact integer splitting. */
  oversized: string;
  /** Writes every allocated row of the period into `table`; takes $run_id. */
  write(table: string): string;
}

/** The statements of a run that classifies its lines inline (each takes the lines' params). */
export interface InlineAllocationSql {
  /**
   * One grouped scan of the classified lines that stands in for directTotals, sharedKeys and
   * a clean oversized check (see summariseClassifiedGroups): effective cost per (period,
   * currency, shared rule, mapping rule), and whether a group holds a line of 10^10 or more.
   * Rows: period, currency, shared_rule, mapping_rule (integers or NULL), effective_cost
   * (decimal text), oversized (boolean).
   */
  classifiedGroups: string;
  oversized: string;
  write(table: string): string;
}

/**
 * Compiles a rule set to the SQL the store runs. First match wins, written as one CASE per
 * list in rule order; tag values are read once per distinct key; every user value (condition
 * values, patterns, tag keys) is a bound parameter. The split uses the same cumulative rounding
 * as split-amount.ts, exact at the stored scale.
 */
export function printAllocationSql(rules: CompiledRuleSet, dialect: AllocationSqlDialect): AllocationSql {
  const params: AllocationParams = {};
  let counter = 0;
  const bind = (value: string) => {
    const name = `p${counter++}`;
    params[name] = value;
    return `$${name}`;
  };
  const fields = new Map<string, string>();
  const fieldExpressions: string[] = [];
  const valueExpression = (condition: Condition): string => {
    const field = condition.field;
    if (field.kind === 'column') {
      if (!fields.has(field.column)) {
        fields.set(field.column, field.column);
        fieldExpressions.push(field.column);
      }
      return field.column;
    }
    const key = `${fieldName(field)}${field.ignoreKeyCase ? '/i' : ''}`;
    let alias = fields.get(key);
    if (!alias) {
      alias = `t${fields.size}`;
      fields.set(key, alias);
      const keyParam = bind(field.key);
      fieldExpressions.push(
        `${field.ignoreKeyCase ? dialect.tagValueIgnoreCase('tags', keyParam) : dialect.tagValue('tags', keyParam)} AS ${alias}`,
      );
    }
    return alias;
  };
  const conditionSql = (condition: Condition): string => {
    const value = valueExpression(condition);
    switch (condition.op) {
      case 'equals':
        return `${value} = ${bind(condition.value)}`;
      case 'in':
        return `${value} IN (${condition.values.map(bind).join(', ')})`;
      case 'prefix':
        return dialect.startsWith(value, bind(condition.value));
      case 'regex':
        return dialect.regexMatches(value, bind(condition.pattern));
      case 'missing':
        return condition.missing
          ? `(${value} IS NULL OR ${value} = '')`
          : `(${value} IS NOT NULL AND ${value} <> '')`;
    }
  };
  const whenSql = (conditions: Condition[]) =>
    conditions.length === 0
      ? 'TRUE'
      : conditions.map((condition) => `(${conditionSql(condition)})`).join(' AND ');
  const caseSql = (list: { index: number; conditions: Condition[] }[]) =>
    list.length === 0
      ? 'CAST(NULL AS INTEGER)'
      : `CASE ${list.map((rule) => `WHEN ${whenSql(rule.conditions)} THEN ${rule.index}`).join(' ')} END`;

  /*
   * The line's environment from its tags, for rows whose rule sets none: each env/environment
   * tag, trimmed and lower-cased, looked up in the catalogue's aliases (the one mapping,
   * resolve-environment.ts), the first key that names one winning. No aliases: no tag is read.
   */
  const aliases = rules.environmentAliases.map((alias) => [bind(alias.word), bind(alias.environment)]);
  // A tag a rule already reads is read once (valueExpression shares it).
  const environmentTags =
    aliases.length === 0
      ? []
      : ENVIRONMENT_TAG_KEYS.map((key) =>
          valueExpression({
            field: { kind: 'tag', key, ignoreKeyCase: false },
            op: 'missing',
            missing: false,
          }),
        );
  const aliasCase = (column: string) =>
    `CASE lower(trim(${column})) ${aliases.map(([word, environment]) => `WHEN ${word} THEN CAST(${environment} AS VARCHAR)`).join(' ')} END`;
  const tagEnvironment =
    aliases.length === 0 ? 'CAST(NULL AS VARCHAR)' : `COALESCE(${environmentTags.map(aliasCase).join(', ')})`;
  const sharedCase = caseSql(rules.shared);
  const mappingCase = caseSql(rules.mapping);
  const tables = ALLOCATION_TABLES;
  const classifySelect = `SELECT load_id, source_file, source_row, period, currency, billed, effective, shared_rule,
  CASE WHEN shared_rule IS NULL THEN ${mappingCase} END AS mapping_rule, ${tagEnvironment} AS tag_environment
FROM (
  SELECT *, ${sharedCase} AS shared_rule
  FROM (
    SELECT load_id, source_file, source_row, ${dialect.period('billing_period_start')} AS period,
      billing_currency AS currency, COALESCE(billed_cost, 0) AS billed, COALESCE(effective_cost, 0) AS effective${fieldExpressions.map((expression) => `,\n      ${expression}`).join('')}
    FROM cost_lines
    WHERE billing_period_start >= ${dialect.timestampParam('period_start')} AND billing_period_start < ${dialect.timestampParam('period_end')}
  ) lines
) classified_shared`;
  const classify = `CREATE OR REPLACE TEMP TABLE ${tables.classified} AS
${classifySelect}`;

  const money = dialect.exactDecimal(16);
  const big = dialect.bigIntType;
  const int = dialect.integerType;
  const createWorkTables = [
    `CREATE OR REPLACE TEMP TABLE ${tables.mappingOwners} (rule_index INTEGER, rule_id VARCHAR, team VARCHAR, service VARCHAR, cost_centre VARCHAR, business_unit VARCHAR, environment VARCHAR)`,
    `CREATE OR REPLACE TEMP TABLE ${tables.sharedRules} (rule_index INTEGER, rule_id VARCHAR, method VARCHAR, driver VARCHAR)`,
    `CREATE OR REPLACE TEMP TABLE ${tables.weights} (${SPLIT_WEIGHT_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ')})`,
  ];

  const columns = ALLOCATED_COLUMNS.join(', ');
  const unallocated = "'unallocated'";
  /*
   * Cumulative rounding at the stored scale (split-amount.ts), rounding in 64-bit integers: no
   * 128-bit division and no per-line sort (largest remainder needed one per line and metric),
   * so every target's part of a line is computed on its own, in the join that makes the row.
   * 1. Each |amount| is whole units h and its 16 decimals as an integer f < 10^16. The h part
   *    splits exactly: a target's share of it is h x w x 10^4 in 10^-16 units (w: parts per
   *    10^12, adding up to exactly 10^12).
   * 2. f is split by rounding the running share up: a target's part is R(through) - R(before),
   *    where R(C) = ceil(f x C / 10^12) = floor((f x C + 10^12 - 1) / 10^12) and C runs over
   *    the targets' parts in target order, so the parts of f add up to R(10^12) = f exactly.
   * 3. f x C reaches 10^28, past 64 bits, so both are split in halves: f = f1 x 10^8 + f0 and
   *    C = c1 x 10^6 + c0 (the weights table holds c1, c0). With b = f1 x c0 and
   *    c = f0 x c1, R(C) = f1 x c1 x 100 + b div 10^4 + c div 10^6
   *    + ((b mod 10^4) x 10^8 + (c mod 10^6) x 10^6 + f0 x c0 + 10^12 - 1) div 10^12,
   *    every term below 2 x 10^14.
   */
  const div = dialect.integerDivide;
  const rounded = (metric: 'b' | 'e', at: 'before' | 'through') => {
    const [f1, f0, c1, c0] = [`l.f1_${metric}`, `l.f0_${metric}`, `w.${at}_hi`, `w.${at}_lo`];
    const b = `${f1} * ${c0}`;
    const c = `${f0} * ${c1}`;
    return `(${f1} * ${c1} * 100 + ${div(b, '10000')} + ${div(c, '1000000')} + ${div(`(${b}) % 10000 * 100000000 + (${c}) % 1000000 * 1000000 + ${f0} * ${c0} + 999999999999`, '1000000000000')})`;
  };
  // The sign by comparison: sign() on a 38-digit decimal costs as much as the rest of the line.
  const perLine = (metric: 'b' | 'e', column: string) =>
    `CASE WHEN c.${column} < 0 THEN -1 ELSE 1 END AS sign_${metric}, CAST(trunc(abs(c.${column})) AS ${big}) AS h_${metric},
        CAST((abs(c.${column}) - trunc(abs(c.${column}))) * 10000000000000000 AS ${int}) AS f_${metric}`;
  const halves = (metric: 'b' | 'e') =>
    `sign_${metric}, h_${metric}, ${div(`f_${metric}`, '100000000')} AS f1_${metric}, f_${metric} % 100000000 AS f0_${metric}`;
  const share = (metric: 'b' | 'e') =>
    `CAST(CAST(l.sign_${metric} * (l.h_${metric} * w.units * 10000 + ${rounded(metric, 'through')} - ${rounded(metric, 'before')}) AS DECIMAL(38,0)) * CAST('0.0000000000000001' AS DECIMAL(17,16)) AS ${money})`;
  const sharedLines = `SELECT period, load_id, source_file, source_row, currency, shared_rule, tag_environment, ${halves('b')}, ${halves('e')}
    FROM (
      SELECT c.period, c.load_id, c.source_file, c.source_row, c.currency, c.shared_rule, c.tag_environment,
        ${perLine('b', 'billed')},
        ${perLine('e', 'effective')}
      FROM ${tables.classified} c WHERE c.shared_rule IS NOT NULL
    ) parts`;
  /*
   * Lines that go whole to one owner, in one scan: a mapping rule's owner ('direct'), else
   * `unallocated` (no rule matched, or a shared rule with nothing to split by: no weights for
   * its period and currency, recorded with the rule).
   */
  const whole = (column: string) =>
    `CASE WHEN c.mapping_rule IS NULL THEN ${unallocated} ELSE o.${column} END`;
  const write = (table: string, classified = '') => `INSERT INTO ${table} (${columns})
${classified}SELECT $run_id, c.period, c.load_id, c.source_file, c.source_row, c.currency,
  CASE WHEN c.mapping_rule IS NULL THEN 'unallocated' ELSE 'direct' END,
  CASE WHEN c.mapping_rule IS NULL THEN s.rule_id ELSE o.rule_id END, NULL, NULL,
  ${whole('team')}, ${whole('service')}, ${whole('cost_centre')}, ${whole('business_unit')}, COALESCE(o.environment, c.tag_environment),
  c.billed, c.effective
FROM ${tables.classified} c
LEFT JOIN ${tables.mappingOwners} o ON o.rule_index = c.mapping_rule
LEFT JOIN ${tables.sharedRules} s ON s.rule_index = c.shared_rule
LEFT JOIN (SELECT DISTINCT period, currency, rule_index FROM ${tables.weights}) k
  ON k.period = c.period AND k.currency = c.currency AND k.rule_index = c.shared_rule
WHERE c.shared_rule IS NULL OR k.rule_index IS NULL
UNION ALL
SELECT $run_id, l.period, l.load_id, l.source_file, l.source_row, l.currency, 'shared', s.rule_id, s.method, s.driver,
  w.team, NULL, w.cost_centre, w.business_unit, l.tag_environment, ${share('b')}, ${share('e')}
FROM (${sharedLines}) l
JOIN ${tables.weights} w ON w.period = l.period AND w.currency = l.currency AND w.rule_index = l.shared_rule
JOIN ${tables.sharedRules} s ON s.rule_index = l.shared_rule`;

  const classifiedGroups = `SELECT period, currency, shared_rule, mapping_rule, CAST(SUM(effective) AS VARCHAR) AS effective_cost,
  bool_or(abs(billed) >= 10000000000 OR abs(effective) >= 10000000000) AS oversized
FROM ${tables.classified} GROUP BY 1, 2, 3, 4`;
  const oversized = `SELECT load_id, source_file, source_row, CAST(billed AS VARCHAR) AS billed, CAST(effective AS VARCHAR) AS effective
FROM ${tables.classified} WHERE shared_rule IS NOT NULL AND (abs(billed) >= 10000000000 OR abs(effective) >= 10000000000) LIMIT 1`;
  const classifiedLines = (how: string) => `WITH ${tables.classified} AS ${how}(${classifySelect})\n`;

  return {
    params,
    createWorkTables,
    classify,
    inline: {
      classifiedGroups: `${classifiedLines('')}${classifiedGroups}`,
      oversized: `${classifiedLines('')}${oversized}`,
      write: (table) => write(table, classifiedLines('MATERIALIZED ')),
    },
    directTotals: `SELECT c.period, c.currency, o.team, CAST(SUM(c.effective) AS VARCHAR) AS effective_cost
FROM ${tables.classified} c JOIN ${tables.mappingOwners} o ON o.rule_index = c.mapping_rule
WHERE o.team IS NOT NULL GROUP BY 1, 2, 3`,
    sharedKeys: `SELECT DISTINCT period, currency, shared_rule AS rule_index FROM ${tables.classified} WHERE shared_rule IS NOT NULL`,
    oversized,
    write,
  };
}
