import { TollgateError } from '../../core/errors.js';
import {
  detectFocusVersion,
  type FocusVersion,
  focusColumns,
  missingMandatoryColumns,
} from '../../core/focus/focus-schema.js';
import { awsCurFormat } from './aws-cur/aws-cur-format.js';
import { azureCostDetection } from './azure/azure-cost-format.js';
import { gcpBillingFormat } from './gcp/gcp-billing-format.js';
import { openCostFormat } from './opencost/opencost-format.js';
import type { ProviderFormat } from './provider-format.js';

/** Every provider format Tollgate reads besides FOCUS, in the order they are tried. */
export const PROVIDER_FORMATS: readonly ProviderFormat[] = [
  awsCurFormat,
  azureCostDetection,
  openCostFormat,
  gcpBillingFormat,
];

export type DetectedFormat =
  | { kind: 'focus'; version: FocusVersion }
  | { kind: 'provider'; format: ProviderFormat };

/**
 * Which billing format a header is.
 * 1. The first provider format whose signature columns are all there (provider exports share
 *    some column names with FOCUS, such as BillingAccountId and Tags in Azure's).
 * 2. Else FOCUS, when three or more FOCUS column names are there and at most half of its
 *    version's mandatory columns are missing (those are then reported by name).
 * 3. Else refuse, saying for each format Tollgate reads why this header is not it.
 */
export function detectBillingFormat(path: string, header: readonly string[]): DetectedFormat {
  for (const format of PROVIDER_FORMATS) {
    if (format.signature(header).matches) return { kind: 'provider', format };
  }
  const version = detectFocusVersion(header);
  const mandatory = version ? focusColumns(version).filter((c) => c.featureLevel === 'Mandatory').length : 0;
  const missing = version ? missingMandatoryColumns(version, header) : [];
  if (version && missing.length <= mandatory / 2) return { kind: 'focus', version };
  const reasons = [
    version
      ? `  FOCUS ${version}: ${mandatory - missing.length} of its ${mandatory} mandatory columns are here; it lacks ${missing.slice(0, 4).join(', ')}, and ${Math.max(missing.length - 4, 0)} more`
      : '  FOCUS 1.0-1.4: needs columns such as BilledCost, ChargePeriodStart, BillingAccountId (fewer than three are here)',
    ...PROVIDER_FORMATS.map((format) => {
      const { missing } = format.signature(header);
      return `  ${format.title}: the header lacks ${missing.slice(0, 4).join(', ')}${missing.length > 4 ? `, and ${missing.length - 4} more` : ''}`;
    }),
  ];
  throw new TollgateError(
    'INGEST_NOT_FOCUS',
    `${path}: this is not a billing export Tollgate reads (its columns begin ${describeColumns(header)}). Which formats it could be, and why not:\n` +
      `${reasons.join('\n')}\n` +
      'Export the bill in one of these formats (docs/load-your-own-bills.md says how, per provider). Nothing was loaded.',
  );
}

function describeColumns(columns: readonly string[]): string {
  const shown = columns.slice(0, 4).map((column) => JSON.stringify(column.slice(0, 40)));
  return shown.join(', ') + (columns.length > 4 ? ', …' : '');
}
