/**
 * The words of licences and vendor contracts. A vendor contract runs from `startsOn` to `endsOn`
 * (both included); to stop it renewing, notice must be given `noticeDays` before it ends. A
 * licence is an entitlement (so many seats, cores or users for a term at a price) bought under a
 * contract; its usage is who holds it, by team. An SLA breach is a month a service level was
 * missed, with the credit the contract's schedule owes for it. Amounts are decimal strings.
 */
export const LICENCE_METRICS = ['seats', 'cores', 'users'] as const;
export type LicenceMetric = (typeof LICENCE_METRICS)[number];

/** One step of a credit schedule: a measured level below `below` earns `creditPercent` of the month's fee. */
export interface CreditStep {
  below: string;
  creditPercent: string;
}

/** A service level: its target (a percentage, e.g. 99.9), how it is measured, and its credits. */
export interface SlaTerm {
  name: string;
  target: string;
  measurement: string;
  credits: CreditStep[];
}

export interface VendorContract {
  id: string;
  /** As the bills name it (ProviderName or InvoiceIssuerName), so actual spend can be found. */
  vendor: string;
  ownerTeam: string;
  currency: string;
  startsOn: string;
  endsOn: string;
  noticeDays: number;
  autoRenews: boolean;
  /** Spend promised over the whole term, or null when none was. */
  committedSpend: string | null;
  /** Yearly rise of the fee, in percent, compounded on each contract anniversary. */
  escalationPercent: string;
  /** The fee of the first contract year's months (the base of SLA credits), or null. */
  monthlyFee: string | null;
  slas: SlaTerm[];
}

export interface Licence {
  id: string;
  product: string;
  publisher: string | null;
  metric: LicenceMetric;
  quantity: number;
  startsOn: string;
  endsOn: string;
  /** What the whole term costs. */
  price: string;
  currency: string;
  /** The vendor contract it is bought under; a licence without one is refused. */
  contractId: string;
  /** Who pays for what nobody holds (shelfware). */
  ownerTeam: string;
}

export interface Assignment {
  assignee: string;
  team: string;
  quantity: number;
}

/** Who holds a licence now: a user or host per assignment, or measured consumption by team. */
export interface LicenceUsage {
  licenceId: string;
  assignments: Assignment[];
}

export interface SlaBreach {
  id: string;
  contractId: string;
  sla: string;
  /** The month measured, YYYY-MM. */
  month: string;
  /** The level reached, in percent. */
  measured: string;
  incidentId: string | null;
  /** From the contract's schedule: the month's fee times the credit percent, in the contract's currency. */
  creditOwed: string;
  creditReceived: string | null;
  receivedOn: string | null;
}

/** The registers kept as versioned records, and the record type each holds. */
export interface ContractRegisterRecords {
  licence: Licence;
  'licence-usage': LicenceUsage;
  'vendor-contract': VendorContract;
  'sla-breach': SlaBreach;
}
export type ContractRegister = keyof ContractRegisterRecords;

export const CONTRACT_FIELDS = [
  'id',
  'vendor',
  'ownerTeam',
  'currency',
  'startsOn',
  'endsOn',
  'noticeDays',
  'autoRenews',
  'committedSpend',
  'escalationPercent',
  'monthlyFee',
  'slas',
] as const satisfies readonly (keyof VendorContract)[];

export const LICENCE_FIELDS = [
  'id',
  'product',
  'publisher',
  'metric',
  'quantity',
  'startsOn',
  'endsOn',
  'price',
  'currency',
  'contractId',
  'ownerTeam',
] as const satisfies readonly (keyof Licence)[];

/** A usage file's columns: one row per assignment. */
export const USAGE_FIELDS = ['licenceId', 'assignee', 'team', 'quantity', 'asOf'] as const;

export const BREACH_FIELDS = ['id', 'contractId', 'sla', 'month', 'measured', 'incidentId'] as const;
