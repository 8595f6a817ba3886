import type { FocusColumnRecord, FocusVersion } from './focus-column-types.js';

/**
 * FOCUS 1.3 and 1.4, as changes to the 1.2 column catalogue (the generated table holds 1.0-1.2,
 * built from the specification's column files at the release tags). Each entry cites the
 * specification's column file (FinOps-Open-Cost-and-Usage-Spec/FOCUS_Spec,
 * specification/datasets/cost_and_usage/columns/<name>.md, CC BY 4.0): its Content Constraints
 * table gives the data type, feature level and nulls.
 *
 * - 1.3 adds ServiceProviderName and HostProviderName (and deprecates ProviderName and
 *   PublisherName, which stay Mandatory in 1.3), ContractApplied, and the five split-cost
 *   columns AllocatedMethodId, AllocatedMethodDetails, AllocatedResourceId,
 *   AllocatedResourceName and AllocatedTags.
 * - 1.4 removes ProviderName and PublisherName and adds InvoiceDetailId and
 *   CommitmentProgramEligibilityDetails.
 *
 * These columns have no cost_lines column of their own: Tollgate keeps them in a line's extras
 * under their FOCUS names (see `NEWER_FOCUS_COLUMN_NAMES`), and maps the service provider onto
 * the provider dimension (see build-staging-select.ts).
 */
type Added = Omit<FocusColumnRecord, 'version' | 'valueFormat'>;

const ADDED_IN_1_3: readonly Added[] = [
  { name: 'ServiceProviderName', dataType: 'String', featureLevel: 'Mandatory', allowsNulls: false },
  { name: 'HostProviderName', dataType: 'String', featureLevel: 'Mandatory', allowsNulls: true },
  { name: 'ContractApplied', dataType: 'JSON', featureLevel: 'Conditional', allowsNulls: true },
  { name: 'AllocatedMethodId', dataType: 'String', featureLevel: 'Conditional', allowsNulls: true },
  { name: 'AllocatedMethodDetails', dataType: 'JSON', featureLevel: 'Conditional', allowsNulls: true },
  { name: 'AllocatedResourceId', dataType: 'String', featureLevel: 'Conditional', allowsNulls: true },
  { name: 'AllocatedResourceName', dataType: 'String', featureLevel: 'Conditional', allowsNulls: true },
  { name: 'AllocatedTags', dataType: 'JSON', featureLevel: 'Conditional', allowsNulls: true },
];

const ADDED_IN_1_4: readonly Added[] = [
  { name: 'InvoiceDetailId', dataType: 'String', featureLevel: 'Mandatory', allowsNulls: true },
  {
    name: 'CommitmentProgramEligibilityDetails',
    dataType: 'JSON',
    featureLevel: 'Conditional',
    allowsNulls: true,
  },
];

const REMOVED_IN_1_4: readonly string[] = ['ProviderName', 'PublisherName'];

function withVersion(records: readonly FocusColumnRecord[], version: FocusVersion): FocusColumnRecord[] {
  return records.map((record) => ({ ...record, version }));
}

function added(records: readonly Added[], version: FocusVersion): FocusColumnRecord[] {
  return records.map((record) => ({ ...record, version, valueFormat: '<not specified>' }));
}

/** The 1.3 and 1.4 records, derived from the 1.2 records given. */
export function deriveNewerColumnRecords(v12: readonly FocusColumnRecord[]): FocusColumnRecord[] {
  const v13 = [...withVersion(v12, '1.3'), ...added(ADDED_IN_1_3, '1.3')];
  const v14 = [
    ...withVersion(
      v13.filter((record) => !REMOVED_IN_1_4.includes(record.name)),
      '1.4',
    ),
    ...added(ADDED_IN_1_4, '1.4'),
  ];
  return [...v13, ...v14];
}

/** Columns FOCUS 1.3 and 1.4 added: kept in a line's extras under these names. */
export const NEWER_FOCUS_COLUMN_NAMES: readonly string[] = [...ADDED_IN_1_3, ...ADDED_IN_1_4].map(
  (record) => record.name,
);
