import { TollgateError } from '../errors.js';
import { type FieldLabels, labelOf } from '../field-labels.js';

/** The four FOCUS cost metrics stay distinct; every report says which one it shows. */
export const COST_METRICS = ['billed', 'effective', 'list', 'contracted'] as const;
export type CostMetric = (typeof COST_METRICS)[number];

export const COLUMN_DIMENSIONS = [
  'provider',
  'billing-account',
  'sub-account',
  'service',
  'service-category',
  'region',
  'resource',
  'charge-category',
  'pricing-category',
  'currency',
] as const;
export const TIME_DIMENSIONS = ['day', 'week', 'month'] as const;
/**
 * Owners from the allocation run (allocated lines, not raw cost lines). `catalog-service` is
 * the catalogue's service; `service` stays the provider's ServiceName.
 */
export const OWNER_DIMENSIONS = [
  'team',
  'catalog-service',
  'cost-centre',
  'business-unit',
  'environment',
] as const;

export type ColumnDimension = (typeof COLUMN_DIMENSIONS)[number];
export type TimeDimension = (typeof TIME_DIMENSIONS)[number];
export type OwnerDimension = (typeof OWNER_DIMENSIONS)[number];
export type TagDimension = `tag:${string}`;
export type Dimension = ColumnDimension | TimeDimension | TagDimension | OwnerDimension;

export interface CostFilter {
  dimension: ColumnDimension | TagDimension | OwnerDimension;
  /** Any of these values matches; null matches a missing value (`tag:team=`). */
  values: (string | null)[];
  /**
   * Keep the lines that match none of the values (`team!=checkout`); a line without the
   * dimension is kept unless null is among them. Only cost queries parse it (parseCostFilter).
   */
  exclude?: boolean;
}

export interface CostQuery {
  /** Inclusive start date (YYYY-MM-DD) of ChargePeriodStart, or unbounded. */
  from?: string;
  /** Exclusive end date (YYYY-MM-DD) of ChargePeriodStart, or unbounded. */
  to?: string;
  groupBy: Dimension[];
  metric: CostMetric;
  filters: CostFilter[];
}

/** One result row: the dimension values by name as given to --by, its currency and exact cost. */
export interface CostRow {
  dimensions: Record<string, string | null>;
  currency: string;
  cost: string;
  /** Set on the one row per currency that sums the groups past a top N (top-n.ts); never ranked. */
  isRemainder?: true;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The longest tag key a query may name (AWS allows 128 characters, Azure 512). */
const MAX_TAG_KEY_LENGTH = 512;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what tag keys may not hold
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

export function isTimeDimension(dimension: Dimension): dimension is TimeDimension {
  return (TIME_DIMENSIONS as readonly string[]).includes(dimension);
}

export function isTagDimension(dimension: Dimension): dimension is TagDimension {
  return dimension.startsWith('tag:');
}

export function isOwnerDimension(dimension: Dimension): dimension is OwnerDimension {
  return (OWNER_DIMENSIONS as readonly string[]).includes(dimension);
}

/** Owner dimensions (grouped or filtered) are answered from allocated lines. */
export function usesAllocatedLines(query: Pick<CostQuery, 'groupBy' | 'filters'>): boolean {
  return (
    query.groupBy.some(isOwnerDimension) || query.filters.some((filter) => isOwnerDimension(filter.dimension))
  );
}

export function parseDimension(text: string): Dimension {
  const value = text.trim();
  if (value.startsWith('tag:')) {
    if (value.length === 4) {
      throw new TollgateError(
        'QUERY_BAD_DIMENSION',
        'A tag dimension needs a key: write tag:<key>, for example tag:team.',
        'usage',
      );
    }
    const key = value.slice(4);
    // Any printable text is a tag key in some provider's data (AWS allows `:/=+-@`, Azure far
    // more); the engines quote it. Control characters and very long keys are never real keys.
    if (key.length > MAX_TAG_KEY_LENGTH || CONTROL_CHARACTERS.test(key)) {
      throw new TollgateError(
        'QUERY_BAD_TAG_KEY',
        `Tag key '${key.slice(0, 40).replace(new RegExp(CONTROL_CHARACTERS, 'g'), '?')}' is not a tag key: write tag:<key> with up to ${MAX_TAG_KEY_LENGTH} printable characters (letters, digits, spaces and punctuation such as _ . : / + - @), no control characters.`,
        'usage',
      );
    }
    return value as TagDimension;
  }
  if (
    (COLUMN_DIMENSIONS as readonly string[]).includes(value) ||
    (TIME_DIMENSIONS as readonly string[]).includes(value) ||
    (OWNER_DIMENSIONS as readonly string[]).includes(value)
  ) {
    return value as Dimension;
  }
  throw new TollgateError(
    'QUERY_BAD_DIMENSION',
    `Unknown dimension '${value}'. Use one of: ${[...COLUMN_DIMENSIONS, ...TIME_DIMENSIONS].join(', ')}, tag:<key>, or on allocated data ${OWNER_DIMENSIONS.join(', ')}.`,
    'usage',
  );
}

/** Parses `dim=value` (`tag:team=payments`; an empty value means "missing"). */
export function parseFilter(text: string, labels?: FieldLabels<'from' | 'to'>): CostFilter {
  const at = text.indexOf('=', text.startsWith('tag:') ? 4 : 0);
  if (at <= 0) throw badFilter(text);
  const dimension = parseDimension(text.slice(0, at));
  if (isTimeDimension(dimension)) {
    throw new TollgateError(
      'QUERY_BAD_FILTER',
      `Dates are not a filter: give the date range with ${labelOf(labels, 'from')} and ${labelOf(labels, 'to')} instead of ${dimension}=.`,
      'usage',
    );
  }
  const value = text.slice(at + 1);
  return { dimension, values: [value === '' ? null : value] };
}

function badFilter(text: string): TollgateError {
  return new TollgateError(
    'QUERY_BAD_FILTER',
    `Filter '${text}' is not dimension=value. Write for example service=Amazon EC2, tag:team=payments, or tag:team= for lines without the tag.`,
    'usage',
  );
}

/**
 * Parses a cost query's filter: `dim=value` keeps, `dim!=value` leaves out (`tag:team!=` leaves
 * out the lines without the tag). Budgets, alerts and routes keep to parseFilter's `=` alone.
 */
export function parseCostFilter(text: string, labels?: FieldLabels<'from' | 'to'>): CostFilter {
  const at = text.indexOf('=', text.startsWith('tag:') ? 4 : 0);
  if (at <= 0 || text[at - 1] !== '!') return parseFilter(text, labels);
  if (at === 1) throw badFilter(text);
  return { ...parseFilter(`${text.slice(0, at - 1)}${text.slice(at)}`, labels), exclude: true };
}

/**
 * Filters on one dimension are OR-ed (any value), filters on different dimensions AND-ed;
 * exclusions on one dimension are merged apart from its inclusions (none of them may match).
 */
export function mergeFilters(filters: CostFilter[]): CostFilter[] {
  const merged = new Map<string, CostFilter>();
  for (const filter of filters) {
    const key = `${filter.exclude ? '!' : ''}${filter.dimension}`;
    const existing = merged.get(key);
    if (existing) existing.values.push(...filter.values);
    else
      merged.set(key, {
        dimension: filter.dimension,
        values: [...filter.values],
        ...(filter.exclude ? { exclude: true } : {}),
      });
  }
  return [...merged.values()];
}

export function parseMetric(text: string): CostMetric {
  if ((COST_METRICS as readonly string[]).includes(text)) return text as CostMetric;
  throw new TollgateError(
    'QUERY_BAD_METRIC',
    `Unknown metric '${text}'. Use one of: ${COST_METRICS.join(', ')}.`,
    'usage',
  );
}

/** Checks a half-open day range; `labels` are the caller's names for from and to. */
export function validateDateRange(
  from: string | undefined,
  to: string | undefined,
  labels: FieldLabels<'from' | 'to'> = {},
): void {
  const [fromField, toField] = [labelOf(labels, 'from'), labelOf(labels, 'to')];
  for (const [name, value] of [
    [fromField, from],
    [toField, to],
  ] as const) {
    if (value === undefined) continue;
    const parsed = new Date(`${value}T00:00:00Z`);
    if (!DATE.test(value) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) {
      throw new TollgateError(
        'QUERY_BAD_DATE',
        `${name} ${value} is not a date; write YYYY-MM-DD, for example 2026-01-01.`,
        'usage',
      );
    }
  }
  if (from !== undefined && to !== undefined && from >= to) {
    throw new TollgateError(
      'QUERY_BAD_DATE',
      `${fromField} ${from} is not before ${toField} ${to}; the range is half-open [from, to), so ${toField} must be later.`,
      'usage',
    );
  }
}
