import type { SpendClass } from '../governance-types.js';

export type ReleaseStatus = 'open' | 'closed';

export interface LabourEstimate {
  role: string;
  hours: string;
}

export interface LicenceEstimate {
  name: string;
  amount: string;
}

/** Environment usage of one pipeline stage: hours in an environment class at that class's hourly rate. */
export interface EnvironmentEstimate {
  stage: string;
  environmentClass: string;
  hours: string;
}

/** A reserve for rollbacks and hotfixes: a percentage of the subtotal or a fixed amount. */
export type Contingency = { percent: string } | { amount: string };

export interface ReleaseEstimateInput {
  labour: LabourEstimate[];
  licences: LicenceEstimate[];
  environments: EnvironmentEstimate[];
  /** Hourly rate per environment class (for example production, staging, test). */
  environmentRates: Record<string, string>;
  contingency?: Contingency | undefined;
}

export interface Release {
  id: string;
  name: string;
  services: string[];
  status: ReleaseStatus;
  currency: string;
  /** Absent when no budget was set; the change model decides what the gate makes of that. */
  budget?: string | undefined;
  plannedDate: string;
  costOfDelayPerWeek: string;
  spendClass: SpendClass;
  spendReason: string;
  estimate: ReleaseEstimateInput;
  createdAt: string;
  closedAt?: string | undefined;
}

/** Labour booked against a release; the rate is the rate card's on the day worked. */
export interface TimeEntry {
  releaseId: string;
  person: string;
  role: string;
  hours: string;
  date: string;
  hourlyRate: string;
  amount: string;
  note?: string | undefined;
}

/** A re-baselined estimate of a release: version 2 on (version 1 is the estimate it was created with). */
export interface ReleaseBaseline {
  releaseId: string;
  version: number;
  estimate: ReleaseEstimateInput;
  /** The estimate's total when it was made, in the release's currency. */
  total: string;
  reason: string;
  createdAt: string;
  createdBy: string;
}
