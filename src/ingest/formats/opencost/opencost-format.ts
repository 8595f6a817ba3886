import { parseTimestampSql } from '../../focus/focus-row-checks.js';
import { columnOrNull, type FocusMapping, type ProviderFormat } from '../provider-format.js';

/** The CSV export's columns that mark it, and the flattened /allocation response's. */
const CSV_SIGNATURE = [
  'Date',
  'Namespace',
  'ControllerKind',
  'ControllerName',
  'Pod',
  'Container',
  'TotalCost',
];
const JSON_SIGNATURE = ['window.start', 'window.end', 'properties.namespace', 'totalCost'];

/** OpenCost's cluster id when it is not set (and the CSV export, which does not name it). */
const DEFAULT_CLUSTER = 'default-cluster';

/**
 * Kubernetes costs from OpenCost: its CSV export (one row per day and container) and its
 * `/allocation` API response (JSON; one row per window and aggregate, flattened by
 * describe-json-file.ts). The mapping, per FOCUS column (CSV column / allocation field):
 *
 * | FOCUS column | from |
 * |---|---|
 * | BilledCost, EffectiveCost, ListCost, ContractedCost | TotalCost / totalCost (the other cost parts are kept as x_ extras) |
 * | BillingAccountId / Name | Cluster / properties.cluster, else `default-cluster` (OpenCost's own default) |
 * | SubAccountId / Name | Namespace / properties.namespace |
 * | BillingCurrency | Currency when the file has it, else USD: OpenCost reports in its configured currency, USD unless set, and does not write it |
 * | ChargePeriodStart / End | Date / Date plus one day; window.start / window.end |
 * | BillingPeriodStart / End | the month of the charge period's start |
 * | ChargeCategory / ChargeFrequency | Usage / Usage-Based |
 * | ProviderName, PublisherName, ServiceName | Kubernetes |
 * | InvoiceIssuerName | OpenCost |
 * | ServiceCategory | Compute |
 * | ResourceId | namespace/pod/container, as far as the row names them |
 * | ResourceName | Pod / name (the aggregate: a namespace, a pod, `__idle__`) |
 * | Tags | the namespace's labels, then the labels (Labels / properties.labels), then `namespace`, `controller`, `controller_kind`, `pod`, `container` |
 *
 * Idle cost (`__idle__`) is a line of its own, so allocation can give it an owner of its own.
 * A load replaces the earlier lines of the same cluster and month, as any provider's does: load
 * each export covering the month so far.
 */
export const openCostFormat: ProviderFormat = {
  name: 'opencost',
  title: 'OpenCost (CSV export or /allocation API response)',
  focusVersion: '1.0',
  signature(header) {
    const missingCsv = CSV_SIGNATURE.filter((name) => !header.includes(name));
    const missingJson = JSON_SIGNATURE.filter((name) => !header.includes(name));
    return { matches: missingCsv.length === 0 || missingJson.length === 0, missing: missingCsv };
  },
  mapping(header) {
    const used = new Set<string>();
    const json = header.includes('window.start');
    /** The CSV column or the allocation field, whichever the file has. */
    const col = (csv: string, allocation: string) => {
      const name = json ? allocation : csv;
      if (header.includes(name)) used.add(name);
      return columnOrNull(header, name);
    };
    for (const name of header) if (name.startsWith('Label_')) used.add(name);
    const cost = col('TotalCost', 'totalCost');
    const start = col('Date', 'window.start');
    const namespace = col('Namespace', 'properties.namespace');
    const pod = col('Pod', 'properties.pod');
    const container = col('Container', 'properties.container');
    const controller = col('ControllerName', 'properties.controller');
    const controllerKind = col('ControllerKind', 'properties.controllerKind');
    const labels = col('Labels', 'properties.labels');
    const namespaceLabels = json ? col('', 'properties.namespaceLabels') : 'CAST(NULL AS VARCHAR)';
    const startAt = parseTimestampSql(start);
    const iso = (timestamp: string) => `strftime(${timestamp}, '%Y-%m-%dT%H:%M:%SZ')`;
    const month = `date_trunc('month', ${startAt})`;
    const objectOrEmpty = (text: string) => `CASE WHEN json_valid(${text}) THEN ${text} ELSE '{}' END`;
    const meta = `json_object('namespace', ${namespace}, 'controller', ${controller}, 'controller_kind', ${controllerKind}, 'pod', ${pod}, 'container', ${container})`;
    const columns: Record<string, string> = {
      // Costs taken as they are stay text, so the staging checks see (and name) a bad value.
      BilledCost: cost,
      EffectiveCost: cost,
      ListCost: cost,
      ContractedCost: cost,
      ListUnitPrice: 'CAST(NULL AS VARCHAR)',
      ContractedUnitPrice: 'CAST(NULL AS VARCHAR)',
      BillingAccountId: `COALESCE(${col('Cluster', 'properties.cluster')}, '${DEFAULT_CLUSTER}')`,
      BillingAccountName: `COALESCE(${col('Cluster', 'properties.cluster')}, '${DEFAULT_CLUSTER}')`,
      SubAccountId: namespace,
      SubAccountName: namespace,
      BillingCurrency: `COALESCE(${col('Currency', 'currency')}, 'USD')`,
      BillingPeriodStart: `COALESCE(${iso(month)}, ${start})`,
      BillingPeriodEnd: `COALESCE(${iso(`${month} + INTERVAL 1 MONTH`)}, ${start})`,
      ChargePeriodStart: `COALESCE(${iso(startAt)}, ${start})`,
      ChargePeriodEnd: json
        ? col('', 'window.end')
        : `COALESCE(${iso(`${startAt} + INTERVAL 1 DAY`)}, ${start})`,
      ChargeCategory: "'Usage'",
      ChargeClass: 'CAST(NULL AS VARCHAR)',
      ChargeFrequency: "'Usage-Based'",
      ChargeDescription: `'Kubernetes allocation ' || concat_ws('/', ${namespace}, ${pod}, ${container})`,
      CommitmentDiscountId: 'CAST(NULL AS VARCHAR)',
      CommitmentDiscountName: 'CAST(NULL AS VARCHAR)',
      CommitmentDiscountType: 'CAST(NULL AS VARCHAR)',
      CommitmentDiscountCategory: 'CAST(NULL AS VARCHAR)',
      ConsumedQuantity: 'CAST(NULL AS VARCHAR)',
      ConsumedUnit: 'CAST(NULL AS VARCHAR)',
      PricingQuantity: 'CAST(NULL AS VARCHAR)',
      PricingUnit: 'CAST(NULL AS VARCHAR)',
      PricingCategory: 'CAST(NULL AS VARCHAR)',
      InvoiceIssuerName: "'OpenCost'",
      ProviderName: "'Kubernetes'",
      PublisherName: "'Kubernetes'",
      RegionId: 'CAST(NULL AS VARCHAR)',
      RegionName: 'CAST(NULL AS VARCHAR)',
      AvailabilityZone: 'CAST(NULL AS VARCHAR)',
      ResourceId: `NULLIF(concat_ws('/', ${namespace}, ${pod}, ${container}), '')`,
      ResourceName: json ? col('', 'name') : pod,
      ResourceType: 'CAST(NULL AS VARCHAR)',
      ServiceName: "'Kubernetes'",
      ServiceCategory: "'Compute'",
      SkuId: 'CAST(NULL AS VARCHAR)',
      SkuPriceId: 'CAST(NULL AS VARCHAR)',
      // A label text that is not JSON goes through as given, for the Tags check to name.
      Tags: `CASE WHEN ${labels} IS NOT NULL AND NOT json_valid(${labels}) THEN ${labels}
        ELSE CAST(json_merge_patch('{}', ${objectOrEmpty(`COALESCE(${namespaceLabels}, '{}')`)}, ${objectOrEmpty(`COALESCE(${labels}, '{}')`)}, ${meta}) AS VARCHAR) END`,
    };
    const source = (csv: string, allocation: string) => (json ? allocation : csv);
    const sources: Record<string, string> = {
      BilledCost: source('TotalCost', 'totalCost'),
      EffectiveCost: source('TotalCost', 'totalCost'),
      ListCost: source('TotalCost', 'totalCost'),
      ContractedCost: source('TotalCost', 'totalCost'),
      ChargePeriodStart: source('Date', 'window.start'),
      ChargePeriodEnd: source('Date', 'window.end'),
      BillingPeriodStart: source('Date', 'window.start'),
      BillingPeriodEnd: source('Date', 'window.start'),
      Tags: source('Labels', 'properties.labels'),
    };
    return { columns, sources, used, rows: null, expand: null } satisfies FocusMapping;
  },
};
