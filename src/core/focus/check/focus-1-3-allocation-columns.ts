import type { FocusColumnRecord } from '../focus-column-types.js';

/**
 * The split-cost allocation columns FOCUS 1.3 adds to the Cost and Usage dataset (not in
 * ../shared/data/focus/columns.json, which stops at 1.2). All are Conditional: null on a charge
 * that no data generator split, filled on an allocated charge. Typed as the 1.2 records are;
 * the version field says which set they extend.
 */
export const FOCUS_1_3_ALLOCATION_COLUMNS: readonly Omit<FocusColumnRecord, 'version'>[] = [
  {
    name: 'AllocatedMethodId',
    dataType: 'String',
    featureLevel: 'Conditional',
    allowsNulls: true,
    valueFormat: '<not specified>',
  },
  {
    name: 'AllocatedMethodDetails',
    dataType: 'JSON',
    featureLevel: 'Conditional',
    allowsNulls: true,
    valueFormat: 'JSON object',
  },
  {
    name: 'AllocatedResourceId',
    dataType: 'String',
    featureLevel: 'Conditional',
    allowsNulls: true,
    valueFormat: '<not specified>',
  },
  {
    name: 'AllocatedResourceName',
    dataType: 'String',
    featureLevel: 'Conditional',
    allowsNulls: true,
    valueFormat: '<not specified>',
  },
  {
    name: 'AllocatedTags',
    dataType: 'JSON',
    featureLevel: 'Conditional',
    allowsNulls: true,
    valueFormat: 'Key-Value Format',
  },
];
