/**
 * The FOCUS datasets that are not cost lines: ContractCommitment (1.3 and 1.4), BillingPeriod
 * and InvoiceDetail (1.4). Each loads into a table of its own with one shape: the record's key,
 * a period, an amount and currency, a label, and every column of the row as given (attributes,
 * JSON), so the specification's further columns are kept without a migration each. A file is
 * recognised by columns only its dataset has; a record replaces the earlier record with the
 * same key, so loading a dataset twice changes nothing.
 */
export type FocusDatasetName = 'contract-commitment' | 'billing-period' | 'invoice-detail';

export interface FocusDatasetShape {
  name: FocusDatasetName;
  /** As the specification names it. */
  title: string;
  table: string;
  /** Every one of these columns in a header marks a file as this dataset... */
  marks: readonly string[];
  /** ...unless it also has one of these (a 1.4 cost and usage file has InvoiceDetailId too). */
  unless: readonly string[];
  /** The columns a record is identified by (those of them the file has). */
  key: readonly string[];
  /** Columns that must be present and never empty. */
  required: readonly string[];
  periodStart?: string;
  periodEnd?: string;
  amount?: string;
  currency?: string;
  label?: string;
}

export const FOCUS_DATASETS: readonly FocusDatasetShape[] = [
  {
    name: 'contract-commitment',
    title: 'ContractCommitment',
    table: 'focus_contract_commitments',
    marks: ['ContractCommitmentId', 'ContractId'],
    unless: ['ChargePeriodStart'],
    key: ['ContractCommitmentId'],
    required: ['ContractCommitmentId', 'ContractId'],
    periodStart: 'ContractCommitmentPeriodStart',
    periodEnd: 'ContractCommitmentPeriodEnd',
    amount: 'ContractCommitmentCost',
    currency: 'BillingCurrency',
    label: 'ContractCommitmentCategory',
  },
  {
    name: 'billing-period',
    title: 'BillingPeriod',
    table: 'focus_billing_periods',
    marks: ['BillingPeriodStart', 'BillingPeriodStatus'],
    unless: ['ChargePeriodStart'],
    key: ['BillingAccountId', 'InvoiceIssuerName', 'BillingPeriodStart'],
    required: ['BillingPeriodStart', 'BillingPeriodStatus'],
    periodStart: 'BillingPeriodStart',
    periodEnd: 'BillingPeriodEnd',
    label: 'BillingPeriodStatus',
  },
  {
    name: 'invoice-detail',
    title: 'InvoiceDetail',
    table: 'focus_invoice_details',
    marks: ['InvoiceId', 'InvoiceDetailId'],
    unless: ['ChargePeriodStart'],
    key: ['InvoiceId', 'InvoiceDetailId'],
    required: ['InvoiceId', 'InvoiceDetailId', 'BilledCost', 'BillingCurrency'],
    periodStart: 'BillingPeriodStart',
    periodEnd: 'BillingPeriodEnd',
    amount: 'BilledCost',
    currency: 'BillingCurrency',
    label: 'ChargeCategory',
  },
];

export const FOCUS_DATASET_NAMES: readonly FocusDatasetName[] = FOCUS_DATASETS.map((shape) => shape.name);

/** The dataset a header belongs to, or undefined for a cost and usage (or unknown) file. */
export function detectFocusDataset(header: readonly string[]): FocusDatasetShape | undefined {
  const present = new Set(header);
  return FOCUS_DATASETS.find(
    (shape) =>
      shape.marks.every((column) => present.has(column)) && !shape.unless.some((c) => present.has(c)),
  );
}

export function focusDatasetNamed(name: string): FocusDatasetShape | undefined {
  return FOCUS_DATASETS.find((shape) => shape.name === name);
}
