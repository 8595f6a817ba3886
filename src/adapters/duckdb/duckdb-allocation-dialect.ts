import type { AllocationSqlDialect } from '../../core/allocation/print-allocation-sql.js';
import { duckDbTagValue } from './duckdb-tag-value.js';

const exactTag = duckDbTagValue;

/** DuckDB's side of an allocation run: JSON tags, RE2 regexes (linear time), `//` for integer division. */
export const duckDbAllocationDialect: AllocationSqlDialect = {
  tagValue: exactTag,
  tagValueIgnoreCase: (tags, key) =>
    `COALESCE(${exactTag(tags, key)}, list_sort(list_filter(map_entries(from_json(${tags}, '"MAP(VARCHAR, VARCHAR)"')), e -> lower(e.key) = lower(${key})))[1].value)`,
  regexMatches: (value, pattern) => `regexp_matches(${value}, ${pattern})`,
  startsWith: (value, prefix) => `starts_with(${value}, ${prefix})`,
  period: (column) => `strftime(${column}, '%Y-%m')`,
  timestampParam: (name) => `CAST($${name} AS TIMESTAMP)`,
  exactDecimal: (scale) => `DECIMAL(38,${scale})`,
  integerType: 'BIGINT',
  bigIntType: 'HUGEINT',
  integerDivide: (dividend, divisor) => `(${dividend}) // ${divisor}`,
};
