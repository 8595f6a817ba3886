import type { AllocationSqlDialect } from '../../core/allocation/print-allocation-sql.js';

const exactTag = (tags: string, key: string) =>
  `json_extract_string(${tags}, '$."' || replace(${key}, '"', '\\"') || '"')`;

/** DuckDB's side of an allocation run: JSON tags, RE2 regexes (linear time), HUGEINT. */
export const duckDbAllocationDialect: AllocationSqlDialect = {
  tagValue: exactTag,
  tagValueIgnoreCase: (tags, key) =>
    `COALESCE(${exactTag(tags, key)}, list_sort(list_filter(map_entries(from_json(${tags}, '"MAP(VARCHAR, VARCHAR)"')), e -> lower(e.key) = lower(${key})))[1].value)`,
  regexMatches: (value, pattern) => `regexp_matches(${value}, ${pattern})`,
  startsWith: (value, prefix) => `starts_with(${value}, ${prefix})`,
  period: (column) => `strftime(${column}, '%Y-%m')`,
  timestampParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  // Whole and fractional parts apart: DECIMAL(38,16) times 10^16 would overflow the decimal.
  toUnits: (expression) =>
    `(CAST(trunc(${expression}) AS HUGEINT) * 10000000000000000 + CAST((${expression} - trunc(${expression})) * 10000000000000000 AS HUGEINT))`,
  fromUnits: (expression) =>
    `CAST(CAST(${expression} AS DECIMAL(38,0)) * CAST('0.0000000000000001' AS DECIMAL(17,16)) AS DECIMAL(38,16))`,
  bigIntType: 'HUGEINT',
  integerDivide: (dividend, divisor) => `(${dividend}) // (${divisor})`,
  rowId: (alias) => `${alias}.rowid`,
};
