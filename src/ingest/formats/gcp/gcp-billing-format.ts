import { quoteIdentifier, quoteLiteral } from '../../../adapters/sql/sql-text.js';
import { parseTimestampSql } from '../../focus/focus-row-checks.js';
import { columnOrNull, type FocusMapping, type ProviderFormat } from '../provider-format.js';
import { GCP_SERVICE_CATEGORIES, GCP_SIGNATURE } from './gcp-export-columns.js';

/** The columns the credit expansion adds to each row (a cost line, or one of its credits). */
const LINE = 'tollgate_line';
const CREDIT = {
  name: 'tollgate_credit_name',
  type: 'tollgate_credit_type',
  id: 'tollgate_credit_id',
  amount: 'tollgate_credit_amount',
} as const;

const CHARGE_CATEGORY: Record<string, string> = {
  regular: 'Usage',
  tax: 'Tax',
  adjustment: 'Adjustment',
  rounding_error: 'Adjustment',
};

function caseOf(column: string, values: Record<string, string>, otherwise: string): string {
  const whens = Object.entries(values)
    .map(([from, to]) => `WHEN ${quoteLiteral(from)} THEN ${quoteLiteral(to)}`)
    .join(' ');
  return `CASE ${column} ${whens} ELSE ${otherwise} END`;
}

/**
 * One row per charge: each export row as its cost line, then one line per credit in its
 * `credits` list (Google gives a row's credits inside it, as negative amounts).
 */
function expandCredits(credits: string): (rows: string) => string {
  const listOf = (row: string) =>
    `CASE WHEN ${isJsonList(`${row}.${credits}`)} THEN ${row}.${credits} ELSE '[]' END`;
  const field = (name: string) => `json_extract_string(credit.value, ${quoteLiteral(`$.${name}`)})`;
  return (rows) => `(SELECT cost_rows.*, 'cost' AS ${LINE}, CAST(NULL AS VARCHAR) AS ${CREDIT.name},
      CAST(NULL AS VARCHAR) AS ${CREDIT.type}, CAST(NULL AS VARCHAR) AS ${CREDIT.id}, CAST(NULL AS VARCHAR) AS ${CREDIT.amount}
    FROM ${rows} cost_rows
    UNION ALL
    SELECT credit_rows.*, 'credit', ${field('name')}, ${field('type')}, ${field('id')}, ${field('amount')}
    FROM ${rows} credit_rows, json_each(${listOf('credit_rows')}) credit)`;
}

/** Is the text a JSON list? (json_type errors on text that is not JSON, and DuckDB does not short-circuit AND.) */
function isJsonList(text: string): string {
  return `COALESCE(CASE WHEN json_valid(${text}) THEN json_type(${text}) END = 'ARRAY', false)`;
}

/** A BigQuery timestamp (`2024-03-01 00:00:00 UTC`) as ISO text; unreadable text as given. */
function isoTime(column: string): string {
  const parsed = parseTimestampSql(`regexp_replace(${column}, ' UTC$', '')`);
  return `COALESCE(strftime(${parsed}, '%Y-%m-%dT%H:%M:%SZ'), ${column})`;
}

/**
 * Google Cloud's billing export (the BigQuery standard or detailed usage cost table), as JSON
 * lines or as CSV with the columns named by their JSON path (gcp-export-columns.ts). Each
 * credit is a line of its own, so cost and credits stay apart and add up to the net cost.
 *
 * | FOCUS column | cost line / credit line |
 * |---|---|
 * | BilledCost, EffectiveCost, ContractedCost | cost / the credit's amount (negative) |
 * | ListCost | cost_at_list, else cost / 0 |
 * | ChargeCategory | cost_type: regular -> Usage, tax -> Tax, adjustment and rounding_error -> Adjustment / Credit |
 * | ChargeDescription | sku.description / the credit's name |
 * | x_CreditType | - / the credit's type (SUSTAINED_USAGE_DISCOUNT, FREE_TIER, PROMOTION, ...) |
 * | CommitmentDiscountId / Type / Category | - / a committed use discount credit's id, Committed Use Discount, Usage (Spend for the dollar-based one) |
 * | BillingAccountId | billing_account_id |
 * | SubAccountId / Name | project.id / project.name |
 * | BillingCurrency | currency |
 * | BillingPeriodStart / End | invoice.month (YYYYMM) and the month after, else the usage month |
 * | ChargePeriodStart / End | usage_start_time / usage_end_time |
 * | ConsumedQuantity / Unit, PricingQuantity / Unit | usage.amount / usage.unit, usage.amount_in_pricing_units / usage.pricing_unit (cost lines) |
 * | ProviderName, InvoiceIssuerName | Google Cloud |
 * | PublisherName | seller_name, else Google Cloud |
 * | RegionId, RegionName / AvailabilityZone | location.region / location.zone |
 * | ResourceId / ResourceName | resource.global_name, else resource.name / resource.name |
 * | ServiceName / ServiceCategory | service.description / looked up (gcp-export-columns.ts), else Other |
 * | SkuId | sku.id |
 * | Tags | labels ([{key, value}] as an object), on the cost line and its credits |
 */
export const gcpBillingFormat: ProviderFormat = {
  name: 'gcp-billing',
  title: 'Google Cloud billing export (BigQuery table as JSON lines or CSV)',
  focusVersion: '1.0',
  signature(header) {
    const missing = GCP_SIGNATURE.filter((name) => !header.includes(name));
    return { matches: missing.length === 0, missing };
  },
  mapping(header) {
    const used = new Set<string>();
    const col = (name: string) => {
      if (header.includes(name)) used.add(name);
      return columnOrNull(header, name);
    };
    const hasCredits = header.includes('credits');
    const credits = col('credits');
    const line = hasCredits ? quoteIdentifier(LINE) : "'cost'";
    const credit = (key: keyof typeof CREDIT) =>
      hasCredits ? quoteIdentifier(CREDIT[key]) : 'CAST(NULL AS VARCHAR)';
    const isCredit = `${line} = 'credit'`;
    const onCostLine = (sql: string) => `CASE WHEN ${isCredit} THEN NULL ELSE ${sql} END`;
    // A credits text that is not a JSON list would lose its credits: it takes the cost's place, for the check to name.
    const cost = hasCredits
      ? `CASE WHEN ${credits} IS NOT NULL AND NOT ${isJsonList(credits)} THEN ${credits} ELSE ${col('cost')} END`
      : col('cost');
    const amount = `CASE WHEN ${isCredit} THEN ${credit('amount')} ELSE ${cost} END`;
    const start = col('usage_start_time');
    const month = col('invoice.month');
    const periodStart = `COALESCE(try_strptime(${month}, '%Y%m'), date_trunc('month', ${parseTimestampSql(`regexp_replace(${start}, ' UTC$', '')`)}))`;
    const labels = col('labels');
    const committed = `${credit('type')} IN ('COMMITTED_USAGE_DISCOUNT', 'COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE')`;
    const columns: Record<string, string> = {
      BilledCost: amount,
      EffectiveCost: amount,
      ContractedCost: amount,
      ListCost: `CASE WHEN ${isCredit} THEN '0' ELSE COALESCE(${col('cost_at_list')}, ${cost}) END`,
      ListUnitPrice: 'CAST(NULL AS VARCHAR)',
      ContractedUnitPrice: 'CAST(NULL AS VARCHAR)',
      BillingAccountId: col('billing_account_id'),
      BillingAccountName: 'CAST(NULL AS VARCHAR)',
      SubAccountId: col('project.id'),
      SubAccountName: col('project.name'),
      BillingCurrency: col('currency'),
      BillingPeriodStart: `COALESCE(strftime(${periodStart}, '%Y-%m-%dT00:00:00Z'), ${month})`,
      BillingPeriodEnd: `COALESCE(strftime(${periodStart} + INTERVAL 1 MONTH, '%Y-%m-%dT00:00:00Z'), ${month})`,
      ChargePeriodStart: isoTime(start),
      ChargePeriodEnd: isoTime(col('usage_end_time')),
      ChargeCategory: `CASE WHEN ${isCredit} THEN 'Credit' ELSE ${caseOf(col('cost_type'), CHARGE_CATEGORY, `COALESCE(${col('cost_type')}, 'Usage')`)} END`,
      ChargeClass: 'CAST(NULL AS VARCHAR)',
      ChargeFrequency: "'Usage-Based'",
      ChargeDescription: `CASE WHEN ${isCredit} THEN ${credit('name')} ELSE ${col('sku.description')} END`,
      x_CreditType: credit('type'),
      CommitmentDiscountId: `CASE WHEN ${committed} THEN ${credit('id')} END`,
      CommitmentDiscountName: `CASE WHEN ${committed} THEN ${credit('name')} END`,
      CommitmentDiscountType: `CASE WHEN ${committed} THEN 'Committed Use Discount' END`,
      CommitmentDiscountCategory: `CASE WHEN ${credit('type')} = 'COMMITTED_USAGE_DISCOUNT' THEN 'Usage' WHEN ${credit('type')} = 'COMMITTED_USAGE_DISCOUNT_DOLLAR_BASE' THEN 'Spend' END`,
      ConsumedQuantity: onCostLine(col('usage.amount')),
      ConsumedUnit: onCostLine(col('usage.unit')),
      PricingQuantity: onCostLine(col('usage.amount_in_pricing_units')),
      PricingUnit: onCostLine(col('usage.pricing_unit')),
      PricingCategory: 'CAST(NULL AS VARCHAR)',
      InvoiceIssuerName: "'Google Cloud'",
      ProviderName: "'Google Cloud'",
      PublisherName: `COALESCE(${col('seller_name')}, 'Google Cloud')`,
      RegionId: col('location.region'),
      RegionName: col('location.region'),
      AvailabilityZone: col('location.zone'),
      ResourceId: `COALESCE(${col('resource.global_name')}, ${col('resource.name')})`,
      ResourceName: col('resource.name'),
      ResourceType: 'CAST(NULL AS VARCHAR)',
      ServiceName: col('service.description'),
      ServiceCategory: caseOf(col('service.description'), GCP_SERVICE_CATEGORIES, "'Other'"),
      SkuId: col('sku.id'),
      SkuPriceId: 'CAST(NULL AS VARCHAR)',
      Tags: `CASE WHEN ${labels} IS NULL OR ${labels} IN ('', '[]') THEN NULL
        WHEN ${isJsonList(labels)}
        THEN CAST(to_json(map_from_entries(list_transform(CAST(json_extract(${labels}, '$[*]') AS JSON[]), label -> (label->>'key', label->>'value')))) AS VARCHAR)
        ELSE ${labels} END`,
    };
    const sources: Record<string, string> = {
      BilledCost: 'cost, or a credit amount in credits',
      EffectiveCost: 'cost, or a credit amount in credits',
      ContractedCost: 'cost, or a credit amount in credits',
      ListCost: 'cost_at_list',
      BillingAccountId: 'billing_account_id',
      BillingCurrency: 'currency',
      BillingPeriodStart: 'invoice.month',
      BillingPeriodEnd: 'invoice.month',
      ChargePeriodStart: 'usage_start_time',
      ChargePeriodEnd: 'usage_end_time',
      Tags: 'labels',
    };
    return {
      columns,
      sources,
      used,
      rows: null,
      expand: hasCredits ? expandCredits(quoteIdentifier('credits')) : null,
    } satisfies FocusMapping;
  },
};
