import type { FocusColumnRecord } from '../focus-column-types.js';
import { detectFocusVersion, focusColumns } from '../focus-schema.js';
import { FOCUS_1_3_ALLOCATION_COLUMNS } from './focus-1-3-allocation-columns.js';

export type RuleLevel = 'MUST' | 'SHOULD';

/** One checkable requirement of the specification: `failing` is a SQL condition true on a failing row. */
export interface FocusCheckRule {
  id: string;
  level: RuleLevel;
  description: string;
  /** null: a file-level rule (a column's presence) that fails as a whole or not at all. */
  failing: string | null;
}

export interface FocusRuleSet {
  version: string;
  rules: FocusCheckRule[];
  /** Presence rules that failed: the column is not in the file. */
  missing: FocusCheckRule[];
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** A value's format by FOCUS data type, as a condition true when the (non-null) value breaks it. */
function typeFailure(column: FocusColumnRecord, value: string): string | null {
  if (column.dataType === 'Decimal')
    return `NOT regexp_full_match(${value}, '-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?')`;
  if (column.dataType === 'Date/Time')
    return `NOT regexp_full_match(${value}, '[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?Z')`;
  if (column.dataType === 'JSON') return `NOT coalesce(json_valid(${value}), false)`;
  if (column.valueFormat === 'Currency Format') return `NOT regexp_full_match(${value}, '[A-Z]{3}')`;
  return null;
}

/**
 * The rules that apply to a file with this header, read from the specification's column
 * records (1.0-1.2 from columns.json, 1.3's allocation columns from this folder).
 * 1. The version: 1.3 when a split-cost allocation column is present, else as the header shows.
 * 2. Per column: presence (Mandatory MUST, Recommended SHOULD), then for a present column its
 *    data type, nullability and allowed values (MUST).
 * 3. Cross-column rules that one file can show: each period ends after it starts, and the
 *    allocation details only on an allocated charge.
 */
export function buildFocusRules(header: readonly string[]): FocusRuleSet {
  const present = new Set(header);
  const isAllocated = FOCUS_1_3_ALLOCATION_COLUMNS.some((column) => present.has(column.name));
  const base = isAllocated ? '1.2' : (detectFocusVersion(header) ?? '1.2');
  const columns: FocusColumnRecord[] = [
    ...focusColumns(base),
    ...(isAllocated ? FOCUS_1_3_ALLOCATION_COLUMNS.map((column) => ({ ...column, version: base })) : []),
  ];
  const rules: FocusCheckRule[] = [];
  const missing: FocusCheckRule[] = [];
  for (const column of columns) {
    const value = quote(column.name);
    if (column.featureLevel !== 'Conditional') {
      const rule: FocusCheckRule = {
        id: `${column.name}.presence`,
        level: column.featureLevel === 'Mandatory' ? 'MUST' : 'SHOULD',
        description: `${column.name} is a ${column.featureLevel} column`,
        failing: null,
      };
      if (!present.has(column.name)) missing.push(rule);
      rules.push(rule);
    }
    if (!present.has(column.name)) continue;
    const type = typeFailure(column, value);
    if (type)
      rules.push({
        id: `${column.name}.type`,
        level: 'MUST',
        description: `${column.name} is of type ${column.dataType}${column.valueFormat.includes('Format') ? ` (${column.valueFormat})` : ''}`,
        failing: `${value} IS NOT NULL AND ${type}`,
      });
    if (!column.allowsNulls)
      rules.push({
        id: `${column.name}.nullability`,
        level: 'MUST',
        description: `${column.name} is never null`,
        failing: `${value} IS NULL`,
      });
    if (column.allowedValues)
      rules.push({
        id: `${column.name}.allowed-values`,
        level: 'MUST',
        description: `${column.name} is one of ${column.allowedValues.join(', ')}`,
        failing: `${value} IS NOT NULL AND ${value} NOT IN (${column.allowedValues.map(literal).join(', ')})`,
      });
  }
  for (const period of ['BillingPeriod', 'ChargePeriod']) {
    const [start, end] = [quote(`${period}Start`), quote(`${period}End`)];
    if (present.has(`${period}Start`) && present.has(`${period}End`))
      rules.push({
        id: `${period}.order`,
        level: 'MUST',
        description: `${period}End is after ${period}Start`,
        failing: `${start} IS NOT NULL AND ${end} IS NOT NULL AND ${end} <= ${start}`,
      });
  }
  if (present.has('AllocatedMethodId') && present.has('AllocatedMethodDetails'))
    rules.push({
      id: 'AllocatedMethodDetails.requires-method',
      level: 'MUST',
      description: 'AllocatedMethodDetails is null when AllocatedMethodId is null',
      failing: `"AllocatedMethodId" IS NULL AND "AllocatedMethodDetails" IS NOT NULL`,
    });
  return { version: isAllocated ? '1.3' : base, rules, missing };
}
