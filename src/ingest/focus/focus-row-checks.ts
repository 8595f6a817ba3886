import { quoteLiteral } from '../../adapters/sql/sql-text.js';
import {
  KEPT_DECIMAL_PLACES,
  LINE_AMOUNT_INTEGER_DIGITS,
  LINE_AMOUNT_LIMIT_TEXT,
} from '../../core/costs/line-amount-limit.js';
import { knownCurrencyCodes } from '../../core/currency-codes.js';
import {
  allowedValues,
  COST_COLUMNS,
  type FocusColumnRecord,
  type FocusVersion,
  focusColumns,
} from '../../core/focus/focus-schema.js';
import { providerKeyColumn } from './provider-across-versions.js';

export type CheckSeverity = 'fatal' | 'warning';

/**
 * One rule a row can break, as a SQL condition over the row's raw text (`raw`) and its typed
 * value (`typed`) in the staging select. Fatal checks reject the row (or the whole file);
 * warnings are counted and the row is kept.
 */
export interface RowCheck {
  kind: string;
  column: string;
  severity: CheckSeverity;
  condition: string;
  /** What is wrong with a value, in words a user can act on. */
  problem: (value: string | null) => string;
}

/** How a check names a column's raw text and typed value in the staging select. */
export interface ColumnRefs {
  raw(column: string): string;
  typed(column: string): string;
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

function keyColumns(version: FocusVersion): string[] {
  return KEY_COLUMNS.map((name) => (name === 'ProviderName' ? providerKeyColumn(version) : name));
}

const US_DATE_FORMATS = "['%m/%d/%y', '%m/%d/%Y', '%m/%d/%Y %H:%M:%S', '%m/%d/%y %H:%M', '%m/%d/%Y %H:%M']";

/**
 * Parses FOCUS date/time text to a UTC timestamp.
 * 1. Text not shaped YYYY-MM-DD is read as US m/d/y (some exports write it); DuckDB's ISO cast
 *    would read 1/1/26 as the year 1.
 * 2. ISO text with an offset after the seconds (+02:00, -05:00) is converted to UTC.
 * 3. Other ISO text (with or without T, with or without Z) is cast directly, the fast path.
 */
export function parseTimestampSql(column: string): string {
  return (
    `CASE WHEN substr(${column}, 5, 1) <> '-' THEN try_strptime(${column}, ${US_DATE_FORMATS}) ` +
    `WHEN length(${column}) > 19 AND (contains(substr(${column}, 20), '+') OR contains(substr(${column}, 20), '-')) ` +
    `THEN TRY_CAST(TRY_CAST(${column} AS TIMESTAMPTZ) AS TIMESTAMP) ` +
    `ELSE TRY_CAST(${column} AS TIMESTAMP) END`
  );
}

/**
 * Parses decimal text exactly. Casting text to DECIMAL(38,16) is slow (128-bit arithmetic per
 * digit), so text that fits DECIMAL(18,10) — up to 8 integer and 10 fraction digits, which is
 * nearly every billing amount — takes the 64-bit cast and is widened; anything else (more
 * digits, exponents, junk) falls back to the full cast, which yields NULL for non-numbers.
 */
export function parseDecimalSql(column: string): string {
  return (
    `CASE WHEN regexp_full_match(${column}, '-?[0-9]{1,8}([.][0-9]{0,10})?') ` +
    `THEN CAST(CAST(${column} AS DECIMAL(18,10)) AS DECIMAL(38,16)) ` +
    `ELSE TRY_CAST(trim(${column}) AS DECIMAL(38,16)) END`
  );
}

/** Maps a wrong-case enum value to the spelling the specification allows; other values pass as given. */
export function normaliseEnumSql(column: string, allowed: readonly string[]): string {
  const cases = allowed
    .map((value) => `WHEN ${quoteLiteral(value.toLowerCase())} THEN ${quoteLiteral(value)}`)
    .join(' ');
  return `COALESCE(CASE lower(${column}) ${cases} END, ${column})`;
}

/** The typed value of a FOCUS column, computed once per row from its raw text. */
export function typedValueSql(version: FocusVersion, record: FocusColumnRecord, raw: string): string {
  if (record.dataType === 'Decimal') return parseDecimalSql(raw);
  if (record.dataType === 'Date/Time') return parseTimestampSql(raw);
  if (record.name === 'Tags') {
    return `CASE WHEN json_valid(${raw}) AND json_type(${raw}::JSON) = 'OBJECT' THEN ${raw} END`;
  }
  const allowed = allowedValues(version, record.name);
  return allowed && allowed.length > 0 ? normaliseEnumSql(raw, allowed) : raw;
}

function inList(values: readonly string[]): string {
  return values.map(quoteLiteral).join(', ');
}

function truncate(value: string | null): string | null {
  return value !== null && value.length > 80 ? `${value.slice(0, 80)}…` : value;
}

function columnChecks(version: FocusVersion, record: FocusColumnRecord, refs: ColumnRefs): RowCheck[] {
  const name = record.name;
  const raw = refs.raw(name);
  const typed = refs.typed(name);
  const checks: RowCheck[] = [];
  const add = (kind: string, severity: CheckSeverity, condition: string, problem: RowCheck['problem']) =>
    checks.push({ kind, column: name, severity, condition, problem });

  if (keyColumns(version).includes(name)) {
    add(
      'missing_required_value',
      'fatal',
      `${raw} IS NULL`,
      () => `${name} is empty; Tollgate needs it on every line to place the cost`,
    );
  } else if (!record.allowsNulls && record.featureLevel === 'Mandatory') {
    add(
      'null_in_non_nullable',
      'warning',
      `${raw} IS NULL`,
      () => `${name} is empty, though the FOCUS specification does not allow nulls there`,
    );
  }
  if (record.dataType === 'Decimal') {
    const where = COST_COLUMNS.includes(name) ? ' in a cost column' : '';
    // A plain decimal too long to cast is out of range, not "not a number". The limit is compared as
    // a decimal: as a double, 999999999999999.9999999999999999 would round up to it.
    const plainNumber = `regexp_full_match(trim(${raw}), '-?[0-9]+([.][0-9]*)?')`;
    add(
      'not_a_number',
      'fatal',
      `${raw} IS NOT NULL AND ${typed} IS NULL AND NOT ${plainNumber}`,
      (value) => `${JSON.stringify(value)} is not a number${where}`,
    );
    add(
      'value_out_of_range',
      'fatal',
      `${raw} IS NOT NULL AND ((${typed} IS NULL AND ${plainNumber}) OR abs(${typed}) >= CAST('1${'0'.repeat(LINE_AMOUNT_INTEGER_DIGITS)}' AS DECIMAL(38,16)))`,
      (value) =>
        `${truncate(value)} is beyond the largest amount a line may carry (±${LINE_AMOUNT_LIMIT_TEXT}); the export is broken or in the wrong unit`,
    );
    add(
      'decimals_rounded',
      'warning',
      `${raw} IS NOT NULL AND regexp_matches(${raw}, '[.][0-9]{${KEPT_DECIMAL_PLACES + 1},}')`,
      (value) =>
        `${JSON.stringify(value)} has more than ${KEPT_DECIMAL_PLACES} decimals and was rounded to ${KEPT_DECIMAL_PLACES}`,
    );
  }
  if (record.dataType === 'Date/Time') {
    add(
      'invalid_date',
      'fatal',
      `${raw} IS NOT NULL AND ${typed} IS NULL`,
      (value) =>
        `${JSON.stringify(value)} is not a valid date/time (FOCUS uses ISO 8601, e.g. 2026-01-31T00:00:00Z)`,
    );
    add(
      'non_iso_date',
      'warning',
      `${typed} IS NOT NULL AND substr(${raw}, 5, 1) <> '-'`,
      (value) => `${JSON.stringify(value)} is read as a US month/day/year date, not ISO 8601`,
    );
  }
  const allowed = allowedValues(version, name);
  if (allowed && allowed.length > 0) {
    add(
      'normalised_case',
      'warning',
      `${raw} IS NOT NULL AND ${raw} <> ${typed}`,
      (value) => `${JSON.stringify(value)} differs in case from an allowed value and was normalised`,
    );
    add(
      'unknown_value',
      'warning',
      `${typed} NOT IN (${inList(allowed)})`,
      (value) =>
        `${JSON.stringify(value)} is not an allowed ${name} value in FOCUS ${version}; kept as given`,
    );
  }
  if (name === 'BillingCurrency') {
    add(
      'unknown_currency',
      'fatal',
      `${raw} NOT IN (${inList(knownCurrencyCodes())})`,
      (value) => `${JSON.stringify(value)} is not an ISO 4217 currency code (such as USD, EUR, GBP)`,
    );
  }
  if (name === 'PricingCurrency') {
    add(
      'non_iso_currency',
      'warning',
      `${raw} NOT IN (${inList(knownCurrencyCodes())})`,
      (value) => `${JSON.stringify(value)} is not an ISO 4217 code (a virtual currency is allowed here)`,
    );
  }
  if (name === 'Tags') {
    add(
      'invalid_tags_json',
      'fatal',
      `${raw} IS NOT NULL AND ${typed} IS NULL`,
      (value) => `${JSON.stringify(truncate(value))} is not a JSON object of tag keys and values`,
    );
  }
  if (name === 'SkuPriceDetails') {
    add(
      'invalid_json',
      'warning',
      `${raw} IS NOT NULL AND NOT json_valid(${raw})`,
      (value) => `${JSON.stringify(truncate(value))} is not valid JSON`,
    );
  }
  return checks;
}

/** Every check that applies to a file of this version with these columns. */
export function buildRowChecks(
  version: FocusVersion,
  header: readonly string[],
  refs: ColumnRefs,
): RowCheck[] {
  const present = new Set(header);
  const checks = focusColumns(version)
    .filter((record) => present.has(record.name))
    .flatMap((record) => columnChecks(version, record, refs));
  for (const [start, end] of [
    ['ChargePeriodStart', 'ChargePeriodEnd'],
    ['BillingPeriodStart', 'BillingPeriodEnd'],
  ] as const) {
    if (!present.has(start) || !present.has(end)) continue;
    checks.push({
      kind: 'end_before_start',
      column: end,
      severity: 'fatal',
      condition: `${refs.typed(end)} < ${refs.typed(start)}`,
      problem: (value) => `${end} ${JSON.stringify(value)} is before ${start}`,
    });
  }
  if (present.has('ChargePeriodStart') && present.has('BillingPeriodStart')) {
    // A charge may be billed late or early (credits, corrections), but not by more than a year.
    const billingEnd = present.has('BillingPeriodEnd')
      ? refs.typed('BillingPeriodEnd')
      : refs.typed('BillingPeriodStart');
    checks.push({
      kind: 'charge_far_from_billing_period',
      column: 'ChargePeriodStart',
      severity: 'warning',
      condition: `${refs.typed('ChargePeriodStart')} < ${refs.typed('BillingPeriodStart')} - INTERVAL 1 YEAR OR ${refs.typed('ChargePeriodStart')} > ${billingEnd} + INTERVAL 1 YEAR`,
      problem: (value) =>
        `ChargePeriodStart ${JSON.stringify(value)} is more than a year away from its billing period`,
    });
  }
  return checks;
}
