/**
 * A rule set says who owns each cost line. Mapping rules give a line to one owner; shared-cost
 * rules split a line across several teams by a named method. Shared rules are tried first (a
 * shared database is often tagged with the platform team that runs it), then mapping rules;
 * within each list the first matching rule wins, in the order written. A line no rule claims
 * belongs to `unallocated`.
 */

/** The text columns of a cost line a rule may match on (FOCUS names in snake_case). */
export const MATCH_COLUMNS = [
  'availability_zone',
  'billing_account_id',
  'billing_account_name',
  'billing_account_type',
  'billing_currency',
  'capacity_reservation_id',
  'capacity_reservation_status',
  'charge_category',
  'charge_class',
  'charge_description',
  'charge_frequency',
  'commitment_discount_category',
  'commitment_discount_id',
  'commitment_discount_name',
  'commitment_discount_status',
  'commitment_discount_type',
  'commitment_discount_unit',
  'consumed_unit',
  'invoice_id',
  'invoice_issuer_name',
  'pricing_category',
  'pricing_currency',
  'pricing_unit',
  'provider_name',
  'publisher_name',
  'region_id',
  'region_name',
  'resource_id',
  'resource_name',
  'resource_type',
  'service_category',
  'service_name',
  'service_subcategory',
  'sku_id',
  'sku_meter',
  'sku_price_id',
  'sub_account_id',
  'sub_account_name',
  'sub_account_type',
] as const;
export type MatchColumn = (typeof MATCH_COLUMNS)[number];

export type MatchField =
  | { kind: 'column'; column: MatchColumn }
  /** `ignoreKeyCase`: `team`, `Team` and `TEAM` are the same key (see tag-lookup.ts). */
  | { kind: 'tag'; key: string; ignoreKeyCase: boolean };

export type Condition =
  | { field: MatchField; op: 'equals'; value: string }
  | { field: MatchField; op: 'in'; values: string[] }
  | { field: MatchField; op: 'prefix'; value: string }
  | { field: MatchField; op: 'regex'; pattern: string }
  /** `missing: true`: absent or empty; `missing: false`: present and not empty. */
  | { field: MatchField; op: 'missing'; missing: boolean };

export interface OwnerAssignment {
  team?: string;
  service?: string;
  costCentre?: string;
  environment?: string;
}

export interface MappingRule {
  id: string;
  /** All must hold; none means every line. */
  conditions: Condition[];
  set: OwnerAssignment;
  line: number;
}

export const SPLIT_METHODS = ['even', 'proportional', 'driver', 'fixed'] as const;
export type SplitMethod = (typeof SPLIT_METHODS)[number];

export interface SharedRule {
  id: string;
  conditions: Condition[];
  method: SplitMethod;
  /** Team ids, sorted; for `fixed` the keys of `shares`. */
  targets: string[];
  /** For `driver`: the usage metric loaded with `tollgate drivers load`. */
  driver?: string;
  /** For `fixed`: percentage per team as a decimal string; they sum to exactly 100. */
  shares?: Record<string, string>;
  line: number;
}

export interface RuleSet {
  /** First period (YYYY-MM) this rule set applies to, when the file says so. */
  effectiveFrom?: string;
  /** Rule-set-wide default for tag key matching; a condition may still ask for ignore_key_case. */
  tagKeys: 'exact' | 'case-insensitive';
  mapping: MappingRule[];
  shared: SharedRule[];
}

export function fieldName(field: MatchField): string {
  return field.kind === 'column' ? field.column : `tag:${field.key}`;
}
