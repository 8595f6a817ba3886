import type { FocusColumnRecord, FocusVersion } from './focus-column-types.js';
import { FOCUS_COLUMN_RECORDS as SPEC_RECORDS_1_0_TO_1_2 } from './focus-columns.generated.js';
import { deriveNewerColumnRecords, NEWER_FOCUS_COLUMN_NAMES } from './focus-newer-columns.js';

export type { FocusColumnRecord, FocusVersion } from './focus-column-types.js';

/** The storage name of a FOCUS column: BillingAccountId -> billing_account_id. */
export function toStorageName(focusName: string): string {
  return focusName.replace(/(?<!^)(?=[A-Z])/g, '_').toLowerCase();
}

/** Every column record of every supported version (1.0-1.2 generated, 1.3 and 1.4 derived). */
const FOCUS_COLUMN_RECORDS: readonly FocusColumnRecord[] = [
  ...SPEC_RECORDS_1_0_TO_1_2,
  ...deriveNewerColumnRecords(SPEC_RECORDS_1_0_TO_1_2.filter((record) => record.version === '1.2')),
];

export { NEWER_FOCUS_COLUMN_NAMES };

export function focusColumns(version: FocusVersion): FocusColumnRecord[] {
  return FOCUS_COLUMN_RECORDS.filter((record) => record.version === version);
}

/**
 * The FOCUS columns a cost line stores in a column of its own (every column of 1.0-1.2). The
 * columns 1.3 and 1.4 added are kept in the line's extras (NEWER_FOCUS_COLUMN_NAMES).
 */
export const ALL_FOCUS_COLUMN_NAMES: readonly string[] = [
  ...new Set(SPEC_RECORDS_1_0_TO_1_2.map((record) => record.name)),
].sort();

/** The newest record of each column: its type and storage shape. */
export const FOCUS_COLUMN_BY_NAME: ReadonlyMap<string, FocusColumnRecord> = new Map(
  FOCUS_COLUMN_RECORDS.map((record) => [record.name, record]),
);

/** Fewer FOCUS column names than this in a header: the file is not a FOCUS export at all. */
const MIN_FOCUS_COLUMNS = 3;

/**
 * Detects the FOCUS version of a file from its header.
 * 1. A header with fewer than three FOCUS column names is not FOCUS at all (null).
 * 2. A column that appeared in 1.4 (or else 1.3, 1.2, 1.1) marks the file as that version.
 * 3. A header with ServiceProviderName and without ProviderName is 1.4, which removed
 *    ProviderName (a 1.3 file still carries it).
 * 4. Otherwise it is 1.0. Missing mandatory columns are reported separately, by name.
 */
export function detectFocusVersion(header: readonly string[]): FocusVersion | null {
  const present = new Set(header);
  const known = [...ALL_FOCUS_COLUMN_NAMES, ...NEWER_FOCUS_COLUMN_NAMES].filter((name) =>
    present.has(name),
  ).length;
  if (known < MIN_FOCUS_COLUMNS) return null;
  const introducedIn = (version: FocusVersion, previous: FocusVersion) => {
    const before = new Set(focusColumns(previous).map((column) => column.name));
    return focusColumns(version).some((column) => !before.has(column.name) && present.has(column.name));
  };
  if (introducedIn('1.4', '1.3')) return '1.4';
  if (present.has('ServiceProviderName') && !present.has('ProviderName')) return '1.4';
  if (introducedIn('1.3', '1.2')) return '1.3';
  if (introducedIn('1.2', '1.1')) return '1.2';
  if (introducedIn('1.1', '1.0')) return '1.1';
  return '1.0';
}

export function missingMandatoryColumns(version: FocusVersion, header: readonly string[]): string[] {
  const present = new Set(header);
  return focusColumns(version)
    .filter((column) => column.featureLevel === 'Mandatory' && !present.has(column.name))
    .map((column) => column.name);
}

/** Columns whose values are amounts of money: a value there that is not a number rejects the row. */
export const COST_COLUMNS: readonly string[] = ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'];

/** Columns whose value must be an ISO 4217 code (PricingCurrency may be a virtual currency in 1.2). */
export const CURRENCY_COLUMNS: readonly string[] = ['BillingCurrency'];

/**
 * Whether a lower-case `null` in this column is read as null (the specification's own examples
 * write nulls so): where the column allows nulls, and where no value could be the text "null"
 * (numbers, dates, JSON; a null there is then reported as the column's null check says). In a
 * string column that must not be null, `null` is kept as the text it is.
 */
export function readsLowerCaseNull(version: FocusVersion, name: string): boolean {
  return FOCUS_COLUMN_RECORDS.some(
    (column) =>
      column.version === version &&
      column.name === name &&
      (column.allowsNulls || column.dataType !== 'String'),
  );
}

/** Allowed values for a column in a version, or undefined when the column takes any value. */
export function allowedValues(version: FocusVersion, name: string): readonly string[] | undefined {
  const record = FOCUS_COLUMN_RECORDS.find((column) => column.version === version && column.name === name);
  return record?.allowedValues;
}
