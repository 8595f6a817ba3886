import { quoteIdentifier, quoteLiteral } from '../../adapters/sql/sql-text.js';
import { knownCurrencyCodes } from '../../core/currency-codes.js';
import {
  allowedValues,
  COST_COLUMNS,
  type FocusColumnRecord,
  type FocusVersion,
  focusColumns,
} from '../../core/focus/focus-schema.js';

export type CheckSeverity = 'fatal' | 'warning';

/**
 * One rule a staged row can break, as a SQL condition over the staged text columns.
 * Fatal checks reject the row (or the whole file); warnings are counted and the row is kept.
 */
export interface RowCheck {
  kind: string;
  column: string;
  severity: CheckSeverity;
  condition: string;
  /** What is wrong with a value, in words a user can act on. */
  problem: (value: string | null) => string;
}

/** Columns Tollgate needs on every line to place and replace it; a missing value rejects the row. */
const KEY_COLUMNS = [
  'ProviderName',
  'BillingAccountId',
  'BillingPeriodStart',
  'BillingCurrency',
  'ChargePeriodStart',
  'ChargePeriodEnd',
];

const US_DATE_FORMATS = "['%m/%d/%y', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%y %H:%M', '%m/%d/%Y %H:%M']";

/**
 * Parses FOCUS date/time text to a UTC timestamp: ISO 8601 (YYYY-MM-DD, with or without T, Z or
 * an offset), or US m/d/y as some exports write. Only text shaped YYYY-MM-DD goes to DuckDB's
 * ISO cast, which would otherwise read 1/1/26 as the year 1.
 */
export function parseTimestampSql(column: string): string {
  return `CASE WHEN substr(${column}, 5, 1) = '-' THEN TRY_CAST(TRY_CAST(${column} AS TIMESTAMPTZ) AS TIMESTAMP) ELSE try_strptime(${column}, ${US_DATE_FORMATS}) END`;
}

export function parseDecimalSql(column: string): string {
  return `TRY_CAST(trim(${column}) AS DECIMAL(38,16))`;
}

/** Maps a wrong-case enum value to the spelling the specification allows; other values pass as given. */
export function normaliseEnumSql(column: string, allowed: readonly string[]): string {
  const cases = allowed
    .map((value) => `WHEN ${quoteLiteral(value.toLowerCase())} THEN ${quoteLiteral(value)}`)
    .join(' ');
  return `COALESCE(CASE lower(${column}) ${cases} END, ${column})`;
}

function inList(values: readonly string[]): string {
  return values.map(quoteLiteral).join(', ');
}

function columnChecks(version: FocusVersion, record: FocusColumnRecord): RowCheck[] {
  const name = record.name;
  const q = quoteIdentifier(name);
  const checks: RowCheck[] = [];
  if (KEY_COLUMNS.includes(name)) {
    checks.push({
      kind: 'missing_required_value',
      column: name,
      severity: 'fatal',
      condition: `${q} IS NULL`,
      problem: () => `${name} is empty; Tollgate needs it on every line to place the cost`,
    });
  } else if (!record.allowsNulls && record.featureLevel === 'Mandatory') {
    checks.push({
      kind: 'null_in_non_nullable',
      column: name,
      severity: 'warning',
      condition: `${q} IS NULL`,
      problem: () => `${name} is empty, though the FOCUS specification does not allow nulls there`,
    });
  }
  if (record.dataType === 'Decimal') {
    const isCost = COST_COLUMNS.includes(name);
    checks.push({
      kind: 'not_a_number',
      column: name,
      severity: 'fatal',
      condition: `${q} IS NOT NULL AND ${parseDecimalSql(q)} IS NULL`,
      problem: (value) =>
        `${JSON.stringify(value)} is not a number${isCost ? ' in a cost column' : ''} (or has more than 22 integer digits)`,
    });
  }
  if (record.dataType === 'Date/Time') {
    checks.push({
      kind: 'invalid_date',
      column: name,
      severity: 'fatal',
      condition: `${q} IS NOT NULL AND ${parseTimestampSql(q)} IS NULL`,
      problem: (value) =>
        `${JSON.stringify(value)} is not a valid date/time (FOCUS uses ISO 8601, e.g. 2026-01-31T00:00:00Z)`,
    });
    checks.push({
      kind: 'non_iso_date',
      column: name,
      severity: 'warning',
      condition: `${q} IS NOT NULL AND substr(${q}, 5, 1) <> '-' AND try_strptime(${q}, ${US_DATE_FORMATS}) IS NOT NULL`,
      problem: (value) => `${JSON.stringify(value)} is read as a US month/day/year date, not ISO 8601`,
    });
  }
  const allowed = allowedValues(version, name);
  if (allowed && allowed.length > 0) {
    const lowered = allowed.map((value) => value.toLowerCase());
    checks.push({
      kind: 'normalised_case',
      column: name,
      severity: 'warning',
      condition: `${q} IS NOT NULL AND ${q} NOT IN (${inList(allowed)}) AND lower(${q}) IN (${inList(lowered)})`,
      problem: (value) => `${JSON.stringify(value)} differs in case from an allowed value and was normalised`,
    });
    checks.push({
      kind: 'unknown_value',
      column: name,
      severity: 'warning',
      condition: `${q} IS NOT NULL AND lower(${q}) NOT IN (${inList(lowered)})`,
      problem: (value) =>
        `${JSON.stringify(value)} is not an allowed ${name} value in FOCUS ${version}; kept as given`,
    });
  }
  if (name === 'BillingCurrency') {
    checks.push({
      kind: 'unknown_currency',
      column: name,
      severity: 'fatal',
      condition: `${q} IS NOT NULL AND ${q} NOT IN (${inList(knownCurrencyCodes())})`,
      problem: (value) => `${JSON.stringify(value)} is not an ISO 4217 currency code (such as USD, EUR, GBP)`,
    });
  }
  if (name === 'PricingCurrency') {
    checks.push({
      kind: 'non_iso_currency',
      column: name,
      severity: 'warning',
      condition: `${q} IS NOT NULL AND ${q} NOT IN (${inList(knownCurrencyCodes())})`,
      problem: (value) =>
        `${JSON.stringify(value)} is not an ISO 4217 code (a virtual currency is allowed here)`,
    });
  }
  if (name === 'Tags') {
    checks.push({
      kind: 'invalid_tags_json',
      column: name,
      severity: 'fatal',
      condition: `${q} IS NOT NULL AND CASE WHEN json_valid(${q}) THEN json_type(${q}::JSON) <> 'OBJECT' ELSE true END`,
      problem: (value) => `${JSON.stringify(truncate(value))} is not a JSON object of tag keys and values`,
    });
  }
  if (name === 'SkuPriceDetails') {
    checks.push({
      kind: 'invalid_json',
      column: name,
      severity: 'warning',
      condition: `${q} IS NOT NULL AND NOT json_valid(${q})`,
      problem: (value) => `${JSON.stringify(truncate(value))} is not valid JSON`,
    });
  }
  return checks;
}

function periodOrderCheck(start: string, end: string): RowCheck {
  return {
    kind: 'end_before_start',
    column: end,
    severity: 'fatal',
    condition: `${parseTimestampSql(quoteIdentifier(end))} < ${parseTimestampSql(quoteIdentifier(start))}`,
    problem: (value) => `${end} ${JSON.stringify(value)} is before ${start}`,
  };
}

function truncate(value: string | null): string | null {
  return value !== null && value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

/** Every check that applies to a file of this version with these columns. */
export function buildRowChecks(version: FocusVersion, header: readonly string[]): RowCheck[] {
  const present = new Set(header);
  const checks = focusColumns(version)
    .filter((record) => present.has(record.name))
    .flatMap((record) => columnChecks(version, record));
  for (const [start, end] of [
    ['ChargePeriodStart', 'ChargePeriodEnd'],
    ['BillingPeriodStart', 'BillingPeriodEnd'],
  ] as const) {
    if (present.has(start) && present.has(end)) checks.push(periodOrderCheck(start, end));
  }
  return checks;
}
