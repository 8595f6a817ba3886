import { type Catalog, type Service, type Team, UNALLOCATED } from './catalog-model.js';

/** The owner dimensions every allocated amount carries. */
export interface OwnerPath {
  team: string | null;
  service: string | null;
  costCentre: string | null;
  businessUnit: string | null;
  environment: string | null;
}

export const UNALLOCATED_OWNER: OwnerPath = {
  team: UNALLOCATED,
  service: UNALLOCATED,
  costCentre: UNALLOCATED,
  businessUnit: UNALLOCATED,
  environment: null,
};

/** Lookups over one catalogue version. */
export class CatalogIndex {
  readonly teams: Map<string, Team>;
  readonly services: Map<string, Service>;
  readonly costCentres: Map<string, { businessUnit: string }>;
  readonly environments: Set<string>;

  constructor(readonly catalog: Catalog) {
    this.teams = new Map(catalog.teams.map((team) => [team.id, team]));
    this.services = new Map(catalog.services.map((service) => [service.id, service]));
    this.costCentres = new Map(catalog.costCentres.map((centre) => [centre.id, centre]));
    this.environments = new Set(catalog.environments.map((environment) => environment.id));
  }

  /**
   * Fills in what the catalogue implies: a service brings its owner team and cost centre, a
   * team its cost centre, a cost centre its business unit. What a rule sets explicitly wins.
   */
  resolveOwner(set: {
    team?: string;
    service?: string;
    costCentre?: string;
    environment?: string;
  }): OwnerPath {
    const service = set.service === undefined ? undefined : this.services.get(set.service);
    const team = set.team ?? service?.ownerTeam ?? null;
    const costCentre =
      set.costCentre ??
      service?.costCentre ??
      (team === null ? undefined : this.teams.get(team)?.costCentre) ??
      null;
    return {
      team,
      service: set.service ?? null,
      costCentre,
      businessUnit: costCentre === null ? null : (this.costCentres.get(costCentre)?.businessUnit ?? null),
      environment: set.environment ?? null,
    };
  }
}
