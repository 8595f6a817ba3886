import type {
  ColumnDimension,
  CostQuery,
  Dimension,
  OwnerDimension,
} from '../../../core/costs/cost-query.js';
import { isOwnerDimension, isTagDimension, usesAllocatedLines } from '../../../core/costs/cost-query.js';
import type { SqlParams } from '../../../ports/sql-engine.js';
import type { SqlDialect } from '../sql-dialect.js';

const COLUMN_OF: Record<ColumnDimension, string> = {
  provider: 'provider_name',
  'billing-account': 'billing_account_id',
  'sub-account': 'sub_account_id',
  service: 'service_name',
  'service-category': 'service_category',
  region: 'region_id',
  resource: 'resource_id',
  'charge-category': 'charge_category',
  'pricing-category': 'pricing_category',
  currency: 'billing_currency',
};

/** Columns of the allocated_cost_lines view (allocated lines joined to their cost lines). */
const OWNER_COLUMN_OF: Record<OwnerDimension, string> = {
  team: 'team',
  'catalog-service': 'catalog_service',
  'cost-centre': 'cost_centre',
  'business-unit': 'business_unit',
  environment: 'environment',
};

const METRIC_COLUMN = {
  billed: 'billed_cost',
  effective: 'effective_cost',
  list: 'list_cost',
  contracted: 'contracted_cost',
} as const;

export interface BuiltSql {
  sql: string;
  params: SqlParams;
  /** Result column alias of each dimension, in --by order. */
  aliases: string[];
}

/**
 * Builds the grouped-sum statement of a cost query. Every user value (dates, filter values,
 * tag keys) goes in as a bound parameter; only fixed column names and aliases are written in.
 */
export function buildCostQuerySql(query: CostQuery, dialect: SqlDialect, table?: string): BuiltSql {
  // Owner dimensions exist only on allocated lines; each carries its share of billed and effective cost.
  const relation = table ?? (usesAllocatedLines(query) ? 'allocated_cost_lines' : 'cost_lines');
  const params: SqlParams = {};
  let counter = 0;
  const bind = (value: string) => {
    const name = `p${counter++}`;
    params[name] = value;
    return name;
  };
  const expressionOf = (dimension: Dimension): string => {
    if (isTagDimension(dimension)) return dialect.tagValue('tags', dialect.param(bind(dimension.slice(4))));
    if (dimension === 'day') return dialect.dayLabel('charge_period_start');
    if (dimension === 'week') return dialect.weekLabel('charge_period_start');
    if (dimension === 'month') return dialect.monthLabel('charge_period_start');
    if (isOwnerDimension(dimension)) return OWNER_COLUMN_OF[dimension];
    return COLUMN_OF[dimension];
  };

  const aliases = query.groupBy.map((_, index) => `d${index}`);
  const select = query.groupBy.map((dimension, index) => `${expressionOf(dimension)} AS ${aliases[index]}`);
  const where: string[] = [];
  if (query.from) where.push(`charge_period_start >= ${dialect.dateParam(bind(query.from))}`);
  if (query.to) where.push(`charge_period_start < ${dialect.dateParam(bind(query.to))}`);
  for (const filter of query.filters) {
    const expression = expressionOf(filter.dimension);
    // An exclusion compares through COALESCE: a line without the dimension compares as NULL,
    // and NOT NULL would drop a line the exclusion does not name.
    const alternatives = filter.values.map((value) => {
      if (value === null) return `${expression} IS NULL`;
      const equal = `${expression} = ${dialect.param(bind(value))}`;
      return filter.exclude ? `COALESCE(${equal}, FALSE)` : equal;
    });
    where.push(`${filter.exclude ? 'NOT ' : ''}(${alternatives.join(' OR ')})`);
  }
  const metric = METRIC_COLUMN[query.metric];
  const groupCount = aliases.length + 1;
  const sql = [
    `SELECT ${[...select, 'billing_currency AS currency', `${dialect.moneyText(`COALESCE(SUM(${metric}), 0)`)} AS cost`].join(', ')}`,
    `FROM ${relation}`,
    where.length > 0 ? `WHERE ${where.join(' AND ')}` : '',
    `GROUP BY ${Array.from({ length: groupCount }, (_, index) => index + 1).join(', ')}`,
  ]
    .filter(Boolean)
    .join('\n');
  return { sql, params, aliases };
}
