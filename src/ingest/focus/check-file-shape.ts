import { TollgateError } from '../../core/errors.js';
import {
  detectFocusVersion,
  type FocusVersion,
  focusColumns,
  missingMandatoryColumns,
} from '../../core/focus/focus-schema.js';

/**
 * Structural problems reject the whole file before its rows are read: not FOCUS, or mandatory
 * columns missing (the CSV header's delimiter is checked when it is read).
 */
export function checkFileShape(path: string, columns: string[]): FocusVersion {
  const version = detectFocusVersion(columns);
  if (!version) {
    throw new TollgateError(
      'INGEST_NOT_FOCUS',
      `${path}: this is not a FOCUS export (its columns ${describeColumns(columns)} are not FOCUS columns such as BilledCost, ChargePeriodStart, ProviderName). ` +
        "Export billing data in FOCUS format (AWS Data Exports 'FOCUS', Azure cost export 'FOCUS', GCP/OCI FOCUS reports). Nothing was loaded.",
    );
  }
  const missing = missingMandatoryColumns(version, columns);
  if (missing.length > 0) {
    const mostlyMissing =
      missing.length >
      focusColumns(version).filter((column) => column.featureLevel === 'Mandatory').length / 2;
    throw new TollgateError(
      'INGEST_MISSING_COLUMNS',
      `${path}: FOCUS ${version} requires the column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}, missing from the header` +
        `${mostlyMissing ? ' (most mandatory columns are missing: this may be an excerpt, or not a FOCUS export)' : ''}. ` +
        'Re-export with all mandatory FOCUS columns. Nothing was loaded.',
    );
  }
  return version;
}

function describeColumns(columns: string[]): string {
  const shown = columns.slice(0, 4).map((column) => JSON.stringify(column.slice(0, 40)));
  return shown.join(', ') + (columns.length > 4 ? ', …' : '');
}
