import { TollgateError } from '../../core/errors.js';
import {
  ALL_FOCUS_COLUMN_NAMES,
  detectFocusVersion,
  NEWER_FOCUS_COLUMN_NAMES,
} from '../../core/focus/focus-schema.js';

const KNOWN_NAMES: readonly string[] = [...ALL_FOCUS_COLUMN_NAMES, ...NEWER_FOCUS_COLUMN_NAMES];
const BY_LOWER_CASE = new Map(KNOWN_NAMES.map((name) => [name.toLowerCase(), name]));

/**
 * Refuses a header that cannot be a billing export for a reason a person can fix, before format
 * detection lists the formats it is not: one column only (a single column copied from a
 * spreadsheet, or a separator Tollgate does not see), or FOCUS names in the wrong case.
 */
export function checkHeaderNames(path: string, header: readonly string[]): void {
  if (header.length === 1) {
    throw new TollgateError(
      'INGEST_ONE_COLUMN',
      `${path}: the header has one column (${JSON.stringify(header[0]!.slice(0, 40))}); a billing export has dozens. Check that the file is comma-separated CSV with its whole header, and export it again. Nothing was loaded.`,
    );
  }
  if (detectFocusVersion(header) !== null) return;
  const wrongCase = header.filter(
    (name) => BY_LOWER_CASE.has(name.toLowerCase()) && !KNOWN_NAMES.includes(name),
  );
  if (detectFocusVersion(wrongCase.map((name) => BY_LOWER_CASE.get(name.toLowerCase())!)) === null) return;
  const example = wrongCase[0]!;
  throw new TollgateError(
    'INGEST_HEADER_CASE',
    `${path}: the header's names are FOCUS columns in the wrong case (${JSON.stringify(example)} for ${BY_LOWER_CASE.get(example.toLowerCase())}); FOCUS names are PascalCase and Tollgate reads them as the specification spells them. Export the file with its original column names. Nothing was loaded.`,
  );
}
