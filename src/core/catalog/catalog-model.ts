/**
 * The service catalogue: who can own cost. Plain YAML in the user's repository, stored as
 * numbered versions. Ids are lower-case slugs (`payments`, `checkout-api`).
 */
export type Criticality = 'low' | 'medium' | 'high' | 'critical';

export interface BusinessUnit {
  id: string;
  name: string;
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
}

export interface Service {
  id: string;
  name: string;
  ownerTeam: string;
  costCentre: string;
  criticality: Criticality;
  environments: string[];
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

export interface CatalogVersion {
  version: number;
  appliedAt: string;
  appliedBy: string;
  catalog: Catalog;
}
