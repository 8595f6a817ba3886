import type { AllocationSqlDialect } from '../../core/allocation/print-allocation-sql.js';

const exactTag = (tags: string, key: string) => `(${tags} ->> CAST(${key} AS TEXT))`;

/**
 * PostgreSQL's side of an allocation run: JSONB tags, POSIX regexes (`~`, the same partial
 * match as DuckDB's regexp_matches for the patterns rules use), NUMERIC for the 128-bit
 * intermediate sums, `/` on BIGINT for integer division.
 * Case-insensitive keys: the exact key first, else the first matching key in code point order.
 */
export const postgresAllocationDialect: AllocationSqlDialect = {
  tagValue: exactTag,
  tagValueIgnoreCase: (tags, key) =>
    `COALESCE(${exactTag(tags, key)}, (SELECT e.value FROM jsonb_each_text(${tags}) e WHERE lower(e.key) = lower(CAST(${key} AS TEXT)) ORDER BY e.key COLLATE "C", e.value COLLATE "C" LIMIT 1))`,
  regexMatches: (value, pattern) => `(${value} ~ CAST(${pattern} AS TEXT))`,
  startsWith: (value, prefix) => `starts_with(${value}, CAST(${prefix} AS TEXT))`,
  period: (column) => `to_char(${column}, 'YYYY-MM')`,
  timestampParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  exactDecimal: (scale) => `NUMERIC(38,${scale})`,
  integerType: 'BIGINT',
  bigIntType: 'NUMERIC',
  integerDivide: (dividend, divisor) => `(${dividend}) / ${divisor}`,
};
