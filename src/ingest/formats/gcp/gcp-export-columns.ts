import { quoteIdentifier, quoteLiteral } from '../../../adapters/sql/sql-text.js';

/**
 * The columns of Google Cloud's BigQuery billing export that Tollgate reads, named by their JSON
 * path (`service.description`). A CSV uses these names (BigQuery cannot extract nested records
 * to CSV, so a CSV comes from a query that flattens them); the JSON lines export is flattened to
 * them. `labels` and `credits` (repeated records) are JSON text.
 */
export const GCP_EXPORT_COLUMNS = [
  'billing_account_id',
  'service.id',
  'service.description',
  'sku.id',
  'sku.description',
  'usage_start_time',
  'usage_end_time',
  'project.id',
  'project.name',
  'labels',
  'location.region',
  'location.zone',
  'resource.name',
  'resource.global_name',
  'cost',
  'currency',
  'usage.amount',
  'usage.unit',
  'usage.amount_in_pricing_units',
  'usage.pricing_unit',
  'credits',
  'invoice.month',
  'cost_type',
  'cost_at_list',
  'seller_name',
] as const;

/** The columns that mark a header as Google's export. */
export const GCP_SIGNATURE = [
  'billing_account_id',
  'service.description',
  'usage_start_time',
  'cost',
  'currency',
];

/** Is this JSON document (one line of the export) a row of Google's billing export? */
export function isGcpExportRowSql(json: string): string {
  return `(json_exists(${json}, '$.billing_account_id') AND json_exists(${json}, '$.usage_start_time') AND json_exists(${json}, '$.cost'))`;
}

/**
 * The JSON lines export as rows of the flattened columns. Numbers keep the text of the double
 * BigQuery wrote (its cost columns are FLOAT64).
 */
export function gcpExportRows(path: string): string {
  const select = GCP_EXPORT_COLUMNS.map((column) => {
    const pointer = quoteLiteral(`$.${column}`);
    const value =
      column === 'labels' || column === 'credits'
        ? `CAST(json_extract(document.json, ${pointer}) AS VARCHAR)`
        : `json_extract_string(document.json, ${pointer})`;
    return `${value} AS ${quoteIdentifier(column)}`;
  });
  return `(SELECT ${select.join(', ')} FROM read_json_objects(${quoteLiteral(path)}, format = 'auto') document)`;
}

/** FOCUS ServiceCategory of Google Cloud services (service.description). Others are Other. */
export const GCP_SERVICE_CATEGORIES: Record<string, string> = {
  'Compute Engine': 'Compute',
  'Kubernetes Engine': 'Compute',
  'Cloud Run': 'Compute',
  'Cloud Functions': 'Compute',
  'App Engine': 'Compute',
  'Cloud Storage': 'Storage',
  'Cloud Filestore': 'Storage',
  'Cloud SQL': 'Databases',
  'Cloud Spanner': 'Databases',
  'Cloud Bigtable': 'Databases',
  Firestore: 'Databases',
  'Cloud Memorystore for Redis': 'Databases',
  BigQuery: 'Analytics',
  'Cloud Dataflow': 'Analytics',
  'Cloud Pub/Sub': 'Integration',
  Networking: 'Networking',
  'Cloud DNS': 'Networking',
  'Cloud CDN': 'Networking',
  'Cloud Load Balancing': 'Networking',
  'Cloud Logging': 'Management and Governance',
  'Cloud Monitoring': 'Management and Governance',
  'Secret Manager': 'Security',
  'Cloud Key Management Service (KMS)': 'Security',
  'Vertex AI': 'AI and Machine Learning',
  'Artifact Registry': 'Developer Tools',
  'Cloud Build': 'Developer Tools',
};
