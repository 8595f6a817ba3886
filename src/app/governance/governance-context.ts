import { parse as parseYaml } from 'yaml';
import type { Catalog } from '../../core/catalog/catalog-model.js';
import { TollgateError } from '../../core/errors.js';
import type { PolicyVersion } from '../../ports/governance-store.js';
import type { RateCardVersion } from '../../ports/ratecard-store.js';
import type { Stores } from '../../ports/stores.js';

/**
 * The current service catalogue, read through the CatalogStore port. Governance checks every
 * service and environment against it, so it refuses to work without one.
 */
export async function loadCatalog(stores: Stores): Promise<Catalog> {
  const current = await stores.catalog.currentCatalog();
  if (!current) {
    throw new TollgateError(
      'CATALOG_MISSING',
      'No service catalogue has been applied yet; apply one (catalog.yaml) so that services and environments are known.',
      'not-found',
    );
  }
  return current.catalog;
}

export async function requirePolicy(stores: Stores): Promise<PolicyVersion> {
  const current = await stores.governance.currentPolicy();
  if (!current) {
    throw new TollgateError(
      'POLICY_MISSING',
      'No governance policy (change models, roles, windows, cost model) has been applied; apply one (governance.yaml) first.',
      'not-found',
    );
  }
  return current;
}

export async function requireRateCard(stores: Stores): Promise<RateCardVersion> {
  const current = await stores.governance.rateCards.currentRateCard();
  if (!current) {
    throw new TollgateError(
      'RATECARD_MISSING',
      'No rate card has been applied; apply one (rates.yaml) first.',
      'not-found',
    );
  }
  return current;
}

/** Parses YAML (or JSON) text; a clear error names the file and the line. */
export function parseYamlText(text: string, what: string): unknown {
  try {
    return parseYaml(text);
  } catch (error) {
    throw new TollgateError(
      'YAML_INVALID',
      `${what} is not valid YAML: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}. Fix it and try again; nothing was changed.`,
    );
  }
}

/** The time to record: an explicit ISO time (tests, back-filling) or now. */
export function nowOr(at: string | undefined): string {
  return at ?? new Date().toISOString();
}

/** Who is acting, for the decision log: --by when given, else the configured or login user. */
export function actingUser(explicit: string | undefined, env: NodeJS.ProcessEnv): string {
  return explicit ?? env.TOLLGATE_USER ?? env.USER ?? 'unknown';
}
