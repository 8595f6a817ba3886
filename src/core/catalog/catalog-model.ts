/**
 * The service catalogue: who can own cost. Plain YAML in the user's repository, stored as
 * numbered versions. Ids are lower-case slugs (`payments`, `checkout-api`).
 */
export type Criticality = 'low' | 'medium' | 'high' | 'critical';

export interface BusinessUnit {
  id: string;
  name: string;
  /** A larger unit this one belongs to; the chain may not loop. */
  parent?: string;
}

export interface CostCentre {
  id: string;
  name: string;
  businessUnit: string;
}

export interface Team {
  id: string;
  name: string;
  costCentre: string;
  /** A team this one reports into; the chain may not loop. */
  parent?: string;
}

export interface Service {
  id: string;
  name: string;
  ownerTeam: string;
  costCentre: string;
  criticality: Criticality;
  environments: string[];
  /** Revenue lost per hour the service is down (policy currency), which prices an incident's outage. */
  revenuePerOutageHour?: string;
}

export interface Environment {
  id: string;
  name: string;
  /** Production environments count for DORA; several are allowed. */
  production: boolean;
}

export interface Catalog {
  businessUnits: BusinessUnit[];
  costCentres: CostCentre[];
  teams: Team[];
  services: Service[];
  environments: Environment[];
}

/** `unallocated` is the owner of cost no rule claims; no catalogue entry may take the id. */
export const UNALLOCATED = 'unallocated';

export interface CatalogVersion {
  version: number;
  /** sha256 of the catalogue's canonical JSON, so re-applying the same catalogue is recognised. */
  contentHash: string;
  appliedAt: string;
  appliedBy: string;
  catalog: Catalog;
}
