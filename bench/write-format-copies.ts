// The ingest benchmark's other formats: the demo FOCUS CSV rewritten, row for row, as a legacy
// AWS Cost and Usage Report and as a FOCUS 1.4 export, by DuckDB, so each format's load can be
// compared with loading the equivalent FOCUS file and with DuckDB's bare read_csv of itself.
import { DuckDBInstance } from '@duckdb/node-api';

async function copyWith(csv: string, target: string, select: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:', { memory_limit: '1GB', threads: '2' });
  const connection = await instance.connect();
  try {
    await connection.run(
      `COPY (SELECT ${select} FROM read_csv('${csv}', all_varchar = true, header = true)) TO '${target}' (HEADER, DELIMITER ',')`,
    );
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

/** Legacy CUR columns from the FOCUS columns they map to (the reverse of aws-cur-format.ts). */
export function writeCurCopy(csv: string, target: string): Promise<void> {
  const columns: [string, string][] = [
    ['identity/LineItemId', "'line-' || CAST(row_number() OVER () AS VARCHAR)"],
    ['bill/PayerAccountId', 'BillingAccountId'],
    ['bill/BillingPeriodStartDate', 'BillingPeriodStart'],
    ['bill/BillingPeriodEndDate', 'BillingPeriodEnd'],
    ['bill/InvoicingEntity', 'InvoiceIssuerName'],
    ['lineItem/UsageAccountId', 'SubAccountId'],
    [
      'lineItem/LineItemType',
      "CASE ChargeCategory WHEN 'Tax' THEN 'Tax' WHEN 'Purchase' THEN 'Fee' WHEN 'Credit' THEN 'Credit' ELSE 'Usage' END",
    ],
    ['lineItem/UsageStartDate', 'ChargePeriodStart'],
    ['lineItem/UsageEndDate', 'ChargePeriodEnd'],
    ['lineItem/ProductCode', 'ServiceName'],
    ['lineItem/UsageAmount', 'ConsumedQuantity'],
    ['lineItem/CurrencyCode', 'BillingCurrency'],
    ['lineItem/UnblendedRate', 'ContractedUnitPrice'],
    ['lineItem/UnblendedCost', 'BilledCost'],
    ['lineItem/LineItemDescription', 'ChargeDescription'],
    ['lineItem/ResourceId', 'ResourceId'],
    ['lineItem/AvailabilityZone', 'AvailabilityZone'],
    ['product/regionCode', 'RegionId'],
    ['product/location', 'RegionName'],
    ['product/sku', 'SkuId'],
    ['pricing/unit', 'PricingUnit'],
    ['pricing/publicOnDemandCost', 'ListCost'],
    ['pricing/publicOnDemandRate', 'ListUnitPrice'],
    ['resourceTags/user:team', "json_extract_string(Tags, '$.team')"],
    ['resourceTags/user:environment', "json_extract_string(Tags, '$.environment')"],
  ];
  return copyWith(csv, target, columns.map(([name, sql]) => `${sql} AS "${name}"`).join(', '));
}

/** FOCUS 1.4: ProviderName becomes ServiceProviderName, PublisherName goes, InvoiceDetailId comes. */
export function writeFocus14Copy(csv: string, target: string): Promise<void> {
  return copyWith(
    csv,
    target,
    `* EXCLUDE (ProviderName, PublisherName), ProviderName AS ServiceProviderName, ProviderName AS HostProviderName,
     InvoiceId || '-' || CAST(row_number() OVER () AS VARCHAR) AS InvoiceDetailId`,
  );
}
