import type { CatalogIndex } from '../catalog/catalog-index.js';
import type { RuleSet } from './rule-set-model.js';

/**
 * Owners a stored rule set names that the catalogue no longer has (a team removed after the
 * rules were applied). An allocation run refuses them rather than invent an owner.
 */
export function findMissingOwners(ruleSet: RuleSet, catalog: CatalogIndex): string[] {
  const missing = new Set<string>();
  for (const rule of ruleSet.mapping) {
    if (rule.set.team !== undefined && !catalog.teams.has(rule.set.team))
      missing.add(`team '${rule.set.team}' (rule ${rule.id})`);
    if (rule.set.service !== undefined && !catalog.services.has(rule.set.service))
      missing.add(`service '${rule.set.service}' (rule ${rule.id})`);
    if (rule.set.costCentre !== undefined && !catalog.costCentres.has(rule.set.costCentre))
      missing.add(`cost centre '${rule.set.costCentre}' (rule ${rule.id})`);
    if (rule.set.environment !== undefined && !catalog.environments.has(rule.set.environment))
      missing.add(`environment '${rule.set.environment}' (rule ${rule.id})`);
  }
  for (const rule of ruleSet.shared) {
    for (const team of rule.targets)
      if (!catalog.teams.has(team)) missing.add(`team '${team}' (rule ${rule.id})`);
  }
  return [...missing];
}
